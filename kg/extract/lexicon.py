"""The attribution lexicons of kg/data/, read once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..entity_lexicon import data_rows


@dataclass(frozen=True)
class Cue:
    """A reporting verb, noun or adjective: the act it suggests and the complements that carry content."""

    lemma: str
    pos: str
    act: str | None
    frames: frozenset[str]

    @property
    def weak(self) -> bool:
        return "weak" in self.frames


@cache
def cues() -> dict[tuple[str, str], Cue]:
    """(lemma, 'VERB'|'NOUN'|'ADJ') -> Cue, from reporting_cues.tsv."""
    out: dict[tuple[str, str], Cue] = {}
    for lemma, pos, act, frames in data_rows("reporting_cues.tsv"):
        key = (lemma, pos)
        fs = frozenset(f.strip() for f in frames.split(",") if f.strip())
        if key in out:  # a lemma listed twice keeps the union of its frames
            fs |= out[key].frames
            act = act if act != "-" else (out[key].act or "-")
        out[key] = Cue(lemma, pos, None if act == "-" else act, fs)
    return out


# Verbs that report words only with their particle ('Roe shot back, "..."'), their object "it" ('as
# Roe put it, "..."') or their complement "clear" ("made it clear that ..."), and the cue they stand for
PHRASAL_CUES = {("shoot", "back"): "retort", ("fire", "back"): "retort", ("hit", "back"): "retort",
                ("chime", "in"): "add", ("speak", "up"): "say", ("go", "on"): "continue", ("put", "it"): "say",
                ("make", "clear"): "state"}
PHRASAL_VERBS = frozenset(verb for verb, _ in PHRASAL_CUES)  # only these need their children looked at


def verb_cue(tok) -> Cue | None:
    """The cue a verb token is, with its particle where it needs one ("shot back"), or None."""
    lemma = tok.lemma_.lower()
    if lemma in PHRASAL_VERBS:  # (every verb of every article comes here: the children only where they may count)
        for particle in (c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod", "dobj", "ccomp")):
            if (lemma, particle) in PHRASAL_CUES:
                return cues().get((PHRASAL_CUES[lemma, particle], "VERB"))
    return cues().get((lemma, "VERB"))


@cache
def speaker_nouns() -> dict[str, str]:
    """Head noun of a description -> Person / Organization / CreativeWork / Document / Group."""
    return {noun: cls for noun, cls in data_rows("speaker_nouns.tsv")}


@cache
def act_words() -> tuple[tuple[str, str, float], ...]:
    """(phrase, act, weight) triples from act_words.tsv."""
    return tuple((w, act, float(weight)) for w, act, weight in data_rows("act_words.tsv"))
