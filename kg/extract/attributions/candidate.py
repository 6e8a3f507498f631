"""The record every step shares (a candidate attribution under construction), the article it
lives in, and the parse helpers the candidate finders all use."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from ...entity_lexicon import is_honorific
from ...records import Article, Mention
from ..acts import RESPONSE_CONTEXT as RESPONSE_WORDS
from ..coref import Coref, mention_type
from ..lexicon import Cue, cues, speaker_nouns, verb_cue
from ..quotes import Quote, find_quotes

SUBJECTS = ("nsubj", "nsubjpass", "csubj")


INDEFINITE = ("a ", "an ", "one ", "some ", "another ", "many ", "several ", "most ", "other ", "few ", "two ",
              "three ", "dozens ", "hundreds ", "thousands ", "more ")


RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


PUNCT_TRIM = " \t\n\u00a0,.;:—–-\"'“”‘’()[]"
SENTENCE_ENDS = (".", "!", "?")


CONTENT_PREPS = {"about", "of", "for", "on", "against", "as", "to", "with", "at", "out", "over", "in"}


MIN_QUOTE_WORDS = 4  # shorter standalone quotations are titles or scare quotes, not statements


CHANNEL_WORDS = {"twitter": "Twitter", "tweet": "Twitter", "facebook": "Facebook", "instagram": "Instagram"}


TWEET_CUES = {"tweet", "retweet"}


@dataclass
class Candidate:
    """An attribution under construction."""

    cue: str
    cue_start: int
    cue_end: int
    cue_lemma: str
    cue_act: str | None
    spans: list[tuple[int, int, str]]  # (start, end, mode)
    speaker_start: int
    speaker_end: int
    speaker_token: object | None = None  # the head token of the speaker phrase, if any
    speaker_index: int | None = None
    channel: int | None = None
    confidence: float = 0.7
    sentence: object | None = None
    continues: Candidate | None = None
    weak: bool = False
    extra: dict = field(default_factory=dict)
    kind: str = "verb"  # which finder made it: verb, noun, adjective, according, frame, introduction,
    #                     quote, social


def _a_title(text: str, q: Quote, titles: dict[int, int]) -> bool:
    """Whether a quotation is only the title of a work ('on "Meet the Voters" Tuesday', 'her
    memoir, "Hard Roads."'): no one's words, whatever verb follows it."""
    end = titles.get(q.start)
    return end is not None and not text[end:q.end].strip(" ,.")


class _Article:
    """Per-article lookups built once: quotes by offset, sentence bounds, coreference state."""

    def __init__(self, doc, article: Article, mentions: list[Mention], limit: int | None):
        self.doc = doc
        self.text = article.text
        self.article = article
        self.limit = len(article.text) if limit is None else limit
        titles = {m.start: m.end for m in mentions if m.kind == "name" and mention_type(m) == "CreativeWork"}
        self.quotes = [q for q in find_quotes(article.text, limit) if q.depth == 0 and not _a_title(self.text, q, titles)]
        self.quote_starts = [q.start for q in self.quotes]
        self.coref = Coref(list(mentions))
        self.sent_starts = [s.start_char for s in doc.sents]
        self.sents = list(doc.sents)
        self.breaks = [i for i, ch in enumerate(article.text) if ch == "\n"]
        self.finished: list[Candidate] = []
        self.spoken_documents: dict[str, int] = {}  # document noun -> mention of the last one that spoke
        self.lead_when = None  # the story's day as its lead gives it: when._lead_when, on first use
        self.lead_end = 0  # where the paragraph that gives that day ends
        first_response = RESPONSE_WORDS.search(article.text)
        self.first_response = first_response.start() if first_response else len(article.text)

    @functools.cached_property
    def noun_chunk_at(self) -> dict:
        """Token index -> the noun chunk that starts there (spaCy's iterator walks the whole doc)."""
        return {c.start: c for c in self.doc.noun_chunks}

    def paragraph(self, offset: int) -> tuple[int, int]:
        """[start, end) of the paragraph (line) holding `offset`."""
        i = bisect.bisect_right(self.breaks, offset)
        start = self.breaks[i - 1] + 1 if i > 0 else 0
        end = self.breaks[i] if i < len(self.breaks) else len(self.text)
        return start, end

    def clip(self, anchor: int, start: int, end: int) -> tuple[int, int]:
        """[start, end) cut to the paragraph of `anchor` (parses sometimes run over a break)."""
        p_start, p_end = self.paragraph(anchor)
        return max(start, p_start), min(end, p_end)

    def quote_at(self, offset: int) -> Quote | None:
        i = bisect.bisect_right(self.quote_starts, offset) - 1
        while i >= 0:
            q = self.quotes[i]
            if q.start <= offset < q.end:
                return q
            if q.end < offset - 3000:
                break
            i -= 1
        return None

    def quote_after(self, start: int, end: int) -> Quote | None:
        """The first quotation that opens after `start` and before `end`."""
        i = bisect.bisect_right(self.quote_starts, start)
        return self.quotes[i] if i < len(self.quotes) and self.quotes[i].start < end else None

    def sents_between(self, start: int, end: int):
        """Sentences that start in [start, end)."""
        i = bisect.bisect_left(self.sent_starts, start)
        while i < len(self.sents) and self.sent_starts[i] < end:
            yield self.sents[i]
            i += 1

    def sentence_of(self, offset: int):
        i = bisect.bisect_right(self.sent_starts, offset) - 1
        return self.sents[max(i, 0)]


def _cue_of(tok) -> Cue | None:
    lex = cues()
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        return verb_cue(tok)
    if tok.pos_ == "NOUN":
        return lex.get((tok.lemma_.lower(), "NOUN"))
    if tok.pos_ == "ADJ":
        return lex.get((tok.lemma_.lower(), "ADJ"))
    return None


# Verbs of saying proper, whose complement may be read off the rest of the sentence when the parse
# loses it ("X said calls for Y are Z").
SAY_LIKE = {"say", "add", "write", "tell", "claim", "argue", "insist", "warn", "note", "explain", "state",
            "declare", "assert", "contend", "maintain", "stress", "tweet", "respond", "reply"}


def _subtree_span(tok, exclude=()) -> tuple[int, int]:
    """Character span of a token's subtree, leaving out the subtrees of `exclude` at its edges."""
    excluded = {t.i for e in exclude for t in e.subtree}
    toks = [t for t in tok.subtree if t.i not in excluded]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


# A wire story's dateline opening its first paragraph: "WASHINGTON (AP) — ", "NEW YORK - ".
DATELINE = re.compile(r"[A-Z][A-Z.'’ ,]{2,40}(?:\([A-Za-z.’' ]{1,20}\))?\s*[—–-]{1,2}\s+")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    if (start == 0 or text[start - 1] == "\n") and (dateline := DATELINE.match(text, start, end)):
        start = dateline.end()  # the place and agency that filed the story, no one's words
    while start < end and text[start] in PUNCT_TRIM:
        start += 1
    while end > start and text[end - 1] in PUNCT_TRIM and not _opens_unclosed(text, start, end - 1, text[end - 1]):
        end -= 1
    if joiner := TRAILING_JOINER.search(text, start, end):
        return _trim(text, start, joiner.start())  # "A, and": the word that led on to another clause
    if (close := UNCLOSED_AT_THE_END.match(text, end)) and _opens_unclosed(text, start, end, close.group(1)):
        end = close.end()  # 'as "absurd."': the words stop where the quotation does
    return start, end


# Closing marks kept at the end of reported words when the words open them: 'within 5 points
# (35-30)', 'called it "absurd"', not 'within 5 points (35-30'.
PAIRED_CLOSERS = {")": "(", "]": "[", "”": "“"}
# A quotation's closing mark right after the words (a period or comma may come first).
UNCLOSED_AT_THE_END = re.compile(r'[.,!?]?([”"])')


def _opens_unclosed(text: str, start: int, end: int, closer: str) -> bool:
    """Whether text[start:end] opens a bracket or quotation that the mark `closer` would close."""
    if closer == '"':
        return text.count('"', start, end) % 2 == 1
    opener = PAIRED_CLOSERS.get(closer)
    return opener is not None and text.count(opener, start, end) > text.count(closer, start, end)


def _headline(ctx: _Article, offset: int) -> bool:
    """A paragraph without final punctuation whose words are mostly capitalised."""
    start, end = ctx.paragraph(offset)
    line = ctx.text[start:end].strip()
    if not line or line[-1] in ".!?\"”’:":
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


# Words that join a clause to the one before it: "A, and B", "A, but B", "A, while B".
CLAUSE_JOINERS = frozenset({"and", "but", "while", "whereas", "though", "although", "yet"})
TRAILING_JOINER = re.compile(rf"[\s,;]+(?:{'|'.join(sorted(CLAUSE_JOINERS))})$", re.IGNORECASE)


def _rest_of_sentence(ctx: _Article, tok, cue: Cue, until: int | None = None) -> Candidate | None:
    """'X said calls for Y are Z' parsed without a complement: the rest of the sentence (up to
    `until`, where another speaker's clause begins) is the content."""
    if tok.lemma_.lower() not in SAY_LIKE or tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    subj = _subject(tok) or _left_noun(tok) or _left_name(ctx, tok)
    if subj is None or subj.i > tok.i:
        return None
    doc, sent = tok.doc, tok.sent
    i = tok.i + 1
    while i < sent.end and doc[i].pos_ in ("ADV", "PART") and doc[i].lower_ != "to":
        i += 1
    if i >= sent.end - 2 or doc[i].is_punct or doc[i].pos_ in ("ADP", "SCONJ", "CCONJ", "AUX", "VERB"):
        return None
    if doc[i].lower_ in ("that", "this", "these") and _colon_after(doc[i]):
        i += 2  # "said this: ..."
    elif doc[i].lower_ == "that" and i + 1 < sent.end:
        i += 1  # "said that ..."
    start, end = _trim(ctx.text, *ctx.clip(tok.idx, doc[i].idx, sent.end_char if until is None else until))
    # a rest cut short by another speaker's clause may be brief ("said no, but ..."): _finish weighs it
    if len(re.findall(r"\w+", ctx.text[start:end])) < (1 if until is not None else 3):
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[i:sent.end]):
        return None  # "X insisted Thursday during a tour of the shows": when and where, no clause said
    cand = _make(ctx, tok, cue, [(start, end)])
    if cand is not None and cand.speaker_token is None:
        cand.speaker_token = subj
        cand.speaker_start, cand.speaker_end = ctx.clip(tok.idx, *_speaker_span(subj))
    return cand


def _colon_after(tok) -> bool:
    """'He said this: ...': the words follow the colon."""
    return tok.i + 1 < len(tok.doc) and tok.nbor(1).text == ":"


def _left_name(ctx: _Article, tok):
    """The name that ends right before the cue, with only punctuation between ('..., known as X, said')."""
    best = None
    for m in ctx.coref.mentions:
        if m.kind == "name" and tok.sent.start_char <= m.start and m.end <= tok.idx and re.fullmatch(
                r"[\s,]*", ctx.text[m.end:tok.idx]):
            best = m
    if best is None:
        return None
    span = ctx.doc.char_span(best.start, best.end, alignment_mode="expand")
    return span.root if span is not None else None


def _left_noun(tok):
    """A noun phrase left of the cue that the parse failed to make its subject ('X, known as Y, said')."""
    for child in reversed([c for c in tok.children if c.i < tok.i]):
        if child.dep_ in ("parataxis", "dep", "npadvmod", "nsubjpass", "appos") and (child.tag_.startswith("NN") or not any(
                c.dep_ in ("nsubj", "nsubjpass", "aux") for c in child.children)):
            return child  # (tagged as a verb at times: "the producers guild, ..., said")
        if child.dep_ not in ("punct", "advmod", "aux", "neg"):
            return None
    return None


def _after_according_to(tok) -> bool:
    i = tok.left_edge.i
    return i >= 2 and tok.doc[i - 1].lower_ == "to" and tok.doc[i - 2].lower_ == "according"


def _skip_complementizer(ctx: _Article, start: int) -> int:
    span = ctx.doc.char_span(start, start + 4)
    if span is not None and len(span) == 1 and span[0].lower_ == "that" and span[0].dep_ == "mark":
        return start + 5
    return start


def _make(ctx: _Article, tok, cue: Cue, spans: list[tuple[int, int]]) -> Candidate | None:
    subj = _subject(tok)
    p_start, p_end = ctx.paragraph(tok.idx)
    if subj is not None and not (p_start <= subj.idx < p_end):
        subj = _inverted_subject(ctx, tok)  # the parse ran into the next paragraph
    if subj is not None and subj.idx < tok.idx and _quoted_words(ctx, subj.idx):
        subj = _inverted_subject(ctx, tok)  # '"Anyone who tries will fail," said Jane Roe': quoted words do not speak
    if subj is None and spans and spans[-1][1] <= tok.idx and any(
            c.dep_ in ("dobj", "attr") and c.i > tok.i for c in tok.children):
        subj = _inverted_subject(ctx, tok)  # '"...," added a Democrat': the parser took the speaker for an object
    if spans and spans[-1][1] <= tok.idx and tok.sent.end - tok.i <= INVERTED_REACH and (
            subj is None or subj.i > tok.i and _title_ends(subj)):
        # '"...," said Navy Capt. Jane Roe': the parser ended the sentence inside the speaker's title,
        # leaving the cue no subject or only the title
        subj = _inverted_subject(ctx, tok) or subj
    act = cue.act
    if act is None and tok.lemma_.lower() == "call" and any(c.dep_ == "prep" and c.lower_ in ("on", "for")
                                                            for c in tok.children):
        act = "Demand"  # "called on X to ...", "called for ...": a demand, unlike "called it ..."
    cand = Candidate(
        cue=_cue_phrase(tok), cue_start=tok.idx, cue_end=tok.idx + len(tok.text), cue_lemma=tok.lemma_.lower(),
        cue_act=act, spans=[(s, e, "Indirect") for s, e in spans], speaker_start=-1, speaker_end=-1,
        speaker_token=subj, sentence=tok.sent, weak=cue.weak,
    )
    if subj is not None:
        cand.speaker_start, cand.speaker_end = ctx.clip(tok.idx, *_speaker_span(subj))
        if cand.speaker_end <= cand.speaker_start:
            cand.speaker_start, cand.speaker_end = subj.idx, subj.idx + len(subj.text)
    _note_channel(ctx, cand, tok)
    return cand


def _quoted_words(ctx: _Article, offset: int) -> bool:
    """Inside a quotation of several words (not a quoted title such as 'The "Fix" blog')."""
    quote = ctx.quote_at(offset)
    return quote is not None and len(re.findall(r"\w+", ctx.text[quote.start:quote.end])) >= 4


def _cue_token(ctx: _Article, cand: Candidate):
    """The head word of a candidate's cue ("said", "according"), or None."""
    cue = ctx.doc.char_span(cand.cue_start, cand.cue_end, alignment_mode="expand")
    return cue.root if cue is not None and len(cue) else None


def _cue_phrase(tok) -> str:
    parts = [tok]
    for c in tok.children:
        if c.dep_ in ("neg", "aux", "prt") and abs(c.i - tok.i) <= 2:
            parts.append(c)
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


# Occasions at which people speak; an occasion does not speak itself.
OCCASIONS = frozenset({
    "rally", "speech", "event", "meeting", "hearing", "session", "appearance", "briefing", "visit", "interview",
    "stop", "tour", "fundraiser", "dinner", "luncheon", "breakfast", "gathering", "protest", "vigil", "ceremony",
    "conference", "convention", "debate", "forum", "summit",
})


CLOSING_MARKS = frozenset({'"', "''", "”", "’", "'"})


def _set_off(tok) -> bool:
    """Whether a comma (a closing quotation mark aside) sets the phrase of `tok` off from what goes before."""
    i = tok.left_edge.i - 1
    while i >= 0 and tok.doc[i].text in CLOSING_MARKS:
        i -= 1
    return i >= 0 and tok.doc[i].text == ","


def _reporting_participle(tok) -> bool:
    """', echoing a memo ...', ', citing a poll': a participle of saying set off after a reported
    clause, which the parser may hang inside it; the writer's framing, not the speaker's words."""
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > tok.head.i and _set_off(tok) \
        and (tok.lemma_.lower(), "VERB") in cues()


def _who_means(noun):
    """The noun a "who" clause describes: "one resident familiar with the old park, who added", which
    the parser may hang on a thing ("park"), describes the person or group named before it."""
    tok = noun
    for _ in range(4):
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.lemma_.lower() in speaker_nouns() \
                or tok.lower_ in speaker_nouns():
            return tok
        if tok.dep_ not in ("pobj", "prep", "amod", "acl") or tok.head.i == tok.i:
            break
        tok = tok.head
    return noun


def _repeated_cue(tok):
    """For a cue conjoined to a verb inside the complement of the same cue ("He said the team moved into
    the valley and said the search ...": the parser joined the second "said" to "moved"), that first cue."""
    head = tok.head
    for _ in range(3):
        if head.dep_ not in ("ccomp", "conj") or head.head.i == head.i:
            return None
        head = head.head
        if head.lemma_ == tok.lemma_ and head.pos_ == "VERB":
            return head
    return None


def _share_of(noun):
    """The share a noun is counted in, or the noun: "percent" of "73 percent of Democrats who
    said" (that share of them speaks, not the party their name is)."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        share = noun.head.head
        if share.lower_ in SHARE_WORDS or share.like_num:
            return share
    return noun


# Words that count a part of people: "73 percent of", "most of", "half of".
SHARE_WORDS = frozenset({"percent", "%", "most", "many", "some", "majority", "minority", "half", "third",
                         "quarter", "plurality", "share", "portion", "all", "none", "few", "several"})


# Verbs whose object (or passive subject) did what their infinitive says ('prompted Roe to ask', 'led
# engineers to conclude', 'was forced to admit'), unlike those that only ask or expect it ('urged Roe to
# ask', 'was asked to explain', 'was expected to announce')
MADE_TO_SPEAK = frozenset({"prompt", "force", "compel", "move", "inspire", "lead", "drive", "spur", "cause", "push",
                           "provoke", "convince", "persuade", "get"})


def _subject(tok):
    """The speaker token of a cue: its subject, the agent of a passive, or the subject it shares."""
    if _own_subject(tok) is None and (misplaced := _subject_the_parse_misplaced(tok)) is not None:
        return misplaced
    seen = 0
    via = None  # the relation climbed to reach `tok`: "conj", "xcomp", "advcl", or "manner" (by/after -ing)
    while tok is not None and seen < 4:
        seen += 1
        subj = _own_subject(tok)
        if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
            return _share_of(_who_means(tok.head) if subj.lower_ == "who" else tok.head)
        if subj is not None and subj.lower_ not in ("it", "there") or (subj is not None and subj.dep_ == "nsubj"
                                                                        and subj.lower_ == "it"
                                                                        and not _expletive(tok)):
            return subj
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and tok.lemma_.lower() == "quote":
            return passive  # "X was quoted (by the paper) as saying": X's words, the paper reports them
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        # the passive's agent speaks for its own verb: not 'was praised by X after saying' (manner),
        # 'was joined by X and joked' (the conjoined verb shares the passive's subject) or 'was urged by
        # X to say' (the one urged speaks)
        if agent is not None and via in (None, "advcl"):
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if passive is not None:
            # 'X was prompted to say', 'X was forced to admit': the one made to speak speaks; 'X was
            # forced out and said': the conjoined verbs share their subject
            # ('was suspended after slamming X': the one suspended slammed X)
            return passive if via in ("conj", "manner") or via == "xcomp" and tok.lemma_.lower() in MADE_TO_SPEAK \
                else None
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() != "quote" and tok.i == tok.head.i + 1:
            # "the woman accused of fraud": the one accused, by whom it does not say (set off by a
            # comma, "X, the nominee, tweeted", the participle is more often the parser's mistake)
            return None
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
            noun = tok.head
            if noun.dep_ == "attr":  # "X is the latest group to call for Y"
                return _own_subject(noun.head) or noun
            if tok.dep_ == "acl" and noun.pos_ == "NOUN" and noun.lemma_.lower() in OCCASIONS \
                    and noun.dep_ in ("dobj", "pobj"):
                # "the senator opened a rally blasting X", "at a rally blasting X": whoever holds it
                tok = noun.head.head if noun.dep_ == "pobj" else noun.head
                continue
            return noun
        if tok.dep_ == "conj" and (repeated := _repeated_cue(tok)) is not None:
            tok = repeated  # "He said A and said B", B's "said" hung on a verb of A
            continue
        if _reporting_participle(tok) and tok.head.dep_ == "ccomp" and verb_cue(tok.head.head) is not None \
                and any(c.dep_ == "ccomp" for c in tok.children):
            # 'X said A, adding that B': the parser hangs the participle inside A, but it is X who adds B
            via, tok = "advcl", tok.head.head
            continue
        if tok.dep_ == "xcomp" and tok.i > tok.head.i \
                and (obj := next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)) is not None:
            # "That prompted Roe to call it ...", "this led engineers to conclude ...": the one made to speaks;
            # "urged voters to say ...": no one has said it
            return obj if tok.head.lemma_.lower() in MADE_TO_SPEAK else None
        if tok.dep_ in ("conj", "advcl", "xcomp") and tok.head.i != tok.i:
            via = tok.dep_
            tok = tok.head
            continue
        if tok.dep_ == "acomp" and tok.pos_ == "ADJ" and via == "xcomp" and tok.head.pos_ in ("AUX", "VERB") \
                and tok.lemma_.lower() not in UNSAID_ADJECTIVES and not any(
                    c.dep_ == "neg" or c.dep_ == "aux" and c.tag_ == "MD" for c in tok.head.children):
            tok = tok.head  # "was quick to add", "was careful to note": the one who is so says it
            continue
        if tok.dep_ == "pcomp" and tok.head.lower_ == "as" and tok.head.head.lemma_.lower() == "quote":
            # "the paper quoted X as saying": X says it; "X was quoted as saying": the passive's subject
            quoted = next((c for c in tok.head.head.children if c.dep_ == "dobj"), None)
            if quoted is not None:
                return quoted
            tok = tok.head.head
            continue
        if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ in MANNER_PREPOSITIONS \
                and tok.head.head.pos_ in ("VERB", "AUX"):
            via = "manner"  # "ended the list by saying ...": who ended it says it
            tok = tok.head.head
            continue
        return _subject_lent_to_participle(tok)
    return None


def _subject_the_parse_misplaced(tok):
    """The subject of a cue the parser left without one: a name it took for a clause of its own
    before the cue, or the subject of a participle it took for the sentence's verb."""
    if (held := _subject_taken_for_a_clause(tok)) is not None:
        return held
    # "Activists calling for a recount say ...", parsed with "calling" as the verb: its subject speaks
    if tok.dep_ == "dep" and tok.head.tag_ == "VBG" and tok.head.i < tok.i \
            and (subj := _own_subject(tok.head)) is not None and subj.i < tok.head.i:
        return subj
    return None


def _subject_taken_for_a_clause(tok):
    """"Roe, whose boatyard repairs ferries for three towns, said A": a parse that takes the name and its
    long description for a reported clause before the cue, with A after it as a second one. The
    name that opens the first clause, set off by a comma, is the speaker."""
    before = [c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i]
    if not before or not any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
        return None
    subj = _own_subject(before[0])
    if subj is None or subj.i + 1 >= len(tok.doc) or tok.doc[subj.i + 1].text != "," or subj.left_edge.i != before[0].left_edge.i:
        return None
    return subj if subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG") else None


def _subject_lent_to_participle(tok):
    """"Roe, pointing to the length of the line, said ...": the subject the parser gave to a participle set
    off by commas before the cue; or the name it hung on that participle's last noun."""
    doc = tok.doc
    for c in tok.children:
        if c.dep_ in ("advcl", "ccomp") and c.tag_ == "VBG" and 0 < c.i < tok.i and doc[c.i - 1].text == "," \
                and "," in (c.right_edge.text, doc[c.right_edge.i + 1].text):
            subj = next((s for s in c.children if s.dep_ == "nsubj" and s.i < c.i), None)
            if subj is not None:
                return subj
    # "Speaking at a fundraiser for her son, former teacher Jo Roe said ...": the name right before the
    # cue, which the parser hung on the participle's last noun as its apposition
    name = doc[tok.i - 1] if tok.i > 0 else None
    if name is not None and name.dep_ == "appos" and name.pos_ == "PROPN" and name.ent_type_ in ("PERSON", "ORG") \
            and any(c.dep_ == "advcl" and c.i < name.i <= c.right_edge.i for c in tok.children):
        return name
    return None


# Adjectives whose "to say" leaves it unsaid ("likely to argue", "unwilling to say", "due to announce"), as
# does a negation or a modal ("was not willing to say", "would be glad to talk").
UNSAID_ADJECTIVES = frozenset({"likely", "unlikely", "expected", "set", "due", "bound", "about", "unable", "unwilling",
                               "reluctant", "hesitant", "loath", "loth", "afraid", "free", "able", "poised", "supposed",
                               "ready", "prepared", "worth"})

# Prepositions whose -ing clause shares the subject of the verb they hang from ("answered by saying",
# "after adding", "while noting"); "without saying" says nothing.
MANNER_PREPOSITIONS = frozenset({"by", "after", "before", "while", "in"})


def _own_subject(tok):
    """The nominal or clausal subject of a verb, with two misparses of long sentences repaired."""
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    # "The company, Jane Roe said, has ...", parsed with two subjects: the cue's is the nearer
    subj = subjects[-1] if len(subjects) > 1 and subjects[-1].i < tok.i else next(iter(subjects), None)
    if subj is not None and _after_according_to(subj):
        # "..., according to X, and Y is the latest to ...", parsed with X as the subject and Y its conjunct
        subj = next((c for c in subj.children if c.dep_ == "conj"), None)
    return subj


def _expletive(tok) -> bool:
    """Whether the verb's "it" stands for the clause it governs: "it seems that", "it is important
    to note that", "it's fair to say" (the writer's own voice, no one's statement)."""
    clause = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
    if tok.lemma_ in ("seem", "appear"):
        return clause
    return clause and tok.lemma_ == "be" and any(c.dep_ == "acomp" for c in tok.children)


def _breaks_line(tok) -> bool:
    """Whether a line break comes in or right after this token."""
    return "\n" in tok.text or "\n" in tok.whitespace_


def _speaker_span(head) -> tuple[int, int]:
    """The words naming the speaker: the subject's phrase without relative clauses."""
    toks = [head]
    for t in head.subtree:
        if t.i == head.i:
            continue
        anc = t
        bad = False
        while anc.i != head.i:
            if anc.i > head.i and (anc.dep_ == "relcl" or anc.head.i == head.i and (
                    anc.dep_ == "advcl" or anc.dep_ == "acl" and anc.tag_ in ("VBN", "VBG"))):
                # a relative clause at any depth: "73 percent of Democrats who said ...", "a
                # spokesman for the company that makes it"
                bad = True
                break
            anc = anc.head
        if not bad:
            toks.append(t)
    toks.sort(key=lambda t: t.i)
    # keep the contiguous run around the head, within its line ("9:05 a.m.\n\nMore delegates said")
    i = toks.index(head)
    lo = hi = i
    while lo > 0 and toks[lo - 1].i == toks[lo].i - 1 and not _breaks_line(toks[lo - 1]):
        lo -= 1
    while hi + 1 < len(toks) and toks[hi + 1].i == toks[hi].i + 1 and not _breaks_line(toks[hi]):
        hi += 1
    run = toks[lo:hi + 1]
    while run and run[-1].is_punct:
        run.pop()
    while run and run[0].is_punct:
        run.pop(0)
    if not run:
        run = [head]
    return run[0].idx, run[-1].idx + len(run[-1].text)


def _note_channel(ctx: _Article, cand: Candidate, tok) -> None:
    """'told <Outlet>' and 'to <Outlet>' name the channel; 'tweeted' names Twitter."""
    if tok.lemma_.lower() in ("tell", "say", "write", "add", "explain", "confirm") or tok.lemma_ == "tell":
        for c in tok.children:
            target = None
            if c.dep_ in ("dobj", "dative") and tok.lemma_.lower() == "tell":
                target = c
            elif c.dep_ in ("prep", "dative") and c.lower_ == "to":
                target = next((g for g in c.children if g.dep_ == "pobj"), None)
            if target is not None and target.pos_ == "PROPN":
                idx = ctx.coref.name_at(target.idx, target.idx + len(target.text), target.idx)
                if idx is None:
                    s, e = _speaker_span(target)
                    idx = ctx.coref.add(Mention(s, e, ctx.text[s:e], "name", (("Organization", 0.5),)))
                cand.channel = idx
                return
    if tok.lemma_.lower() in TWEET_CUES:
        cand.extra["channel_name"] = "Twitter"
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "in"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.lower_ in CHANNEL_WORDS:
                if pobj.pos_ == "PROPN":
                    idx = ctx.coref.name_at(pobj.idx, pobj.idx + len(pobj.text))
                    if idx is None:
                        idx = ctx.coref.add(Mention(pobj.idx, pobj.idx + len(pobj.text), pobj.text, "name",
                                                    (("Organization", 1.0),)))
                    cand.channel = idx
                else:
                    cand.extra["channel_name"] = CHANNEL_WORDS[pobj.lower_]


def _title_ends(subj) -> bool:
    """Whether a subject phrase ends in a title and a name follows it: "spokesman Navy Capt." | "Jane Roe"."""
    last = subj.right_edge
    after = last.i + 1
    return is_honorific(last.text) and after < len(last.doc) and last.doc[after].pos_ == "PROPN"


INVERTED_REACH = 8  # tokens after a cue that may still be its speaker ('said the state's senior senator')


def _inverted_subject(ctx: _Article, cue_tok):
    """'..., said the company': the last noun of the noun phrase right after the cue."""
    doc = ctx.doc
    p_end = ctx.paragraph(cue_tok.idx)[1]
    last = None
    i = cue_tok.i + 1
    while i < len(doc) and doc[i].idx < p_end and i - cue_tok.i <= INVERTED_REACH:
        t = doc[i]
        if t.ent_type_ in ("DATE", "TIME"):
            break  # '"...," said Monday': when, not who
        if t.pos_ in ("PROPN", "NOUN"):
            last = t
        elif not (t.pos_ in ("DET", "ADJ", "NUM") or t.dep_ in ("compound", "amod")):
            break
        i += 1
    return last
