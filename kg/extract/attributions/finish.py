"""A candidate into an Attribution: its content spans, act, targets, date, channel and confidence."""

from __future__ import annotations

from ...documents import MEASUREMENTS
from ...records import Attribution, Mention, Span
from .. import confidence as confidence_model
from ..acts import decide_act
from .about import WORD, _about
from .candidate import SENTENCE_ENDS, Candidate, _Article, _cue_token, _trim
from .speaker import _speaker_name
from .when import _when


def _finish(ctx: _Article, cand: Candidate, all_cands: list[Candidate]) -> Attribution | None:
    text = ctx.text
    spans = []
    for s, e, mode in sorted(cand.spans):
        s, e = (s, e) if mode == "Direct" else _trim(text, s, _to_the_close(ctx, s, e))
        if e - s >= 2 and (not spans or s >= spans[-1][1]):
            spans.append((s, e, mode))
    if not spans or cand.speaker_index is None:
        return None
    if _speaker_among_the_words(cand, spans):
        return None  # "Says Clinton would stack the court": a headline's "Clinton" is what is said, not who says it
    if all(mode != "Direct" for _, _, mode in spans) and sum(
            len(WORD.findall(text[s:e])) for s, e, _ in spans) < 2:
        return None  # "endorsed Lopez", "attacked him": an act toward someone, no reported words
    about = _about(ctx, cand, spans)
    content = " ".join(text[s:e] for s, e, _ in spans)
    p_start = ctx.paragraph(min(spans[0][0], cand.cue_start))[0]
    prev = text[:p_start].rstrip()
    context = text[ctx.paragraph(len(prev) - 1)[0] if prev else 0:ctx.paragraph(spans[-1][1])[1]]
    frame = _governing_words(ctx, cand)
    # praise from a protagonist of an article about a dispute defends; from others it praises
    name = _speaker_name(ctx, cand)
    protagonist = name is not None and any(name in top.split() for top in ctx.coref.top_names(3))
    under_fire = protagonist and ctx.first_response < cand.cue_start
    act = decide_act(cand.cue_lemma, cand.cue_act, content, context, frame, under_fire,
                     carried=_act_carried_on(ctx, cand, name), names_anyone=bool(about))
    speaker = ctx.coref.mentions[cand.speaker_index]
    if speaker.kind == "document" and cand.speaker_token is not None \
            and cand.speaker_token.lemma_.lower() in MEASUREMENTS:
        act = "Report"  # a poll or a study reports what it measured, whatever its words sound like
    cand.extra["act"] = act
    when = _when(ctx, cand, spans)
    channel = cand.channel
    if channel is None and "channel_name" in cand.extra:
        channel = _channel_mention(ctx, cand, cand.extra["channel_name"])
    prior = cand.confidence
    if speaker.kind in ("unnamed", "document"):
        prior -= 0.1
    if cand.weak:
        prior -= 0.15
    feats = _features(ctx, cand, spans, speaker, round(max(0.05, min(prior, 0.99)), 2), all_cands)
    confidence = confidence_model.probability(feats)
    root = ctx.coref.root(cand.speaker_index)
    # observed once it is known to stay (see _without_inner_parts)
    cand.extra["observation"] = (spans, ctx.coref.mentions[root].text if root is not None else speaker.text, feats)
    cand.extra["when"] = when
    return Attribution(
        spans=tuple(Span(s, e) for s, e, _ in spans),
        modes=tuple(m for _, _, m in spans),
        contents=tuple(text[s:e] for s, e, _ in spans),
        cue=cand.cue,
        cue_span=Span(cand.cue_start, cand.cue_end),
        speaker=cand.speaker_index,
        act=act,
        about=about,
        earliest=when.earliest,
        latest=when.latest,
        dated_by=when.basis,
        channel=channel,
        confidence=round(max(0.05, min(confidence, 0.99)), 2),
    )


def _to_the_close(ctx: _Article, start: int, end: int) -> int:
    """The end of reported words that open a quotation and stop inside it (the parse ended the
    sentence there): the quotation's own end, within the paragraph ('said that he would "close the
    port. We have no choice."' is all his); else `end`."""
    quote = ctx.quote_after(start, end)
    while quote is not None and quote.end <= end:
        quote = ctx.quote_after(quote.start, end)
    if quote is None or not quote.closed or quote.depth or quote.end > ctx.paragraph(end - 1)[1]:
        return end
    return quote.end


def _speaker_among_the_words(cand: Candidate, spans) -> bool:
    """Whether the speaker's words lie inside the content while the cue stands outside it: then the
    speaker was taken from what is said. (A content that holds its own cue as well, "which officials
    said will take effect", only runs too far to the left.)"""
    def inside(a: int, b: int) -> bool:
        return any(s <= a and b <= e for s, e, _ in spans)
    return cand.speaker_start >= 0 and inside(cand.speaker_start, cand.speaker_end) \
        and not inside(cand.cue_start, cand.cue_end)


def _without_inner_parts(ctx: _Article, finished: list[tuple[Candidate, Attribution]]) -> list[Attribution]:
    """Statements inside another statement that are part of it, not statements of their own.

    'Roe said she expects the council to vote no': what "expects" reports lies inside what "said"
    reports, by the same speaker: one statement, not two. 'Roe said Novak wants the bridge closed':
    Novak's wish, a thought rather than words, is Roe's claim about him. Another speaker's words
    inside ('Roe said Novak denied it') stay: reported speech of their own.
    """
    speakers = [_speaker_name(ctx, cand) or f"#{a.speaker}" for cand, a in finished]
    out = []
    for i, (cand, attribution) in enumerate(finished):
        if any(j != i and (speakers[j] == speakers[i] or cand.weak) and _covers(other, attribution)
               for j, (_, other) in enumerate(finished)):
            continue
        spans, speaker_name, feats = cand.extra["observation"]
        confidence_model.observe(ctx.article.id, spans, cand, speaker_name, feats)
        out.append(attribution)
    return out


def _covers(outer: Attribution, inner: Attribution) -> bool:
    """Every span of `inner` lies inside a span of `outer`, and `outer` holds more words."""
    def size(a: Attribution) -> int:
        return sum(s.end - s.start for s in a.spans)

    return size(outer) > size(inner) and all(any(o.start <= s.start and s.end <= o.end for o in outer.spans)
                                              for s in inner.spans)


# Acts a speaker's next words carry on when they give no act of their own.
STANCES = frozenset({"Criticize", "Praise", "Defend", "Demand"})
CARRY_REACH = 400  # characters from the previous statement's cue: the same or the next sentence


def _act_carried_on(ctx: _Article, cand: Candidate, name: str | None) -> str | None:
    """The act of the same speaker's statement just before, when it took a side: '"Such a ban would
    be unacceptable," Roe warned. She said the town knew what can happen ...' goes on criticising."""
    if name is None:
        return None
    for other in reversed(ctx.finished):
        if other.cue_start >= cand.cue_start:
            continue
        if cand.cue_start - other.cue_start > CARRY_REACH:
            return None
        if _speaker_name(ctx, other) == name:
            act = other.extra.get("act")
            return act if act in STANCES else None
    return None


def _features(ctx: _Article, cand: Candidate, spans, speaker: Mention, prior: float,
              all_cands: list[Candidate]) -> dict[str, float]:
    text = ctx.text
    contents = tuple(text[s:e] for s, e, _ in spans)
    has_verb = False
    for s, e, _ in spans:
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        if span is not None and any(t.pos_ in ("VERB", "AUX") for t in span):
            has_verb = True
            break
    distance = min(min(abs(s - cand.cue_end), abs(cand.cue_start - e)) for s, e, _ in spans)
    cue_sent = ctx.sentence_of(cand.cue_start)
    p_start, p_end = ctx.paragraph(cand.cue_start)
    cue = _cue_token(ctx, cand)
    head = cand.speaker_token
    # a quotation that opens in the middle of a sentence ('it used "velvet gloves" in ..., said X')
    # is often a phrase of the reporter's sentence rather than the speaker's words
    fragment = any(mode == "Direct" and text[max(0, s - 40):s].rstrip(QUOTE_TRIM)[-1:] not in SENTENCE_OPENERS
                   for s, _, mode in spans)
    return confidence_model.features(
        kind=cand.kind, prior=prior, cue_lemma=cand.cue_lemma, cue_is_verb=cand.kind == "verb",
        modes=tuple(m for _, _, m in spans), contents=contents, speaker_kind=speaker.kind,
        speaker_resolved=speaker.kind == "name" or speaker.antecedent is not None, speaker_text=speaker.text,
        weak=cand.weak, content_has_verb=has_verb, cue_before_content=cand.cue_start < spans[0][0],
        cue_distance=distance, in_question=contents[-1].rstrip(QUOTE_TRIM).endswith("?"),
        same_sentence=cue_sent.start_char <= spans[0][0] < cue_sent.end_char,
        quote_fragment=fragment, position=cand.cue_start / max(1, len(text)),
        speaker_type=ctx.coref.type_of(cand.speaker_index) or "none",
        antecedent_distance=_antecedent_distance(ctx, speaker),
        speaker_cue_distance=-1 if cand.speaker_start < 0 else min(abs(cand.speaker_start - cand.cue_end),
                                                                   abs(cand.cue_start - cand.speaker_end)),
        speaker_after_cue=cand.speaker_start > cand.cue_start,
        speaker_is_subject=head is not None and cue is not None and head.dep_ in ("nsubj", "nsubjpass")
        and head.head.i == cue.i,
        cues_in_sentence=sum(1 for c in all_cands if cue_sent.start_char <= c.cue_start < cue_sent.end_char),
        cues_inside=sum(1 for c in all_cands if c is not cand and any(s <= c.cue_start < e for s, e, _ in spans)),
        sentence_share=sum(e - s for s, e, _ in spans) / max(1, cue_sent.end_char - cue_sent.start_char),
        cue_tag=cue.tag_ if cue is not None else "none",
        prominent_speaker=ctx.coref.prominent(cand.speaker_index),
        speaker_in_content=any(s < cand.speaker_end and cand.speaker_start < e for s, e, _ in spans),
        opens_capital=contents[0].lstrip(QUOTE_TRIM)[:1].isupper(),
        ends_sentence=_ends_sentence(text, spans[-1][1]),
        after_that=text[max(0, spans[0][0] - 6):spans[0][0]].strip().lower().endswith("that"),
        quotes_in_paragraph=sum(1 for q in ctx.quotes if p_start <= q.start < p_end),
    )


def _antecedent_distance(ctx: _Article, speaker: Mention) -> int:
    """Characters back to the mention a pronoun or description refers to; -1 when it has none."""
    if speaker.antecedent is None:
        return -1
    return max(0, speaker.start - ctx.coref.mentions[speaker.antecedent].start)


QUOTE_TRIM = " \t\n\"'“”‘’"


def _ends_sentence(text: str, end: int) -> bool:
    """Whether reported words ending at `end` end their sentence: a final mark or a line break
    follows them (past closing quotation marks and a comma), or words that close their own
    quotation end in one inside it ('was "absurd."')."""
    if text[end - 1:end] in ('"', "”"):
        return text[max(0, end - 3):end].rstrip(QUOTE_TRIM)[-1:] in SENTENCE_ENDS
    return text[end:end + 3].lstrip(QUOTE_TRIM + ",")[:1] in ("", *SENTENCE_ENDS, "\n")


SENTENCE_OPENERS = ("", *SENTENCE_ENDS, ":", "—")  # what may stand before a quotation that opens a sentence


def _governing_words(ctx: _Article, cand: Candidate) -> str:
    """The verbs above the cue ('has stood by ..., saying'; 'apologized ..., calling'), as text."""
    span = ctx.doc.char_span(cand.cue_start, cand.cue_end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    words = []
    tok = span[0]
    for _ in range(4):
        if tok.head.i == tok.i or tok.dep_ not in ("advcl", "conj", "xcomp", "ccomp", "relcl"):
            break
        tok = tok.head
        words.append(" ".join(t.text for t in [tok, *(c for c in tok.children if c.dep_ in ("prt", "prep"))]))
    return " ".join(words)


def _channel_mention(ctx: _Article, cand: Candidate, name: str) -> int:
    for i, m in enumerate(ctx.coref.mentions):
        if m.kind == "name" and m.text == name:
            return i
    # the cue word stands for the platform it names ("tweeted" -> Twitter)
    return ctx.coref.add(Mention(cand.cue_start, cand.cue_end, name, "name", (("Organization", 1.0),)))
