"""Mentions into entities, attributions into statements: records in, records out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..records import ArticleExtraction, Resolution
from .entities import Curation, resolve_entities
from .statements import resolve_statements


def resolve(
    extractions: Sequence[ArticleExtraction],
    publishers: Mapping[str, str | None],
    curation: Curation | None = None,
) -> Resolution:
    """Resolve the extractions of a whole corpus. `publishers` maps article id -> publisher name."""
    index = resolve_entities(extractions, publishers, curation)
    statements, unnamed = resolve_statements(extractions, index)
    return Resolution(
        entities=tuple(sorted((*index.entities, *unnamed), key=lambda e: e.key)),
        statements=tuple(sorted(statements, key=lambda s: s.key)),
        facts=tuple(sorted(index.facts, key=lambda f: f.key)),
        publishers=dict(index.publishers),
    )
