"""Candidates from quotation marks that no cue's complement covers: a cue beside the quote, the
previous speaker continued, or an embedded social post."""

from __future__ import annotations

import re

from ...entity_lexicon import is_honorific
from ..lexicon import cues
from ..quotes import Quote
from .candidate import (
    MIN_QUOTE_WORDS,
    SENTENCE_ENDS,
    Candidate,
    _Article,
    _cue_of,
    _cue_token,
    _inverted_subject,
    _left_name,
    _make,
    _speaker_span,
    _trim,
)
from .verbs import _not_reporting

SOCIAL_POST = re.compile(r"\s[—–]\s*(?P<name>[^\n—–]{1,80}?)\s*\((?P<handle>@\w{1,30})\)\s*(?P<date>[^\n]{0,40})$")


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
            whole = bool(beside) and not _ends_paraphrase(ctx, cand, beside[0], s, words_outside)
            if whole and sum(len(re.findall(r"\w+", text[q.start:q.end])) for q in beside) >= 2:
                cand.spans = [(q.start, q.end, "Direct") for q in beside]
                cand.confidence = max(cand.confidence, 0.85)
                covered.extend(beside)
                if beside[0].outer_end <= cand.cue_start and (cue_tok := _cue_token(ctx, cand)) is not None:
                    _speaker_beside(ctx, cand, cue_tok, beside[0], "after")  # the parse gave the cue none
                continue
            if words_outside == 0:
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
            # of the candidates holding it, the one with a speaker: in 'Roe, as she is known, "was
            # A," Poe said', the quotation is Poe's, not that of the speakerless "known"
            owner = max((c for c in found if any(s <= q.start < e for s, e, _ in c.spans)),
                        key=lambda c: c.speaker_start >= 0, default=None)
            if owner is not None:
                last_attr, last_attr_end = owner, q.end
            continue
        words = len(re.findall(r"\w+", text[q.start:q.end]))
        cue_tok, where = _adjacent_cue(ctx, q)
        if cue_tok is not None:
            existing = by_cue.get(cue_tok.idx)
            utterance = words >= 2 or _whole_utterance(text, q, where)
            if existing is not None:
                if where == "after" and not _starts_sentence(text, q) \
                        and all(s >= existing.cue_end for s, _, _ in existing.spans):
                    # 'to chants of "Marco!," the senator said his campaign was ...': a quotation
                    # inside the clause before the cue, which reports its own complement
                    continue
                if not any(s < q.end and q.start < e for s, e, _ in existing.spans):
                    if all(m == "Direct" for _, _, m in existing.spans):
                        existing.spans.append((q.start, q.end, "Direct"))
                    elif utterance:
                        # the quotation beside the cue is what it reports, not a misparsed complement
                        existing.spans = [(q.start, q.end, "Direct")]
                        existing.confidence = max(existing.confidence, 0.85)
                        _speaker_beside(ctx, existing, cue_tok, q, where)
                    else:
                        continue
                last_attr, last_attr_end = existing, q.end
                continue
            if not utterance:
                continue
            cue = _cue_of(cue_tok) or cues()[("say", "VERB")]
            cand = _make(ctx, cue_tok, cue, [(q.start, q.end)])
            if cand is None:
                continue
            cand.spans = [(q.start, q.end, "Direct")]
            cand.confidence = 0.85
            _speaker_beside(ctx, cand, cue_tok, q, where)
            if cand.speaker_token is None and last_attr is not None and where == "after":
                cand.continues = last_attr
            out.append(cand)
            by_cue[cue_tok.idx] = cand
            last_attr, last_attr_end = cand, q.end
            continue
        # a short one is a whole sentence continuing the paragraph's quotation ('"But, look."')
        short = words < MIN_QUOTE_WORDS
        if short and not (words >= 2 and _last_mark(text, q) in SENTENCE_ENDS) \
                or not _starts_sentence(text, q):
            continue
        # a quotation standing alone right after an attributed one continues its speaker
        if last_attr is not None and _near(text, last_attr_end, q.start,
                                           last_attr_end <= last_attr.cue_start < q.start):
            same_para = "\n" not in text[last_attr_end:q.start]
            if short and not same_para:
                continue
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


def _ends_paraphrase(ctx: _Article, cand: Candidate, q: Quote, start: int, words_outside: int) -> bool:
    """'The plan is "a disaster," Roe said': a quotation beside the cue that ends a clause of the
    writer's words (words with a verb before it in the cue's content) is part of that paraphrase,
    not all that was said."""
    if q.outer_end > cand.cue_start or words_outside < 2 or _starts_sentence(ctx.text, q) or start >= q.outer_start:
        return False
    span = ctx.doc.char_span(start, q.outer_start, alignment_mode="contract")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)  # a stray fragment (a date) is none


def _speaker_beside(ctx: _Article, cand: Candidate, cue_tok, q: Quote, where: str) -> None:
    """A speaker for a cue beside a quotation that the parse left without a subject: the name that
    opens the words after the quotation ('"A," Jane Roe, now retired in Salem, Mass., said'), the
    name just before the cue ('"A," campaign manager Jane Roe said Monday', which the parser may hang
    on the quotation), else the noun phrase after it ('"A," said Jane Roe')."""
    opening = _name_opening_apposition(ctx, q, cue_tok) if where == "after" else None
    if opening is not None and not (cand.speaker_token is not None
                                    and q.outer_end <= cand.speaker_start <= opening.start_char < cand.speaker_end):
        # the parse took a word of the apposition for the subject ("Mass." of "Salem, Mass."), or hung
        # the quotation on the name: the name's own words are the speaker's
        cand.speaker_token = opening.root
        cand.speaker_start, cand.speaker_end = opening.start_char, opening.end_char
        return
    if cand.speaker_token is not None and not q.outer_start <= cand.speaker_start < q.outer_end:
        return  # (a word of the quotation the parse took for the subject is none: '"Nope," wrote a fan')
    inv = (_left_name(ctx, cue_tok) if where == "after" else None) or _inverted_subject(ctx, cue_tok)
    if inv is not None:
        cand.speaker_token = inv
        cand.speaker_start, cand.speaker_end = _speaker_span(inv)


def _name_opening_apposition(ctx: _Article, q: Quote, cue_tok):
    """'"A," Jane Roe, a planner at Harbor Group, said': the words of the name between the quotation
    and the comma that opens its apposition, when the words up to the cue are that apposition."""
    between = ctx.text[q.outer_end:cue_tok.idx]
    m = APPOSITION.match(between)
    if m is None:
        return None
    start, end = q.outer_end + m.start("name"), q.outer_end + m.end("name")
    name = next((mn for mn in ctx.coref.mentions if mn.kind == "name" and start <= mn.start and mn.end <= end), None)
    if name is None:
        return None
    span = ctx.doc.char_span(name.start, name.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


# The words between a quotation and its cue: a capitalised name, its apposition set off by commas.
APPOSITION = re.compile(r"[\s,]*(?P<name>[A-Z][^,\"“”]{0,60}),\s+[^\"“”\n]{2,160},\s*$")


def _whole_utterance(text: str, q: Quote, where: str) -> bool:
    """A quotation of one word that is all the speaker said ('"Never," he said', 'She said:
    "No."'), not a word quoted inside a clause: it stands as a sentence, its own punctuation inside."""
    last = _last_mark(text, q)
    if where == "after":
        return _starts_sentence(text, q) and last in WORDS_ENDS
    return last in SENTENCE_ENDS and text[:q.outer_start].rstrip()[-1:] in (":", ",")


WORDS_ENDS = (",", *SENTENCE_ENDS)  # the marks that end a speaker's words inside the quotation


def _last_mark(text: str, q: Quote) -> str:
    """The last character of a quotation's words ("," in '"We will win," she said')."""
    return text[q.start:q.end].rstrip()[-1:]


def _beside_cue(text: str, q: Quote, cue_start: int, cue_end: int) -> bool:
    """The quotation is the cue's own: '"A," she said' or 'she said: "A"' (a few words between at most)."""
    if q.outer_end <= cue_start:
        between = text[q.outer_end:cue_start]
        return len(between) < 80 and not re.search(r"[.!?\n]", between) and len(re.findall(r"\w+", between)) <= 8
    if cue_end <= q.start:
        between = text[cue_end:q.outer_start]
        if between.strip() == ":" and between.count("\n") <= 2:
            return True  # 'She went on to say:' and the quotation set off as a paragraph of its own
        return (len(between) < 60 and "\n" not in between and len(re.findall(r"\w+", between)) <= 5
                and (not between.strip() or between.rstrip()[-1] in ",:—–"))
    return False


# Words around a quotation in a complement that do not make it a paraphrase: 'said that "..."',
# 'for her, the "..."'
LINKING_WORDS = frozenset({"that", "saying", "and", "but", "as", "to", "of", "while", "the", "a", "an"})


def _words_outside(text: str, s: int, e: int, quotes: list[Quote]) -> int:
    """The complement's words outside its quotations, but for linking words: 'that Roe "will
    meet..."' has one (Roe, the reported clause's own subject), 'that "..."' none."""
    chars = []
    pos = s
    for q in sorted(quotes, key=lambda q: q.start):
        if q.start > pos:
            chars.append(text[pos:max(pos, q.outer_start)])
        pos = max(pos, q.outer_end)
    if pos < e:
        chars.append(text[pos:e])
    return sum(1 for w in re.findall(r"\w+", " ".join(chars)) if w.lower() not in LINKING_WORDS)


def _starts_sentence(text: str, q: Quote) -> bool:
    i = q.start - 1
    while i >= 0 and text[i] in "\"'`“„«‘":
        i -= 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    # a dash set off by spaces opens an aside as a sentence would: 'plans to move - "A," he said'
    return (i < 0 or text[i] in ".!?\n:”\"’" or text[i - 1:i + 1] == "''" or text[i] == "—"
            or text[i] in "-–" and text[i - 1:i] == " ")


def _near(text: str, a: int, b: int, cue_between: bool = False) -> bool:
    """Nothing but the previous quotation's own attribution between offsets a and b (one paragraph break)."""
    between = text[a:b]
    if between.count("\n") > 2 or len(between) > 400:
        return False
    words = len(re.findall(r"\w+", between))
    if cue_between:  # '"A," said X, the mayor of Y. "B."': the tail that attributes A
        tail = QUOTED_TITLE.sub(" ", between)  # '... said X, a host of the show "Morning Call." "B."'
        return words <= 30 and not re.search(r"[“”\"]|''", tail.strip(" \n\t,'‘’“”\""))
    return words <= 1


# A title quoted inside a clause: after a word, capitalised words (and the small words of titles).
QUOTED_TITLE = re.compile(r"(?<=[A-Za-z,] )(?:[\"“]|'')(?:[A-Z0-9][\w'’.:-]*|of|the|and|a|an|in|on|with|for|to|at)"
                          r"(?: (?:[A-Z0-9][\w'’.:-]*|of|the|and|a|an|in|on|with|for|to|at)){0,7}[.,]?(?:[\"”]|'')")


AFTER_STOP = re.compile(r"[.!?\n“\"`]|''")  # where the words after a quotation that may hold its cue end


def _adjacent_cue(ctx: _Article, q: Quote):
    """A reporting verb right after the quotation ('"A," she said') or right before it ('She said: "A"')."""
    text, doc = ctx.text, ctx.doc
    close = q.outer_end
    # after: up to the end of the sentence or the next quotation
    stop = len(text)
    for m in AFTER_STOP.finditer(text, close):
        # the point of a title is no sentence end: '"A," Mr. Roe said' keeps its cue
        word = text[text.rfind(" ", close, m.start()) + 1:m.start()]
        if m.group() == "." and len(word) <= 4 and is_honorific(word):
            continue
        if m.group() == "." and re.match(r"\s*[,a-z]", text[m.end():m.end() + 3]):
            continue  # an abbreviation's point inside the sentence: 'of Salem, Mass., said'
        stop = m.start()
        break
    span = doc.char_span(close, stop, alignment_mode="expand") if stop > close else None
    if text[close:stop].rstrip().endswith(":") and _last_mark(text, q) in (*SENTENCE_ENDS, "…"):
        # '"A." Asked why, she said: "B"': a new sentence whose cue introduces what follows its
        # colon ('"A," Roe said before adding: "B"' is A's cue all the same)
        span = None
    after, how = _cue_after(ctx, q, span) if span is not None else (None, None)
    if how == "blocked":
        return None, None  # the verb after it names, it does not report ('"A" is a film described as ...')
    if after is not None:
        last = _last_mark(text, q)
        if last in SENTENCE_ENDS and any(c.dep_ == "ccomp" and c.i > after.i for c in after.children):
            return _cue_before(ctx, q)  # '"A." Roe said both B and C': the next sentence reports its own words
        if last != ".":
            return after, how
        # a quotation that ends its sentence ('by saying "Enough for today." The council echoed her') is the
        # words of a cue before it, if one stands there, before those of the next sentence's
        before = _cue_before(ctx, q)
        return before if before[0] is not None else (after, how)
    return _cue_before(ctx, q)


def _cue_after(ctx: _Article, q: Quote, span):
    """The reporting verb in the words after a quotation, `span` ('"A," she said'); (None, "blocked")
    where the first verb there is one of saying that only names."""
    text = ctx.text
    # the rest of a short sentence; in a long one, the words up to its first verb ('"A," said
    # Jane Roe, who ...', '"A," Jane Roe said Monday in an interview with ...')
    long = len(span) > 12
    for tok in (span[:10] if long else span):
        if tok.tag_ == "VBG" and tok.i > 0 and tok.nbor(-1).lower_ in ("before", "after", "while", "without"):
            break  # '"A," before adding B': a participle of its own clause, not the quotation's cue
        if tok.idx >= q.outer_end and (_cue_of(tok) is not None and tok.pos_ in ("VERB", "AUX")):
            if _inside_subject(text, tok, q):
                return None, None  # 'Roe, the author of "A Long Road," said': a title in the speaker's name
            return _after_unless_naming(tok)
        if long and tok.pos_ in ("VERB", "AUX"):
            break
    if long:
        # '"A," Jane Roe, now retired in Salem, Mass., said by telephone': the cue after the
        # apposition of the name that opens the words
        for tok in span[10:40]:
            if (tok.i > 0 and tok.doc[tok.i - 1].text == "," and _cue_of(tok) is not None
                    and tok.pos_ in ("VERB", "AUX") and APPOSITION.match(text[q.outer_end:tok.idx])):
                return _after_unless_naming(tok)
    return None, None


def _after_unless_naming(tok):
    return (tok, "after") if not _not_reporting(tok) else (None, "blocked")


def _inside_subject(text: str, cue_tok, q: Quote) -> bool:
    """Whether the quotation lies in the description of the cue's subject ('Roe, the author of "A Long
    Road," said'): a title that names the speaker, not what the speaker said."""
    subj = next((c for c in cue_tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or not subj.left_edge.idx <= q.start or q.end > subj.right_edge.idx + len(subj.right_edge):
        return False
    # a parse that hangs a quotation opening the sentence ('"A," Roe, 70, said') on the name after it has
    # it inside the subject too: there the words ending in a comma or a stop are the speaker's
    return subj.idx < q.outer_start or _last_mark(text, q) not in WORDS_ENDS


def _cue_before(ctx: _Article, q: Quote):
    """The reporting verb right before a quotation: 'She said: "A"', 'X tweeted, "A"', 'X said in a
    statement, "A"'."""
    text, doc = ctx.text, ctx.doc
    open_at = q.outer_start
    lead = open_at
    while lead > 0 and text[lead - 1].isspace():
        lead -= 1
    if text[lead - 1:lead] == ":" and "\n" in text[lead:open_at]:
        open_at = lead  # 'She went on to say:' and the quotation set off as a paragraph of its own
    sent_start = max(text.rfind(".", 0, open_at), text.rfind("\n", 0, open_at), text.rfind("”", 0, open_at), 0)
    span = doc.char_span(sent_start, open_at, alignment_mode="contract")
    if span is not None:
        for tok in reversed(span):
            if _cue_of(tok) is not None and tok.pos_ in ("VERB", "AUX") and not _not_reporting(tok):
                if _beside_cue(text, q, tok.idx, tok.idx + len(tok.text)) or _introduces(text, tok, q):
                    return tok, "before"
                break
    return None, None


def _introduces(text: str, cue_tok, q: Quote) -> bool:
    """'She said in an interview on Tuesday:' and the quotation, in the paragraph after or not: a
    cue whose words up to a colon are only where and when it was said (no complement of its own)."""
    between = text[cue_tok.idx + len(cue_tok.text):q.outer_start]
    head = between.rstrip()
    return (head.endswith(":") and "\n" not in head and between.count("\n") <= 2 and len(head) < 80
            and len(re.findall(r"\w+", head)) <= 10
            and not any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.idx < q.outer_start for c in cue_tok.children))


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
