"""Typed entries: one pydantic model per kind, discriminated by ``kind``.

Unknown keys are refused everywhere (a typo must not silently drop a fact), every factual field
may be left out (an unknown fact is never guessed), and human-friendly spellings (``7B``,
``806 GB``, ``2023-03``) are accepted and stored as integers and normalised strings.
"""

from __future__ import annotations

import calendar
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    TypeAdapter,
    WithJsonSchema,
    field_validator,
)

from . import bounds
from .kinds import FOLDERS as FOLDERS
from .kinds import KINDS as KINDS
from .licenses import canonical_license
from .terminal import shown
from .units import ModelSize, parse_bytes

ID_PATTERN = r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$"
ARXIV_PATTERN = r"^\d{4}\.\d{4,5}$"

_DATE_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


def _release_date(value: Any) -> str:
    if isinstance(value, bool):
        raise ValueError("expected a date such as 2023, 2023-03 or 2023-03-13")
    text = str(value).strip()
    match = _DATE_RE.match(text)
    if not match:
        raise ValueError(f"{shown(text)} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match["y"])
    if match["m"] is not None:
        month = int(match["m"])
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} is not between 01 and 12")
        if match["d"] is not None:
            day = int(match["d"])
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise ValueError(f"{text} is not a day of that month")
    return bounds.check_release(text)


def _count(value: Any) -> int:
    return bounds.count(value)


def _model_size(value: Any) -> ModelSize:
    return bounds.model_size(value)


def _bytes(value: Any) -> int:
    return bounds.count(value, "bytes", parse_bytes)


def _context_length(value: Any) -> int:
    return bounds.whole_number(value, "context_length")


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str | int) and not isinstance(value, bool) else value


def _empty() -> Any:
    """An empty-list default (a fresh list per entry, without pydantic deep-copying one)."""
    return Field(default_factory=list)


def _one_or_many(item: Any) -> Any:
    """A list that may be written as a single value (``aliases: LLaMa``), in both schemas."""
    return Annotated[
        list[item], BeforeValidator(_as_list, json_schema_input_type=list[item] | item)
    ]


def _license(value: str) -> str:
    found = canonical_license(value)
    if found is None:
        raise ValueError(f"unknown licence {value!r}")
    return found


ReleaseDate = Annotated[str, BeforeValidator(_release_date, json_schema_input_type=str | int)]
Count = Annotated[int, BeforeValidator(_count, json_schema_input_type=int | str)]
_CONTEXT_RANGE = Field(ge=1, le=bounds.COUNT_BOUNDS["context_length"][1])
ContextLength = Annotated[
    int,
    BeforeValidator(_context_length, json_schema_input_type=Annotated[int, _CONTEXT_RANGE]),
]
ByteSize = Annotated[int, BeforeValidator(_bytes, json_schema_input_type=int | str)]
EntryId = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=100)]
Url = Annotated[str, Field(pattern=r"^\S+$", max_length=2000)]
LicenseId = Annotated[str, AfterValidator(_license)]
Text = Annotated[str, Field(min_length=1, max_length=5000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Names = _one_or_many(Name)
Ids = _one_or_many(EntryId)
Counts = _one_or_many(Count)

_COUNT_SPEC = {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}]}
# A size as written: dense (7B, 7000000000) or mixture-of-experts (235B-A22B, {total:, active:}).
SizeSpec = Annotated[
    ModelSize,
    PlainValidator(_model_size),
    PlainSerializer(int, return_type=int),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "examples": ["7B", "1.5B", "235B-A22B", "46.7B-A12.9B"]},
                {
                    "type": "object",
                    "properties": {"total": _COUNT_SPEC, "active": _COUNT_SPEC},
                    "required": ["total"],
                    "additionalProperties": False,
                },
            ],
            "description": "A dense size (7B) or a mixture-of-experts size: total and active "
            "parameters per token, 235B-A22B or {total: 235B, active: 22B}.",
        }
    ),
]


def _size_list(value: Any) -> Any:
    return [value] if isinstance(value, str | int | dict) and not isinstance(value, bool) else value


SizeSpecs = Annotated[
    list[SizeSpec],
    BeforeValidator(_size_list, json_schema_input_type=list[SizeSpec] | SizeSpec),
]
# The total of a size as written, for fields that compare totals only (a lineage edge's size).
SizeTotal = Annotated[
    int,
    BeforeValidator(lambda v: int(_model_size(v)), json_schema_input_type=int | str),
]

Access = Literal["open", "limited", "api", "closed"]
Modality = Literal[
    "text",
    "code",
    "image",
    "audio",
    "video",
    "speech",
    "3d",
    "depth",
    "thermal",
    "imu",
    "table",
    "molecule",
]
Domain = Literal[
    "general",
    "law",
    "medicine",
    "finance",
    "education",
    "math",
    "science",
    "code",
    "chinese",
    "bilingual",
    "multilingual",
    "multimodal",
    "dialogue",
    "safety",
    "translation",
]
Architecture = Literal[
    "causal-decoder",
    "prefix-decoder",
    "encoder-decoder",
    "encoder",
    "mixture-of-experts",
    "state-space",
    "long-convolution",
    "recurrent",
    "rnn",
    "word-embedding",
]
ModelRelation = Literal[
    "continued_pretraining",
    "finetune",
    "adapter",
    "alignment",
    "distillation",
    "quantized",
    "merge",
    "component",
    "successor",
]
Evidence = Literal["documented", "secondary", "inferred"]
Stage = Literal[
    "pretraining",
    "continued_pretraining",
    "instruction_tuning",
    "finetuning",
    "alignment",
    "evaluation",
    "other",
]
DatasetCategory = Literal[
    "pretraining",
    "instruction",
    "preference",
    "conversation",
    "benchmark",
    "other",
]
CheckpointStage = Literal[
    "base",
    "instruct",
    "chat",
    "reasoning",
    "code",
    "math",
    "vision",
    "guard",
    "reward",
    "embedding",
    "other",
]
OrgType = Literal["company", "academic", "nonprofit", "government", "community", "consortium"]


class Strict(BaseModel):
    """Base for every part of an entry: unknown keys are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class Source(Strict):
    """Where a fact comes from: a paper, model card or official page."""

    url: Url
    title: Name | None = None
    supports: list[str] | None = Field(
        default=None, description="Fields this source supports, e.g. [parameters, released]."
    )


def _source(value: Any) -> Any:
    return {"url": value} if isinstance(value, str) else value


SourceRef = Annotated[Source, BeforeValidator(_source, json_schema_input_type=Source | Url)]
Sources = _one_or_many(SourceRef)


class Acknowledgement(Strict):
    """A warning that reviewers accepted for this entry, with the reason (like a linter's noqa)."""

    code: Annotated[str, Field(pattern=r"^[A-Z]\d{3}$")]
    reason: Text


class Links(Strict):
    paper: Url | None = None
    arxiv: Annotated[str, Field(pattern=ARXIV_PATTERN)] | None = None
    homepage: Url | None = None
    code: Url | None = None
    weights: Url | None = None
    model_card: Url | None = None
    data: Url | None = None
    blog: Url | None = None
    docs: Url | None = None
    demo: Url | None = None
    api: Url | None = None


class EntryBase(Strict):
    id: EntryId
    name: Name
    aliases: Names = _empty()
    former_ids: Ids = Field(
        default_factory=list,
        description="Ids this entry had before a rename; their pages redirect here.",
    )
    description: Text | None = None
    organizations: Ids = _empty()
    released: ReleaseDate | None = Field(
        default=None,
        description="YYYY, YYYY-MM or YYYY-MM-DD: only as precise as the source; from 1940 "
        "to a year from today (rule S012).",
    )
    links: Links = Field(default_factory=Links)
    license: LicenseId | None = None
    access: Access | None = None
    modalities: list[Modality] = _empty()
    domains: list[Domain] = _empty()
    sources: Sources = _empty()
    notes: Text | None = Field(
        default=None, description="Caveats: where sources disagree and which one was taken."
    )
    acknowledged: list[Acknowledgement] = Field(
        default_factory=list,
        description="Warnings accepted for this entry, each with the reason; errors cannot be.",
    )


def _evidence() -> Any:
    """The evidence level of an edge, with its meaning for the schema reference."""
    return Field(
        default="documented",
        description="documented: a primary source states it; secondary: only a secondary "
        "source (such as a survey) does: cite it in `source`, say in `note` what the primary "
        "source says; inferred: nobody states it, it is plausible.",
    )


class LineageEdge(Strict):
    """A model this model was made from (the edge points from ``parent`` to this entry)."""

    parent: EntryId
    relation: ModelRelation = Field(
        description="How it was made; for `distillation` the parent is the teacher, and it may "
        "stand beside a weight parent."
    )
    evidence: Evidence = _evidence()
    size: SizeTotal | None = Field(default=None, description="The parent's size it started from.")
    checkpoint: Name | None = Field(
        default=None, description="The parent's checkpoint it started from (one of its list)."
    )
    into: Name | None = Field(
        default=None, description="This entry's checkpoint the edge leads to (one of its list)."
    )
    note: Text | None = None
    source: Url | None = None


class TrainingData(Strict):
    """A dataset the model was trained or tuned on, and at which stage."""

    dataset: EntryId
    stage: Stage = "pretraining"
    evidence: Evidence = _evidence()
    note: Text | None = None
    source: Url | None = None


class Checkpoint(Strict):
    """One released checkpoint of a model line, named exactly as published."""

    name: Name = Field(description="As published: the Hugging Face repo name without the org.")
    size: SizeSpec | None = None
    stage: CheckpointStage | None = None
    context_length: ContextLength | None = None
    weights: Url | None = None
    license: LicenseId | None = Field(
        default=None, description="Only where it differs from the entry's licence."
    )
    released: ReleaseDate | None = Field(
        default=None, description="Only where it differs from the entry's release date."
    )


def _training_data(value: Any) -> Any:
    return {"dataset": value} if isinstance(value, str) else value


class Model(EntryBase):
    kind: Literal["model"]
    parameters: SizeSpecs = Field(
        default_factory=list,
        description="Every size the model ships in: 7B, 175B, 1.2T or integers; a mixture of "
        "experts as 235B-A22B or {total: 235B, active: 22B}. Left out where not disclosed.",
    )
    architecture: Architecture | None = None
    context_length: ContextLength | None = None
    training_tokens: Count | None = None
    lineage: list[LineageEdge] = _empty()
    trained_on: list[
        Annotated[
            TrainingData,
            BeforeValidator(_training_data, json_schema_input_type=TrainingData | EntryId),
        ]
    ] = _empty()
    built_with: Ids = _empty()
    checkpoints: list[Checkpoint] = Field(
        default_factory=list,
        description="The checkpoints this release published (base, instruct, ... per size).",
    )

    @field_validator("parameters")
    @classmethod
    def _sorted_sizes(cls, sizes: list[ModelSize]) -> list[ModelSize]:
        if len(set(sizes)) != len(sizes):
            raise ValueError("a size is listed twice")
        return sorted(sizes)

    @field_validator("checkpoints")
    @classmethod
    def _unique_checkpoints(cls, checkpoints: list[Checkpoint]) -> list[Checkpoint]:
        seen: set[str] = set()
        for checkpoint in checkpoints:
            if checkpoint.name in seen:
                raise ValueError(f"checkpoint {checkpoint.name!r} is listed twice")
            seen.add(checkpoint.name)
        return checkpoints

    @property
    def active_parameters(self) -> list[int | None]:
        """Active parameters per token, aligned with ``parameters`` (None for a dense size)."""
        return [size.active for size in self.parameters]

    @property
    def is_moe(self) -> bool:
        """Whether any of its sizes is a mixture of experts."""
        return any(size.active is not None for size in self.parameters)

    def checkpoint(self, name: str) -> Checkpoint | None:
        """The checkpoint with exactly this published name."""
        return next((c for c in self.checkpoints if c.name == name), None)


class Size(Strict):
    bytes: ByteSize | None = None
    tokens: Count | None = None
    documents: Count | None = None
    instances: Count | None = None


class Variant(Strict):
    name: Name
    size: Size | None = None
    description: Text | None = None


class DerivedFrom(Strict):
    dataset: EntryId
    evidence: Evidence = _evidence()
    note: Text | None = None
    source: Url | None = None


class GeneratedBy(Strict):
    model: EntryId
    evidence: Evidence = _evidence()
    note: Text | None = None
    source: Url | None = None


def _ref(field: str) -> Any:
    return lambda value: {field: value} if isinstance(value, str) else value


class Dataset(EntryBase):
    kind: Literal["dataset"]
    category: DatasetCategory | None = None
    size: Size | None = None
    languages: Names = _empty()
    variants: list[Variant] = _empty()
    derived_from: list[
        Annotated[
            DerivedFrom,
            BeforeValidator(_ref("dataset"), json_schema_input_type=DerivedFrom | EntryId),
        ]
    ] = _empty()
    generated_by: list[
        Annotated[
            GeneratedBy,
            BeforeValidator(_ref("model"), json_schema_input_type=GeneratedBy | EntryId),
        ]
    ] = _empty()


class Library(EntryBase):
    kind: Literal["library"]
    repository: Url | None = None
    language: Names = _empty()
    provides: list[Text] = _empty()


class Organization(EntryBase):
    kind: Literal["organization"]
    type: OrgType | None = None
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = Field(
        default=None, description="ISO 3166-1 alpha-2 code, e.g. US, CN, FR."
    )


Entry = Annotated[Model | Dataset | Library | Organization, Field(discriminator="kind")]
ENTRY_ADAPTER: TypeAdapter[Model | Dataset | Library | Organization] = TypeAdapter(Entry)
MODELS_BY_KIND: dict[str, type[EntryBase]] = {
    "model": Model,
    "dataset": Dataset,
    "library": Library,
    "organization": Organization,
}

AnyEntry = Model | Dataset | Library | Organization


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind, for editors and check-jsonschema."""
    schema = MODELS_BY_KIND[kind].model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"LLM Registry {kind} entry"
    return schema
