"""Cluster mentions into entities: aliases, types by evidence, curation. (First version: exact names.)"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..records import ArticleExtraction, Entity, Fact, MentionRef


@dataclass(frozen=True)
class Curation:
    """User overrides read from the curation file (see kg.resolve.curation)."""

    rows: tuple = ()


@dataclass
class EntityIndex:
    """The entities of a corpus and which entity each mention refers to."""

    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    publishers: dict[str, str] = field(default_factory=dict)  # publisher name -> entity key
    by_mention: dict[tuple[str, int], str] = field(default_factory=dict)  # (article id, mention index) -> key

    def key_of(self, article_id: str, mention: int) -> str | None:
        """The entity a mention refers to, following pronoun/description antecedents."""
        return self.by_mention.get((article_id, mention))


def slug(name: str) -> str:
    """ASCII, lower-case, hyphenated form of a name: 'Jane Roé' -> 'jane-roe'."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "entity"


def resolve_entities(
    extractions: Sequence[ArticleExtraction],
    publishers: Mapping[str, str | None],
    curation: Curation | None = None,
) -> EntityIndex:
    """One entity per distinct normalised name; type by majority vote."""
    index = EntityIndex()
    votes: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, Counter] = defaultdict(Counter)
    refs: dict[str, list[MentionRef]] = defaultdict(list)
    for ex in extractions:
        for i, m in enumerate(ex.mentions):
            if m.kind != "name":
                continue
            key = slug(m.text)
            index.by_mention[(ex.article_id, i)] = key
            names[key][m.text] += 1
            refs[key].append(MentionRef(ex.article_id, m.start, m.end))
            for t, w in m.votes:
                votes[key][t] += w
        for i, m in enumerate(ex.mentions):
            j, seen = m.antecedent, set()
            while j is not None and j not in seen and (ex.article_id, j) not in index.by_mention:
                seen.add(j)
                j = ex.mentions[j].antecedent
            if j is not None and (ex.article_id, j) in index.by_mention:
                index.by_mention[(ex.article_id, i)] = index.by_mention[(ex.article_id, j)]
    for name in sorted({p for p in publishers.values() if p}):
        key = slug(name)
        names[key][name] += 1
        votes[key]["Organization"] += 10
        index.publishers[name] = key
    for key in sorted(names):
        ranked = [n for n, _ in names[key].most_common()]
        base = votes[key].most_common(1)[0][0] if votes[key] else "Organization"
        index.entities.append(
            Entity(key=key, name=ranked[0], type=base, alternate_names=tuple(sorted(ranked[1:])),
                   mentions=tuple(refs[key]))
        )
    return index
