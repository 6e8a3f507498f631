"""Candidates from reporting nouns ("X's statement that ...", "in a statement, X ..."), stance
adjectives ("X is critical of ...") and the "For X, ..." frame."""

from __future__ import annotations

import re

from ...documents import FINDINGS, REPORTS
from ..lexicon import Cue, cues, speaker_nouns
from .candidate import (
    CONTENT_PREPS,
    Candidate,
    _Article,
    _skip_complementizer,
    _speaker_span,
    _subject,
    _subtree_span,
    _trim,
)


def _noun_candidate(ctx: _Article, tok, cue: Cue) -> Candidate | None:
    content = None
    for child in tok.children:
        if child.dep_ in ("acl", "ccomp") and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children) or child.dep_ == "acl" and "xcomp" in cue.frames and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                     for c in child.children):
            content = child
        elif child.dep_ == "prep" and child.lower_ in cue.frames and child.lower_ in CONTENT_PREPS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                content = pobj
    if content is None:
        return None
    start, end = _subtree_span(content)
    start = _skip_complementizer(ctx, start)
    start, end = _trim(ctx.text, start, end)
    if end - start < 2:
        return None
    speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
    if speaker is None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                speaker = next((g for g in c.children if g.dep_ == "pobj"), None)
    if speaker is None and tok.dep_ in ("dobj", "pobj"):
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
        speaker = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
    if speaker is None:
        return None
    cand = Candidate(kind="noun",
        cue=tok.text, cue_start=tok.idx, cue_end=tok.idx + len(tok.text), cue_lemma=tok.lemma_.lower(),
        cue_act=cue.act, spans=[(start, end, "Indirect")], speaker_start=-1, speaker_end=-1,
        speaker_token=speaker, sentence=tok.sent, confidence=0.6,
    )
    cand.speaker_start, cand.speaker_end = _speaker_span(speaker)
    return cand


# Verbs through which an adjective describes its subject: "X is critical of", "X seemed wary of".
COPULAS = frozenset({"be", "seem", "remain", "appear", "become", "sound", "grow", "stay"})


def _adjective_candidate(ctx: _Article, tok, cue: Cue) -> Candidate | None:
    """'X is critical of the plan', 'X remained skeptical about Y': the subject holds the stance,
    the prepositional object is what it is about."""
    if tok.dep_ not in ("acomp", "oprd") or tok.head.lemma_.lower() not in COPULAS:
        return None
    speaker = _subject(tok.head)
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in cue.frames
                 and c.lower_ in CONTENT_PREPS), None)
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if speaker is None or pobj is None:
        return None
    start, end = _trim(ctx.text, *ctx.clip(tok.idx, *_subtree_span(pobj)))
    if end - start < 2:
        return None
    cand = Candidate(kind="adjective",
        cue=ctx.text[tok.idx:prep.idx + len(prep.text)], cue_start=tok.idx, cue_end=prep.idx + len(prep.text),
        cue_lemma=tok.lemma_.lower(), cue_act=cue.act, spans=[(start, end, "Indirect")], speaker_start=-1,
        speaker_end=-1, speaker_token=speaker, sentence=tok.sent, confidence=0.6,
    )
    cand.speaker_start, cand.speaker_end = _speaker_span(speaker)
    return cand


def _is_framing_phrase(tok) -> bool:
    """'For X, <clause>' (a name or a role) and 'In a new poll, <clause>' (a document), sentence-initial."""
    sent = tok.sent
    if tok.i != sent.start:
        return False
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.pos_ not in ("PROPN", "NOUN") or pobj.ent_type_ in ("DATE", "TIME", "CARDINAL"):
        return False
    after = pobj.right_edge.i + 1
    if after >= sent.end or tok.doc[after].text != ",":
        return False
    if tok.lower_ == "in":
        # "In an email, the campaign said ...": a message is the channel of the clause's own cue; a
        # finding still frames it ("In a new poll, most voters said ...")
        said = tok.head.pos_ == "VERB" and (tok.head.lemma_.lower(), "VERB") in cues() \
            and pobj.lemma_.lower() not in FINDINGS
        # a message ("In her letter, she ...", "In reply, the council ...") frames nothing: only a
        # finding speaks for the clause after it
        return not said and pobj.pos_ == "NOUN" and pobj.lemma_.lower() in REPORTS
    return pobj.pos_ == "PROPN" or pobj.lemma_ in speaker_nouns()


FRAME_QUOTE_WORDS = 4  # words of X's own a "For X," clause quotes to be X's statement


def _framing_phrase(ctx: _Article, tok) -> Candidate | None:
    if ctx.quote_at(tok.idx) is not None:
        return None  # '"For Fred, it was not going to work," Roe said': the speaker's words, no frame
    pobj = next(c for c in tok.children if c.dep_ == "pobj")
    sent = tok.sent
    start_tok = tok.doc[pobj.right_edge.i + 2] if pobj.right_edge.i + 2 < sent.end else None
    if start_tok is None:
        return None
    if start_tok.tag_ in ("VBN", "VBD"):
        # "In the new poll, conducted May 1-3, 40 percent ...": the words about the poll are not its finding
        # (the parser may take the participle for the sentence's verb)
        comma = next((t for t in tok.doc[start_tok.i:min(sent.end - 1, start_tok.i + 12)] if t.text == ","), None)
        if comma is not None:
            start_tok = tok.doc[comma.i + 1]
    start, end = _trim(ctx.text, start_tok.idx, sent.end_char)
    if end - start < 15:
        return None
    if tok.lower_ == "for" and not any(start <= q.start < end and len(re.findall(r"\w+", ctx.text[q.start:q.end]))
                                       >= FRAME_QUOTE_WORDS for q in ctx.quotes):
        # 'For X, the "plan to close the bridge is a danger ..."' quotes X; 'For X, the returns seemed
        # a reminder ...' is the writer's view of where X stands, not X's words
        return None
    cand = Candidate(kind="frame",
        cue=tok.text, cue_start=tok.idx, cue_end=tok.idx + len(tok.text), cue_lemma=tok.lower_, cue_act=None,
        spans=[(start, end, "Indirect")], speaker_start=-1, speaker_end=-1, speaker_token=pobj, sentence=sent,
        confidence=0.6,
    )
    cand.speaker_start, cand.speaker_end = _speaker_span(pobj)
    return cand
