"""Whom or what the content is about: the entities it names or refers to."""

from __future__ import annotations

import re

from ...records import Mention
from ..coref import Coref
from ..lexicon import speaker_nouns
from .candidate import Candidate, _Article


def _about(ctx: _Article, cand: Candidate, spans) -> tuple[int, ...]:
    coref = ctx.coref
    out: list[int] = []
    speaker_root = coref.root(cand.speaker_index)
    for s, e, _ in spans:
        for i, m in enumerate(list(coref.mentions)):
            if m.kind == "name" and s <= m.start and m.end <= e and i not in out:
                if coref.root(i) == speaker_root:
                    continue
                out.append(i)
        for h in HANDLE.finditer(ctx.text, s, e):
            idx = _name_like(coref, h.group(1))
            if idx is not None and idx not in out and coref.root(idx) != speaker_root:
                out.append(idx)
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            if t.lower_ in ("it", "this") and t.dep_ in ("nsubj", "nsubjpass") and (
                    t.i == span.start or t.is_sent_start or ctx.doc[t.i - 1].text in "\"“‘'"):
                work = coref.recent_work(min(s, cand.cue_start))
                if work is not None and work not in out and coref.root(work) != speaker_root:
                    out.append(work)
            if t.pos_ == "NOUN" and t.dep_ not in ("compound",) and speaker_nouns().get(t.lemma_.lower()) == \
                    "CreativeWork" and any(c.lower_ in ("the", "this", "that", "her", "his", "their", "its", "our")
                                           for c in t.children if c.dep_ in ("det", "poss")):
                ante = coref.description(t.lemma_.lower(), t.idx, None)
                if ante is not None and coref.root(ante) != speaker_root:
                    idx = coref.add(Mention(t.left_edge.idx, t.idx + len(t.text), ctx.text[t.left_edge.idx:t.idx
                                                                                           + len(t.text)],
                                            "description", antecedent=ante))
                    out.append(idx)
    return tuple(out)


HANDLE = re.compile(r"@(\w{2,30})")


WORD = re.compile(r"\w+")


def _name_like(coref: Coref, handle: str) -> int | None:
    """The named mention an @handle spells: '@acmecorp' -> 'Acme Corp'."""
    key = handle.lower()
    for i, m in enumerate(coref.mentions):
        if m.kind == "name" and re.sub(r"\W+", "", m.text.lower()) == key:
            return i
    return None
