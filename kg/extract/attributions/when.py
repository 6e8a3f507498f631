"""When the words were said: from the cue's own clause, or the time frame around it; never from
the reported content, never after publication."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import NamedTuple

from ...records import Attribution
from ..dates import find_time_expressions
from ..lexicon import cues
from .about import ADDRESSING_VERBS
from .candidate import Candidate, _Article, _cue_token, _headline
from .speaker import _speaker_name
from .verbs import SAYING_SETTINGS


class When(NamedTuple):
    """When words were said, and what in the article says so: the cue's own words ("said on
    Tuesday"), the context around them (the paragraph's time frame, the speaker's last statement),
    or the story's lead (an undated "she said" in the news of a day the lead gives)."""

    earliest: date | None
    latest: date | None
    basis: str | None  # one of records.DATE_BASES


UNDATED = When(None, None, None)


def _when(ctx: _Article, cand: Candidate, spans) -> When:
    """When the words were said, as the narrowest range the text supports; never after publication."""
    when = _when_said(ctx, cand, spans)
    pub = ctx.article.date_published
    if when.earliest is None or when.latest is None or pub is None:
        return UNDATED
    return _said_by(when.earliest, when.latest, pub, when.basis)


def _when_said(ctx: _Article, cand: Candidate, spans) -> When:
    pub = ctx.article.date_published
    if pub is None:
        return UNDATED
    if "date_text" in cand.extra:
        s, e = cand.extra["date_text"]
        exprs = find_time_expressions(ctx.text[s:e], pub, s)
        if exprs:
            return _said_by(exprs[0].earliest, exprs[0].latest, pub, "words")
    sent = cand.sentence if cand.continues is None else cand.continues.sentence
    if cand.continues is not None and "when" in cand.continues.extra:
        return cand.continues.extra["when"]
    if sent is None:
        return UNDATED
    exprs = find_time_expressions(sent.text, pub, sent.start_char)
    # Only words that place the saying date it: a time expression in the cue's own clause ("said
    # on Thursday", "in a 2012 interview, she said"), never one inside the reported content or in
    # another clause of the sentence ("Palestine has not existed since 1948, he said").
    cue_clause = [x for x in exprs if not any(s <= x.start < e for s, e, _ in spans)
                  and _in_cue_clause(ctx, cand, x.start, x.end)]
    if cue_clause:
        best = min(cue_clause, key=lambda x: abs(x.start - cand.cue_start))
        return _said_by(best.earliest, best.latest, pub, "words")
    cue = _cue_token(ctx, cand)
    if cue is not None and _off_the_day(cue):
        return UNDATED  # "has said", "would argue": no occasion to inherit
    inherited = _recent(_inherited_when(ctx, cand, sent, pub), pub)
    if inherited.earliest is not None:
        return inherited
    # A report of an event that the content dates to the last month was made after it: "sales fell
    # last weekend, according to X" was said between that weekend and publication.
    recent_events = [x for x in exprs if any(s <= x.start < e for s, e, _ in spans)
                     and pub - timedelta(days=31) <= x.latest < pub]
    if recent_events and cand.cue_lemma == "according to":
        return When(max(x.latest for x in recent_events), pub, "context")
    if _news_of_the_day(ctx, cand, cue):
        return _lead_when(ctx)
    return UNDATED


# Tags of a cue that reports the news of the story: "said", "told", "says" (the headline present).
NEWS_TENSES = frozenset({"VBD", "VBZ", "VBP"})
# Auxiliaries that move the saying off the story's day: "has said", "had warned", "would argue".
OFF_THE_DAY = frozenset({"have", "has", "had", "would", "could", "might", "will", "used", "may"})
DO_SUPPORT = frozenset({"did", "does", "do"})


def _off_the_day(tok) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in OFF_THE_DAY for c in tok.children)


def _news_of_the_day(ctx: _Article, cand: Candidate, tok) -> bool:
    """Whether an undated cue reports the story's news: a person's or an organisation's main verb in
    the simple past or present, not inside the content of another clause ("records show he backed
    X"). Documents are excluded: a poll or a report is published on a day of its own."""
    if ctx.coref.mentions[cand.speaker_index].kind == "document":
        return False
    if cand.kind == "according":
        return True
    if cand.kind not in ("verb", "adjective") or tok is None:
        return False
    if cand.speaker_start > cand.cue_start or _consulted_source(ctx, cand):
        # '"...," said Jane Roe, an analyst at Harbor Group': the inverted form introduces a source
        # the reporter consulted, on a day the article does not give
        return False
    return _reports_news(tok)


def _consulted_source(ctx: _Article, cand: Candidate) -> bool:
    """Whether the speaker came into the story as a source the reporter consulted ('..., said Jane
    Roe, an analyst'): their later 'Roe said' and 'she said' speak on that undated occasion too."""
    me = _speaker_name(ctx, cand)
    if me is None:
        return False
    return any(other.speaker_start > other.cue_start and _speaker_name(ctx, other) == me
               for other in ctx.finished if other.cue_start < cand.cue_start)


def _reports_news(tok) -> bool:
    """A verb in the simple past or present of the story's own narration: a participle counts by
    the verb of saying it hangs from ("tweeted congratulations, adding ..."), a conjunct by the verb
    it is joined to ("claimed momentum and argued ..."), a report inside another by the verb of
    saying that reports it ("X said Roe called on members ..."), a stance adjective by its verb
    ("did not seem worried about ...")."""
    for _ in range(5):
        if _off_the_day(tok):
            return False
        head_says = (tok.head.lemma_.lower(), "VERB") in cues()
        if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "oprd"):
            tok = tok.head
            continue
        if tok.tag_ in ("VBG", "VBN") and tok.dep_ in ("advcl", "xcomp", "conj") and head_says:
            tok = tok.head
            continue
        # "did not seem": the tense is on the auxiliary
        supported = tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ in DO_SUPPORT for c in tok.children)
        if tok.tag_ not in NEWS_TENSES and not supported:
            return False
        if tok.dep_ in ("ccomp", "conj") and head_says or tok.dep_ == "conj" and tok.head.tag_ in NEWS_TENSES:
            tok = tok.head
            continue
        return not any(a.dep_ in ("ccomp", "relcl", "advcl", "csubj", "conj") for a in [tok, *tok.ancestors][:-1])
    return False


# The lead: the first sentences of an article, which say when the story's news happened ("WASHINGTON -
# X told the council on Wednesday ...", "the council said Wednesday"); a short title counts as none.
LEAD_SENTENCES = 3
LEAD_MIN_WORDS = 6


def _lead_when(ctx: _Article) -> When:
    """The day (or week) of the story's news, as its lead gives it: a time expression of the last
    week in the first sentences that are no headline; none when the lead gives none."""
    if ctx.lead_when is not None:
        return ctx.lead_when
    found = UNDATED
    pub = ctx.article.date_published
    seen = 0
    deck_end = _deck_end(ctx)
    for sent in ctx.sents_between(0, ctx.limit):
        if len(sent) < LEAD_MIN_WORDS or _headline(ctx, sent.start_char) or sent.start_char < deck_end:
            continue  # a headline (and its deck) gives no day; its words count as no lead sentence
        for x in find_time_expressions(sent.text, pub, sent.start_char):
            if ctx.quote_at(x.start) is None and pub - timedelta(days=7) <= x.latest <= pub \
                    and (x.latest - x.earliest).days < 7:
                found = When(x.earliest, x.latest, "lead")
                ctx.lead_end = ctx.paragraph(x.start)[1]
                break
        seen += 1
        if found.earliest is not None or seen >= LEAD_SENTENCES:
            break
    ctx.lead_when = found
    return found


def _deck_end(ctx: _Article) -> int:
    """Where the deck ends, the line right under an article's headline ("Council backs the ferry;
    \nFares to rise in May."), which summarises the story and dates none of its news; 0 for none."""
    text = ctx.text
    first = text.find("\n")
    if first <= 0 or text[first + 1:first + 2] in ("\n", "") \
            or not (_headline(ctx, 0) or text[:first].rstrip().endswith(";")):
        return 0
    return ctx.paragraph(first + 1)[1]


# An article that dates this many statements of the story's week in their own words ("the council said
# Wednesday", "Roe said on Wednesday evening", "urged the mayor on Wednesday") dates what it means of
# that day; its other statements past the lead are reactions and background of days it leaves open.
DATED_IN_OWN_WORDS = 3


def _without_lead_guesses(ctx: _Article, attributions: list[Attribution]) -> list[Attribution]:
    """The article's statements, those past the lead undated if the article dates its own (a lead
    date is a guess the article's explicit dates overrule)."""
    pub = ctx.article.date_published
    if pub is None:
        return attributions
    in_words = sum(1 for c in ctx.finished
                   if (w := c.extra["when"]).basis == "words" and pub - timedelta(days=7) <= w.latest)
    if in_words < DATED_IN_OWN_WORDS:
        return attributions
    return [replace(a, earliest=None, latest=None, dated_by=None)
            if a.dated_by == "lead" and a.cue_span.start >= ctx.lead_end else a for a in attributions]


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
        if tok.dep_ == "pcomp" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            break  # "the council met in 2012, in what Roe called a farce": Roe's own saying
        tok = tok.head
        anchors.add(tok.i)
    if expr.start == expr.sent.start and expr.sent.root.i in anchors:
        return True  # "Earlier this week, X said ...": an opening adverbial frames the main clause
    tok = expr.root
    if _after_what_is_referred_to(expr):
        return False
    for step in range(6):
        if tok.i in anchors:
            return True
        if tok.head.i == tok.i or tok.dep_ in ("ccomp", "relcl", "acl", "conj", "parataxis"):
            return False  # climbed out of the clause that holds the expression
        if step and tok.dep_ in ("nsubj", "nsubjpass", "appos"):
            return False  # it describes the speaker ("X, the strategist of a campaign four years ago")
        if step and tok.pos_ in ("VERB", "AUX") and (tok.lemma_.lower(), "VERB") not in cues():
            # the expression dates another verb ("adopted in 1981, he says"), unless that verb is one
            # of saying too ("Speaking on Monday, she said")
            return False
        if _dates_what_is_named(tok, anchors):
            return False
        tok = tok.head
    return False


# Prepositions that place a saying in its setting ("in an interview on Monday", "at Tuesday's debate",
# "during a call this week"); any other ("referring to the June 3 hearing", "figures through March 31",
# "a vote set for November") leads to a thing the words name, and a date there is that thing's.
SETTING_PREPOSITIONS = frozenset({"in", "at", "during", "on", "after", "before", "following", "amid", "with", "over"})

# Cues that name a thing by referring to it: a time after the thing is the thing's ("referring to
# the defeated candidate in 2004", "recalling her visit in 2008"), however the parser hangs it.
REFERRING_CUES = frozenset({"refer", "allude", "recall", "cite", "reference"})


def _after_what_is_referred_to(expr) -> bool:
    """Whether the expression follows what a referring verb names, in that verb's clause."""
    cue = next((t for t in expr.root.ancestors if t.pos_ == "VERB"), None)
    if cue is None or cue.lemma_.lower() not in REFERRING_CUES:
        return False
    named = [t for t in cue.subtree if t.dep_ in ("dobj", "pobj") and t.head.i in (cue.i, *(c.i for c in cue.children))]
    return any(t.i < expr.start for t in named) and cue.i < expr.start


def _dates_what_is_named(tok, anchors: set[int]) -> bool:
    """Whether the climb from a time expression reaches the saying only through a thing it names:
    the object of a preposition other than a setting's ("referring to the June 3 hearing"), or the
    object of the cue itself ("noted the May 4 flood"), rather than its occasion."""
    head = tok.head
    if head.i in anchors and tok.dep_ == "pobj":
        return False  # the cue's own preposition: "according to a statement on Monday"
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "dative") and head.lower_ not in SETTING_PREPOSITIONS:
        return True
    # The object of the cue's verb, unless it is the one told ("told a crowd in Salem on Tuesday") or a
    # saying of its own ("repeated that pledge on Monday", "delivered a speech Tuesday").
    return (tok.dep_ == "dobj" and head.i in anchors and tok.pos_ in ("NOUN", "PROPN")
            and head.lemma_.lower() not in ADDRESSING_VERBS and tok.lower_ not in SAYING_SETTINGS
            and (tok.lemma_.lower(), "NOUN") not in cues())


def _reported(ctx: _Article, start: int, end: int) -> bool:
    """Whether the words at start..end stand in the clause a verb of saying reports ("claimed that
    a meeting a year ago ...")."""
    expr = ctx.doc.char_span(start, end, alignment_mode="expand")
    if expr is None or not len(expr):
        return False
    tok = expr.root
    while tok.head.i != tok.i:
        if tok.dep_ == "ccomp" and (tok.head.lemma_.lower(), "VERB") in cues():
            return True
        tok = tok.head
    return False


def _said_by(earliest: date, latest: date, pub: date, basis: str | None) -> When:
    """The range, or none for a date after publication (an article cannot report what is unsaid)."""
    return UNDATED if earliest > pub else When(earliest, min(latest, pub), basis)


def _recent(when: When, pub: date) -> When:
    """An inherited date only when it falls in the year before publication: a date taken from a
    neighbouring sentence sets the occasion of recent talk, not of talk a decade old."""
    if when.earliest is None or when.latest is None:
        return UNDATED
    if when.earliest > pub or when.latest < pub - timedelta(days=365):
        return UNDATED
    return when


def _inherited_when(ctx: _Article, cand: Candidate, sent, pub: date) -> When:
    """A date the sentence does not give, taken from the words around it that frame the occasion."""
    # the speaker's antecedent sentence sets the time frame: "Back in January, X talked ... 'A,' she said"
    mention = ctx.coref.mentions[cand.speaker_index]
    ante = mention.antecedent
    if ante is not None and mention.kind in ("pronoun", "description"):
        am = ctx.coref.mentions[ante]
        if 0 < cand.cue_start - am.start < 1500 and am.start < sent.start_char:
            asent = ctx.sentence_of(am.start)
            cues_there = [c for c in ctx.finished if asent.start_char <= c.cue_start < asent.end_char]
            for x in find_time_expressions(asent.text, pub, asent.start_char):
                # where that sentence reports a saying, only a time that frames it or dates the
                # saying; never a time of what was said ("X claimed that a meeting a year ago ...")
                if _reported(ctx, x.start, x.end) or cues_there and x.start - asent.start_char > 1 and not any(
                        _in_cue_clause(ctx, c, x.start, x.end) for c in cues_there):
                    continue
                return When(x.earliest, x.latest, "context")
    # a time adverbial opening a sentence earlier in the paragraph frames the paragraph
    p_start = ctx.paragraph(sent.start_char)[0]
    for earlier in ctx.sents_between(p_start, sent.start_char):
        lead = find_time_expressions(earlier.text[:40], pub, earlier.start_char)
        if lead and lead[0].start - earlier.start_char <= 1:
            return When(lead[0].earliest, lead[0].latest, "context")
    # the same speaker's last statement nearby sets the occasion
    me = _speaker_name(ctx, cand)
    if me is not None:
        for other in reversed(ctx.finished):
            if other.cue_start < cand.cue_start - 2500:
                break
            if other.cue_start < cand.cue_start and _speaker_name(ctx, other) == me:
                when = other.extra.get("when", UNDATED)
                if when.earliest is not None and when.basis != "lead":
                    return When(when.earliest, when.latest, "context")
                break  # a date the lead gave the other statement is this one's only if it qualifies
    return UNDATED
