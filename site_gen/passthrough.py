"""Raw HTML blocks written by the generator, passed through ``mkdocs build`` without being parsed.

Python-Markdown outputs a block-level HTML block as it is, but to find where the block ends it
tokenizes all of it with ``html.parser``, and MkDocs tokenizes the whole page a second time to
collect anchor ids; on entry pages and index tables those two passes were most of the build time.
The generator already knows where its blocks are, and has escaped every entry value in them, so
it marks each block with :func:`wrap`; the MkDocs hook swaps each marked block for a one-line
placeholder before Markdown runs (:func:`stash`) and puts it back, byte for byte, in the HTML that
Markdown produced (:func:`restore`). The page comes out exactly as Python-Markdown would have
made it.

Without the hook (another renderer reading the generated tree) the markers are HTML comments
around ordinary raw HTML blocks, so the Markdown files stay plain Markdown.

Only generated pages are stashed, and entry text can never produce a marker: every ``<`` from
an entry is escaped before it reaches a page.

>>> text, blocks = stash("# T\\n\\n" + wrap("<table></table>") + "\\n")
>>> text
'# T\\n\\n<!--llmr:0-->\\n'
>>> restore("<h1>T</h1>\\n<!--llmr:0-->", blocks)
'<h1>T</h1>\\n<table></table>'
"""

from __future__ import annotations

import re

OPEN = "<!-- llmr:html -->"
CLOSE = "<!-- /llmr:html -->"
_BLOCK = re.compile(
    rf"^{re.escape(OPEN)}\n\n(.*?)\n\n{re.escape(CLOSE)}$", re.MULTILINE | re.DOTALL
)
_PLACEHOLDER = re.compile(r"<!--llmr:(\d+)-->")


def wrap(html: str) -> str:
    """A raw HTML block (starting with a block-level tag) marked for pass-through; blank lines
    around it keep it a raw block for any Markdown renderer."""
    return f"{OPEN}\n\n{html}\n\n{CLOSE}"


def stash(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with every marked block replaced by a placeholder comment, and the blocks."""
    blocks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        blocks.append(match.group(1))
        return f"<!--llmr:{len(blocks) - 1}-->"

    return _BLOCK.sub(keep, markdown), blocks


def restore(html: str, blocks: list[str]) -> str:
    """The rendered page with each placeholder replaced by its block."""
    if not blocks:
        return html
    return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], html)
