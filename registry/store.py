"""The loaded registry: every valid entry, where it came from, and look-ups by id and name.

One ``Registry`` object is what every consumer reads: the lineage graph, the link checker, the
exports and the site. It is built once by :func:`registry.load`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from .edges import Edge
from .loader import LoadedFile, Loc
from .names import normalize_name, suggest
from .schema import AnyEntry, Dataset, Library, Model, Organization

if TYPE_CHECKING:
    from .lineage import Lineage


class UnknownEntryError(KeyError):
    """An id that no entry has; the message suggests close ids and aliases."""

    def __init__(self, entry_id: str, suggestions: list[str]) -> None:
        self.entry_id = entry_id
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(map(repr, suggestions))}?" if suggestions else ""
        super().__init__(f"no entry has the id {entry_id!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class Registry:
    """All entries of a registry, by id, with their source files and declared edges."""

    def __init__(
        self, entries: dict[str, AnyEntry], files: dict[str, LoadedFile], edges: list[Edge]
    ) -> None:
        self.entries = entries
        self.files = files
        self.edges = edges
        self._names: dict[str, str] = {}
        for entry in entries.values():
            for name in (entry.id, entry.name, *entry.aliases, *entry.former_ids):
                self._names.setdefault(normalize_name(name), entry.id)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[AnyEntry]:
        return iter(self.entries.values())

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def get(self, entry_id: str) -> AnyEntry:
        """The entry with this id; :class:`UnknownEntryError` (a KeyError) suggests close ones."""
        try:
            return self.entries[entry_id]
        except KeyError:
            raise UnknownEntryError(entry_id, self.suggest(entry_id)) from None

    def suggest(self, text: str) -> list[str]:
        """Ids close to ``text``, by id and by name or alias."""
        by_id = suggest(text, list(self.entries))
        by_name = [self._names[k] for k in suggest(normalize_name(text), list(self._names))]
        return list(dict.fromkeys(by_id + by_name))[:3]

    def find(self, name_or_alias: str) -> AnyEntry | None:
        """The entry whose id, name or alias matches, ignoring case, spaces and punctuation."""
        entry_id = self._names.get(normalize_name(name_or_alias))
        return self.entries[entry_id] if entry_id else None

    def of_kind(self, kind: str) -> list[AnyEntry]:
        return [e for e in self.entries.values() if e.kind == kind]

    @property
    def models(self) -> list[Model]:
        return [e for e in self.entries.values() if isinstance(e, Model)]

    @property
    def datasets(self) -> list[Dataset]:
        return [e for e in self.entries.values() if isinstance(e, Dataset)]

    @property
    def libraries(self) -> list[Library]:
        return [e for e in self.entries.values() if isinstance(e, Library)]

    @property
    def organizations(self) -> list[Organization]:
        return [e for e in self.entries.values() if isinstance(e, Organization)]

    def path_of(self, entry_id: str) -> str:
        """The file an entry was loaded from, as it was given to the loader."""
        return self.files[entry_id].path

    def position(self, entry_id: str, loc: Loc) -> tuple[int, int]:
        """Line and column of a field of an entry in its file."""
        return self.files[entry_id].position(loc)

    @cached_property
    def lineage(self) -> Lineage:
        """The lineage graph, built on first use and kept."""
        from .lineage import Lineage

        return Lineage(self)
