"""Attributed statements: cue, content, speaker. (First version: direct quotes only.)"""

from __future__ import annotations

import re

from ..records import Article, Attribution, Mention, Span

QUOTE = re.compile(r"[\"“]([^\"“”]{3,}?)[\"”]")
SAY_LEMMAS = {"say", "tell", "add", "write", "tweet", "state", "explain"}


def find_attributions(
    doc, article: Article, mentions: list[Mention], limit: int | None
) -> tuple[list[Mention], list[Attribution]]:
    """Direct quotes whose sentence has a reporting verb with a named or pronoun subject."""
    mentions = list(mentions)
    out: list[Attribution] = []
    for m in QUOTE.finditer(article.text):
        start, end = m.span(1)
        if limit is not None and start >= limit:
            break
        sent = doc.char_span(start, end, alignment_mode="expand")
        if sent is None:
            continue
        for tok in sent.sent:
            if tok.lemma_ in SAY_LEMMAS and not (start <= tok.idx < end):
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None:
                    continue
                span = doc[subj.left_edge.i : subj.i + 1]
                idx = _mention_at(mentions, span.start_char, span.end_char)
                if idx is None:
                    kind = "pronoun" if subj.pos_ == "PRON" else "name"
                    mentions.append(Mention(span.start_char, span.end_char, span.text, kind))
                    idx = len(mentions) - 1
                out.append(
                    Attribution(
                        spans=(Span(start, end),),
                        modes=("Direct",),
                        contents=(article.text[start:end],),
                        cue=tok.text,
                        cue_span=Span(tok.idx, tok.idx + len(tok.text)),
                        speaker=idx,
                    )
                )
                break
    return mentions, out


def _mention_at(mentions: list[Mention], start: int, end: int) -> int | None:
    for i, m in enumerate(mentions):
        if m.start < end and start < m.end:
            return i
    return None
