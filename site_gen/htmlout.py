"""Built HTML made smaller without changing what it shows.

Material's templates indent every line; across thousands of entry pages that indentation is a
sixth of the site. Leading whitespace on a line is not significant in HTML except inside
``<pre>``, ``<textarea>`` and scripts, which are kept byte for byte.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)", re.DOTALL)
_INDENT = re.compile(r"\n\s+")
_ELLIPSIS = re.compile(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>')
_BETWEEN_TAGS = re.compile(r">\s+<")
_LINK_TEXT = re.compile(r"(<a\b[^>]*>)\s+([^<]*?)\s+(</a>)")


def compact(html: str) -> str:
    """``html`` without indentation and blank lines outside pre, textarea and script elements.

    >>> compact("<div>\\n\\n    <p>a</p>\\n</div><pre>\\n  kept</pre>")
    '<div>\\n<p>a</p>\\n</div><pre>\\n  kept</pre>'
    """
    parts = _KEEP.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = _INDENT.sub("\n", parts[i])
    return "".join(parts)


def slim(html: str) -> str:
    """Theme markup with less of it, for blocks rendered once and written on thousands of pages
    (the header, the navigation): no whitespace between tags, and titles without the
    ``md-ellipsis`` span that would cut a title too long for its column (the site's navigation
    titles are short). Scripts, ``<pre>`` and ``<textarea>`` are kept byte for byte.

    >>> slim('<li>\\n<a href="x"><span class="md-ellipsis">\\nHome\\n</span></a>\\n</li>')
    '<li><a href="x">Home</a></li>'
    """
    parts = _KEEP.split(html)
    for i in range(0, len(parts), 2):
        text = _LINK_TEXT.sub(r"\1\2\3", _ELLIPSIS.sub(r"\1", parts[i]))
        parts[i] = _BETWEEN_TAGS.sub("><", text)
    return "".join(parts)
