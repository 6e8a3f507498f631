"""Named mentions of people, organisations, works, events and places, with type votes."""

from __future__ import annotations

from ..records import Article, Mention

NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "NORP": None,
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "WORK_OF_ART": "CreativeWork",
    "EVENT": "Event",
}


def find_mentions(doc, article: Article, limit: int | None) -> list[Mention]:
    """Named-entity mentions before `limit`, each with the NER label as a type vote."""
    out = []
    for ent in doc.ents:
        base = NER_TYPES.get(ent.label_)
        if base is None or (limit is not None and ent.start_char >= limit):
            continue
        out.append(Mention(ent.start_char, ent.end_char, ent.text, "name", ((base, 1.0),)))
    return out
