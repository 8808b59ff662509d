"""Name comparison that ignores case, spaces and punctuation ("LLaMa" is "LLaMA")."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_NOT_ALNUM = re.compile(r"[\W_]+")


def normalize_name(text: str) -> str:
    """Fold a name to the key used for duplicate detection and look-up.

    >>> normalize_name("PanGu-α") == normalize_name("pangu α")
    True
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_ALNUM.sub("", folded)


def lookalike_keys(text: str) -> tuple[str, str]:
    """Keys under which names that merely look alike meet: the UTS #39 skeleton folded like
    :func:`normalize_name`, taken before and after case folding (``I`` looks like ``l``, but
    ``i`` does not)."""
    from .confusables import skeleton

    nfkc = unicodedata.normalize("NFKC", text)
    before = _NOT_ALNUM.sub("", skeleton(nfkc).casefold())
    after = _NOT_ALNUM.sub("", skeleton(nfkc.casefold()).casefold())
    return before, after


def suggest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Close matches for a mistyped id or name, closest first."""
    pool = list(candidates)
    close = difflib.get_close_matches(word, pool, n=n, cutoff=0.6)
    if close:
        return close
    key = normalize_name(word)
    return [c for c in pool if key and (key in normalize_name(c))][:n]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A "; did you mean ...?" suffix for a message, or "" when nothing is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""
