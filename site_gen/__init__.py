"""The registry's website: a plain Markdown tree (plus data files) generated from a loaded
registry, rendered by MkDocs + Material through the thin hook in :mod:`site_gen.mkdocs_hook`.

>>> import registry, site_gen                                  # doctest: +SKIP
>>> ctx = site_gen.generate(registry.load("entries"))          # doctest: +SKIP
>>> sorted(ctx.files)[:2]                                      # doctest: +SKIP
['api/entries/alpaca.json', 'api/entries/alpaca-data.json']
"""

from .generate import generate, write_tree

__all__ = ["generate", "write_tree"]
