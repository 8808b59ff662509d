"""Built HTML made smaller without changing what it shows.

Material's templates indent every line; across thousands of entry pages that indentation is a
sixth of the site. Leading whitespace on a line is not significant in HTML except inside
``<pre>``, ``<textarea>`` and scripts, which are kept byte for byte.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)", re.DOTALL)
_INDENT = re.compile(r"\n\s+")


def compact(html: str) -> str:
    """``html`` without indentation and blank lines outside pre, textarea and script elements.

    >>> compact("<div>\\n\\n    <p>a</p>\\n</div><pre>\\n  kept</pre>")
    '<div>\\n<p>a</p>\\n</div><pre>\\n  kept</pre>'
    """
    parts = _KEEP.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = _INDENT.sub("\n", parts[i])
    return "".join(parts)
