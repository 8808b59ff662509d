"""``python -m registry``: the same as the ``llm-registry`` command."""

from .cli import main

raise SystemExit(main())
