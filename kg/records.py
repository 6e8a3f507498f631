"""Frozen records that flow through the pipeline: corpus -> extraction -> resolution -> RDF.

Offsets are Python string indices (Unicode code points, 0-based, end exclusive) into
`Article.text`. Nothing here knows about spaCy or rdflib.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any

# The seven acts of the graph contract (nkg:Criticize ...), by local name.
ACTS = ("Criticize", "Defend", "Apologize", "Demand", "Praise", "Explain", "Report")
# The five base types of the contract (schema:Person ...), by local name.
BASE_TYPES = ("Person", "Organization", "CreativeWork", "Event", "Place")
# The type of an outlet known only as an article's publisher in the metadata: it is
# schema:NewsMediaOrganization and not one of the base types, which are for what articles name.
PUBLISHER = "NewsMediaOrganization"
MODES = ("Direct", "Indirect", "Mixed")
# What dates a statement (Attribution.dated_by), the surest first: the words of the cue's own
# clause, the words around it, the story's lead.
DATE_BASES = ("words", "context", "lead")
# How a mention refers to its entity.
# "document": a text that is itself the source ("the report found", "a new poll shows").
MENTION_KINDS = ("name", "pronoun", "description", "handle", "unnamed", "document")


@dataclass(frozen=True)
class Article:
    """One news article as read from the corpus."""

    id: str
    text: str
    source: str  # the file (and line, for .jsonl) it came from, for messages
    headline: str | None = None
    publisher: str | None = None
    url: str | None = None
    date_published: date | None = None
    date_from_dateline: bool = False  # True when date_published was read from the text

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def extraction_key(self) -> str:
        # a date read from the dateline is part of the text, which the text hash covers already
        return extraction_key(self.sha256, None if self.date_from_dateline else self.date_published)


def extraction_key(text_sha256: str, date_published: date | None) -> str:
    """What an article's extraction depends on: its text, and the publication date that its
    relative dates ("on Tuesday", "last week") are counted back from. A date fixed in the metadata
    must not leave the old dates in the cache."""
    if date_published is None:
        return text_sha256
    return hashlib.sha256(f"{text_sha256}\n{date_published.isoformat()}".encode()).hexdigest()


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """Words in one article that name or refer to a person, organisation, work, event or place.

    `antecedent` is the index (in the same ArticleExtraction.mentions) of the mention this one
    refers back to: "she" -> "Jane Roe", "the company" -> "Acme Corp". Names have none.
    `votes` are type evidence from this mention's context, (base type, weight) pairs; the
    resolver sums them over all mentions of an entity.
    """

    start: int
    end: int
    text: str
    kind: str = "name"  # one of MENTION_KINDS
    votes: tuple[tuple[str, float], ...] = ()
    antecedent: int | None = None
    description: str | None = None  # for kind == "unnamed": "one Twitter user"; "document": "the report"
    issuer: int | None = None  # for kind == "document": the mention of who issued it ("a Harbor Institute poll")
    sex: str | None = None  # for a name after "Mr." ("m") or "Mrs.", "Ms." ("f"): who it can be


@dataclass(frozen=True)
class Attribution:
    """One attributed statement as one article reports it, before entities are resolved.

    `spans` hold the reported content, one per contiguous piece (a quote broken by its cue
    has two); `modes` and `contents` give each piece's mode and words. `speaker`, `about` and `channel` are indices
    into ArticleExtraction.mentions.
    """

    spans: tuple[Span, ...]
    modes: tuple[str, ...]
    contents: tuple[str, ...]  # the article's text of each span
    cue: str
    cue_span: Span
    speaker: int
    act: str = "Report"
    about: tuple[int, ...] = ()
    earliest: date | None = None
    latest: date | None = None
    dated_by: str | None = None  # one of DATE_BASES when a date is given
    channel: int | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class Relation:
    """A role or relation stated in the text: "Jane Roe, the director of X" -> (Jane Roe, director, X).

    `subject`/`object` are mention indices; `object` may be None when the role has no
    object ("film critic Jane Roe" -> (Jane Roe, critic, None)).
    """

    subject: int
    predicate: str
    object: int | None
    span: Span


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything extraction found in one article; cached by its text and publication date."""

    article_id: str
    input_sha256: str  # records.extraction_key of the article: its text and publication date
    mentions: tuple[Mention, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    relations: tuple[Relation, ...] = ()
    boilerplate_start: int | None = None  # start of a related-links footer, left out of the graph
    date_published: date | None = None  # the date its relative dates were counted back from

    def to_dict(self) -> dict[str, Any]:
        return _encode(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArticleExtraction:
        return cls(
            article_id=d["article_id"],
            input_sha256=d["input_sha256"],
            mentions=tuple(
                Mention(**{**m, "votes": tuple(tuple(v) for v in m["votes"])}) for m in d["mentions"]
            ),
            attributions=tuple(
                Attribution(
                    **{
                        **a,
                        "spans": tuple(Span(**s) for s in a["spans"]),
                        "modes": tuple(a["modes"]),
                        "contents": tuple(a["contents"]),
                        "cue_span": Span(**a["cue_span"]),
                        "about": tuple(a["about"]),
                        "earliest": _date(a["earliest"]),
                        "latest": _date(a["latest"]),
                    }
                )
                for a in d["attributions"]
            ),
            relations=tuple(
                Relation(**{**r, "span": Span(**r["span"])}) for r in d["relations"]
            ),
            boilerplate_start=d.get("boilerplate_start"),
            date_published=_date(d.get("date_published")),
        )


# ---------------------------------------------------------------- resolution output


@dataclass(frozen=True)
class MentionRef:
    """Where an entity is mentioned: article and offsets."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """One real-world person, organisation, work, event or place, or an unnamed source.

    `key` is the IRI tail under the base (e.g. "jane-roe"); `type` is a base type,
    "UnnamedSource", or PUBLISHER for an outlet that only the corpus metadata names (no article
    text mentions it); `extra_types` are more specific schema.org types (e.g. "Movie").
    """

    key: str
    name: str
    type: str
    alternate_names: tuple[str, ...] = ()
    extra_types: tuple[str, ...] = ()
    description: str | None = None
    same_as: tuple[str, ...] = ()  # IRIs from the curation file
    creator: str | None = None  # for a document that speaks: the key of who issued it
    mentions: tuple[MentionRef, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """One contiguous span of reported content in one article."""

    article_id: str
    start: int
    end: int
    mode: str
    cue: str
    speaker_start: int
    speaker_end: int
    channel: str | None = None  # Entity.key of the channel this article says the words went through
    confidence: float = 0.5  # probability that the span is reported content of this speaker


@dataclass(frozen=True)
class Statement:
    """Who said what about whom, and when: resolved, possibly reported by several articles."""

    key: str
    speaker: str  # Entity.key
    text: str
    act: str
    evidence: tuple[Evidence, ...]
    about: tuple[str, ...] = ()  # Entity.keys
    earliest: date | None = None
    latest: date | None = None
    dated_by: str | None = None  # as Attribution.dated_by, of the report the date comes from
    channel: str | None = None  # Entity.key
    confidence: float = 0.5
    conflicts_with: tuple[str, ...] = ()  # Statement.keys

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(sorted({e.article_id for e in self.evidence}))


@dataclass(frozen=True)
class Fact:
    """A role or relation between entities with the span that states it."""

    key: str
    subject: str  # Entity.key
    predicate: str  # local name of an nkg: property, e.g. "directorOf"
    object: str | None  # Entity.key, or None for a bare role ("critic")
    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Resolution:
    entities: tuple[Entity, ...] = ()
    statements: tuple[Statement, ...] = ()
    facts: tuple[Fact, ...] = ()
    # publisher name -> Entity.key, so articles can point at their publisher
    publishers: dict[str, str] = field(default_factory=dict)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _encode(value: Any) -> Any:
    """Records as JSON values: dataclasses as dicts of their fields, tuples as lists, dates in ISO
    form. (dataclasses.asdict deep-copies every value on the way, which took 1.7 ms a record.)"""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if (names := _field_names(type(value))) is not None:
        return {name: _encode(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


_PLAIN = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None
