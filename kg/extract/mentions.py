"""Named mentions of people, organisations, works, events and places, with type votes.

spaCy's small model proposes names; every name is then cleaned (titles, honorifics, role
premodifiers, possessives and leading articles stripped) and typed by votes from its context,
never by the NER label alone: "X, the promotion organization" -> organisation, "film X" ->
work, "director X" -> person, "in X" -> place, the subject of a reporting verb -> person or
organisation. Junk never becomes a mention: headline fragments (names in title-case lines
that the body never uses), hashtags and handles, shouted words, numbers and dates.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from ..entity_lexicon import (
    CALENDAR_WORDS,
    PERSONAL_ORGANISATIONS,
    family_name,
    given_names,
    head_types,
    honorifics,
    institution_words,
    institutions,
    is_honorific,
    roles,
    singular,
)
from ..records import Article, Mention
from .boilerplate import is_title_line
from .coref import leading_type
from .lexicon import verb_cue

PARTY_STATE = re.compile(r"\b[RDI]-$")  # "(R-TX)": a lawmaker's party before their state
# NER label -> (base type, weight). The small model over-uses GPE for companies, so a place
# label alone weighs less than the context votes below.
NER_VOTES = {
    "PERSON": ("Person", 1.0),
    "ORG": ("Organization", 1.0),
    "GPE": ("Place", 0.6),
    "LOC": ("Place", 1.0),
    "FAC": ("Place", 0.4),
    "WORK_OF_ART": ("CreativeWork", 1.0),
    "EVENT": ("Event", 1.0),
    "PRODUCT": ("CreativeWork", 0.3),
}
# Heads of legislation: works, whatever the model calls them ("the Equal Rights Amendment"); other
# work nouns also end company names ("Harbor Films"), so only these decide a name's type alone.
LEGAL_HEADS = frozenset({"amendment", "clause"})
# What the model labels a place, an event or a work is no person, whatever its first word ("St. Albans",
# "Marisol Bay", "the Daisy Bowl").
NOT_PEOPLE = frozenset({"GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW"})
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATE_OR_SCORE = re.compile(
    rf"^\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})$|^(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?$|\s\d+-\d+$",
    re.IGNORECASE,
)
WORK_VERBS = frozenset({"direct", "produce", "write", "film", "release", "distribute", "star"})
AUXILIARIES = frozenset(
    {
        "will",
        "would",
        "can",
        "could",
        "should",
        "shall",
        "might",
        "must",
        "did",
        "does",
        "do",
        "is",
        "was",
        "are",
        "were",
        "has",
        "have",
    }
)
AWARD_WORDS = frozenset({"award", "awards", "prize", "medal", "trophy"})
STRONG = 3.0  # an apposition, premodifier or the name's own head word
# A given name first outweighs one NER label: the small model often calls people organisations,
# but a context vote (an apposition, a head word like "Inc.") still wins.
GIVEN_NAME = 1.5
SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "tweet",
        "write",
        "add",
        "announce",
        "apologize",
        "apologise",
        "respond",
        "claim",
        "state",
        "explain",
        "deny",
        "argue",
        "issue",
        "release",
        "defend",
        "praise",
        "criticize",
        "criticise",
        "accuse",
        "urge",
        "call",
        "insist",
        "warn",
        "confirm",
        "report",
        "post",
        "reply",
        "comment",
        "admit",
        "acknowledge",
        "suggest",
        "note",
        "declare",
        "stress",
        "ask",
        "demand",
        "threaten",
        "promise",
        "vow",
    ]
)
SPEECH_NOUNS = frozenset(["statement", "interview", "remarks", "comments", "comment", "letter", "email"])
PLACE_PREPS = frozenset(["in", "from", "near", "across", "throughout", "outside", "inside", "into"])
PLATFORM_PREPS = frozenset({"on", "via"})
NAME_PREPS = frozenset({"of", "for", "on"})  # "Council on X", "University of X": the head is before them
DETERMINERS = frozenset({"the", "a", "an"})
APPOSITION_STOPS = frozenset({",", ".", ";", ":", "(", ")", "who", "which", "that", "whose", "—", "–"})
# a quoted phrase: in double quotes, curly quotes, single quotes or the doubled single quotes of some
# newspapers (''Meet the Press''); an apostrophe inside a word does not close it
QUOTED = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))(''|[\"“‘'])((?:[^\"“”‘’'\n]|(?<=\w)'(?=\w)){1,80}?)(''|[\"”’'])"
                    r"(?=[\s,.;:!?)\]—–-]|$)")
ROLE_PREDICATES_OF_WORKS = frozenset({"directorOf", "producerOf", "castMemberOf"})
ROLE_PREDICATES_OF_ORGS = frozenset({"spokespersonFor", "worksFor", "memberOf", "criticFor"})


@dataclass
class Candidate:
    """A name being built: token range, and the type votes gathered for it."""

    start: int  # token index
    end: int  # token index, exclusive
    votes: list[tuple[str, float]] = field(default_factory=list)
    char_start: int | None = None  # for quoted titles, whose quote marks spaCy may split oddly
    char_end: int | None = None


def find_mentions(doc, article: Article, limit: int | None) -> list[Mention]:
    """Named mentions before `limit`, each with type votes from its label and its context."""
    text = article.text
    limit = len(text) if limit is None else limit
    headline = _headline_mask(text)
    cands = [c for ent in _joined_person_names(doc) for c in _from_ent(doc, ent)]
    cands = _add_quoted_titles(doc, text, cands)
    cands = _add_event_names(doc, cands)
    cands = _add_acronyms(doc, cands)
    cands = _add_personal_organisations(doc, cands)
    cands = _add_parenthesised_names(doc, cands)
    cands = _add_proper_nouns_in_context(doc, cands)
    out: list[Mention] = []
    mentions = []
    for (start, end), c in sorted(((_chars(doc, c), c) for c in cands), key=lambda sc: (sc[0][0], -sc[0][1])):
        if end > limit or (mentions and start < mentions[-1][1]):
            continue  # after the footer, or overlapping a longer name already taken
        if not _looks_like_name(doc, c, text):
            continue
        votes = list(c.votes) + context_votes(doc, c.start, c.end)
        mentions.append((start, end, votes, c))
    mentions = _split_concatenations(doc, text, mentions)
    mentions = _surnames_taken_for_places(text, mentions)
    body_names = {normal(text[s:e]) for s, e, _, _ in mentions if not headline[s]}
    words = {w for n in body_names for w in n.split()}
    for start, end, votes, c in mentions:
        norm = normal(text[start:end])
        if " " not in norm and norm.endswith("s") and norm[:-1] in words and norm not in _institution_forms():
            # "the Roes", "Acmes": the plural of a name names a family or a group; "Republicans"
            # next to "Republican" is still the party (kg/data/institutions.tsv)
            continue
        if headline[start]:
            trimmed = _trim_to_known(doc, c, text, body_names)
            if trimmed is None:
                continue  # a headline fragment ("Company Apologizes"): the body never names it so
            start, end = trimmed
        out.append(Mention(start, end, text[start:end], "name", _merge_votes(votes), sex=_honorific_sex(doc, c.start)))
    return out


def _surnames_taken_for_places(text: str, mentions: list) -> list:
    """A lone surname the model called a place, where the article names a person by it in full and
    never uses the word as a place ("John Kasich" ... "Kasich win Ohio", the model's GPE): the
    surname gets a person's vote. "Paris" in a story from Paris about Tom Paris stays the city: it
    stands after "in" or "from" somewhere in the article (context_votes gives those a place's vote)."""
    surnames = {normal(family_name(text[s:e])) for s, e, votes, _ in mentions
                if " " in normal(text[s:e]) and leading_type(votes) == "Person"}
    lone = defaultdict(list)
    for i, (s, e, votes, c) in enumerate(mentions):
        norm = normal(text[s:e])
        if " " not in norm and norm in surnames:
            lone[norm].append(i)
    out = list(mentions)
    for indices in lone.values():
        if all(leading_type(mentions[i][2]) == "Place" and max(w for t, w in mentions[i][2] if t == "Place") < 1.0
               for i in indices):
            for i in indices:
                s, e, votes, c = out[i]
                out[i] = (s, e, votes + [("Person", 1.0)], c)
    return out


# Honorifics that tell a person's sex ("Mr. Roe" is not Jane Roe); titles ("Sen.", "Dr.") do not.
HONORIFIC_SEXES = {"mr": "m", "mister": "m", "mrs": "f", "ms": "f", "miss": "f"}


def _honorific_sex(doc, start: int) -> str | None:
    before = _word_before(doc, start)
    return HONORIFIC_SEXES.get(before.lower_.rstrip(".")) if before is not None else None


# ------------------------------------------------------------------------ names


def normal(name: str) -> str:
    """Accent-, case- and punctuation-insensitive form of a name, without a leading article."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = re.sub(r"[‘’'`]s\b", "", s)
    s = re.sub(r"[^\w]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


@cache
def _institution_forms() -> frozenset[str]:
    return frozenset(normal(form) for name, _, aliases in institutions() for form in (name, *aliases))


def _chars(doc, c: Candidate) -> tuple[int, int]:
    if c.char_start is not None:
        return c.char_start, c.char_end
    return doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1].text)


def _joined_person_names(doc) -> list:
    """The model's entities, with two person names in a row joined: it often cuts a long name
    before its last part ("Marcus Daniel" + "Hale III", "Mary" + "Ann Smith")."""
    from spacy.tokens import Span

    out = []
    for ent in doc.ents:
        prev = out[-1] if out else None
        if (prev is not None and prev.label_ == ent.label_ == "PERSON" and prev.end == ent.start
                and doc[prev.end - 1].whitespace_ == " " and doc[ent.start].text[:1].isupper()):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
        elif ent.label_ == "PERSON" and len(ent) == 1 and _given_name_before(doc, ent.start, prev):
            out.append(Span(doc, ent.start - 1, ent.end, label="PERSON"))  # "said Oriana" + "Novak"
        else:
            out.append(ent)
    return out


def _given_name_before(doc, i: int, prev) -> bool:
    """Whether the word before a one-word person name is a given name the model left out of it."""
    if i == 0 or (prev is not None and prev.end > i - 1):
        return False
    word = doc[i - 1]
    if not (word.pos_ == "PROPN" and word.text[:1].isupper() and word.text[1:].islower()
            and not word.ent_type_ and word.whitespace_ == " "):
        return False
    if word.lower_ in given_names():
        return True
    # a given name the census lists do not hold, where nothing else can stand before a name:
    # right after a verb of saying or a comma ('said Oriana Novak', ', Oriana Novak,')
    lower = word.lower_.rstrip(".")
    before = doc[i - 2] if i >= 2 else None
    return (before is not None and (before.text in (",", "(") or before.pos_ == "VERB")
            and lower not in roles() and lower not in honorifics() and singular(lower) not in head_types())


def _from_ent(doc, ent) -> list[Candidate]:
    """The cleaned name(s) of a NER span: usually one; two for "Outlet's Jane Roe"."""
    label = NER_VOTES.get(ent.label_)
    if label is None and ent.label_ == "NORP" and normal(ent.text) in _institution_forms():
        label = ("Organization", 1.0)  # "Republicans", "Democrats": the party (kg/data/institutions.tsv)
    if label is None:
        return []
    start, end = ent.start, ent.end
    for i in range(start, end):  # a name never runs across a line break
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            end = i + (0 if "\n" in doc[i].text else 1)
            break
    # A one-word name's label is the model's weakest guess: a lone surname is often called an
    # organisation ("Roe issued an injunction"), a company a person.
    c = Candidate(start, end, [label] if end - start > 1 else [(label[0], min(label[1], 0.4))])
    if ent.label_ != "PERSON":  # "the Lord for Jane Roe": a person's name takes no place before it
        c = _extend_left(doc, c)
    if ent.label_ == "ORG" and any(t.lower_ == "of" for t in doc[c.start : c.end]):
        c = _extend_conjunct(doc, c)
    for i in range(c.start + 1, c.end - 1):
        after = doc[i + 1 : c.end]
        if (
            doc[i].tag_ == "POS"
            and doc[i + 1].text[:1].isupper()
            and len(after) >= 2
            and singular(after[-1].lower_) not in head_types()
        ):
            # "Outlet's Jane Roe": two names, the outlet and (most often) a person
            parts = [
                _clean(doc, Candidate(c.start, i, [])),
                _clean(doc, Candidate(i + 1, c.end, [("Person", 0.5)])),
            ]
            return [p for p in parts if p is not None]
    cleaned = _clean(doc, c)
    return [cleaned] if cleaned is not None else []


def _extend_left(doc, c: Candidate) -> Candidate:
    """'the Film at Center X' where NER took only 'Center X': take the capitalised words before."""
    i = c.start
    if i >= 2 and doc[i - 1].lower_ in ("at", "of", "for") and doc[i - 2].text[:1].isupper():
        j = i - 2
        while j > 0 and doc[j - 1].text[:1].isupper() and not doc[j - 1].is_sent_start:
            j -= 1
        if j > 0 and doc[j - 1].lower_ == "the" and not doc[j].is_sent_start:
            return Candidate(j, c.end, c.votes)
    return c


def _extend_conjunct(doc, c: Candidate) -> Candidate:
    """'Office of Strategy and Outreach' where NER stopped at 'and': take the capitalised conjunct."""
    j = c.end  # one capitalised word closing the phrase: "... and Outreach," not "... and Jane Roe met"
    if (
        j + 2 < len(doc)
        and doc[j].lower_ == "and"
        and doc[j + 1].tag_ == "NNP"
        and doc[j + 1].is_title
        and doc[j + 2].is_punct
    ):
        return Candidate(c.start, j + 2, c.votes)
    return c


def _clean(doc, c: Candidate) -> Candidate | None:
    """Strip articles, punctuation, possessives, honorifics and role premodifiers from a name."""
    start, end, votes = c.start, c.end, list(c.votes)
    while (
        end - start > 1
        and doc[start].is_sent_start
        and doc[start].tag_ in ("VBN", "VBD", "VBG", "VBZ", "RB")  # not JJ: "Democratic Party"
        and doc[start + 1].tag_ in ("NNP", "NNPS")
    ):
        start += 1  # "Injured Acme striker ...": a sentence's first word, capitalised for that alone
    while start < end and (
        doc[start].lower_ in DETERMINERS
        or doc[start].is_punct
        or doc[start].is_space
        or doc[start].tag_ == "POS"  # "Editor's Note" labelled from the "'s" on
        or (doc[start].lower_ in AUXILIARIES and doc[start].is_sent_start)
        or _function_word_before_name(doc[start])
    ):
        start += 1  # "Will Roe's plan work?": a question's auxiliary is not part of the name
    for i in range(start, end):
        if doc[i].text[:1] in "#@":
            end = i  # "Twitter @handle": the handle is not part of the name
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"
                           or end - start > 1 and doc[end - 1].is_lower and doc[end - 1].pos_ in ("PRON", "AUX",
                                                                                                   "VERB", "PART")):
        end -= 1  # "told the Harbor Courier he's ...": the pronoun after a name is not part of it
    if end - start >= 2 and doc[end - 1].lower_.rstrip(".") in roles():
        end -= 1  # "Union Director", "Acme Treasurer": the organisation and a role in it, not a name
    # role premodifiers inside the name: "Film critic Jane Roe", "Movie director Jane Roe"
    for i in range(end - 2, start - 1, -1):
        word = doc[i].lower_.rstrip(".")
        if word in roles() or (doc[i].is_lower and word in head_types()):
            if word in roles():
                votes.append((roles()[word][0], STRONG))
            start = i + 1
            break
    # ... but an organisation's name may begin with a title word: "Justice Department", "General Assembly"
    institution = head_types().get(singular(doc[end - 1].lower_)) == "Organization"
    while end - start > 1 and is_honorific(doc[start].text) and doc[start].ent_type_ not in NOT_PEOPLE \
            and not institution:
        votes.append(("Person", STRONG))
        start += 1
        if start < end and doc[start].text == ".":
            start += 1
    while end - start > 1 and _function_word_before_name(doc[start]):
        start += 1  # "Secretary of State" with the role cut off: "of" is not part of the name
    if start >= end:
        return None
    if start > c.start and doc[start - 1].tag_ == "POS" and end - start == 1 and doc[start].tag_ in ("NN", "NNS"):
        return None  # "Editor's Note": a common noun after a possessive
    return Candidate(start, end, votes)


# Lower-case words a name may begin with ("al Ashry", "de Vos", "van der Berg").
NAME_PARTICLES = frozenset({"al", "el", "de", "da", "di", "do", "dos", "das", "du", "del", "della", "der", "den",
                            "van", "von", "ter", "la", "le", "bin", "ibn", "ben", "abu", "mac", "st"})
# Tags of lower-case words the model sometimes takes into a name's start: "for Jane Roe",
# "another Harbor Department", "where Harbor Party is", "her State Department", "earlier Harbor Party".
LEADING_FUNCTION_TAGS = frozenset({"IN", "TO", "CC", "DT", "PDT", "PRP$", "WRB", "WDT", "WP", "RB", "RBR", "RBS",
                                   "JJR", "JJS"})


def _function_word_before_name(tok) -> bool:
    """A lower-case word before a name that is no part of it: a preposition, a determiner, a
    possessive pronoun, an adverb, or the "s" of a possessive the tokenizer split ("Roe’s State
    Department" read as "Roe’" + "s State Department")."""
    if tok.lower_ in ("'s", "’s"):
        return True  # a possessive the tagger took for a verb ("Roe’s Harbor win": "’s" as "is")
    if not tok.is_lower or tok.lower_ in NAME_PARTICLES:
        return False
    if tok.tag_ in LEADING_FUNCTION_TAGS or tok.lower_ in ("last", "next"):
        return True
    return tok.lower_ == "s" and tok.i > 0 and tok.doc[tok.i - 1].text[-1:] in "'’"


def _looks_like_name(doc, c: Candidate, text: str) -> bool:
    start, end = _chars(doc, c)
    name = text[start:end]
    if not any(ch.isalpha() for ch in name) or "\n" in name:
        return False
    if start > 0 and text[start - 1] in "#@" or name[0] in "#@":
        return False  # hashtags and handles are not names of people or organisations
    if any(ch in name for ch in "<>="):
        return False  # markup the article kept ('<tweet datetime="2016-06-29">'): no name
    if PARTY_STATE.search(text, max(0, start - 3), start) and len(name) == 2:
        return False  # "(R-TX)", "(D-Calif.)": a lawmaker's party and state, not an organisation
    if c.char_start is not None:
        return True  # a quoted title: checked when found
    tokens = doc[c.start : c.end]
    if all(t.like_num or not any(ch.isalpha() for ch in t.text) for t in tokens):
        return False
    if name.lower().startswith(("pro-", "anti-")) and singular(name.split()[-1].lower()) not in head_types():
        return False  # "pro-Roe", "anti-Acme": an adjective made of a name ("Anti-Fraud League" is a name)
    if not any(t.text[:1].isupper() for t in tokens):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    shouted = len(letters) > 1 and all(ch.isupper() for ch in letters)
    runs = re.findall(r"[^\W\d_]+", name)  # "ILA-ILWU": two acronyms joined, each short
    if shouted and (any(t.like_num for t in tokens) or any(len(r) > 5 for r in runs) or len(name.split()) > 1):
        return False  # shouted words ("ELEVEN", "DISGUSTING") are not names; short acronyms are
    if len(tokens) == 1 and tokens[0].lower_.rstrip(".") in CALENDAR_WORDS:
        return False  # "Wednesday added ...": the model sometimes calls a day a person
    if DATE_OR_SCORE.search(name):
        return False  # "5 May", "November 9th", "Argentina 3-0": dates and scores, not names
    if len(tokens) == 1 and tokens[0].tag_ == "NNPS" and normal(name) not in _institution_forms() \
            and tokens[0].ent_type_ != "ORG":
        # a plural proper noun names a group of people ("Latinos"), not one entity; but
        # "Democrats" and "Republicans" name the parties (kg/data/institutions.tsv), and one the
        # model calls an organisation is one ("the Glaziers", a union)
        return False
    if len(tokens) == 1:
        word = tokens[0].lower_
        opening = tokens[0].is_sent_start or tokens[0].i > 0 and doc[tokens[0].i - 1].text in "\"“‘'(—-"
        if (opening or word not in institution_words()) and (
                singular(word) in head_types() or singular(word) in roles() or word in honorifics()):
            # a capitalised common noun at the start of a sentence ("Film", "Director") or in a title
            # ("Secretary of State"); inside a sentence "Congress" or "the Senate" names one
            return False
        if opening and tokens[0].dep_ == "compound" and tokens[0].head.tag_ == "NNS" \
                and _common_word_here(text, tokens[0].text):
            return False  # "Coal miners are ...": a word the article writes in lower case elsewhere
    return True


def _common_word_here(text: str, word: str) -> bool:
    """Whether the article writes `word` in lower case and never capitalised inside a sentence."""
    lower = word.lower()
    if not re.search(rf"\b{re.escape(lower)}\b", text):
        return False
    # a capitalised use after a word that ends no sentence: "... the Coal Board"
    return not re.search(rf"[a-z,;] {re.escape(word)}\b", text)


def _trim_to_known(doc, c: Candidate, text: str, body_names: set[str]) -> tuple[int, int] | None:
    """The longest part of a headline name that the body names too ("Company Apologizes" -> "Company")."""
    if c.char_start is not None:
        start, end = _chars(doc, c)
        return (start, end) if normal(text[start:end]) in body_names else None
    n = c.end - c.start
    for width in range(n, 0, -1):
        for i in range(c.start, c.end - width + 1):
            span = doc[i : i + width]
            if normal(span.text) in body_names:
                return span.start_char, span.end_char
    return None


def _merge_votes(votes: list[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    total: dict[str, float] = {}
    for t, w in votes:
        total[t] = total.get(t, 0.0) + w
    return tuple(sorted((t, round(w, 3)) for t, w in total.items() if w))


def _headline_mask(text: str) -> list[bool]:
    """For each character: is it on a title-case line without sentence punctuation (a headline)?"""
    mask = [False] * (len(text) + 1)
    pos = 0
    for line in text.splitlines(keepends=True):
        # some outlets end headlines with a period: then every major word must be capitalised
        if len(line.split()) >= 3 and (
            is_title_line(line) or is_title_line(line.rstrip().removesuffix("."), 1.0)
        ):
            mask[pos : pos + len(line)] = [True] * len(line)
        pos += len(line)
    return mask


def _split_concatenations(doc, text: str, mentions: list) -> list:
    """'Company Title' where the article names 'Company' and 'Title' apart: two names, not one."""
    counts: dict[str, int] = {}
    for start, end, _, _ in mentions:
        counts[normal(text[start:end])] = counts.get(normal(text[start:end]), 0) + 1
    out = []
    for start, end, votes, c in mentions:
        pieces = None
        if c.char_start is None and c.end - c.start >= 2 and counts[normal(text[start:end])] == 1:
            for p in range(c.start + 1, c.end):
                left, right = doc[c.start : p], doc[p : c.end]
                if counts.get(normal(left.text)) and counts.get(normal(right.text)):
                    pieces = (left, right)
                    break
        if pieces is None:
            out.append((start, end, votes, c))
            continue
        for piece in pieces:
            part = Candidate(piece.start, piece.end)
            out.append((piece.start_char, piece.end_char, context_votes(doc, piece.start, piece.end), part))
    return out


# ----------------------------------------------------------- more name sources


class _Cover:
    """The candidates' character spans, sorted, so that "what overlaps start..end" is a look-up
    (a long article has tens of thousands: a scan per question was quadratic)."""

    def __init__(self, doc, cands: list[Candidate]):
        self.doc = doc
        self.spans = sorted((*_chars(doc, c), i) for i, c in enumerate(cands))
        self.cands = list(cands)
        self.longest = max((e - s for s, e, _ in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[Candidate]:
        i = bisect.bisect_left(self.spans, (end,))
        out = []
        while i > 0:
            i -= 1
            s, e, k = self.spans[i]
            if s < start - self.longest:
                break
            if e > start and self.cands[k] is not None:
                out.append(self.cands[k])
        return out

    def remove(self, drop: list[Candidate]) -> None:
        for k, c in enumerate(self.cands):
            if c is not None and any(c is d for d in drop):
                self.cands[k] = None

    def add(self, c: Candidate) -> None:
        s, e = _chars(self.doc, c)
        bisect.insort(self.spans, (s, e, len(self.cands)))
        self.cands.append(c)
        self.longest = max(self.longest, e - s)

    def remaining(self) -> list[Candidate]:
        return [c for c in self.cands if c is not None]


def _add_quoted_titles(doc, text: str, cands: list[Candidate]) -> list[Candidate]:
    """Titles in quotes ("the film “Some Title”") are creative works; they replace NER pieces."""
    titles: list[Candidate] = []
    for m in QUOTED.finditer(text):
        start, end = m.span(2)
        title = m.group(2).rstrip(",.").strip()
        end = start + len(m.group(2).rstrip(",.").rstrip())
        if not title or title[-1] in ".,;:!?" or not (title[0].isupper() or title[0].isdigit()):
            continue
        if len(title.split()) > 8 or not is_title_line(re.sub(r"\(\w\)|\b\w\b", "", title)):
            continue
        if re.search(r"[.!?]\s", title):
            continue  # sentences ('"Like Oakland. Or Ferguson," he said') are speech, not a title
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        weight = 1.0
        before = [t for t in doc[max(0, span.start - 4) : span.start] if not t.is_punct]
        if any(head_types().get(singular(t.lower_)) == "CreativeWork" for t in before[-2:]):
            weight = STRONG
        if m.group(1) == "'" and weight < STRONG:
            continue  # a straight single quote is too often an apostrophe: only after "film" etc.
        if len(span) == 1 and weight < STRONG and span[0].tag_ not in ("NNP", "NNPS"):
            continue  # one quoted common word ("Okay," "Sanity") is speech or a scare quote, not a title
        if weight < STRONG and _cue_follows(doc, span.end):
            continue  # '"With an Eye to the Final, Carolina," he said': words someone said, not a title
        titles.append(Candidate(span.start, span.end, [("CreativeWork", weight)], start, end))
    # the NER pieces inside a title give way to it
    cover = _Cover(doc, titles)
    return [c for c in cands if not cover.overlapping(*_chars(doc, c))] + titles


def _cue_follows(doc, i: int) -> bool:
    """Whether a verb of saying follows token i past the closing quote, alone or after its subject
    ('," he said', '," said Jane Roe', '," Roe responded')."""
    while i < len(doc) and doc[i].is_punct:
        i += 1
    for tok in doc[i:i + 4]:
        if tok.pos_ == "VERB":
            return verb_cue(tok) is not None
        if tok.pos_ not in ("PRON", "PROPN"):
            return False
    return False


def _add_event_names(doc, cands: list[Candidate]) -> list[Candidate]:
    """'a 10 Best Things panel': a title-case run before an event noun names an event."""
    cover = _Cover(doc, cands)
    for tok in doc:
        if not (tok.is_lower and head_types().get(singular(tok.lower_)) == "Event"):
            continue
        j = tok.i
        while j > 0 and (
            doc[j - 1].text[:1].isupper()
            or doc[j - 1].like_num
            or (
                doc[j - 1].is_lower
                and doc[j - 1].lower_ in ("to", "of", "the", "and")
                and j - 2 >= 0
                and doc[j - 2].text[:1].isupper()
            )
        ):
            j -= 1
        while j < tok.i and (
            doc[j].is_lower
            or doc[j].ent_type_ in ("DATE", "TIME")
            or doc[j].like_num
            and j + 1 < tok.i
            and doc[j + 1].is_lower
        ):
            j += 1  # "the October 28 Acme debate": the date is not part of the name
        # only title-like runs ("10 Best Things to Watch panel"): "the Acme News debate" names a debate
        # by its organiser, and NER already took such names
        titled = tok.i - j >= 3 or any(t.like_num for t in doc[j : tok.i])
        if tok.i - j < 2 or not titled or doc[j].is_sent_start or doc[j].is_stop:
            continue
        start, end = doc[j].idx, doc[tok.i - 1].idx + len(doc[tok.i - 1].text)
        cover.remove(cover.overlapping(start, end))
        cover.add(Candidate(j, tok.i, [("Event", STRONG)]))
    return cover.remaining()


def _add_acronyms(doc, cands: list[Candidate]) -> list[Candidate]:
    """Short all-caps names the model missed, where a name is expected ("told ABC", "known as XYZ")."""
    cover = _Cover(doc, cands)
    for tok in doc:
        if not (tok.tag_ == "NNP" and tok.is_upper and tok.is_alpha and 2 <= len(tok) <= 5):
            continue
        if (
            tok.is_stop
            or tok.like_num
            or tok.dep_ not in ("pobj", "dobj", "dative", "nsubj", "appos", "conj")
        ):
            continue
        if any(
            n.is_upper and n.is_alpha and len(n) > 1 for n in (doc[tok.i - 1 : tok.i] if tok.i else ())
        ) or (tok.i + 1 < len(doc) and doc[tok.i + 1].is_upper and doc[tok.i + 1].is_alpha):
            continue  # part of a shouted phrase
        if cover.overlapping(tok.idx, tok.idx + len(tok)):
            continue
        cover.add(Candidate(tok.i, tok.i + 1, [("Organization", 0.5)]))
    return cover.remaining()


def _add_personal_organisations(doc, cands: list[Candidate]) -> list[Candidate]:
    """'the Novak campaign', "Novak's campaign", 'the Lopez administration': an organisation named
    after a person, in place of the person's name; 'the Harbor State legislature': a place's
    institution, in place of the place."""
    out = []
    for c in cands:
        after = doc[c.end] if c.end < len(doc) else None
        if after is None or c.char_start is not None:
            out.append(c)
            continue
        leading = max(c.votes, key=lambda v: v[1])[0] if c.votes else None
        owned = doc[c.end + 1] if after.tag_ == "POS" and c.end + 1 < len(doc) else None
        if after.lower_ in PERSONAL_ORGANISATIONS and after.pos_ == "NOUN" and doc[c.end - 1].whitespace_ != "" \
                and (leading == "Person" or _lone_surname(doc, c)):
            out.append(Candidate(c.start, c.end + 1, [("Organization", 2.0)]))
        elif leading == "Person" and owned is not None and owned.lower_ in PERSONAL_ORGANISATIONS:
            out.append(Candidate(c.start, c.end + 2, [("Organization", 2.0)]))  # "Novak's campaign"
        elif leading == "Place" and after.is_lower and after.lower_ in institution_words():
            out.append(Candidate(c.start, c.end + 1, [("Organization", 2.0)]))  # "the Harbor State legislature"
        else:
            out.append(c)
    return out


def _lone_surname(doc, c: Candidate) -> bool:
    """One proper noun that is no institution's form or head word: the model often calls the lone
    surname in "the Novak campaign" an organisation."""
    return c.end - c.start == 1 and doc[c.start].pos_ == "PROPN" \
        and normal(doc[c.start].text) not in _institution_forms() and singular(doc[c.start].lower_) not in head_types()


def _add_parenthesised_names(doc, cands: list[Candidate]) -> list[Candidate]:
    """'Character (Jane Roe)' or 'director (Jane Roe)': a two- or three-word name in parentheses."""
    cover = _Cover(doc, cands)
    for tok in doc:
        if tok.text != "(":
            continue
        j = tok.i + 1
        while j < len(doc) and doc[j].tag_ == "NNP" and doc[j].is_title and doc[j].is_alpha:
            j += 1
        if (
            2 <= j - tok.i - 1 <= 3
            and j < len(doc)
            and doc[j].text == ")"
            and not cover.overlapping(doc[tok.i + 1].idx, doc[j - 1].idx + len(doc[j - 1].text))
        ):
            cover.add(Candidate(tok.i + 1, j, [("Person", 1.0)]))
    return cover.remaining()


def _add_proper_nouns_in_context(doc, cands: list[Candidate]) -> list[Candidate]:
    """Runs of proper nouns the model did not label, kept where the context says what they name.

    "Acme said ...", "Brightwater, the promotion organization, ...", "Some Title director X":
    the small model misses many one-off names; a name without such context stays out. The surname
    of a person the model named in full is a name wherever it stands ("Rep. Tom Paris ... blasted
    Paris for ..."): the model often misses a lone surname in the middle of a clause.
    """
    surnames = {doc[c.end - 1].text for c in cands
                if c.end - c.start >= 2 and any(t == "Person" and w >= 1 for t, w in c.votes)}
    cover = _Cover(doc, cands)
    i = 0
    while i < len(doc):
        if not _proper(doc[i]):
            i += 1
            continue
        j = i
        while j < len(doc) and _proper(doc[j]):
            j += 1
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        c = _clean(doc, Candidate(i, j))
        if c is not None and not cover.overlapping(start, end):
            if any(w >= 0.5 and t != "Place" for t, w in context_votes(doc, c.start, c.end)):
                cover.add(Candidate(c.start, c.end, list(c.votes)))
            elif c.end - c.start == 1 and doc[c.start].text in surnames:
                cover.add(Candidate(c.start, c.end, [*c.votes, ("Person", 1.0)]))
        i = j
    return cover.remaining()


def _proper(tok) -> bool:
    if tok.ent_type_ and tok.ent_type_ not in NER_VOTES:
        return False  # labelled a date, a number, a nationality...: not a name of ours
    return (
        tok.tag_ in ("NNP", "NNPS")
        and tok.text[:1].isupper()
        and not tok.like_num
        and "\n" not in tok.whitespace_
    )


# ------------------------------------------------------------------ context votes


def context_votes(doc, start: int, end: int) -> list[tuple[str, float]]:
    """Type votes from the words around doc[start:end] (a name) and from its own head word."""
    votes: list[tuple[str, float]] = []
    name = doc[start:end]
    own = _own_head(name)
    if own is not None:
        votes.append((own, STRONG))
    elif _starts_with_given_name(name) and name[-1].ent_type_ not in NOT_PEOPLE:
        votes.append(("Person", GIVEN_NAME))  # not "Marisol Bay", "the Daisy Bowl": the model knows those
    before = _word_before(doc, start)
    # the name ends its phrase: not "the chief U.S. negotiator", where the role is the noun's
    ends_phrase = end >= len(doc) or not (doc[end].pos_ in ("PROPN", "NOUN") or doc[end].text[:1].isupper())
    if before is not None and before.is_lower and ends_phrase:
        word = singular(before.lower_)
        if word in roles():
            votes.append((roles()[word][0], STRONG))
        elif word in head_types():
            votes.append((head_types()[word], STRONG))
        elif before.lower_ in honorifics():
            votes.append(("Person", STRONG))
    after = _word_after(doc, end)
    place = doc[start].ent_type_ in ("GPE", "LOC")  # "the Some State senator": a place, not an employer
    if after is not None and after.is_lower and not place and (word := singular(after.lower_)) in roles():
        predicate = roles()[word][1]
        if predicate in ROLE_PREDICATES_OF_WORKS:
            votes.append(("CreativeWork", 2.0))  # "Some Title director Jane Roe"
        elif predicate in ROLE_PREDICATES_OF_ORGS:
            votes.append(("Organization", 2.0))  # "a Company spokesperson"
    if (
        after is not None
        and after.lemma_ in WORK_VERBS
        and after.tag_ in ("VBN", "VBG")
        and after.i + 1 < len(doc)
        and doc[after.i + 1].lower_ in ("by", "in")
    ) or (after is not None and after.lower_ == "starring"):
        votes.append(("CreativeWork", 2.0))  # "Some Title, directed by X", "Some Title, starring X"
    if after is not None and after.is_lower and after.lower_ in AWARD_WORDS:
        votes.append(("Event", 2.0))  # "the Some Name award": the name is the award's
    noun = apposition_noun(doc, start, end) if name.root.dep_ != "pobj" else None
    if noun is not None:
        word = singular(noun.lower_)
        votes.append((roles()[word][0] if word in roles() else head_types()[word], STRONG))
    if end < len(doc) - 1 and doc[end].text == "," and doc[end + 1].lower_ == "who":
        votes.append(("Person", 2.0))
    root = name.root
    holder = root.head.head if root.dep_ == "pobj" else None
    if holder is not None and holder.is_lower and holder.pos_ == "NOUN":
        word = singular(holder.lower_)
        predicate = roles()[word][1] if word in roles() else None
        if root.head.lower_ in ("at", "of", "for", "with") and predicate in ROLE_PREDICATES_OF_ORGS:
            votes.append(("Organization", 2.0))  # "executives at X", "a spokesman for X"
        elif root.head.lower_ == "of" and predicate in ROLE_PREDICATES_OF_WORKS:
            votes.append(("CreativeWork", 2.0))  # "the director of X"
        elif root.head.lower_ in ("like", "including") and word in head_types():
            votes.append((head_types()[word], 2.0))  # "companies like X"
    if root.dep_ == "pobj":
        prep = root.head.lower_
        if prep in PLACE_PREPS:
            votes.append(("Place", 1.0))
        elif prep in PLATFORM_PREPS:
            votes.append(("Organization", 0.5))
        elif prep == "to" and (
            root.head.head.lemma_ in SPEECH_VERBS or root.head.head.lemma_ in SPEECH_NOUNS
        ):
            votes.append(("Organization", 0.5))  # "said to X", "a statement to X": usually an outlet
    elif root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in SPEECH_VERBS:
        votes += [("Person", 0.5), ("Organization", 0.5)]
    elif root.dep_ in ("dobj", "dative") and root.head.lemma_ == "tell":
        votes.append(("Organization", 0.5))
    return votes


def _starts_with_given_name(name) -> bool:
    """'Jane Roe', 'Mary Ann Smith': two or three capitalised words, the first a given name."""
    words = name.text.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and w.replace("-", "").replace("'", "").replace("’", "").isalpha() for w in words)
        and words[0].lower() in given_names()
    )


def _own_head(name) -> str | None:
    """Type given by the name's own head word: 'Acme Films' -> Organization, 'X Festival' -> Event."""
    words = [w for w in (re.sub(r"[^\w]", "", w).lower() for w in name.text.split()) if w]
    if len(words) < 2:
        return None
    cut = next((k for k, w in enumerate(words) if k and w in NAME_PREPS), len(words))
    for w in reversed(words[:cut]):
        word = singular(w)
        if word in head_types() and (head_types()[word] != "CreativeWork" or word in LEGAL_HEADS):
            return head_types()[word]
        if word in ("inc", "ltd", "llc", "corp", "co"):
            return "Organization"
        break
    return None


def _word_before(doc, start: int):
    i = start - 1
    while i >= 0 and doc[i].is_quote:
        i -= 1
    return doc[i] if i >= 0 and not doc[i].is_punct else None


def _word_after(doc, end: int):
    i = end
    while i < len(doc) and (doc[i].is_quote or doc[i].text == ","):
        i += 1
    if i < len(doc) and doc[i].tag_ == "POS":  # "X's current and former chief executives"
        i += 1
        while i < len(doc) - 1 and i < end + 6 and doc[i].pos_ in ("ADJ", "CCONJ") and doc[i].is_lower:
            i += 1
    return doc[i] if i < len(doc) else None


def apposition_noun(doc, start: int, end: int):
    """The role or kind noun apposed to doc[start:end]: 'X, the promotion organization,' -> organization.

    Also the noun of a role apposition before the name: 'the film's producer, X'.
    """
    if end < len(doc) and doc[end].text == ",":
        head = None
        for t in doc[end + 1 : min(len(doc), end + 12)]:
            if t.text in APPOSITION_STOPS or t.lower_ in APPOSITION_STOPS or t.pos_ in ("VERB", "AUX"):
                break
            if t.lower_ in ("of", "for", "at", "in", "with", "about", "from", "on", "to"):
                break
            if t.pos_ == "NOUN" and (t.is_lower or (t.is_upper and t.lower_ in roles())):
                head = t  # "the former company CEO" counts like "the former chief executive"
        first = doc[end + 1] if end + 1 < len(doc) else None
        after_head = doc[head.i + 1] if head is not None and head.i + 1 < len(doc) else None
        if after_head is not None and after_head.pos_ == "PROPN" and after_head.text[:1].isupper():
            head = None  # "X, communications director Jane Roe and ...": the role belongs to the next name
        if (
            head is not None
            and first is not None
            and (first.pos_ in ("DET", "ADJ", "NOUN", "PRON", "PROPN", "NUM"))
        ):
            word = singular(head.lower_)
            if word in roles() or word in head_types():
                return head
    if start >= 2 and doc[start - 1].text == ",":
        t = doc[start - 2]
        word = singular(t.lower_)
        if t.is_lower and t.pos_ == "NOUN" and (word in roles() or head_types().get(word) == "Organization"):
            return t
    return None
