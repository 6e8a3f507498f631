"""Candidates from colon and dash introductions: "Jane Roe: \"...\"", transcript labels
("HOST: ..."), "Roe: Headline"."""

from __future__ import annotations

import re

from ...documents import REPORTS
from ...entity_lexicon import family_name
from .candidate import Candidate, _Article, _trim

# Labels that open a paragraph with a colon and introduce no speaker.
NOT_SPEAKERS = {"note", "update", "updated", "editor", "photo", "video", "watch", "read", "breaking", "exclusive",
                "related", "see", "source", "sources", "credit", "correction", "disclaimer", "warning", "q",
                "question", "answer", "listen", "more", "advertisement", "caption", "transcript", "live"}


# Where a phrase may open within a paragraph: after a sentence's end or a spaced dash.
PHRASE_BOUNDARY = re.compile(r"[.!?][”\"’']?\s+|\s[—–-]\s+")
INTRODUCTION = re.compile(r"[^\n:—–]{1,80}?(?::|\s[—–]\s?|\s-\s)")


def _introduction_candidates(ctx: _Article, found: list[Candidate]) -> list[Candidate]:
    """'Jane Roe: “...”', 'ROE: Do you ...', 'Roe: Plan Will Fail', 'Jane Roe — “...”': a paragraph
    that opens with a speaker and a colon (or a dash before a quotation) reports what follows."""
    out = []
    text = ctx.text
    taken = [(c.spans[0][0], c.spans[-1][1]) for c in found]
    for p_start in [0] + [b + 1 for b in ctx.breaks]:
        if p_start >= ctx.limit:
            break
        m = INTRODUCTION.match(text, p_start)
        if m is None or not text[p_start:m.end()].strip():
            continue
        colon = m.group(0).rstrip()[-1] == ":"
        p_end = ctx.paragraph(p_start)[1]
        start, end = _trim(text, m.end(), p_end)
        quote = ctx.quote_at(start) if start < end else None
        if end - start < 10 or (not colon and quote is None):
            continue  # a dash introduces only a quotation
        if any(s < end and start < e for s, e in taken):
            continue
        mark = m.start() + len(m.group(0).rstrip()) - 1  # the colon or the dash
        speaker = _introduced_speaker(ctx, p_start, mark)
        if speaker is None:
            continue
        tok, s_start, s_end, label = speaker
        mode = "Direct" if quote is not None or label else "Indirect"
        cand = Candidate(kind="introduction",
            cue=text[mark], cue_start=mark, cue_end=mark + 1, cue_lemma=":",
            cue_act=None, spans=[(start, end, mode)], speaker_start=s_start, speaker_end=s_end,
            speaker_token=tok, sentence=ctx.sentence_of(start), confidence=0.65,
        )
        if s_end - s_start == len(tok.text) and tok.idx == s_start:
            cand.extra["handle"] = (s_start, s_end)  # one word ("ROE", "Roe"): a name, whatever its tag
        out.append(cand)
    return out + _named_before_colon(ctx, found + out)


def _named_before_colon(ctx: _Article, found: list[Candidate]) -> list[Candidate]:
    """'HEADLINE - Jane Roe: “...”', '... in Iowa. Jane Roe: “...”': within a paragraph,
    a name that opens its sentence or follows a dash, then a colon and a quotation: that name's
    words, as a paragraph opening so would be. (A name after a verb or a preposition in its
    sentence, "told Roe:", "a message to Roe:", is the addressee: _introduced_speaker refuses
    phrases with a verb, and a name alone after "to" opens no sentence.)"""
    out = []
    text = ctx.text
    taken = [(c.spans[0][0], c.spans[-1][1]) for c in found]
    for q in ctx.quotes:
        colon = len(text[:q.outer_start].rstrip()) - 1
        if colon < 1 or text[colon] != ":" or "\n" in text[colon:q.outer_start] or q.start >= ctx.limit:
            continue
        if any(s < q.end and q.start < e for s, e in taken):
            continue
        p_start = ctx.paragraph(colon)[0]
        opening = max((b.end() for b in PHRASE_BOUNDARY.finditer(text, p_start, colon)), default=p_start)
        if opening == p_start or colon - opening > 80 or ":" in text[opening:colon]:
            continue  # a paragraph's opening label is _introduction_candidates' to read
        speaker = _introduced_speaker(ctx, opening, colon)
        if speaker is None or speaker[3]:
            continue
        tok, s_start, s_end, _ = speaker
        if not any(m.kind == "name" and s_start <= m.start and m.end <= s_end for m in ctx.coref.mentions):
            continue  # a name the model found, not any capitalised phrase
        out.append(Candidate(kind="introduction",
            cue=":", cue_start=colon, cue_end=colon + 1, cue_lemma=":", cue_act=None,
            spans=[(q.start, q.end, "Direct")], speaker_start=s_start, speaker_end=s_end, speaker_token=tok,
            sentence=ctx.sentence_of(q.start), confidence=0.65))
    return out


def _introduced_speaker(ctx: _Article, start: int, mark: int):
    """(head token, start, end, is a transcript label) of the speaker before a colon or dash."""
    span = ctx.doc.char_span(start, mark, alignment_mode="contract")
    if span is None or not 1 <= len(span) <= 10:
        return None
    if any(t.pos_ in ("VERB", "AUX") and not t.text[:1].isupper() for t in span) or any(
            t.text in "\"“”‘’«»?!.;" for t in span):
        return None  # "Here they are:", "He said:" (a cue of its own), "What next?"
    # "Critic On The Plan:", "Critic Slams Plan:": the speaker is the part before "on" or a headline's verb
    cut = next((t.i for t in span if t.i > span.start and (t.lower_ in ("on", "about", "to")
                                                          or t.tag_ in ("VBZ", "VBD", "VBP"))), span.end)
    span = ctx.doc[span.start:cut]
    words = [t for t in span if t.is_alpha]
    if not words or any(t.lower_ in NOT_SPEAKERS for t in words):
        return None
    if len(words) == 1 and words[0].is_upper and len(words[0]) >= 3:
        return words[0], words[0].idx, words[0].idx + len(words[0]), True  # a transcript's "ROE:"
    if len(span) == 1 and words[0].is_title and words[0].lemma_.lower() in REPORTS:
        return words[0], words[0].idx, words[0].idx + len(words[0]), False  # "Poll: Roe leads", "Study: ..."
    if len(words) == 1 and words[0].is_title and any(
            m.kind == "name" and family_name(m.text) == words[0].text for m in ctx.coref.mentions):
        return words[0], words[0].idx, words[0].idx + len(words[0]), False  # "Roe: ..." where the text names Roe
    # a name inside the phrase (coref.name_at would also take one running past the colon)
    named = any(m.kind == "name" and span.start_char <= m.start and m.end <= span.end_char for m in ctx.coref.mentions)
    # without a name the model found, a short run of proper nouns only: longer runs are headlines
    if named or (len(span) <= 3 and all(t.pos_ == "PROPN" for t in span)):
        # the phrase's head: the name ("Former mayor Jane Roe") or a role ("Acme Chief")
        return span.root, span.start_char, span.end_char, False
    return None
