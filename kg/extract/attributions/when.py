"""When the words were said: from the cue's own clause, or the time frame around it; never from
the reported content, never after publication."""

from __future__ import annotations

from datetime import date, timedelta

from ..dates import find_time_expressions
from ..lexicon import cues
from .candidate import Candidate, _Article
from .speaker import _speaker_name


def _when(ctx: _Article, cand: Candidate, spans) -> tuple[date | None, date | None]:
    """When the words were said, as the narrowest range the text supports; never after publication."""
    earliest, latest = _when_said(ctx, cand, spans)
    pub = ctx.article.date_published
    if earliest is None or latest is None or pub is None:
        return None, None
    return _said_by(earliest, latest, pub)


def _when_said(ctx: _Article, cand: Candidate, spans) -> tuple[date | None, date | None]:
    pub = ctx.article.date_published
    if pub is None:
        return None, None
    if "date_text" in cand.extra:
        s, e = cand.extra["date_text"]
        exprs = find_time_expressions(ctx.text[s:e], pub, s)
        if exprs:
            return _said_by(exprs[0].earliest, exprs[0].latest, pub)
    sent = cand.sentence if cand.continues is None else cand.continues.sentence
    if cand.continues is not None and "when" in cand.continues.extra:
        return cand.continues.extra["when"]
    if sent is None:
        return None, None
    exprs = find_time_expressions(sent.text, pub, sent.start_char)
    # Only words that place the saying date it: a time expression in the cue's own clause ("said
    # on Thursday", "in a 2012 interview, she said"), never one inside the reported content or in
    # another clause of the sentence ("Palestine has not existed since 1948, he said").
    cue_clause = [x for x in exprs if not any(s <= x.start < e for s, e, _ in spans)
                  and _in_cue_clause(ctx, cand, x.start, x.end)]
    if cue_clause:
        best = min(cue_clause, key=lambda x: abs(x.start - cand.cue_start))
        return _said_by(best.earliest, best.latest, pub)
    inherited = _recent(_inherited_when(ctx, cand, sent, pub), pub)
    if inherited[0] is not None:
        return inherited
    # A report of an event that the content dates to the last month was made after it: "sales fell
    # last weekend, according to X" was said between that weekend and publication.
    recent_events = [x for x in exprs if any(s <= x.start < e for s, e, _ in spans)
                     and pub - timedelta(days=31) <= x.latest < pub]
    if recent_events and cand.cue_lemma == "according to":
        return max(x.latest for x in recent_events), pub
    return None, None


# Dependencies by which a cue hangs from the verb whose time adverbials also date the saying.
CUE_CLAUSE_LINKS = frozenset({"advcl", "xcomp", "conj", "acl", "pobj", "prep", "pcomp", "dobj", "npadvmod"})


def _in_cue_clause(ctx: _Article, cand: Candidate, start: int, end: int) -> bool:
    """Whether the words at start..end hang from the cue (or the verb a cue noun depends on)."""
    cue = ctx.doc.char_span(cand.cue_start, cand.cue_end, alignment_mode="expand")
    expr = ctx.doc.char_span(start, end, alignment_mode="expand")
    if cue is None or expr is None or not len(cue) or not len(expr):
        return False
    anchors = {t.i for t in cue}
    # The clause of the saying reaches up from a cue that is a participle, a conjunct or a noun to
    # the verb it hangs from: "apologized on Thursday, calling X", "Earlier this week, users began
    # trending as some accused X", "issued a statement Monday". A cue in the present ("he says")
    # speaks now: the past of the clause it hangs from does not date it.
    tok = cue.root
    present = tok.tag_ in ("VBZ", "VBP")
    for _ in range(0 if present else 4):
        if tok.head.i == tok.i or tok.dep_ not in CUE_CLAUSE_LINKS:
            break
        tok = tok.head
        anchors.add(tok.i)
    if expr.start == expr.sent.start and expr.sent.root.i in anchors:
        return True  # "Earlier this week, X said ...": an opening adverbial frames the main clause
    tok = expr.root
    for step in range(6):
        if tok.i in anchors:
            return True
        if tok.head.i == tok.i or tok.dep_ in ("ccomp", "relcl", "acl", "conj", "parataxis"):
            return False  # climbed out of the clause that holds the expression
        if step and tok.pos_ in ("VERB", "AUX") and (tok.lemma_.lower(), "VERB") not in cues():
            # the expression dates another verb ("adopted in 1981, he says"), unless that verb is one
            # of saying too ("Speaking on Monday, she said")
            return False
        tok = tok.head
    return False


def _said_by(earliest: date, latest: date, pub: date) -> tuple[date | None, date | None]:
    """The range, or none for a date after publication (an article cannot report what is unsaid)."""
    return (None, None) if earliest > pub else (earliest, min(latest, pub))


def _recent(when: tuple[date | None, date | None], pub: date) -> tuple[date | None, date | None]:
    """An inherited date only when it falls in the year before publication: a date taken from a
    neighbouring sentence sets the occasion of recent talk, not of talk a decade old."""
    earliest, latest = when
    if earliest is None or latest is None:
        return None, None
    if earliest > pub or latest < pub - timedelta(days=365):
        return None, None
    return earliest, latest


def _inherited_when(ctx: _Article, cand: Candidate, sent, pub: date) -> tuple[date | None, date | None]:
    """A date the sentence does not give, taken from the words around it that frame the occasion."""
    # the speaker's antecedent sentence sets the time frame: "Back in January, X talked ... 'A,' she said"
    mention = ctx.coref.mentions[cand.speaker_index]
    ante = mention.antecedent
    if ante is not None and mention.kind in ("pronoun", "description"):
        am = ctx.coref.mentions[ante]
        if 0 < cand.cue_start - am.start < 1500 and am.start < sent.start_char:
            asent = ctx.sentence_of(am.start)
            for x in find_time_expressions(asent.text, pub, asent.start_char):
                return x.earliest, x.latest
    # a time adverbial opening a sentence earlier in the paragraph frames the paragraph
    p_start = ctx.paragraph(sent.start_char)[0]
    for earlier in ctx.sents_between(p_start, sent.start_char):
        lead = find_time_expressions(earlier.text[:40], pub, earlier.start_char)
        if lead and lead[0].start - earlier.start_char <= 1:
            return lead[0].earliest, lead[0].latest
    # the same speaker's last statement nearby sets the occasion
    me = _speaker_name(ctx, cand)
    if me is not None:
        for other in reversed(ctx.finished):
            if other.cue_start < cand.cue_start - 2500:
                break
            if other.cue_start < cand.cue_start and _speaker_name(ctx, other) == me:
                when = other.extra.get("when", (None, None))
                if when[0] is not None:
                    return when
                break
    return None, None
