"""Candidates from "according to X": X speaks the clause it frames."""

from __future__ import annotations

import re

from .candidate import CLAUSE_JOINERS, Candidate, _Article, _trim


def _according_to(ctx: _Article, tok) -> Candidate | None:
    doc, sent = ctx.doc, tok.sent
    to = doc[tok.i + 1]
    speaker = next((c for c in to.children if c.dep_ == "pobj"), None)
    phrase = None
    if speaker is None:
        # long sentences lose the object ("..., according to research firm X, and Y is ..."): the
        # noun phrase right after "to" is the source
        phrase = ctx.noun_chunk_at.get(to.i + 1)
        if phrase is None:
            return None
        speaker = phrase.root
    else:
        # the object's phrase up to a comma or a conjunction the parser hung on it
        end = next((j for j in range(speaker.i + 1, speaker.right_edge.i + 1)
                    if doc[j].text in ",;" or doc[j].dep_ == "cc"), speaker.right_edge.i + 1)
        phrase = doc[speaker.left_edge.i:end]
    phrase_end = phrase.end
    while phrase_end < sent.end and doc[phrase_end].ent_type_ in ("DATE", "TIME"):
        phrase_end += 1  # "according to a poll last week": when the source said it
    after = doc[phrase_end] if phrase_end < sent.end else None
    ends_clause = after is None or after.text in ".!?—–-" or (
        after.text in ",;" and phrase_end + 1 < sent.end and doc[phrase_end + 1].lower_ in CLAUSE_JOINERS)
    if tok.i > sent.start + 3 and doc[tok.i - 1].text == "," and ends_clause:
        # "<clause>, according to X." or "<clause>, according to X, and <another clause>"
        start, end = _trim(ctx.text, sent.start_char, doc[tok.i - 1].idx)
        # "At the same time, A: B, according to X": X says B, the clause after the colon
        colon = max(ctx.text.rfind(":", start, end), ctx.text.rfind(";", start, end))
        if colon > 0 and len(re.findall(r"\w+", ctx.text[colon + 1:end])) >= 4:
            start, end = _trim(ctx.text, colon + 1, end)
        if len(re.findall(r"\w+", ctx.text[start:end])) < 4:
            return None
        return _according_candidate(ctx, tok, to, speaker, phrase, start, end)
    head = tok.head
    while head.dep_ in ("prep", "agent") and head.head.i != head.i:
        head = head.head
    # "Lopez leads by 271 delegates according to a count": the frame hangs on a noun of the
    # clause it qualifies; the clause is the verb's
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and head.dep_ not in ("ROOT",):
        head = head.head
    frame = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
    while head.dep_ in ("conj", "advcl", "acl", "xcomp") and head.head.pos_ in ("VERB", "AUX") and \
            sum(t.i not in frame for t in head.subtree) < 4:
        head = head.head  # "leads Novak by 271 pledged delegates": a participle parsed as another verb
    # "X rose, according to Y, and Z is ...": a clause conjoined after the frame is not Y's
    for c in head.children:
        if head.i < tok.i and c.i > to.right_edge.i and (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                                                          or c.dep_ == "cc"):
            frame |= {t.i for t in c.subtree} if c.dep_ == "conj" else {c.i}
    toks = [t for t in (head.subtree if head.i != tok.i else sent) if t.i not in frame]
    if not toks:
        return None
    # the clause is contiguous on one side of the frame
    left = [t for t in toks if t.i < tok.i]
    right = [t for t in toks if t.i > tok.i]
    side = left if len(left) >= len(right) else right
    if side is right and phrase_end + 1 < sent.end and doc[phrase_end].text == "," \
            and doc[phrase_end + 1].tag_ in ("VBG", "VBN"):
        # "According to X, writing for Y, <clause>": the participle describes the source
        comma = next((t.i for t in doc[phrase_end + 1:sent.end] if t.text == ","), None)
        side = [t for t in side if comma is not None and t.i > comma]
    if not side:
        return None
    start, end = _trim(ctx.text, side[0].idx, side[-1].idx + len(side[-1].text))
    if end - start < 10:
        return None
    return _according_candidate(ctx, tok, to, speaker, phrase, start, end)


def _according_candidate(ctx: _Article, tok, to, speaker, phrase, start: int, end: int) -> Candidate:
    start, end = _trim(ctx.text, *ctx.clip(tok.idx, start, end))  # a parse may run a headline into the lead
    cand = Candidate(kind="according",
        cue="according to", cue_start=tok.idx, cue_end=to.idx + len(to.text), cue_lemma="according to",
        cue_act=None, spans=[(start, end, "Indirect")], speaker_start=-1, speaker_end=-1,
        speaker_token=speaker, sentence=tok.sent, confidence=0.75,
    )
    cand.speaker_start, cand.speaker_end = phrase.start_char, phrase.end_char
    return cand
