"""The fast ASCII path of the name keys gives exactly the step-by-step keys."""

from __future__ import annotations

import random
import string

from registry import names
from registry.store import Registry


def test_ascii_tables_match_the_step_by_step_keys(reg: Registry) -> None:
    rng = random.Random(7)
    texts = [t for e in reg for t in (e.id, e.name, *e.aliases, *e.former_ids)]
    texts += ["".join(rng.choices(string.printable, k=rng.randint(0, 16))) for _ in range(5000)]
    texts += ["Command R+", "C++", "100%", "Mistra1", "LLama", "rn", "I|l1", ""]
    assert len(texts) > 5000 and all(t.isascii() for t in texts[-5008:])
    for text in texts:
        assert names.normalize_name(text) == names._slow_normalize(text), text
        assert names.lookalike_keys(text) == names._slow_lookalike(text), text


def test_keys_of_look_alikes_meet() -> None:
    assert names.lookalike_keys("LLаMA")[0] == names.lookalike_keys("LLaMA")[0]  # Cyrillic а
    assert names.lookalike_keys("Mistra1")[0] == names.lookalike_keys("Mistral")[0]
    assert names.normalize_name("Command R+") == names.normalize_name("command r plus")
    assert names.normalize_name("Command R+") != names.normalize_name("Command R")


def test_the_ascii_prototypes_are_the_tables_own() -> None:
    from registry import confusables

    prototypes, _ = confusables._tables()
    assert confusables._ascii_prototypes() == {c: t for c, t in prototypes.items() if c < 128}
    for code in range(128):
        assert confusables.ascii_skeleton(chr(code)) == confusables.skeleton(chr(code))
