"""Candidates from reporting verbs and nouns of the lexicon: their subject speaks, their complements
are the content ("X said that ...", "X told reporters ...", "The plan, she said, will fail")."""

from __future__ import annotations

import re

from ...documents import FINDINGS, MESSAGES
from ..lexicon import Cue, verb_cue
from .according import _according_to
from .candidate import (
    CLAUSE_JOINERS,
    CONTENT_PREPS,
    SHARE_WORDS,
    Candidate,
    _Article,
    _colon_after,
    _cue_of,
    _headline,
    _make,
    _own_subject,
    _quoted_words,
    _reporting_participle,
    _rest_of_sentence,
    _skip_complementizer,
    _subject,
    _subtree_span,
    _trim,
)
from .nouns import _adjective_candidate, _framing_phrase, _is_framing_phrase, _noun_candidate


def _cue_candidates(ctx: _Article) -> list[Candidate]:
    out = []
    for tok in ctx.doc:
        if tok.idx >= ctx.limit:
            break
        if tok.lower_ == "according" and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
            if ctx.quote_at(tok.idx) is not None:
                continue  # '"... exactly according to the way we are supposed to," she said': the speaker's words
            cand = _according_to(ctx, tok)
        elif tok.lower_ in ("for", "in") and _is_framing_phrase(tok):
            cand = _framing_phrase(ctx, tok)
        else:
            cue = _cue_of(tok)
            if cue is None or ctx.quote_at(tok.idx) is not None or _not_reporting(tok):
                continue
            finder = {"VERB": _verb_candidate, "NOUN": _noun_candidate, "ADJ": _adjective_candidate}[cue.pos]
            cand = finder(ctx, tok, cue)
        if cand is not None:
            out.append(cand)
    return out


# "who asked not to be named": the terms of an interview, not a statement
ANONYMITY = re.compile(r"(?:not|declined) to be (?:named|identified|quoted by name)", re.IGNORECASE)


NAMING_VERBS = {"call", "dub", "label", "name", "describe", "cite", "know", "title", "brand", "term", "show",
                "read", "post", "report", "find"}


# Verbs of an "as" clause that say when, not what ("As he spoke in the lobby, there were no ...")
WHILE_SPEAKING = frozenset({"speak", "talk", "read", "address", "testify", "campaign", "debate"})


def _not_reporting(tok) -> bool:
    """'revealing clothes', 'a group called X', 'a film described as': the verb names, it does not report."""
    if tok.dep_ in ("amod", "compound", "nmod"):
        return True
    if tok.lower_ == "told" and tok.i > 0 and tok.nbor(-1).lower_ == "all" and (
            tok.i == tok.sent.start + 1 or tok.nbor(-2).is_punct) and tok.i + 1 < len(tok.doc) \
            and tok.nbor(1).text == ",":
        return True  # "All told, up to 5,000 people could qualify": in all, nobody tells anyone
    if tok.tag_ == "VBN" and tok.lemma_.lower() in NAMING_VERBS and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children):
        # "As reported by the Times, ...": a source that reports, named by its agent
        return not (tok.dep_ == "advcl" and any(c.dep_ == "agent" for c in tok.children)
                    and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children))
    # "tight, revealing clothes"
    return tok.tag_ == "VBG" and tok.head.pos_ == "NOUN" and tok.i < tok.head.i and tok.dep_ in ("conj", "amod")


# Objects that stand in for words said elsewhere: "he said it", "she said so", "they denied that"
STAND_IN_OBJECTS = frozenset({"it", "this", "that", "so", "them", "those", "these"})


def _stands_in(tok) -> bool:
    """An object that stands in for words said elsewhere ("at the moment he says it"), unless the
    words follow it ("He said this: ...")."""
    return tok.dep_ == "dobj" and tok.lower_ in STAND_IN_OBJECTS and not _colon_after(tok)


# Verbs whose "if" clause is the question asked, not a condition
ASKING = frozenset({"ask", "wonder", "inquire", "enquire", "query"})


def _content_children(tok, cue: Cue) -> list:
    """Complements of a cue that carry its content, by the cue's frames."""
    if tok.lemma_.lower() == "make" and (clear := next((c for c in tok.children
                                                        if c.dep_ == "ccomp" and c.lower_ == "clear"), None)) is not None:
        # "made (it) clear that A": the that-clause, which the parser hangs on "made" or on "clear"
        return [c for c in (*tok.children, *clear.children) if c.dep_ in ("ccomp", "advcl") and c.i != clear.i
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
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
        elif dep == "advcl" and "clause" in frames and cue.lemma in ASKING and child.i > tok.i \
                and any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in child.children):
            out.append(child)  # a misparsed indirect question: "asked the mayor if she had ..."
        elif dep == "dobj" and "obj" in frames and not has_addressee:
            if _stands_in(child):
                continue
            out.append(child)
            if cue.lemma == "quote":
                # "the paper quoted X as saying A": what the paper reports is X's saying A (and X says A)
                out.extend(c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > child.i)
        elif dep == "dobj" and cue.lemma in SHOWING and _shown_by_a_document(tok):
            # "surveys show Roe ahead among older voters", "records show no payments since 2010": what a
            # document shows is its object and what the verb says of it after the object
            out.append(child)
            out.extend(c for c in tok.children if c.i > child.i and _says_of_the_object(c))
        elif dep == "dobj" and has_addressee and any(c.dep_ == "xcomp" for c in tok.children):
            out.append(child)  # "urged voters to stay home": the addressee is part of the request
        elif dep in ("oprd", "acomp") and ("obj" in frames):
            out.append(child)
        elif dep == "prep" and child.lower_ in frames and child.lower_ in CONTENT_PREPS:
            pobj = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if pobj and not _only_when(pobj[0]):
                out.append(child)
            elif out and child.lower_ == "as" and any(c.dep_ in ("amod", "acomp") for c in child.children):
                out.append(child)  # "dismissed the claim as absurd": what the object was called
        elif dep == "advcl" and out and "as" in frames and child.tag_ in ("JJ", "VBN") and len(list(child.subtree)) <= 6 \
                and any(c.dep_ == "mark" and c.lower_ == "as" for c in child.children):
            out.append(child)  # "criticized the judge as biased", parsed as a clause
        elif dep == "prt" and child.lower_ == "out" and "out" in frames:
            continue
    return out


# Verbs whose object, when a document is their subject, is what it reports ("the poll showed Roe
# ahead"); with a person as subject they are acts ("she showed courage")
SHOWING = frozenset({"show", "reveal", "indicate", "find", "confirm", "suggest"})
# Documents that speak, and figures ("the latest figures show a rise in rents")
EVIDENCE = FINDINGS | MESSAGES | frozenset({"figure", "number", "statistic"})


def _shown_by_a_document(tok) -> bool:
    """Whether the verb's subject is a document or a figure ("the survey", "records", "figures")."""
    subj = _own_subject(tok)
    return subj is not None and subj.pos_ == "NOUN" and subj.lemma_.lower() in EVIDENCE


def _says_of_the_object(tok) -> bool:
    """A word after a finding's object that goes with it: "up", "ahead", "among voters", "since 2010"."""
    return tok.dep_ in ("advmod", "prt", "oprd") or tok.dep_ == "prep" and any(
        o.dep_ in ("pobj", "pcomp") for o in tok.children)


# Verbs that give something an epithet ("called it a disgrace"), whose quoted epithet is the
# speaker's word (NAMING_VERBS above are those whose bare participle only names: "a group called X")
EPITHET_VERBS = frozenset({"call", "brand", "label", "dub", "term"})
EPITHET_REACH = 8  # tokens from the cue to the quoted epithet


def _naming_with_quotation(ctx: _Article, tok, cue: Cue, content_heads: list) -> Candidate | None:
    """'called that "beyond preposterous"', 'called what she saw "terrible"': what is named and
    the quoted name, however the parser hung them on the cue."""
    if cue.lemma not in EPITHET_VERBS or "obj" not in cue.frames or tok.i + 1 >= len(tok.doc):
        return None
    # the cue's own clause: "called Roe and said "..."" holds no name
    joined = [c.left_edge.idx for c in tok.children if c.dep_ in ("conj", "cc") and c.i > tok.i]
    quote = ctx.quote_after(tok.idx, min(joined, default=_subtree_span(tok)[1]))
    if quote is None or quote.start > tok.doc[min(tok.i + EPITHET_REACH, len(tok.doc) - 1)].idx:
        return None
    for h in content_heads:
        h_start, h_end = _subtree_span(h)
        if h.dep_ not in ("dobj", "oprd") or h_start < quote.end and quote.start < h_end:
            return None  # "calls for "...""; a complement that holds the name: the usual ways find them
    named = tok.doc[tok.i + 1]
    if named.lower_ in STAND_IN_OBJECTS or named.lower_ in ("him", "her"):
        return None  # 'called it "a great meeting"': the quotation alone says it
    start, end = _trim(ctx.text, *ctx.clip(tok.idx, named.idx, quote.outer_end))
    return _make(ctx, tok, cue, [(start, end)]) if len(re.findall(r"\w+", ctx.text[start:end])) >= 2 else None


def _only_when(pobj) -> bool:
    """Whether a preposition's object only says when ("called on Tuesday"); "argued for years
    that ..." holds words after the date."""
    return pobj.ent_type_ in ("DATE", "TIME") and not any(c.dep_ in ("relcl", "acl", "ccomp") for c in pobj.children)


def _bare_name(tok) -> bool:
    """An object that is only a name or a pronoun ("called Jane Roe", "called him"): no words of
    what it was called, which the parser sometimes hangs inside the object ("called Roe an 'idiot'")."""
    return all(t.pos_ in ("PROPN", "PRON", "DET", "PUNCT") for t in tok.subtree)


def _asked_of(tok, subject) -> bool:
    """'Asked about X, Roe said ...', 'When asked if ..., Roe ...': the question is put to the subject
    of the sentence by someone unnamed. (A share of those polled, 'Asked if ..., 46 percent said
    no', answers for the poll, which asked: PolNeAR and readers take the question as theirs.)"""
    if tok.lemma_.lower() != "ask" or tok.tag_ != "VBN" or tok.dep_ not in ("advcl", "ROOT", "xcomp"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "agent", "auxpass") for c in tok.children):
        return False  # "she was asked", "asked by a reporter": a clause of its own
    return subject is None or not any(t.lower_ in SHARE_WORDS or t.like_num for t in subject.subtree)


def _another_speakers_clause(tok) -> bool:
    """'..., and 40 percent said B', '..., while other voters said B': a clause after the reported one,
    joined to it, whose own subject says something with its own cue. The parser may hang it on
    the first cue or inside the first content; it is a statement of its own either way."""
    cue = verb_cue(tok) if tok.dep_ in ("ccomp", "conj", "advcl") and tok.pos_ == "VERB" else None
    subject = _own_subject(tok) if cue is not None and tok.i > tok.head.i else None
    if subject is None or subject.lower_ in ("i", "we", "you"):
        return False  # "..., but I think B": within quoted words, the speaker goes on
    if not _content_children(tok, cue):
        return False  # "and Novak knew it": no words of its own to report, so it may be the speaker's
    if tok.left_edge.i == 0:
        return False
    first, before = tok.left_edge, tok.doc[tok.left_edge.i - 1]
    if first.lower_ == "that":
        return False  # "said A and that B": one speaker's second complement
    return before.lower_ in CLAUSE_JOINERS or first.lower_ in CLAUSE_JOINERS and before.text == ","


# Where, or in answer to what, words were said: "said X in an interview", "... in response to a question"
SAYING_SETTINGS = frozenset({"interview", "statement", "tweet", "post", "email", "letter", "response", "answer",
                             "remarks", "briefing", "appearance", "op-ed"})


def _setting_of_saying(tok) -> bool:
    """'said the bridge was safe in an interview with X', '... in response to a question', '...
    in answering a reporter': the occasion of the saying, which the parser hangs at the end of what
    was said; it belongs to the cue, not to the words."""
    if tok.dep_ != "prep" or tok.lower_ not in ("in", "during", "via") or tok.i <= tok.head.i:
        return False
    if tok.right_edge.i < tok.head.right_edge.i - 1:
        return False  # more words follow: part of what was said
    if verb_cue(tok.head) is not None:
        return False  # "said she had admitted it in an interview": the setting of what is reported
    obj = next((c for c in tok.children if c.dep_ in ("pobj", "pcomp")), None)
    return obj is not None and (obj.lower_ in SAYING_SETTINGS or obj.lemma_.lower() in ("answer", "respond"))


def _verb_candidate(ctx: _Article, tok, cue: Cue) -> Candidate | None:
    subject = _subject(tok)
    if _asked_of(tok, subject):
        return None  # "When asked if it could be paid for, Roe said ...": the question is not Roe's
    if subject is not None and subject.lower_ == "you" and tok.sent.text.rstrip().endswith("?"):
        return None  # "Do you think ...?": a question to the reader or the interviewee
    if subject is not None and subject.idx < tok.idx and _quoted_words(ctx, subject.idx):
        return None  # '"Anyone who tries it will fail," said Jane Roe': the words quoted do not speak
    content_heads = _content_children(tok, cue)
    if (naming := _naming_with_quotation(ctx, tok, cue, content_heads)) is not None:
        return naming
    if not content_heads and any(_stands_in(c) for c in tok.children):
        return None  # the words are elsewhere, if anywhere: not the rest of the sentence
    if cue.lemma in EPITHET_VERBS and content_heads and all(h.dep_ == "dobj" and _bare_name(h) for h in content_heads):
        return None  # "called Jane Roe": a name needs what it is called ("called Roe a liar")
    # (a finding of none is a finding: "records show no payments", "the study found no link")
    negated = any(c.dep_ == "neg" for c in tok.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for h in content_heads for c in h.children) and not (
        cue.lemma in SHOWING and _shown_by_a_document(tok))
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
    # "<clause>, said the company's chief executive": an inverted cue at the end of its sentence that
    # the parser joined to the clause as a conjunct; the content is the sentence up to the comma
    if not content_heads and tok.dep_ == "conj" and "clause" in cue.frames and subject is not None \
            and subject.i > tok.i and tok.i > tok.sent.start and tok.doc[tok.i - 1].text == "," \
            and tok.right_edge.i >= tok.sent.end - 2:
        start, end = _trim(ctx.text, *ctx.clip(tok.idx, tok.sent.start_char, tok.doc[tok.i - 1].idx))
        if len(re.findall(r"\w+", ctx.text[start:end])) >= 3:
            return _make(ctx, tok, cue, [(start, end)])
    # "As X reported, <clause>": the clause the cue's as-clause hangs on
    if not content_heads and tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) \
            and tok.lemma_.lower() not in WHILE_SPEAKING and not any(c.dep_ in ("dobj", "xcomp") for c in tok.children):
        head = tok.head
        start, end = _subtree_span(head, exclude=[tok])
        if tok.i < head.i:
            start = max(start, tok.right_edge.idx + len(tok.right_edge.text))
        start, end = _trim(ctx.text, *ctx.clip(tok.idx, start, end))
        if len(re.findall(r"\w+", ctx.text[start:end])) >= 3:
            return _make(ctx, tok, cue, [(start, end)])
    if not content_heads and "clause" in cue.frames and not cue.weak:
        other = next((c for c in tok.children if _another_speakers_clause(c)), None)
        return _rest_of_sentence(ctx, tok, cue, None if other is None else other.left_edge.idx)
    if not content_heads:
        return None
    # "Most said A, and a third said B": a second clause with its own speaker and cue is that
    # speaker's statement, not more of the first
    others = [h for h in content_heads[1:] if _another_speakers_clause(h)]
    content_heads = [h for h in content_heads if h not in others]
    spans = []
    for h in content_heads:
        if h.dep_ == "prep":
            objs = [c for c in h.children if c.dep_ in ("pobj", "pcomp")]
            s, e = _subtree_span(objs[0] if objs else h)
            spans.append((s, max(e, _subtree_span(h)[1])))
        elif h.dep_ == "dobj" and h.pos_ == "PROPN":
            # "supporting X, the director of Y, who ...": the name, not what the writer adds about it
            extras = [c for c in h.children if c.i > h.i and c.dep_ in ("appos", "relcl", "acl", "punct")]
            s, e = _subtree_span(h, exclude=extras)
            spans.append((s, e))
        else:
            # another speaker's clause, or the same cue again ("said A and said B", the second "said"
            # hung on a verb of A): a statement of its own, not more of this one
            others += [c for c in h.children if _another_speakers_clause(c)
                       or c.dep_ == "conj" and c.lemma_ == tok.lemma_ and c.pos_ == "VERB" and c.i > h.i]
            s, e = _subtree_span(h, exclude=[c for c in h.children
                                             if _reporting_participle(c) or c in others or _setting_of_saying(c)])
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
    rest = _trim(ctx.text, tok.idx + len(tok.text), end)
    if start < tok.idx < end and len(re.findall(r"\w+", ctx.text[rest[0]:rest[1]])) >= 3:
        # "changes, which officials said will take effect soon": the relative pronoun the clause
        # opens with, and the clause after the cue; the speaker and the cue between are no words of it
        subject = _subject(tok)
        cut = subject.left_edge.idx if subject is not None and start < subject.left_edge.idx < tok.idx else tok.idx
        opening = _trim(ctx.text, start, cut)
        return _make(ctx, tok, cue, [p for p in (opening, rest) if p[1] > p[0]])
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
            q.start < left[1] and left[0] < q.end or q.start <= right[0] < q.end
            or right[0] <= q.outer_start <= right[0] + 1 for q in ctx.quotes):
        return None  # a quotation broken by its cue; a quoted fragment inside the words is theirs
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
