"""Roles and relations stated by appositions, premodifiers and a few verb frames.

- premodifiers: "Some Title director Jane Roe" -> (Jane Roe, directorOf, Some Title);
  "film critic Jane Roe" -> (Jane Roe, criticFor, none): a role without its object.
- appositions: "Jane Roe, the director of Some Title," and "the company's producer, Jane Roe".
- verb frames: "Some Title, directed by Jane Roe", "starring Jane Roe", "Jane Roe won the X Award".
- stated aliases, kept as Relation(predicate="alias") for the resolver, never as facts:
  "Long Name, known as LN", "Long Name (LN)".
"""

from __future__ import annotations

import bisect
import re

from ..entity_lexicon import head_types, roles, singular
from ..records import Article, Mention, Relation, Span
from .mentions import APPOSITION_STOPS, apposition_noun

ALIAS = "alias"  # must match kg.resolve.entities.ALIAS
# "X, known as Y", "X, also called Y". "called"/"named" are verbs too ("X called Y a liar", "X also
# called Y voters stupid"), so they need a comma and an adverb before them, and Y must end there.
KNOWN_AS = re.compile(
    r"^\s*(?:,?\s*(?:(?:also|better|commonly|widely|formerly|originally)\s+)?(?:known as|referred to as)"
    r"|,\s*(?:also|formerly|originally)\s+(?:called|titled|named|dubbed))\s+(?:the\s+)?[\"“‘']?"
)
# '"... Jojo," X said, using Y's nickname': the name just quoted is Y's nickname
NICKNAME_GAP = re.compile(r"^[,.!?]?[\"”’'](?:\s+[\w.]+){1,4},?\s+(?:using|with|by)\s+$")
NICKNAME_AFTER = re.compile(r"^['’]s\s+(?:nickname|pet name)\b")
ALIAS_END = re.compile(r"^[\"”’']?(?:[,.;:)]|\s+(?:and|or|but|which|who)\b|\s*$)")
OPEN_PAREN = re.compile(r"^\s*\(\s*")
WORK_PREDICATES = frozenset({"directorOf", "producerOf", "castMemberOf", "distributorOf"})
ORG_PREDICATES = frozenset({"spokespersonFor", "worksFor", "memberOf", "criticFor"})
# Verb frames: "directed by X" (X is the subject of the relation, the noun the verb modifies its object)
BY_VERBS = {
    "direct": "directorOf",
    "produce": "producerOf",
    "distribute": "distributorOf",
    "helm": "directorOf",
}
STARRING = frozenset({"star", "feature"})
WIN_VERBS = frozenset({"win", "receive", "earn", "collect", "accept", "take", "get", "scoop"})
AWARD_WORDS = frozenset({"award", "awards", "prize", "medal", "trophy", "fellowship", "honor", "honour"})


def find_relations(doc, article: Article, mentions: list[Mention], limit: int | None) -> list[Relation]:
    """Relations between mentions ("Jane Roe, the director of X"), with the span that states them."""
    limit = len(article.text) if limit is None else limit
    at_token = _mentions_by_token(doc, mentions)
    by_start = sorted((m.start, j) for j, m in enumerate(mentions))
    out: dict[tuple, Relation] = {}

    def add(subject: int, predicate: str, obj: int | None, start: int, end: int) -> None:
        if obj == subject or end > limit:
            return
        out.setdefault(
            (subject, predicate, obj, start, end), Relation(subject, predicate, obj, Span(start, end))
        )

    for i, m in enumerate(mentions):
        if m.kind != "name" or m.end > limit:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        _aliases(article.text, i, m, mentions, by_start, add)
        _premodifier(doc, span, i, mentions, at_token, add)
        _apposition(doc, span, i, mentions, at_token, add)
    _verb_frames(doc, mentions, at_token, add)
    return sorted(
        out.values(), key=lambda r: (r.span.start, r.span.end, r.subject, r.predicate, r.object or -1)
    )


def _mentions_by_token(doc, mentions: list[Mention]) -> dict[int, int]:
    """Token index -> index of the mention covering it (names win over pronouns and descriptions)."""
    out: dict[int, int] = {}
    for i, m in sorted(enumerate(mentions), key=lambda im: im[1].kind != "name"):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        if m.kind != "name" and any(out.get(t) is not None for t in range(span.start, span.end)):
            continue  # a description wrapping a name ("film critic Jane Roe") stands for that name
        for t in range(span.start, span.end):
            out.setdefault(t, i)
    return out


def _aliases(
    text: str, i: int, m: Mention, mentions: list[Mention], by_start: list[tuple[int, int]], add
) -> None:
    lo = bisect.bisect_left(by_start, (m.end, -1))
    hi = bisect.bisect_right(by_start, (m.end + 60, len(mentions)))
    for _, j in by_start[lo:hi]:
        other = mentions[j]
        if other.kind != "name":
            continue
        gap = text[m.end : other.start]
        possessive = text[other.end : other.end + 2] in ("'s", "’s")
        stated = (
            KNOWN_AS.match(gap)
            and KNOWN_AS.match(gap).end() == len(gap)
            and not possessive
            and ALIAS_END.match(text[other.end : other.end + 8])
        )
        bracketed = (
            OPEN_PAREN.match(gap)
            and OPEN_PAREN.match(gap).end() == len(gap)
            and text[other.end : other.end + 1] == ")"
            and _is_short_form(other.text, m.text)
        )
        if stated or bracketed:
            add(i, ALIAS, j, m.start, other.end + (1 if bracketed else 0))
        elif " " not in m.text and NICKNAME_GAP.match(gap) and (nick := NICKNAME_AFTER.match(text[other.end:])):
            add(j, ALIAS, i, m.start, other.end + nick.end())


def _is_short_form(short: str, long: str) -> bool:
    """'LN' for 'Long Name' (its letters are initials of the long name's words, in order), or a name
    whose words all appear in the long one. 'Jane Roe (US)' is no short form: US is not her initials."""
    letters = [c for c in short if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(short.split()) == 1:
        initials = [w[0].upper() for w in re.split(r"[\s\-–/]+", long) if w and w[0].isalpha()]
        if not initials or letters[0] != initials[0]:
            return False
        k = 0
        for c in letters:
            while k < len(initials) and initials[k] != c:
                k += 1
            if k == len(initials):
                return False
            k += 1
        return True
    return set(short.lower().split()) < set(long.lower().split())


def _role(tok) -> tuple[str, str | None] | None:
    return roles().get(singular(tok.lower_)) if tok.is_lower else None


def _premodifier(doc, span, i: int, mentions, at_token, add) -> None:
    """'Some Title director Jane Roe', 'film critic Jane Roe', 'the company's CEO Jane Roe'."""
    k = span.start - 1
    if k < 0 or (role := _role(doc[k])) is None or role[1] is None:
        return
    start = doc[k].idx
    j = k - 1
    while j >= 0 and (doc[j].is_quote or doc[j].tag_ == "POS"):
        j -= 1
    obj = at_token.get(j) if j >= 0 else None
    if obj is not None and _refers(mentions[obj]):
        start = min(start, mentions[obj].start)
    else:
        obj = None
        if j >= 0 and doc[j].is_lower is False and doc[j].pos_ in ("NOUN", "PROPN") and j == k - 1:
            start = doc[j].idx  # "Film critic Jane Roe": keep the whole premodifier as evidence
    add(i, role[1], obj, start, span.end_char)


def _apposition(doc, span, i: int, mentions, at_token, add) -> None:
    noun = apposition_noun(doc, span.start, span.end)
    if noun is None or (role := _role(noun)) is None or role[1] is None:
        return
    predicate = role[1]
    if noun.i > span.end:  # "Jane Roe, the director of Some Title,"
        end_tok = noun.i + 1
        while (
            end_tok < len(doc)
            and end_tok < noun.i + 12
            and doc[end_tok].text not in APPOSITION_STOPS
            and doc[end_tok].pos_ not in ("VERB", "AUX")  # "X, the director of Y said ...": the clause ends
        ):
            end_tok += 1
        while (
            end_tok < len(doc)
            and at_token.get(end_tok) is not None
            and at_token.get(end_tok) == at_token.get(end_tok - 1)
        ):
            end_tok += 1  # never cut a name in two
        inside = sorted(
            {
                at_token[t]
                for t in range(span.end + 1, end_tok)
                if t in at_token and mentions[at_token[t]].kind == "name"
            }
        )
        obj = _best_object(inside, mentions, predicate)
        add(i, predicate, obj, span.start_char, doc[end_tok - 1].idx + len(doc[end_tok - 1].text))
    else:  # "the company's producer, Jane Roe"
        j = noun.i - 1
        while j >= 0 and (doc[j].is_quote or doc[j].tag_ == "POS"):
            j -= 1
        obj = at_token.get(j)
        if obj is not None and not _refers(mentions[obj]):
            obj = None
        first = min(mentions[obj].start, noun.idx) if obj is not None else noun.idx
        add(i, predicate, obj, first, span.end_char)


def _refers(m: Mention) -> bool:
    """A name, or a description the coreference step tied to a name ("the film's producer")."""
    return m.kind == "name" or (m.kind in ("description", "pronoun") and m.antecedent is not None)


def _best_object(candidates: list[int], mentions: list[Mention], predicate: str) -> int | None:
    """The mention an apposition's role points at: a work for a director, an organisation for a critic."""
    if not candidates:
        return None
    wanted = (
        "CreativeWork"
        if predicate in WORK_PREDICATES
        else "Organization"
        if predicate in ORG_PREDICATES
        else None
    )

    def lead(j: int) -> str | None:
        votes = dict(mentions[j].votes)
        return max(votes, key=votes.get) if votes else None

    fitting = [j for j in candidates if lead(j) == wanted]
    return (fitting or candidates)[-1]


def _verb_frames(doc, mentions: list[Mention], at_token, add) -> None:
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma in BY_VERBS and tok.tag_ == "VBN":
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            subject = at_token.get(pobj.i) if pobj is not None else None
            if subject is None or mentions[subject].kind != "name":
                continue
            obj = at_token.get(tok.head.i) if tok.dep_ == "acl" else None
            if obj is None and tok.dep_ != "acl":
                nsubj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
                obj = at_token.get(nsubj.i) if nsubj is not None else None
            start = min(tok.idx, mentions[obj].start if obj is not None else tok.idx)
            add(subject, BY_VERBS[lemma], obj, start, mentions[subject].end)
        elif lemma in STARRING and tok.tag_ == "VBG" and tok.dep_ == "acl":
            work = at_token.get(tok.head.i)
            for c in tok.children:
                if c.dep_ == "dobj":
                    for member in (c, *[x for x in c.subtree if x.dep_ == "conj"]):
                        actor = at_token.get(member.i)
                        if actor is not None and mentions[actor].kind == "name":
                            add(actor, "castMemberOf", work, tok.idx, mentions[actor].end)
        elif lemma in WIN_VERBS and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if subj is None or dobj is None:
                continue
            winner, award = at_token.get(subj.i), at_token.get(dobj.i)
            if winner is None or award is None or mentions[award].kind != "name":
                continue
            words = {w.lower() for w in re.findall(r"\w+", mentions[award].text)}
            after = doc[dobj.i + 1] if dobj.i + 1 < len(doc) else None
            votes = dict(mentions[award].votes)
            if (
                words & AWARD_WORDS
                or (after is not None and after.lower_ in AWARD_WORDS)
                or (
                    votes
                    and max(votes, key=votes.get) == "Event"
                    and head_types().get(dobj.lower_) == "Event"
                )
            ):
                start = min(mentions[winner].start, subj.idx)
                add(winner, "awardWon", award, start, mentions[award].end)
    _character_actor(doc, mentions, at_token, add)


def _character_actor(doc, mentions: list[Mention], at_token, add) -> None:
    """'Some Title follows Amy (Jane Roe)': the name in parentheses plays a part in the work."""
    for i, m in enumerate(mentions):
        if m.kind != "name":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start < 2 or doc[span.start - 1].text != "(" or span.end >= len(doc):
            continue
        if doc[span.end].text != ")" or len(span) < 2:
            continue
        character = at_token.get(span.start - 2)
        if character is None or mentions[character].kind != "name":
            continue
        root = span.sent.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        work = at_token.get(subj.i) if subj is not None else None
        if work is None or mentions[work].kind != "name":
            continue
        votes = dict(mentions[work].votes)
        lead = max(votes, key=votes.get) if votes else None
        if votes.get("CreativeWork") or lead not in ("Person", "Place"):  # NER often calls a title an org
            add(i, "castMemberOf", work, mentions[character].start, m.end + 1)
