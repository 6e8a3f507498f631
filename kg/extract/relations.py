"""Roles and relations stated by appositions and premodifiers."""

from __future__ import annotations

from ..records import Article, Mention, Relation


def find_relations(doc, article: Article, mentions: list[Mention], limit: int | None) -> list[Relation]:
    """Relations between mentions ("Jane Roe, the director of X")."""
    return []
