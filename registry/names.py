"""Name comparison that ignores case, spaces and punctuation ("LLaMa" is "LLaMA")."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

from .confusables import ascii_skeleton, skeleton

_NOT_ALNUM = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    """Drop what is not a letter or digit, but keep a plus as the word it stands for: "Command
    R+" is not "Command R" (it is "Command R Plus")."""
    return _NOT_ALNUM.sub("", text.replace("+", "plus"))


def _slow_normalize(text: str) -> str:
    return _fold(unicodedata.normalize("NFKC", text).casefold())


def _slow_lookalike(text: str, skeleton: Callable[[str], str] = skeleton) -> tuple[str, str]:
    nfkc = text if text.isascii() else unicodedata.normalize("NFKC", text)
    before = _fold(skeleton(nfkc).casefold())
    folded = nfkc.casefold()
    if folded == nfkc:
        return before, before
    return before, _fold(skeleton(folded).casefold())


@cache
def _ascii_tables() -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """For ASCII text every step of the keys works one character at a time (NFKC and NFD
    change nothing, case folding and the prototypes map each character alone), so each key is
    one ``str.translate``: a registry's names are nearly all ASCII, and validation computes
    their keys tens of thousands of times. tests/test_names.py checks the tables against the
    step-by-step computation."""
    chars = [chr(c) for c in range(128)]
    normal = {ord(c): _slow_normalize(c) for c in chars}
    keys = {ord(c): _slow_lookalike(c, ascii_skeleton) for c in chars}  # (NFKC and case folding
    # keep ASCII ASCII: only the ASCII prototypes apply, and the whole table need not be built)
    before = {code: pair[0] for code, pair in keys.items()}
    after = {code: pair[1] for code, pair in keys.items()}
    return normal, before, after


# One validation asks for the same name's keys in several rules (duplicate names, checkpoint
# names), in the registry's look-up tables and in the cache's look-alike table: each is
# computed once. Bounded, so a long-lived process does not grow without end.
_MEMO_SIZE = 1 << 17


@lru_cache(maxsize=_MEMO_SIZE)
def normalize_name(text: str) -> str:
    """Fold a name to the key used for duplicate detection and look-up.

    >>> normalize_name("PanGu-α") == normalize_name("pangu α")
    True
    >>> normalize_name("Command R+") == normalize_name("Command R")
    False
    """
    return text.translate(_ascii_tables()[0]) if text.isascii() else _slow_normalize(text)


@lru_cache(maxsize=_MEMO_SIZE)
def lookalike_keys(text: str) -> tuple[str, str]:
    """Keys under which names that merely look alike meet: the UTS #39 skeleton folded like
    :func:`normalize_name`, taken before and after case folding (``I`` looks like ``l``, but
    ``i`` does not)."""
    if text.isascii():
        _, before, after = _ascii_tables()
        return text.translate(before), text.translate(after)
    return _slow_lookalike(text)


SUGGEST_CUTOFF = 0.75  # below this similarity a suggestion misleads more than it helps
_PARTS = re.compile(r"[\s._/-]+")


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates a mistyped word most likely meant, best first; [] when none is close.

    Compared after folding case, spaces and punctuation (``fine-tune`` is ``finetune``,
    ``Apache 2`` is close to ``Apache-2.0``). A candidate holding the word as one of its parts
    (``decoder`` in ``causal-decoder``) comes before one that merely shares letters
    (``encoder``), and weak resemblances (``nonexistent`` and ``infiniset``) are dropped.

    >>> closest("fine-tune", ["finetune", "adapter"])
    ['finetune']
    >>> closest("decoder", ["encoder", "causal-decoder"])
    ['causal-decoder']
    """
    key = normalize_name(word)
    if not key:
        return []
    folded: dict[str, list[str]] = {}
    for candidate in dict.fromkeys(candidates):
        folded.setdefault(normalize_name(candidate), []).append(candidate)
    if key in folded:
        return folded[key][:n]
    whole = [c for k, cs in folded.items() for c in cs if key in _parts(c) and k != key]
    if whole:
        return whole[:n]
    close = difflib.get_close_matches(key, list(folded), n=n, cutoff=SUGGEST_CUTOFF)
    return [folded[k][0] for k in close]


def _parts(text: str) -> set[str]:
    return {normalize_name(part) for part in _PARTS.split(text) if part}


def suggest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Close matches for a mistyped id or name, closest first (see :func:`closest`)."""
    return closest(word, candidates, n)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A "; did you mean ...?" suffix for a message, or "" when nothing is close."""
    found = closest(word, candidates, n=2)
    return f"; did you mean {' or '.join(repr(c) for c in found)}?" if found else ""


def slugify(name: str) -> str:
    """The id a name gets: lowercase letters, digits, '-' and '.'.

    >>> slugify("Alpaca-LoRA 7B"), slugify("PanGu-α"), slugify("GPT-3.5 (turbo)")
    ('alpaca-lora-7b', 'pangu', 'gpt-3.5-turbo')
    """
    text = name.lower().replace("_", "-")
    text = re.sub(r"[^a-z0-9.]+", "-", text)
    text = re.sub(r"-{2,}", "-", text)
    return text.strip("-.")
