"""What puts an exact name or alias first in the site's search.

Material's search is Lunr: every query word becomes a prefix query (``vicuna`` → ``vicuna*``),
documents score the sum of their matching terms, and field lengths do not count (``b = 0``).
So "Chinese Vicuna" and "Vicuna" match ``vicuna`` in their titles alike, and the page that
mentions the word more often wins: searching "vicuna" listed Chinese Vicuna first.

Entry records get one more field, :data:`FIELD`, boosted far above the title. It holds each of
the entry's names written as one token (lowercase, spaces and hyphens removed: "Chinese Vicuna"
→ ``chinesevicuna``, and without a leading "the": "The Pile" → ``pile``), so a query word matches
it only from the start of a name: ``vicuna*`` finds Vicuna's ``vicuna`` and not
``chinesevicuna``. Material splits a query at spaces and hyphens ("gpt-3" → ``gpt``, ``3*``), so
a name's later words are written too, each with what follows it (``3`` for GPT-3, ``3.5`` for
GPT-3.5, ``vicuna`` for Chinese Vicuna), but its full form counts twice.

A name may still begin another one (LLaMA, LLaMA-Adapter), and a prefix query cannot tell them
apart; so each form is written as several tokens, all distinct (every token is in one record,
so each scores the same), as many as it takes to outscore every other entry whose forms begin
with it (:func:`weights`). What this guarantees: a query of one word (or one name
with hyphens, "gpt-3") that is an entry's name or alias lists that entry first. A query of
several words that is a name ("chinese llama") is ranked by the title and text as before,
with the words' own forms added.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

FIELD = "names"
BOOST = 1e8  # Material's defaults: title 1e3, text 1, tags 1e6
_SEPARATORS = re.compile(r"[\s\-_]+")  # Material's separator, and the marker "_" used below
MOST_WORDS = 4  # longer names (spelled-out titles) are found by their full form and title only
_NOT_KEPT = re.compile(r"[^\w.+]|_")  # no markup or punctuation reaches the index's tokens


def forms(name: str) -> tuple[str, list[str]]:
    """A name's full one-token form and the forms of its later words, each with what follows
    it: ``("chinesellama", ["llama"])``; "The Pile" → ``("pile", [])``. Only letters, digits,
    dots and plus signs are kept."""
    words = [_NOT_KEPT.sub("", w) for w in _SEPARATORS.split(name.casefold())]
    words = [w for w in words if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    later = range(1, len(words)) if len(words) <= MOST_WORDS else ()
    return "".join(words), ["".join(words[i:]) for i in later]


@dataclass
class Names:
    """The forms of one entry's names: full ones, and every form (full ones included)."""

    full: set[str] = field(default_factory=set)
    every: set[str] = field(default_factory=set)


def own_names(names: Iterable[str]) -> Names:
    """The forms of all of an entry's names."""
    found = Names()
    for full, later in map(forms, names):
        if full:
            found.full.add(full)
            found.every.update([full, *later])
    return found


def weights(names_of: Mapping[str, Names]) -> dict[str, int]:
    """How many tokens each form is written as. A query word ``q`` scores an entry one unit per
    token of its forms that begin with ``q`` (a full form's tokens twice). An entry whose full
    name is ``q`` scores ``2 * weights[q]``; an entry with ``q`` among its later words scores
    ``weights[q]`` and whatever its longer forms add; ``weights[q]`` is one more than the most
    any single entry collects from forms that extend ``q``, so the full name wins. Longer forms
    are weighed first: a form's weight depends on the weights of those that extend it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entry_id, names in names_of.items():
        for form in names.every:
            owners[form].add(entry_id)
    ordered = sorted(owners)
    found: dict[str, int] = {}
    for form in sorted(owners, key=len, reverse=True):
        start = bisect_left(ordered, form)
        rivals: dict[str, int] = defaultdict(int)
        for longer in ordered[start + 1 : bisect_left(ordered, form + "\U0010ffff", start)]:
            for entry_id in owners[longer]:
                names = names_of[entry_id]
                if form not in names.full:
                    rivals[entry_id] += found[longer] * (2 if longer in names.full else 1)
        found[form] = 1 + max(rivals.values(), default=0)
    return found


def field_values(names_of: Mapping[str, Names]) -> dict[str, str]:
    """Each entry's :data:`FIELD` text: every form repeated as its weight (twice for full forms)
    in tokens made distinct by a running number (``llama_0 llama_1 llama_2``)."""
    weight = weights(names_of)
    count = 0
    found: dict[str, str] = {}
    for entry_id, names in names_of.items():
        tokens = []
        for form in sorted(names.every):
            times = weight[form] * (2 if form in names.full else 1)
            tokens += [f"{form}_{count + i:x}" for i in range(times)]
            count += times
        found[entry_id] = " ".join(tokens)
    return found
