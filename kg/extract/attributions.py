"""Attributed statements: cue, content, speaker, targets, act, date and channel of each.

The flow for one article: every reporting verb or noun of the lexicon takes its content from its
complements (indirect speech, mixed quotes); "according to X" and "For X, ..." take the clause they
frame; quotations that no complement covers look for a cue beside them ("A," she said / She said:
"A"), continue the previous speaker when they stand alone after an attributed quotation, or belong
to an embedded social post ("... — Name (@handle) date"). Speakers, pronouns and descriptions are
resolved within the article (see coref.py).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..records import Article, Attribution, Mention, Span
from . import confidence as confidence_model
from .acts import RESPONSE_CONTEXT as RESPONSE_WORDS
from .acts import decide_act
from .coref import SPOKESPERSON_NOUNS, Coref
from .dates import find_time_expressions
from .lexicon import Cue, cues, speaker_nouns
from .quotes import Quote, find_quotes

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
INDEFINITE = ("a ", "an ", "one ", "some ", "another ", "many ", "several ", "most ", "other ", "few ", "two ",
              "three ", "dozens ", "hundreds ", "thousands ", "more ")
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
PUNCT_TRIM = " \t\n\u00a0,.;:—–-\"'“”‘’()[]"
CONTENT_PREPS = {"about", "of", "for", "on", "against", "as", "to", "with", "at", "out"}
SOCIAL_POST = re.compile(r"\s[—–]\s*(?P<name>[^\n—–]{1,80}?)\s*\((?P<handle>@\w{1,30})\)\s*(?P<date>[^\n]{0,40})$")
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
    kind: str = "verb"  # which finder made it: verb, noun, according, for_frame, introduction, quote, social


class _Article:
    """Per-article lookups built once: quotes by offset, sentence bounds, coreference state."""

    def __init__(self, doc, article: Article, mentions: list[Mention], limit: int | None):
        self.doc = doc
        self.text = article.text
        self.article = article
        self.limit = len(article.text) if limit is None else limit
        self.quotes = [q for q in find_quotes(article.text, limit) if q.depth == 0]
        self.quote_starts = [q.start for q in self.quotes]
        self.coref = Coref(list(mentions))
        self.sent_starts = [s.start_char for s in doc.sents]
        self.sents = list(doc.sents)
        self.breaks = [i for i, ch in enumerate(article.text) if ch == "\n"]
        self.finished: list[Candidate] = []
        first_response = RESPONSE_WORDS.search(article.text)
        self.first_response = first_response.start() if first_response else len(article.text)

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

    def sents_between(self, start: int, end: int):
        """Sentences that start in [start, end)."""
        i = bisect.bisect_left(self.sent_starts, start)
        while i < len(self.sents) and self.sent_starts[i] < end:
            yield self.sents[i]
            i += 1

    def sentence_of(self, offset: int):
        i = bisect.bisect_right(self.sent_starts, offset) - 1
        return self.sents[max(i, 0)]


# ---------------------------------------------------------------------------------------- entry


def find_attributions(
    doc, article: Article, mentions: list[Mention], limit: int | None
) -> tuple[list[Mention], list[Attribution]]:
    """Attributed statements of one parsed article, and the mentions list grown by their speakers."""
    ctx = _Article(doc, article, mentions, limit)
    _note_roles(ctx)
    candidates = _absorb_parentheticals(ctx, _cue_candidates(ctx))
    candidates += _introduction_candidates(ctx, candidates)
    candidates += _quote_candidates(ctx, candidates)
    candidates.sort(key=lambda c: (c.spans[0][0], c.cue_start))
    candidates = _drop_duplicates(candidates)
    out = []
    for cand in candidates:
        _resolve_speaker(ctx, cand)
    for cand in candidates:
        attribution = _finish(ctx, cand, candidates)
        if attribution is not None:
            out.append(attribution)
            ctx.finished.append(cand)
    return ctx.coref.mentions, out


# ------------------------------------------------------------------------------ cue candidates


def _cue_of(tok) -> Cue | None:
    lex = cues()
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        return lex.get((tok.lemma_.lower(), "VERB"))
    if tok.pos_ == "NOUN":
        return lex.get((tok.lemma_.lower(), "NOUN"))
    return None


def _cue_candidates(ctx: _Article) -> list[Candidate]:
    out = []
    for tok in ctx.doc:
        if tok.idx >= ctx.limit:
            break
        if tok.lower_ == "according" and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
            cand = _according_to(ctx, tok)
        elif tok.lower_ in ("for", "in") and _is_for_frame(tok):
            cand = _for_frame(ctx, tok)
        else:
            cue = _cue_of(tok)
            if cue is None or ctx.quote_at(tok.idx) is not None or _not_reporting(tok):
                continue
            cand = _verb_candidate(ctx, tok, cue) if cue.pos == "VERB" else _noun_candidate(ctx, tok, cue)
        if cand is not None:
            out.append(cand)
    return out


# Verbs of saying proper, whose complement may be read off the rest of the sentence when the parse
# loses it ("X said calls for Y are Z").
SAY_LIKE = {"say", "add", "write", "tell", "claim", "argue", "insist", "warn", "note", "explain", "state",
            "declare", "assert", "contend", "maintain", "stress", "tweet", "respond", "reply"}
# "who asked not to be named": the terms of an interview, not a statement
ANONYMITY = re.compile(r"(?:not|declined) to be (?:named|identified|quoted by name)", re.IGNORECASE)
NAMING_VERBS = {"call", "dub", "label", "name", "describe", "cite", "know", "title", "brand", "term", "show",
                "read", "post", "report", "find"}


def _not_reporting(tok) -> bool:
    """'revealing clothes', 'a group called X', 'a film described as': the verb names, it does not report."""
    if tok.dep_ in ("amod", "compound", "nmod"):
        return True
    if tok.tag_ == "VBN" and tok.lemma_.lower() in NAMING_VERBS and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children):
        return True
    # "tight, revealing clothes"
    return tok.tag_ == "VBG" and tok.head.pos_ == "NOUN" and tok.i < tok.head.i and tok.dep_ in ("conj", "amod")


def _subtree_span(tok, exclude=()) -> tuple[int, int]:
    """Character span of a token's subtree, leaving out the subtrees of `exclude` at its edges."""
    excluded = {t.i for e in exclude for t in e.subtree}
    toks = [t for t in tok.subtree if t.i not in excluded]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in PUNCT_TRIM:
        start += 1
    while end > start and text[end - 1] in PUNCT_TRIM:
        end -= 1
    return start, end


def _content_children(tok, cue: Cue) -> list:
    """Complements of a cue that carry its content, by the cue's frames."""
    out = []
    frames = cue.frames
    has_addressee = "addressee" in frames
    for child in tok.children:
        dep = child.dep_
        if dep == "ccomp" and "clause" in frames or dep == "xcomp" and "xcomp" in frames:
            out.append(child)
        elif dep == "advcl" and "xcomp" in frames and any(c.dep_ == "aux" and c.lower_ == "to"
                                                          for c in child.children):
            out.append(child)  # a misparsed infinitive complement: "call on X to do Y"
        elif dep == "dobj" and "obj" in frames and not has_addressee:
            out.append(child)
        elif dep == "dobj" and has_addressee and any(c.dep_ == "xcomp" for c in tok.children):
            out.append(child)  # "urged voters to stay home": the addressee is part of the request
        elif dep in ("oprd", "acomp") and ("obj" in frames):
            out.append(child)
        elif dep == "prep" and child.lower_ in frames and child.lower_ in CONTENT_PREPS:
            pobj = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if pobj:
                out.append(child)
        elif dep == "prt" and child.lower_ == "out" and "out" in frames:
            continue
    return out


def _verb_candidate(ctx: _Article, tok, cue: Cue) -> Candidate | None:
    subject = _subject(tok)
    if subject is not None and subject.lower_ == "you" and tok.sent.text.rstrip().endswith("?"):
        return None  # "Do you think ...?": a question to the reader or the interviewee
    content_heads = _content_children(tok, cue)
    negated = any(c.dep_ == "neg" for c in tok.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for h in content_heads for c in h.children)
    if negated and not any(h.dep_ == "ccomp" for h in content_heads):
        return None  # "has not announced plans", "announced no plans": nothing was said
    # "It was fine, she said": the cue hangs off the clause it reports, at its end
    if not content_heads and tok.dep_ == "parataxis" and "clause" in cue.frames and subject is not None:
        if (parenthetical := _parenthetical(ctx, tok, cue, subject)) is not None:
            return parenthetical
        head = tok.head
        if tok.right_edge.i >= head.right_edge.i - 1 and tok.i > head.i:
            start, end = _subtree_span(head, exclude=[tok])
            start, end = _trim(ctx.text, *ctx.clip(tok.idx, start, min(end, tok.left_edge.idx)))
            if end - start > 0:
                return _make(ctx, tok, cue, [(start, end)])
    # "As X reported, <clause>": the clause the cue's as-clause hangs on
    if not content_heads and tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        head = tok.head
        start, end = _subtree_span(head, exclude=[tok])
        if tok.i < head.i:
            start = max(start, tok.right_edge.idx + len(tok.right_edge.text))
        start, end = _trim(ctx.text, *ctx.clip(tok.idx, start, end))
        if len(re.findall(r"\w+", ctx.text[start:end])) >= 3:
            return _make(ctx, tok, cue, [(start, end)])
    if not content_heads and "clause" in cue.frames and not cue.weak:
        return _rest_of_sentence(ctx, tok, cue)
    if not content_heads:
        return None
    spans = []
    for h in content_heads:
        if h.dep_ == "prep":
            objs = [c for c in h.children if c.dep_ in ("pobj", "pcomp")]
            s, e = _subtree_span(objs[0])
            spans.append((s, max(e, _subtree_span(h)[1])))
        elif h.dep_ == "dobj" and h.pos_ == "PROPN":
            # "supporting X, the director of Y, who ...": the name, not what the writer adds about it
            extras = [c for c in h.children if c.i > h.i and c.dep_ in ("appos", "relcl", "acl", "punct")]
            s, e = _subtree_span(h, exclude=extras)
            spans.append((s, e))
        else:
            s, e = _subtree_span(h)
            spans.append((s, e))
    if all(h.dep_ in ("dobj", "prep") for h in content_heads) and _headline(ctx, tok.idx):
        return None  # "X Defends the Film": a headline's verb names the story, not a statement
    # one contiguous span from the first to the last complement on the same side of the cue
    after = [s for s in spans if s[0] >= tok.idx]
    before = [s for s in spans if s[0] < tok.idx]
    chosen = after or before
    start, end = min(s for s, _ in chosen), max(e for _, e in chosen)
    start = _skip_complementizer(ctx, start)
    start, end = _trim(ctx.text, *ctx.clip(tok.idx, start, end))
    if end - start < 2 or ANONYMITY.fullmatch(ctx.text[start:end]):
        return None
    return _make(ctx, tok, cue, _split_subject(ctx, tok) + [(start, end)] if after else [(start, end)])


def _split_subject(ctx: _Article, tok) -> list[tuple[int, int]]:
    """'The company, Jane Roe said, has no plans': the parser gives the cue both subjects; the one
    before the comma is the reported clause's, and its first span."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
    if len(subjects) < 2:
        return []
    far, near = subjects[0], subjects[-1]
    comma = near.left_edge.i - 1
    if comma <= far.right_edge.i or tok.doc[comma].text != ",":
        return []
    return [_trim(ctx.text, *ctx.clip(tok.idx, far.left_edge.idx, tok.doc[comma].idx))]


def _parenthetical(ctx: _Article, tok, cue: Cue, subject) -> Candidate | None:
    """'The plan, she said, will fail': a cue set off by commas inside the clause it reports.

    The content is the clause on both sides (two spans). Quotations are left to the quotation
    rules ('"The plan," she said, "will fail."').
    """
    doc, sent = tok.doc, tok.sent
    # the commas around "she said": the parser may hang them, or even the words after, on the cue
    if not subject.i < tok.i:
        return None
    before = subject.left_edge.i - 1
    subtree = {t.i for t in tok.subtree}
    after = next((j for j in range(tok.i + 1, min(tok.i + 7, sent.end)) if doc[j].text == ","), None)
    if after is not None and not all(j in subtree for j in range(tok.i + 1, after)):
        return None  # "she said in a statement, ..." is fine; words of another phrase are not
    if after is None or before <= sent.start or doc[before].text != "," or after + 1 >= sent.end - 1:
        return None
    if any(t.i < before or (t.i > after and t.dep_ in ("ccomp", "xcomp")) for t in tok.subtree):
        return None  # the cue governs a clause of its own: not a parenthetical
    head = tok.head
    start = head.left_edge.idx if head.left_edge.i < before else sent.start_char
    end_tok = max(head.right_edge, tok.right_edge, key=lambda t: t.i)
    if end_tok.i <= after:
        end_tok = doc[sent.end - 1]
    left = _trim(ctx.text, *ctx.clip(tok.idx, start, doc[before].idx))
    right = _trim(ctx.text, *ctx.clip(tok.idx, doc[after].idx + 1, end_tok.idx + len(end_tok.text)))
    words = re.findall(r"\w+", ctx.text[left[0]:left[1]]), re.findall(r"\w+", ctx.text[right[0]:right[1]])
    if not words[0] or len(words[0]) + len(words[1]) < 4 or any(
            q.start < right[1] and left[0] < q.end for q in ctx.quotes):
        return None
    cand = _make(ctx, tok, cue, [left, right])
    if cand is not None:
        cand.extra["parenthetical"] = (doc[before].idx, doc[after].idx + 1)
    return cand


def _absorb_parentheticals(ctx: _Article, cands: list[Candidate]) -> list[Candidate]:
    """'... to pull the film due to, it claims, its portrayal of X': a parenthetical cue inside the
    content of another cue hedges that content. The other cue's content runs on through it to
    the end of the interrupted clause, and the parenthetical is no statement of its own."""
    out = []
    for p in cands:
        bounds = p.extra.get("parenthetical")
        host = None
        if bounds is not None:
            host = next((c for c in cands if c is not p and c.cue_start < bounds[0] and c.spans
                         and c.sentence is not None and c.sentence.start == p.sentence.start
                         and c.spans[-1][0] < bounds[0]
                         and re.fullmatch(r"[\s,;:]*", ctx.text[c.spans[-1][1]:bounds[0]])), None)
        if host is None:
            out.append(p)
            continue
        s, _, mode = host.spans[-1]
        host.spans[-1] = (s, p.spans[-1][1], mode)
    return out


def _headline(ctx: _Article, offset: int) -> bool:
    """A paragraph without final punctuation whose words are mostly capitalised."""
    start, end = ctx.paragraph(offset)
    line = ctx.text[start:end].strip()
    if not line or line[-1] in ".!?\"”’:":
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _rest_of_sentence(ctx: _Article, tok, cue: Cue) -> Candidate | None:
    """'X said calls for Y are Z' parsed without a complement: the rest of the sentence is the content."""
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
    if doc[i].lower_ == "that" and i + 1 < sent.end:
        i += 1
    start, end = _trim(ctx.text, *ctx.clip(tok.idx, doc[i].idx, sent.end_char))
    if len(re.findall(r"\w+", ctx.text[start:end])) < 3:
        return None
    cand = _make(ctx, tok, cue, [(start, end)])
    if cand is not None and cand.speaker_token is None:
        cand.speaker_token = subj
        cand.speaker_start, cand.speaker_end = ctx.clip(tok.idx, *_speaker_span(subj))
    return cand


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


def _cue_phrase(tok) -> str:
    parts = [tok]
    for c in tok.children:
        if c.dep_ in ("neg", "aux", "prt") and abs(c.i - tok.i) <= 2:
            parts.append(c)
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def _subject(tok):
    """The speaker token of a cue: its subject, the agent of a passive, or the subject it shares."""
    seen = 0
    while tok is not None and seen < 4:
        seen += 1
        subj = _own_subject(tok)
        if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
            return tok.head
        if subj is not None and subj.lower_ not in ("it", "there") or (subj is not None and subj.dep_ == "nsubj"
                                                                        and subj.lower_ == "it"
                                                                        and not _expletive(tok)):
            return subj
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if passive is not None:
            return None
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
            noun = tok.head
            if noun.dep_ == "attr":  # "X is the latest group to call for Y"
                return _own_subject(noun.head) or noun
            return noun
        if tok.dep_ in ("conj", "advcl", "xcomp") and tok.head.i != tok.i:
            tok = tok.head
            continue
        return None
    return None


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
    return any(c.dep_ in ("ccomp", "xcomp") for c in tok.children) and tok.lemma_ in ("seem", "appear")


def _speaker_span(head) -> tuple[int, int]:
    """The words naming the speaker: the subject's phrase without relative clauses."""
    toks = [head]
    for t in head.subtree:
        if t.i == head.i:
            continue
        anc = t
        bad = False
        while anc.i != head.i:
            if anc.head.i == head.i and anc.i > head.i and (
                    anc.dep_ in ("relcl", "advcl") or anc.dep_ == "acl" and anc.tag_ in ("VBN", "VBG")):
                bad = True
                break
            anc = anc.head
        if not bad:
            toks.append(t)
    toks.sort(key=lambda t: t.i)
    # keep the contiguous run around the head
    i = toks.index(head)
    lo = hi = i
    while lo > 0 and toks[lo - 1].i == toks[lo].i - 1:
        lo -= 1
    while hi + 1 < len(toks) and toks[hi + 1].i == toks[hi].i + 1:
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


def _noun_candidate(ctx: _Article, tok, cue: Cue) -> Candidate | None:
    content = None
    for child in tok.children:
        if child.dep_ in ("acl", "ccomp") and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children) or child.dep_ == "acl" and "xcomp" in cue.frames and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                     for c in child.children):
            content = child
        elif child.dep_ == "prep" and child.lower_ in cue.frames and child.lower_ in ("for", "of"):
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


def _according_to(ctx: _Article, tok) -> Candidate | None:
    doc, sent = ctx.doc, tok.sent
    to = doc[tok.i + 1]
    speaker = next((c for c in to.children if c.dep_ == "pobj"), None)
    phrase = None
    if speaker is None:
        # long sentences lose the object ("..., according to research firm X, and Y is ..."): the
        # noun phrase right after "to" is the source
        phrase = next((c for c in doc.noun_chunks if c.start == to.i + 1), None)
        if phrase is None:
            return None
        speaker = phrase.root
    else:
        # the object's phrase up to a comma or a conjunction the parser hung on it
        end = next((j for j in range(speaker.i + 1, speaker.right_edge.i + 1)
                    if doc[j].text in ",;" or doc[j].dep_ == "cc"), speaker.right_edge.i + 1)
        phrase = doc[speaker.left_edge.i:end]
    phrase_end = phrase.end
    after = doc[phrase_end] if phrase_end < sent.end else None
    ends_clause = after is None or after.text in ".!?" or (
        after.text in ",;" and phrase_end + 1 < sent.end and doc[phrase_end + 1].lower_ in ("and", "but", "while"))
    if tok.i > sent.start + 3 and doc[tok.i - 1].text == "," and ends_clause:
        # "<clause>, according to X." or "<clause>, according to X, and <another clause>"
        start, end = _trim(ctx.text, sent.start_char, doc[tok.i - 1].idx)
        if len(re.findall(r"\w+", ctx.text[start:end])) < 4:
            return None
        return _according_candidate(ctx, tok, to, speaker, phrase, start, end)
    head = tok.head
    while head.dep_ in ("prep", "agent") and head.head.i != head.i:
        head = head.head
    frame = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
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
    if not side:
        return None
    start, end = _trim(ctx.text, side[0].idx, side[-1].idx + len(side[-1].text))
    if end - start < 10:
        return None
    return _according_candidate(ctx, tok, to, speaker, phrase, start, end)


def _according_candidate(ctx: _Article, tok, to, speaker, phrase, start: int, end: int) -> Candidate:
    cand = Candidate(kind="according",
        cue="according to", cue_start=tok.idx, cue_end=to.idx + len(to.text), cue_lemma="according to",
        cue_act=None, spans=[(start, end, "Indirect")], speaker_start=-1, speaker_end=-1,
        speaker_token=speaker, sentence=tok.sent, confidence=0.75,
    )
    cand.speaker_start, cand.speaker_end = phrase.start_char, phrase.end_char
    return cand


def _is_for_frame(tok) -> bool:
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
        return pobj.pos_ == "NOUN" and speaker_nouns().get(pobj.lemma_.lower()) == "Document"
    return pobj.pos_ == "PROPN" or pobj.lemma_ in speaker_nouns()


def _for_frame(ctx: _Article, tok) -> Candidate | None:
    pobj = next(c for c in tok.children if c.dep_ == "pobj")
    sent = tok.sent
    start_tok = tok.doc[pobj.right_edge.i + 2] if pobj.right_edge.i + 2 < sent.end else None
    if start_tok is None:
        return None
    start, end = _trim(ctx.text, start_tok.idx, sent.end_char)
    if end - start < 15:
        return None
    cand = Candidate(kind="for_frame",
        cue=tok.text, cue_start=tok.idx, cue_end=tok.idx + len(tok.text), cue_lemma=tok.lower_, cue_act=None,
        spans=[(start, end, "Indirect")], speaker_start=-1, speaker_end=-1, speaker_token=pobj, sentence=sent,
        confidence=0.6,
    )
    cand.speaker_start, cand.speaker_end = _speaker_span(pobj)
    return cand


# ------------------------------------------------------------------ colon and dash introductions

# Labels that open a paragraph with a colon and introduce no speaker.
NOT_SPEAKERS = {"note", "update", "updated", "editor", "photo", "video", "watch", "read", "breaking", "exclusive",
                "related", "see", "source", "sources", "credit", "correction", "disclaimer", "warning", "q",
                "question", "answer", "listen", "more", "advertisement", "caption", "transcript", "live"}
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
    if len(words) == 1 and words[0].is_title and any(
            m.kind == "name" and m.text.split()[-1] == words[0].text for m in ctx.coref.mentions):
        return words[0], words[0].idx, words[0].idx + len(words[0]), False  # "Roe: ..." where the text names Roe
    # a name inside the phrase (coref.name_at would also take one running past the colon)
    named = any(m.kind == "name" and span.start_char <= m.start and m.end <= span.end_char for m in ctx.coref.mentions)
    # without a name the model found, a short run of proper nouns only: longer runs are headlines
    if named or (len(span) <= 3 and all(t.pos_ == "PROPN" for t in span)):
        # the phrase's head: the name ("Former mayor Jane Roe") or a role ("Acme Chief")
        return span.root, span.start_char, span.end_char, False
    return None


# ---------------------------------------------------------------------------- quotation marks


def _quote_candidates(ctx: _Article, found: list[Candidate]) -> list[Candidate]:
    """Modes of cue candidates that hold quotations; candidates for quotations no cue covers."""
    text = ctx.text
    out: list[Candidate] = []
    by_cue = {c.cue_start: c for c in found}
    covered = []
    for cand in found:
        s, e, _ = cand.spans[0]
        inside = [q for q in ctx.quotes if q.start < e and s < q.end]
        if inside:
            words_outside = _words_outside(text, s, e, inside)
            beside = [q for q in inside if _beside_cue(text, q, cand.cue_start, cand.cue_end)]
            if beside and sum(len(re.findall(r"\w+", text[q.start:q.end])) for q in beside) >= 2:
                cand.spans = [(q.start, q.end, "Direct") for q in beside]
                cand.confidence = max(cand.confidence, 0.85)
                covered.extend(beside)
                continue
            if words_outside <= 1:
                qs = [q for q in inside if q.end - q.start > 1]
                cand.spans = [(q.start, q.end, "Direct") for q in qs] or cand.spans
                cand.confidence = max(cand.confidence, 0.85)
            else:
                last = max(inside, key=lambda q: q.end)
                end = max(e, last.end) if last.end - e < 3 else e
                cand.spans = [(s, end, "Mixed")]
            covered.extend(inside)
    covered_ids = {id(q) for q in covered}
    last_attr: Candidate | None = None
    last_attr_end = -1
    for q in ctx.quotes:
        if id(q) in covered_ids:
            owner = next((c for c in found if any(s <= q.start < e for s, e, _ in c.spans)), None)
            if owner is not None:
                last_attr, last_attr_end = owner, q.end
            continue
        words = len(re.findall(r"\w+", text[q.start:q.end]))
        cue_tok, where = _adjacent_cue(ctx, q)
        if cue_tok is not None:
            existing = by_cue.get(cue_tok.idx)
            if existing is not None:
                if not any(s < q.end and q.start < e for s, e, _ in existing.spans):
                    if all(m == "Direct" for _, _, m in existing.spans):
                        existing.spans.append((q.start, q.end, "Direct"))
                    elif words >= 2:
                        # the quotation beside the cue is what it reports, not a misparsed complement
                        existing.spans = [(q.start, q.end, "Direct")]
                        existing.confidence = max(existing.confidence, 0.85)
                    else:
                        continue
                last_attr, last_attr_end = existing, q.end
                continue
            if words < 2:
                continue
            cue = _cue_of(cue_tok) or cues()[("say", "VERB")]
            cand = _make(ctx, cue_tok, cue, [(q.start, q.end)])
            if cand is None:
                continue
            cand.spans = [(q.start, q.end, "Direct")]
            cand.confidence = 0.85
            if cand.speaker_token is None:
                inv = _inverted_subject(ctx, cue_tok)
                if inv is not None:
                    cand.speaker_token = inv
                    cand.speaker_start, cand.speaker_end = _speaker_span(inv)
            if cand.speaker_token is None and last_attr is not None and where == "after":
                cand.continues = last_attr
            out.append(cand)
            by_cue[cue_tok.idx] = cand
            last_attr, last_attr_end = cand, q.end
            continue
        if words < MIN_QUOTE_WORDS or not _starts_sentence(text, q):
            continue
        # a quotation standing alone right after an attributed one continues its speaker
        if last_attr is not None and _near(text, last_attr_end, q.start,
                                           last_attr_end <= last_attr.cue_start < q.start):
            same_para = "\n" not in text[last_attr_end:q.start]
            if same_para and last_attr.spans and all(m == "Direct" for _, _, m in last_attr.spans):
                last_attr.spans.append((q.start, q.end, "Direct"))
                last_attr_end = q.end
                continue
            cand = Candidate(kind="quote",
                cue=last_attr.cue, cue_start=last_attr.cue_start, cue_end=last_attr.cue_end,
                cue_lemma=last_attr.cue_lemma, cue_act=last_attr.cue_act, spans=[(q.start, q.end, "Direct")],
                speaker_start=last_attr.speaker_start, speaker_end=last_attr.speaker_end,
                speaker_token=last_attr.speaker_token, sentence=ctx.sentence_of(q.start), continues=last_attr,
                confidence=0.7,
            )
            out.append(cand)
            last_attr, last_attr_end = cand, q.end
    out += _social_posts_unquoted(ctx, found + out)
    return out


def _beside_cue(text: str, q: Quote, cue_start: int, cue_end: int) -> bool:
    """The quotation is the cue's own: '"A," she said' or 'she said: "A"' (a few words between at most)."""
    if q.outer_end <= cue_start:
        between = text[q.outer_end:cue_start]
        return len(between) < 80 and not re.search(r"[.!?\n]", between) and len(re.findall(r"\w+", between)) <= 8
    if cue_end <= q.start:
        between = text[cue_end:q.outer_start]
        return (len(between) < 60 and "\n" not in between and len(re.findall(r"\w+", between)) <= 5
                and (not between.strip() or between.rstrip()[-1] in ",:—–"))
    return False


def _words_outside(text: str, s: int, e: int, quotes: list[Quote]) -> int:
    chars = []
    pos = s
    for q in sorted(quotes, key=lambda q: q.start):
        if q.start > pos:
            chars.append(text[pos:max(pos, q.outer_start)])
        pos = max(pos, q.outer_end)
    if pos < e:
        chars.append(text[pos:e])
    return len(re.findall(r"\w+", " ".join(chars)))


def _starts_sentence(text: str, q: Quote) -> bool:
    i = q.start - 1
    while i >= 0 and text[i] in "\"'`“„«‘":
        i -= 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in ".!?\n:”\"’" or text[i] == "—"


def _near(text: str, a: int, b: int, cue_between: bool = False) -> bool:
    """Nothing but the previous quotation's own attribution between offsets a and b (one paragraph break)."""
    between = text[a:b]
    if between.count("\n") > 2 or len(between) > 400:
        return False
    words = len(re.findall(r"\w+", between))
    if cue_between:  # '"A," said X, the mayor of Y. "B."': the tail that attributes A
        return words <= 30 and not re.search(r"[“”\"]|''", between.strip(" \n\t,'‘’“”\""))
    return words <= 1


def _adjacent_cue(ctx: _Article, q: Quote):
    """A reporting verb right after the quotation ('"A," she said') or right before it ('She said: "A"')."""
    text, doc = ctx.text, ctx.doc
    close = q.outer_end
    # after: up to the end of the sentence or the next quotation
    stop = len(text)
    m = re.compile(r"[.!?\n“\"`]|''").search(text, close)
    if m:
        stop = m.start()
    span = doc.char_span(close, stop, alignment_mode="expand") if stop > close else None
    if span is not None and len(span) <= 12:
        for tok in span:
            if tok.idx >= close and (_cue_of(tok) is not None and tok.pos_ in ("VERB", "AUX")):
                return (tok, "after") if not _not_reporting(tok) else (None, None)
    # before: 'She said: "A"', 'X tweeted, "A"', 'X said in a statement, "A"'
    open_at = q.outer_start
    sent_start = max(text.rfind(".", 0, open_at), text.rfind("\n", 0, open_at), text.rfind("”", 0, open_at), 0)
    span = doc.char_span(sent_start, open_at, alignment_mode="contract")
    if span is not None:
        for tok in reversed(span):
            if _cue_of(tok) is not None and tok.pos_ in ("VERB", "AUX") and not _not_reporting(tok):
                if _beside_cue(text, q, tok.idx, tok.idx + len(tok.text)):
                    return tok, "before"
                break
    return None, None


def _inverted_subject(ctx: _Article, cue_tok):
    """'..., said the company': the last noun of the noun phrase right after the cue."""
    doc = ctx.doc
    p_end = ctx.paragraph(cue_tok.idx)[1]
    last = None
    i = cue_tok.i + 1
    while i < len(doc) and doc[i].idx < p_end and i - cue_tok.i <= 8:
        t = doc[i]
        if t.pos_ in ("PROPN", "NOUN"):
            last = t
        elif not (t.pos_ in ("DET", "ADJ", "NUM") or t.dep_ in ("compound", "amod")):
            break
        i += 1
    return last


def _social_posts_unquoted(ctx: _Article, found: list[Candidate]) -> list[Candidate]:
    """Embedded posts: a paragraph ending '— Name (@handle) Date' is the post of that account."""
    out = []
    text = ctx.text
    pos = 0
    for para in text[:ctx.limit].split("\n"):
        start = pos
        pos += len(para) + 1
        m = SOCIAL_POST.search(para)
        if not m:
            continue
        c_start, c_end = _trim(text, start, start + m.start())
        body = text[c_start:c_end]
        link = re.search(r"\s*(?:pic\.twitter\.com|https?://)\S*$", body)
        if link:
            c_end = c_start + link.start()
        if c_end - c_start < 10 or any(s < c_end and c_start < e for c in found for s, e, _ in c.spans):
            continue
        name_start, handle_end = start + m.start("name"), start + m.end("handle") + 1
        cand = Candidate(kind="social",
            cue="—", cue_start=start + m.start(), cue_end=start + m.start() + 2, cue_lemma="post", cue_act=None,
            spans=[(c_start, c_end, "Direct")], speaker_start=name_start, speaker_end=handle_end,
            sentence=ctx.sentence_of(c_start), confidence=0.8,
        )
        cand.extra["handle"] = (start + m.start("handle"), start + m.end("handle"))
        cand.extra["date_text"] = (start + m.start("date"), start + m.end("date"))
        cand.extra["channel_name"] = "Twitter"
        out.append(cand)
    return out


def _drop_duplicates(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per content: the first cue wins when two cues claim the same span."""
    out: list[Candidate] = []
    seen: dict[tuple[int, int], Candidate] = {}
    for c in cands:
        key = (c.spans[0][0], c.spans[0][1])
        if key in seen:
            continue
        seen[key] = c
        out.append(c)
    return out


# ------------------------------------------------------------------------------- resolution


def _note_roles(ctx: _Article) -> None:
    """Appositions ('X, the promotion group,') and premodifying roles ('director X') of names."""
    coref = ctx.coref
    for i, m in enumerate(list(coref.mentions)):
        if m.kind != "name":
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        for c in root.children:
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                coref.note_role(c.lemma_.lower(), i)
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            coref.note_role(root.head.lemma_.lower(), i)
        for t in span:
            if t.dep_ == "compound" and t.pos_ == "NOUN":
                coref.note_role(t.lemma_.lower(), i)
        prev = span.start - 1
        if prev >= 0 and ctx.doc[prev].pos_ == "NOUN" and ctx.doc[prev].lemma_.lower() in speaker_nouns():
            coref.note_role(ctx.doc[prev].lemma_.lower(), i)
    # documents and who issued them: "X released a letter", "X apologized in a statement"
    nouns = speaker_nouns()
    for t in ctx.doc:
        if t.idx >= ctx.limit:
            break
        if t.pos_ != "NOUN" or nouns.get(t.lemma_.lower()) != "Document":
            continue
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "of", "from", "by"):
                owner = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if owner is not None and (owner.pos_ == "PROPN" or nouns.get(owner.lemma_.lower()) in (
                        "Document", "Organization", "Group")):
                    words = [w.text for w in owner.subtree]
                    if words and words[0].lower() in ("a", "an"):
                        words[0] = "the"
                    coref.note_owner(t.idx, t.lemma_.lower(), " ".join(words))
        verb = t.head if t.dep_ == "dobj" else t.head.head if t.dep_ == "pobj" else None
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None and verb.dep_ in ("conj", "advcl"):
            subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        if subj.pos_ == "PRON":
            name = coref.pronoun(subj.lower_, subj.idx)
        else:
            name = coref.name_at(subj.idx, subj.idx + len(subj.text), subj.idx)
        if name is not None:
            coref.note_document(t.idx, t.lemma_.lower(), name)


def _resolve_speaker(ctx: _Article, cand: Candidate) -> None:
    coref = ctx.coref
    if cand.continues is not None and cand.continues.speaker_index is not None and cand.speaker_token is None:
        cand.speaker_index = cand.continues.speaker_index
        cand.speaker_start, cand.speaker_end = cand.continues.speaker_start, cand.continues.speaker_end
        return
    if cand.speaker_start < 0:
        cand.speaker_index = None
        return
    s, e = cand.speaker_start, cand.speaker_end
    text = ctx.text[s:e]
    tok = cand.speaker_token
    if "handle" in cand.extra:
        idx = coref.name_at(s, e)
        if idx is None:
            hs, he = cand.extra["handle"]
            idx = coref.add(Mention(hs, he, ctx.text[hs:he], "name", (("Person", 0.5),)))
        cand.speaker_index = idx
        coref.note_speaker(s, idx)
        return
    if tok is None:
        cand.speaker_index = coref.add(Mention(s, e, text, "unnamed", description=text))
        return
    head_text = tok.lower_
    if tok.pos_ == "PRON":
        if head_text in ("i", "we", "you", "me", "us") and ctx.quote_at(tok.idx) is not None:
            cand.speaker_index = None
            return
        ante = coref.pronoun(head_text, tok.idx)
        if ante is None and head_text in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" \
                and tok.head.head.pos_ in ("NOUN", "PROPN") and cand.extra.get("relative") is None:
            # "a group of economists who say ...": the speaker is the noun the clause describes
            noun = tok.head.head
            cand.extra["relative"] = tok.idx
            cand.speaker_token = noun
            cand.speaker_start = noun.left_edge.idx
            cand.speaker_end = noun.idx + len(noun.text)
            _resolve_speaker(ctx, cand)
            return
        if ante is None and head_text in UNRESOLVED_NO_SPEAKER:
            cand.speaker_index = None  # "that says", "you said": no one to attribute the words to
            return
        cand.speaker_index = coref.add(Mention(tok.idx, tok.idx + len(tok.text), tok.text, "pronoun",
                                               antecedent=ante))
        cand.speaker_start, cand.speaker_end = tok.idx, tok.idx + len(tok.text)
        if ante is not None:
            coref.note_speaker(tok.idx, ante)
        return
    name = coref.name_at(s, e, tok.idx)
    if name is None and (tok.pos_ == "PROPN" or tok.is_title and _a_name_holds(coref, tok.text)):
        # a name the entity pass did not find: the proper-noun run around the head, or a capitalised
        # head the parse took for a common noun ("Trump knows ...") when the article names someone so
        ns, ne = _propn_run(tok)
        name = coref.add(Mention(ns, ne, ctx.text[ns:ne], "name", ()))
    if name is not None:
        m = coref.mentions[name]
        if m.start <= s and e <= m.end or (e - s) <= (m.end - m.start) + 2:
            cand.speaker_index = name
        else:
            cand.speaker_index = coref.add(Mention(s, e, text, "description", antecedent=name))
        coref.note_speaker(s, name)
        _note_document_issuer(ctx, cand, name)
        return
    # "One opposition lawmaker, Jane Roe, said": the description is named by its apposition
    for c in tok.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and (named := coref.name_at(s, e, c.idx)) is not None:
            cand.speaker_index = coref.add(Mention(s, e, text, "description", antecedent=named))
            coref.note_speaker(s, named)
            return
    # a description: "the company", "a spokesperson for X", "the letter", "critics"
    inner = coref.name_at(s, e)
    lemma = tok.lemma_.lower()
    if tok.tag_ in ("NNS", "NNPS") and speaker_nouns().get(tok.lower_) == "Group":
        lemma = tok.lower_
    ante = coref.description(lemma, tok.idx, inner)
    indefinite = text.lower().startswith(INDEFINITE) and speaker_nouns().get(lemma) != "Document"
    owner = coref.owner(lemma, tok.idx) if ante is None and not indefinite else None
    if ante is not None and (not indefinite or lemma in SPOKESPERSON_NOUNS):
        cand.speaker_index = coref.add(Mention(s, e, text, "description", antecedent=ante))
        coref.note_speaker(s, ante)
    elif owner is not None:
        # "an update on the petition" ... "the update said": the update speaks for the petition
        cand.speaker_index = coref.add(Mention(s, e, text, "unnamed", description=owner))
    elif can_speak(tok):
        cand.speaker_index = coref.add(Mention(s, e, text, "unnamed", description=text))
    elif (other := _speaking_co_subject(tok)) is not None:
        # the parse gave the cue two subjects: "One comment about the film's trailer reads, ..."
        cand.speaker_token = other
        cand.speaker_start = other.left_edge.idx
        cand.speaker_end = other.right_edge.idx + len(other.right_edge.text)
        _resolve_speaker(ctx, cand)
    else:
        cand.speaker_index = None  # "body language suggests", "the unemployment rate shows"


def _speaking_co_subject(tok):
    """Another subject of the same verb, before `tok`, that can speak."""
    for other in tok.head.children:
        if other.i < tok.i and other.dep_ in SUBJECTS and other.right_edge.i < tok.i and can_speak(other):
            return other
    return None


# Pronouns that name no one when they resolve to nothing: relatives and demonstratives whose
# noun the parse lost, the generic "you", and an "it" with no organisation or work before it.
UNRESOLVED_NO_SPEAKER = frozenset({"that", "which", "this", "these", "what", "whatever", "who", "whom", "you",
                                   "it"})
# Words that stand for people when they head a speaker phrase: "some say", "others argued",
# "22 percent said", "six in 10 said".
PEOPLE_QUANTIFIERS = frozenset({
    "some", "many", "most", "both", "all", "those", "others", "several", "few", "one", "another", "none",
    "neither", "each", "someone", "somebody", "anyone", "anybody", "everyone", "everybody", "nobody",
    "percent", "%", "majority", "minority", "half", "third", "quarter", "plurality", "handful", "dozens",
    "hundreds", "thousands", "millions",
})
# Plural nouns with these endings name people who do something (organizers, donors, analysts,
# progressives, Democrats); few things are spoken of that way.
AGENT_PLURAL = ("ers", "ors", "ists", "ians", "ants", "ents", "ees", "ives", "crats", "ites")
AGENT_SINGULAR = ("ist", "ian", "crat", "eer")  # socialist, politician, Democrat, volunteer
NOT_SPEAKER_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "ORDINAL", "QUANTITY", "LAW", "EVENT", "PRODUCT",
                                  "WORK_OF_ART", "LANGUAGE"})


def can_speak(tok) -> bool:
    """Whether the head of a speaker phrase can be a source of reported content: people, groups,
    organisations, documents that state things; never an abstract noun, an event or an object."""
    lower, lemma = tok.lower_, tok.lemma_.lower()
    if tok.ent_type_ in NOT_SPEAKER_ENTITIES:
        return False
    if tok.pos_ == "PRON" or lower in PEOPLE_QUANTIFIERS or tok.like_num:
        return True
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    nouns = speaker_nouns()
    if lemma in nouns or lower in nouns or lemma + "s" in nouns:
        return True
    if tok.tag_ in ("NNS", "NNPS") and lower.endswith(AGENT_PLURAL) or lower.endswith(AGENT_SINGULAR):
        return True
    # "a number of delegates", "a wide array of economists", "the average of recent polls"
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return pobj is not None and can_speak(pobj)


def _a_name_holds(coref: Coref, word: str) -> bool:
    return any(m.kind == "name" and word in m.text.split() for m in coref.mentions)


def _propn_run(tok) -> tuple[int, int]:
    doc = tok.doc
    i = j = tok.i
    while i > tok.sent.start and doc[i - 1].pos_ == "PROPN":
        i -= 1
    while j + 1 < tok.sent.end and doc[j + 1].pos_ == "PROPN":
        j += 1
    return doc[i].idx, doc[j].idx + len(doc[j].text)


def _note_document_issuer(ctx: _Article, cand: Candidate, name: int) -> None:
    """'X released a letter' / 'X said in a statement': later 'the letter' speaks for X."""
    sent = cand.sentence
    if sent is None:
        return
    for t in sent:
        if t.pos_ == "NOUN" and speaker_nouns().get(t.lemma_.lower()) == "Document":
            ctx.coref.note_document(t.idx, t.lemma_.lower(), name)


# ------------------------------------------------------------------------------ finishing


def _finish(ctx: _Article, cand: Candidate, all_cands: list[Candidate]) -> Attribution | None:
    text = ctx.text
    spans = []
    for s, e, mode in sorted(cand.spans):
        s, e = _trim(text, s, e) if mode != "Direct" else (s, e)
        if e - s >= 2 and (not spans or s >= spans[-1][1]):
            spans.append((s, e, mode))
    if not spans or cand.speaker_index is None:
        return None
    if all(mode != "Direct" for _, _, mode in spans) and sum(
            len(WORD.findall(text[s:e])) for s, e, _ in spans) < 2:
        return None  # "endorsed Clinton", "attacked him": an act toward someone, no reported words
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
    act = decide_act(cand.cue_lemma, cand.cue_act, content, context, frame, under_fire)
    earliest, latest = _when(ctx, cand, spans)
    channel = cand.channel
    if channel is None and "channel_name" in cand.extra:
        channel = _channel_mention(ctx, cand, cand.extra["channel_name"])
    prior = cand.confidence
    speaker = ctx.coref.mentions[cand.speaker_index]
    if speaker.kind == "unnamed":
        prior -= 0.1
    if cand.weak:
        prior -= 0.15
    feats = _features(ctx, cand, spans, speaker, round(max(0.05, min(prior, 0.99)), 2))
    confidence = confidence_model.probability(feats)
    confidence_model.observe(ctx.article.id, spans, cand, feats)
    cand.extra["when"] = (earliest, latest)
    return Attribution(
        spans=tuple(Span(s, e) for s, e, _ in spans),
        modes=tuple(m for _, _, m in spans),
        contents=tuple(text[s:e] for s, e, _ in spans),
        cue=cand.cue,
        cue_span=Span(cand.cue_start, cand.cue_end),
        speaker=cand.speaker_index,
        act=act,
        about=about,
        earliest=earliest,
        latest=latest,
        channel=channel,
        confidence=round(max(0.05, min(confidence, 0.99)), 2),
    )


def _features(ctx: _Article, cand: Candidate, spans, speaker: Mention, prior: float) -> dict[str, float]:
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
    return confidence_model.features(
        kind=cand.kind, prior=prior, cue_lemma=cand.cue_lemma, cue_is_verb=cand.kind == "verb",
        modes=tuple(m for _, _, m in spans), contents=contents, speaker_kind=speaker.kind,
        speaker_resolved=speaker.kind == "name" or speaker.antecedent is not None, speaker_text=speaker.text,
        weak=cand.weak, content_has_verb=has_verb, cue_before_content=cand.cue_start < spans[0][0],
        cue_distance=distance, in_question=contents[-1].rstrip(QUOTE_TRIM).endswith("?"),
        same_sentence=cue_sent.start_char <= spans[0][0] < cue_sent.end_char,
    )


QUOTE_TRIM = " \t\n\"'“”‘’"


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
    # trending as some accused X", "issued a statement Monday".
    tok = cue.root
    for _ in range(4):
        if tok.head.i == tok.i or tok.dep_ not in CUE_CLAUSE_LINKS:
            break
        tok = tok.head
        anchors.add(tok.i)
    if expr.start == expr.sent.start and expr.sent.root.i in anchors:
        return True  # "Earlier this week, X said ...": an opening adverbial frames the main clause
    tok = expr.root
    for _ in range(6):
        if tok.i in anchors:
            return True
        if tok.head.i == tok.i or tok.dep_ in ("ccomp", "relcl", "acl", "conj", "parataxis"):
            return False  # climbed out of the clause that holds the expression
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


def _speaker_name(ctx: _Article, cand: Candidate) -> str | None:
    if cand.speaker_index is None:
        return None
    root = ctx.coref.root(cand.speaker_index)
    if root is None:
        return None
    words = re.findall(r"\w+", ctx.coref.mentions[root].text.lower())
    return words[-1] if words else None
