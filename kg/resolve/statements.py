"""Attributions into statements: resolved speakers, targets, one statement per utterance.

(First version: one statement per attribution; unresolved speakers become unnamed sources.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from ..records import ArticleExtraction, Entity, Evidence, Statement
from .entities import EntityIndex, slug


def resolve_statements(
    extractions: Sequence[ArticleExtraction], index: EntityIndex
) -> tuple[list[Statement], list[Entity]]:
    """Statements of the corpus, and the unnamed-source entities their speakers need."""
    statements: list[Statement] = []
    unnamed: dict[str, Entity] = {}
    for ex in extractions:
        for a in ex.attributions:
            mention = ex.mentions[a.speaker]
            speaker = index.key_of(ex.article_id, a.speaker)
            if speaker is None:
                description = mention.description or mention.text
                speaker = "unnamed-" + slug(description)
                unnamed.setdefault(speaker, Entity(key=speaker, name=description, type="UnnamedSource",
                                                   description=description))
            about = tuple(sorted({k for i in a.about if (k := index.key_of(ex.article_id, i)) and k != speaker}))
            channel = index.key_of(ex.article_id, a.channel) if a.channel is not None else None
            evidence = tuple(
                Evidence(ex.article_id, s.start, s.end, mode, a.cue, mention.start, mention.end)
                for s, mode in zip(a.spans, a.modes, strict=True)
            )
            text = " … ".join(a.contents)
            key = hashlib.sha256(f"{ex.article_id}|{a.spans[0].start}|{text}".encode()).hexdigest()[:20]
            statements.append(
                Statement(key=key, speaker=speaker, text=text, act=a.act, evidence=evidence, about=about,
                          earliest=a.earliest, latest=a.latest, channel=channel, confidence=a.confidence)
            )
    return statements, list(unnamed.values())
