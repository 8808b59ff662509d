"""The loaded registry: every valid entry, where it came from, and look-ups by id and name.

One ``Registry`` object is what every consumer reads: the lineage graph, the link checker, the
exports and the site. It is built once by :func:`registry.load`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .edges import Edge
from .loader import LoadedFile, Loc
from .names import normalize_name, suggest
from .schema import MODELS_BY_KIND, AnyEntry, Dataset, Library, Model, Organization
from .snapshot import Snapshot, of_files

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


def _listed(value: Any) -> list[str]:
    """A one-or-many field as written in a file (``aliases: X`` or ``aliases: [X, Y]``)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class EntryStore(Mapping[str, AnyEntry]):
    """Entries by id, each built as a typed object on first access.

    A freshly validated registry hands over its typed entries; a registry loaded from the cache
    hands over the data of its (already validated) files, and builds an entry only when read.
    """

    def __init__(
        self,
        built: Mapping[str, AnyEntry] | None = None,
        raw: Mapping[str, dict[str, Any]] | None = None,
    ) -> None:
        self._built: dict[str, AnyEntry] = dict(built or {})
        self._raw: Mapping[str, dict[str, Any]] = raw if raw is not None else {}
        self._order = list(self._built) + [i for i in self._raw if i not in self._built]

    def __getitem__(self, entry_id: str) -> AnyEntry:
        entry = self._built.get(entry_id)
        if entry is None:
            data = self._raw[entry_id]
            entry = MODELS_BY_KIND[data["kind"]].model_validate(data)  # type: ignore[assignment]
            self._built[entry_id] = entry
        return entry

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._built or entry_id in self._raw

    def summary(self, entry_id: str) -> tuple[str, list[str]]:
        """The kind and every name (id, name, aliases, former ids) without building the entry."""
        entry = self._built.get(entry_id)
        if entry is not None:
            names = [entry.id, entry.name, *entry.aliases, *entry.former_ids]
            return entry.kind, names
        data = self._raw[entry_id]
        names = [
            entry_id,
            data["name"],
            *_listed(data.get("aliases")),
            *_listed(data.get("former_ids")),
        ]
        return data["kind"], names

    def checkpoint_names(self, entry_id: str) -> list[str]:
        """The published names of a model's checkpoints, without building the entry."""
        entry = self._built.get(entry_id)
        if entry is not None:
            return [c.name for c in entry.checkpoints] if isinstance(entry, Model) else []
        listed = self._raw[entry_id].get("checkpoints") or []
        return [str(c["name"]) for c in listed if isinstance(c, dict) and "name" in c]


class Registry:
    """All entries of a registry, by id, with their source files and declared edges."""

    def __init__(
        self,
        entries: Mapping[str, AnyEntry],
        files: Mapping[str, LoadedFile],
        edges: list[Edge],
        *,
        tables: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        """``tables`` (see :meth:`lookup_tables`) may be given when they are known (from the
        load cache), so that the entries need not be read to make them."""
        self.entries = entries if isinstance(entries, EntryStore) else EntryStore(entries)
        self.files = files
        self.edges = edges
        if tables is not None:
            self._kinds = dict(tables["kinds"])
            self._names = dict(tables["names"])
            self._checkpoints = dict(tables["checkpoints"])
            return
        self._names: dict[str, str] = {}
        self._kinds: dict[str, str] = {}
        self._checkpoints: dict[str, str] = {}
        for entry_id in self.entries:
            kind, names = self.entries.summary(entry_id)
            self._kinds[entry_id] = kind
            for name in names:
                self._names.setdefault(normalize_name(name), entry_id)
            if kind == "model":
                for name in self.entries.checkpoint_names(entry_id):
                    self._checkpoints.setdefault(normalize_name(name), entry_id)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup_tables(self) -> dict[str, dict[str, str]]:
        """What look-ups use without building entries: each id's kind, and the entry each
        normalized id, name, alias, former id and checkpoint name belongs to."""
        return {"kinds": self._kinds, "names": self._names, "checkpoints": self._checkpoints}

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
        """The entry whose id, name, alias or (for a model) checkpoint name matches, ignoring
        case, spaces and punctuation: ``find("Qwen2.5-7B-Instruct")`` is the Qwen2.5 release.
        An entry's own names win over another entry's checkpoint of the same name."""
        key = normalize_name(name_or_alias)
        entry_id = self._names.get(key) or self._checkpoints.get(key)
        return self.entries[entry_id] if entry_id else None

    def kind_of(self, entry_id: str) -> str:
        """The kind of an entry, without building it."""
        return self._kinds[entry_id]

    def of_kind(self, kind: str) -> list[AnyEntry]:
        return [self.entries[i] for i, k in self._kinds.items() if k == kind]

    @property
    def models(self) -> list[Model]:
        return self.of_kind("model")  # type: ignore[return-value]

    @property
    def datasets(self) -> list[Dataset]:
        return self.of_kind("dataset")  # type: ignore[return-value]

    @property
    def libraries(self) -> list[Library]:
        return self.of_kind("library")  # type: ignore[return-value]

    @property
    def organizations(self) -> list[Organization]:
        return self.of_kind("organization")  # type: ignore[return-value]

    def path_of(self, entry_id: str) -> str:
        """The file an entry was loaded from, as it was given to the loader."""
        return self.files[entry_id].path

    def position(self, entry_id: str, loc: Loc) -> tuple[int, int]:
        """Line and column of a field of an entry in its file."""
        return self.files[entry_id].position(loc)

    @cached_property
    def snapshot(self) -> Snapshot:
        """Which data this is (package version, date, commit, entries): cite it with results."""
        return of_files((f.path for f in self.files.values()), len(self))

    @cached_property
    def lineage(self) -> Lineage:
        """The lineage graph, built on first use and kept."""
        from .lineage import Lineage

        return Lineage(self)
