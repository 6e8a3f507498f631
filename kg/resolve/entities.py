"""Cluster mentions into entities: aliases within and across articles, types by votes, curation.

Within an article, names join in reading order: the same name (accent-, case- and
punctuation-insensitive, possessives and leading articles dropped), a surname or short name
("Roe" after "Jane Roe", "Acme" after "Acme Films"), an acronym of an earlier name, or an alias
the text states ("X, known as Y", "X (Y)"). Across articles, clusters merge on shared full
names; clusters holding only one-word names then join the one entity that uses the word as
its surname, short name or acronym. Everything is dictionary look-ups: linear in mentions.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..entity_lexicon import (
    CALENDAR_WORDS,
    GENERATIONS,
    PERSONAL_ORGANISATIONS,
    family_name,
    given_names,
    head_types,
    institution_words,
    institutions,
    name_sexes,
)
from ..records import PUBLISHER, ArticleExtraction, Entity, Fact, Mention, MentionRef

ALIAS = "alias"  # Relation.predicate for "X, known as Y": a merge, not a fact
# Words that are left out of acronyms ("Council on Some Relations" -> CSR).
ACRONYM_SKIP = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "on",
        "in",
        "at",
        "to",
        "a",
        "an",
        "des",
        "de",
        "du",
        "la",
        "le",
        "les",
        "et",
        "y",
        "del",
        "der",
        "und",
    ]
)
PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
SPEAKER_VOTES = (("Person", 0.5), ("Organization", 0.5))
PUBLISHER_VOTE = 10.0
WEAK_EVIDENCE = 1.0  # total vote weight of a name proposed without any context that types it
# Nouns of descriptions ("the company", "the director") that tell the type of their antecedent.
DESCRIPTION_TYPES = {
    "company": "Organization",
    "firm": "Organization",
    "organization": "Organization",
    "organisation": "Organization",
    "org": "Organization",
    "group": "Organization",
    "service": "Organization",
    "platform": "Organization",
    "network": "Organization",
    "studio": "Organization",
    "agency": "Organization",
    "publication": "Organization",
    "outlet": "Organization",
    "newspaper": "Organization",
    "magazine": "Organization",
    "giant": "Organization",
    "streamer": "Organization",
    "body": "Organization",
    "director": "Person",
    "filmmaker": "Person",
    "actor": "Person",
    "actress": "Person",
    "man": "Person",
    "woman": "Person",
    "spokesperson": "Person",
    "spokesman": "Person",
    "spokeswoman": "Person",
    "critic": "Person",
    "writer": "Person",
    "president": "Person",
    "film": "CreativeWork",
    "movie": "CreativeWork",
    "documentary": "CreativeWork",
    "series": "CreativeWork",
    "show": "CreativeWork",
    "book": "CreativeWork",
    "festival": "Event",
    "city": "Place",
    "country": "Place",
}
DOTTED_ACRONYM = re.compile(r"\b(?:\w\.){2,}")
HYPHENATED_GIVEN_NAME = re.compile(r"^[A-Z][a-z]+-[a-z]+$")
YEAR_PREFIX = re.compile(r"^(?:1[89]|20)\d\d ")
# "Handout/Harbor Wire", "AP Photo/Jane Roe": a picture's credit line; the name follows the slash
PICTURE_CREDIT = re.compile(r"^(?:[A-Z]{2,4}\s+)?(?:Photo|Photos|Handout|File|Pool|Courtesy)\s*/\s*(?=\w)")
TAIL_WORDS = frozenset({"film", "international", "music", "arts", "book", "news", "media", "global"})
# Head words that name another body after an existing one: "the Roe Foundation" is not Roe, the
# "Acme Center" not Acme, a caucus's institute not the caucus, "Roe Associates" not Roe, "the Acme
# PAC" not Acme. A name is not shortened over them.
AFFILIATE_HEADS = frozenset({"foundation", "institute", "center", "centre", "fund", "committee", "council",
                             "association", "society", "school", "college", "hospital", "museum", "library",
                             "stadium", "arena", "hall", "park", "award", "prize", "trust", "pac", "caucus",
                             "research", "partners", "associates", "consulting", "consultants", "strategies",
                             "labs", "laboratories", "ventures"})
# Domains and ranges of the role properties (ontology/newskg.ttl).
PERSON_DOMAIN = frozenset({"directorOf", "spokespersonFor", "worksFor", "castMemberOf", "criticFor"})
PREDICATE_RANGE = {
    "directorOf": "CreativeWork",
    "producerOf": "CreativeWork",
    "distributorOf": "CreativeWork",
    "castMemberOf": "CreativeWork",
    "spokespersonFor": "Organization",
    "memberOf": "Organization",
    "worksFor": "Organization",
    "criticFor": "Organization",
}
ACRONYM_REACH = 50  # an acronym spelled out in one article may stand for its name in up to 50 articles
TYPE_ORDER = ("Person", "Organization", "CreativeWork", "Event", "Place")  # tie-break order


@dataclass(frozen=True)
class CurationRow:
    """One line of the curation file: the entity named `name` and what the user says about it."""

    line: int
    name: str
    type: str | None = None  # a base type, "ignore" to drop the entity, or None to keep the vote
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()  # IRIs
    not_same_as: tuple[str, ...] = ()  # names that must stay other entities


@dataclass(frozen=True)
class Curation:
    """User overrides read from the curation file (see kg.resolve.curation)."""

    rows: tuple[CurationRow, ...] = ()


@dataclass
class EntityIndex:
    """The entities of a corpus and which entity each mention refers to."""

    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    publishers: dict[str, str] = field(default_factory=dict)  # publisher name -> entity key
    by_mention: dict[tuple[str, int], str] = field(default_factory=dict)  # (article id, mention index) -> key

    def key_of(self, article_id: str, mention: int) -> str | None:
        """The entity a mention refers to, following pronoun/description antecedents."""
        return self.by_mention.get((article_id, mention))


def slug(name: str) -> str:
    """ASCII, lower-case, hyphenated form of a name: 'Jane Roé' -> 'jane-roe'."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "entity"


@lru_cache(maxsize=1 << 16)  # pure function of a string: names repeat across a corpus
def normal(name: str) -> str:
    """Accent-, case- and punctuation-insensitive form of a name, without possessive or article."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = re.sub(r"[‘’'`]s?$", "", s.strip())
    s = DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), s)  # "u.n." -> "un"
    s = re.sub(r"[^\w]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


# Heads of organisations named after a person ("the Novak campaign"): the name alone is the person.
POSSESSIVE_ORGANISATION = re.compile(r"[‘’'`]s\s+(" + "|".join(sorted(PERSONAL_ORGANISATIONS)) + r")$")


# Characters a page carries but no reader sees (a soft hyphen left by a layout, zero-width spaces
# and joiners, a byte-order mark): a name written with one is the same name.
INVISIBLE = str.maketrans("", "", "\u00ad\u200b\u200c\u200d\u2060\ufeff")


@lru_cache(maxsize=1 << 16)  # pure function of a string: names repeat across a corpus
def display_name(text: str) -> str:
    """The mention's words as a name: one line of spaces, no possessive, no leading 'the'."""
    s = re.sub(
        r"\s+", " ", text.replace("[", "").replace("]", "").translate(INVISIBLE)
    ).strip()  # "[Jane] Roe": an editor's insertion
    s = re.sub(r"[‘’'`]s?$", "", s)
    s = re.sub(r"^[‘’'`]s\s+", "", s)  # "’s Harbor Department": the possessive of the word before
    if (owned := POSSESSIVE_ORGANISATION.search(s)) and (owner := s[:owned.start()].split()):
        s = f"{owner[-1]} {owned.group(1)}"  # "Tom Novak's campaign": news says "the Novak campaign"
    s = re.sub(r"^(?:the|The|THE)\s+", "", s)
    s = PICTURE_CREDIT.sub("", s)
    s = s.strip(' ,;:-–—"“”‘’/\\|_*&<>{}')  # "Roe/", "/ Wire", "& Roe": debris at the edges
    if s.count("(") != s.count(")"):
        s = re.sub(r"\s*[()]\s*", " ", s).strip()  # "George (W. Bush": an unclosed parenthesis
    # "Jane Roe 384", "Roe 68 percent": a count or score after a name of two words or more
    # (two digits stay: "Super Bowl 50", "Route 66" are names with their number)
    s = re.sub(r"^((?:\S+\s+)+?\S+)\s+(?:\d[\d,.]{2,}|\d[\d,.]*\s*(?:percent|%))$", r"\1", s)
    s = s.rstrip(' ,;:-–—')  # "Roe - 60 percent": the dash that led to the figure
    return s if s.count(".") > 1 else s.strip(".")  # "U.S." keeps its last period


@lru_cache(maxsize=1 << 16)  # pure function of a string: names repeat across a corpus
def acronym(name: str) -> str | None:
    """'Council on Some Relations' -> 'csr'; None for names of fewer than two words."""
    words = [w for w in re.split(r"[\s\-–/]+", name) if w and w.lower() not in ACRONYM_SKIP]
    letters = [w[0] for w in words if w[0].isalpha()]
    return "".join(letters).casefold() if len(letters) >= 2 else None


# Pronouns that are never a name in news; "It", "Us" and "Her" are also titles of films and books.
PERSONAL_PRONOUNS = frozenset({"i", "me", "we", "he", "she", "they", "you"})


@lru_cache(maxsize=1 << 16)  # pure function of a string: names repeat across a corpus
def is_name(text: str) -> bool:
    """Proper-name shaped: some capitalised word after any leading article; not a hashtag or handle."""
    s = display_name(text)
    if not s or s[0] in "#@" or not any(ch.isalpha() for ch in s):
        return False
    if s.lower().rstrip(".") in CALENDAR_WORDS:
        return False  # a day or month proposed as a speaker ("Wednesday added ...")
    if s.lower() in PERSONAL_PRONOUNS:  # display_name dropped an editor's brackets: "[W]e" is "We"
        return False  # a capitalised pronoun the model took for a name ("[W]e won't", "I" of a headline)
    if re.fullmatch(r"\S+\s+(?:\d[\d,.]{2,}|\d[\d,.]*\s*(?:percent|%))", s):
        return False  # "Bill 1523", "Rubio 68 percent": a numbered bill, a lone surname's score
    return any(w[:1].isupper() for w in s.split())


@lru_cache(maxsize=1 << 16)  # pure function of a string: names repeat across a corpus
def is_acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return 2 <= len(letters) <= 6 and all(ch.isupper() for ch in letters) and " " not in name.strip()


@lru_cache(maxsize=1 << 16)  # pure function of a string: names repeat across a corpus
def person_shaped(name: str) -> bool:
    """Two or three capitalised words, no organisation or event head word: 'Jane Roe', 'Jane A. Roe'."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not is_acronym(name)
        and normal(words[-1]) not in head_types()
    )


# ---------------------------------------------------------------------- clusters


@dataclass
class _Cluster:
    """Mentions believed to name one entity; merged with a union-find over the corpus."""

    id: int
    names: Counter = field(default_factory=Counter)  # display form -> count
    norms: set[str] = field(default_factory=set)
    # surnames, short names and acronyms attached to a fuller name: not merge keys across articles
    weak: set[str] = field(default_factory=set)
    weak_support: Counter = field(default_factory=Counter)  # weak name -> articles that attached it
    votes: Counter = field(default_factory=Counter)
    refs: list[MentionRef] = field(default_factory=list)
    members: list[tuple[str, int]] = field(default_factory=list)  # (article id, mention index)
    last_seen: int = 0  # position of the latest mention, for "the most recent Roe"
    honorific_sexes: set[str] = field(default_factory=set)  # "m" for "Mr. Roe", "f" for "Mrs. Roe"

    def sexes(self) -> str:
        """Which sexes the names say this person may be: given names and honorifics, "" if they tell nothing."""
        said = set(self.honorific_sexes)
        for name in self.names:
            if len(known := name_sexes(name)) == 1:
                said.add(known)
        return "".join(sorted(said))

    def leading_type(self) -> str | None:
        # rounded: float sums depend on the order clusters merged in, ties must not; a tie goes
        # to the type earlier in TYPE_ORDER
        votes = self.votes
        best, most = TYPE_ORDER[0], round(votes.get(TYPE_ORDER[0], 0.0), 6)
        for t in TYPE_ORDER[1:]:
            if (v := round(votes.get(t, 0.0), 6)) > most:
                best, most = t, v
        return best if votes.get(best, 0.0) > 0 else None

    @property
    def full_norms(self) -> set[str]:
        return {n for n in self.norms if " " in n}


class _UnionFind:
    def __init__(self, cannot_link: dict[str, set[str]]):
        self.parent: dict[int, int] = {}
        self.clusters: dict[int, _Cluster] = {}
        self.cannot_link = cannot_link

    def add(self, c: _Cluster) -> None:
        self.parent[c.id] = c.id
        self.clusters[c.id] = c

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def conflict(self, a: _Cluster, b: _Cluster) -> bool:
        return self.kept_apart(a, b.norms)

    def kept_apart(self, a: _Cluster, norms: set[str]) -> bool:
        """Whether the curation file keeps cluster a apart from whatever bears these names."""
        if not self.cannot_link:
            return False
        return any(self.cannot_link.get(n, set()) & norms for n in a.norms)

    def union(self, i: int, j: int) -> bool:
        """Merge the clusters of i and j unless the curation file keeps them apart."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        a, b = self.clusters[ri], self.clusters[rj]
        if self.conflict(a, b):
            return False
        if len(b.refs) > len(a.refs):
            ri, rj, a, b = rj, ri, b, a
        self.parent[rj] = ri
        a.names.update(b.names)
        a.norms |= b.norms
        a.weak |= b.weak
        a.weak_support.update(b.weak_support)
        a.votes.update(b.votes)
        a.refs += b.refs
        a.members += b.members
        a.last_seen = max(a.last_seen, b.last_seen)
        a.honorific_sexes |= b.honorific_sexes
        del self.clusters[rj]
        return True

    def roots(self) -> list[_Cluster]:
        return [c for i, c in self.clusters.items() if self.parent[i] == i]


@lru_cache(maxsize=1 << 16)  # pure function of a string: names repeat across a corpus
def _surnames(name: str) -> frozenset[str]:
    """Family-name forms of a person's name: 'Jane A. Roe' -> {'roe'}; 'Ban Ki-moon' -> {'ban'}.

    A hyphenated given name with a lower-case second part ("Ki-moon") follows the family name.
    """
    words = name.split()
    if len(words) > 2 and words[-1].rstrip(".").lower() in GENERATIONS:
        # a generation is part of who someone is across articles ("Jane Roe Jr." is not Jane Roe)
        return frozenset({normal(" ".join(words[-2:]))})  # 'Marcus Daniel Hale III' -> 'hale iii'
    if len(words) < 2:
        return set()
    out = {normal(words[-1])}
    if len(words) == 2 and HYPHENATED_GIVEN_NAME.match(words[1]):
        out.add(normal(words[0]))
    return frozenset(s for s in out if s)


@lru_cache(maxsize=1 << 16)  # pure function of a string: names repeat across a corpus
def _first_name(name: str) -> str | None:
    words = name.split()
    return normal(words[0]) if len(words) >= 2 and len(normal(words[0])) > 1 else None


@lru_cache(maxsize=1 << 16)  # pure function of a string: names repeat across a corpus
def _without_initials(norm: str) -> str | None:
    """'donald j trump' -> 'donald trump': the form a name takes without its middle initials."""
    words = norm.split()
    kept = [w for k, w in enumerate(words) if not (0 < k < len(words) - 1 and len(w) == 1)]
    return " ".join(kept) if len(kept) != len(words) and len(kept) >= 2 else None


@lru_cache(maxsize=1 << 16)  # pure function of a string: names repeat across a corpus
def _short_names(norm: str) -> frozenset[str]:
    """One-word forms an organisation or event goes by: 'acme' for 'acme films' or 'acme film festival'.

    Only when the rest of the name is made of head words: 'acme' is no short name of 'acme tower'.
    """
    parts = norm.split()
    if parts and parts[-1] in PERSONAL_ORGANISATIONS:
        return frozenset()  # "Novak" alone is the person, not "the Novak campaign"
    if (
        2 <= len(parts) <= 3
        and parts[-1] in head_types()
        and all(p in head_types() or p in TAIL_WORDS for p in parts[1:])
        and not AFFILIATE_HEADS.intersection(parts[1:])
    ):
        return frozenset({parts[0]})
    return frozenset()


@lru_cache(maxsize=1 << 16)  # pure function of a string: names repeat across a corpus
def _without_head_words(norm: str) -> str | None:
    """'acme business network' -> 'acme business': the name without trailing head words (two words kept)."""
    words = norm.split()
    k = len(words)
    while k > 2 and _sheds(words[k - 1]):
        k -= 1
    return " ".join(words[:k]) if k < len(words) else None


def _sheds(word: str) -> bool:
    """Whether a name's last word may drop to give its short form: a head word ("Acme Business
    Network") but not one that names another body after the first ("Acme Foundation")."""
    return (word in head_types() or word in TAIL_WORDS) and word not in AFFILIATE_HEADS


def _article_clusters(
    ex: ArticleExtraction, uf: _UnionFind, next_id: int, seed: _Cluster | None = None
) -> tuple[list[_Cluster], int]:
    """Cluster the named mentions of one article in reading order; `seed` is known before the first."""
    local: list[_Cluster] = []
    by_norm: dict[str, _Cluster] = {}
    short_forms: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)  # (kind, word) -> clusters
    if seed is not None:
        local.append(seed)
        for name in seed.names:
            by_norm[normal(name)] = seed
            for key in _short_form_keys(name, normal(name)):
                short_forms[key].append(seed)
    for i, m in enumerate(ex.mentions):
        if m.kind != "name" or not is_name(m.text):
            continue
        name = display_name(m.text)
        norm = normal(name)
        if not norm:
            continue
        target = by_norm.get(norm)
        if target is not None and m.sex and not _may_be(m.sex, target):
            target = None  # "Mr. Roe" after "Jane Roe": someone else
        if target is None or norm in target.weak:  # a surname: whom it means here (_surname_bearer)
            target = _attach(norm, name, dict(m.votes), short_forms, uf, m.sex, m.start) or target
        if target is None and (padded := _known_prefix(norm, m, by_norm)) is not None:
            # a name proposed with little evidence that runs on past a known name ("Acme Denies
            # Claims" in a headline): the known name is what it refers to; its words are no alias
            _add_votes(padded.votes, m.votes)
            padded.refs.append(MentionRef(ex.article_id, m.start, m.end))
            padded.members.append((ex.article_id, i))
            continue
        if target is None:
            target = _Cluster(next_id)
            next_id += 1
            uf.add(target)
            local.append(target)
        elif norm not in target.norms:
            target.weak.add(norm)
            target.weak_support[norm] += 1  # first time in this article: the norm is a name from now on
        if name not in target.names:
            for key in _short_form_keys(name, norm):
                if target not in short_forms[key]:
                    short_forms[key].append(target)
        target.names[name] += 1
        target.norms.add(norm)
        for part in name.split("/") if "/" in name and " " not in name else ():
            if normal(part):
                target.norms.add(normal(part))  # "Original/Translated" titles: both are names
        if (edition := YEAR_PREFIX.sub("", norm)) != norm and " " in edition:
            target.norms.add(edition)  # "2020 Some Festival" is an edition of "Some Festival"
        _add_votes(target.votes, m.votes)
        target.refs.append(MentionRef(ex.article_id, m.start, m.end))
        target.members.append((ex.article_id, i))
        target.last_seen = m.start
        if m.sex:
            target.honorific_sexes.add(m.sex)
        by_norm[norm] = target
    return local, next_id


def _add_votes(votes: Counter, pairs: tuple[tuple[str, float], ...]) -> None:
    """votes.update(dict(pairs)), without Counter.update's costly test of what it was given."""
    for t, w in dict(pairs).items():
        votes[t] = w + votes.get(t, 0)


def _known_prefix(norm: str, m: Mention, by_norm: dict[str, _Cluster]) -> _Cluster | None:
    words = norm.split()
    if len(words) < 3 or sum(w for _, w in m.votes) > WEAK_EVIDENCE or words[-1] in GENERATIONS:
        return None  # "Jane Roe Jr." is Jane Roe's son, not her name padded with a word
    for k in range(len(words) - 1, 0, -1):
        if (c := by_norm.get(" ".join(words[:k]))) is not None:
            return c
    return None


@lru_cache(maxsize=1 << 16)
def _short_form_keys(name: str, norm: str) -> tuple[tuple[str, str], ...]:
    """The one-word forms a later mention may use for this name: acronym, surname, short name, first name."""
    keys = []
    if " " in name.strip() and (a := acronym(name)):
        keys.append(("acronym", a))
        if not a.endswith("a"):
            keys.append(("acronym", a + "a"))  # "Some Workers" (of America), later "SWA"
    keys += [("surname", s) for s in sorted(_surnames(name))]
    keys += [("short", s) for s in sorted(_short_names(norm))]
    if " " in norm and (head := norm.rsplit(" ", 1)[1]) in institution_words():
        keys.append(("institution", head))  # "the Senate" after "the U.S. Senate"
    if (f := _first_name(name)) is not None:
        keys.append(("first", f))
    return tuple(keys)


def _may_be(sex: str | None, c: _Cluster) -> bool:
    """Whether a mention whose honorific says `sex` may name the person of cluster c."""
    known = c.sexes()
    return not sex or not known or sex in known


def _sexes_agree(one: _Cluster, other: _Cluster) -> bool:
    """Whether the honorifics of one's mentions ("Mr. Roe") allow it to be other's person."""
    return all(_may_be(sex, other) for sex in one.honorific_sexes)


RECENT_BEARER = 200  # characters: about a sentence back, a surname still means who was just named


def _attach(norm: str, name: str, votes: dict, short_forms: dict, uf: _UnionFind,
            sex: str | None = None, start: int = 0) -> _Cluster | None:
    """The earlier cluster of the article a one-word name or acronym refers to, or None.

    A surname wins over an organisation's short name ("Roe" after "Jane Roe" and "Roe Foundation"
    is the person); a short name is taken only by a word the model did not call a place or person
    ("Washington" is no short name of "Washington Post").
    """
    if " " in norm and not (norm.count(" ") == 1 and norm.rsplit(" ", 1)[1] in GENERATIONS):
        return None  # one word, or a family name with its generation ("Hale III")
    probe = {norm}
    own = max(votes, key=votes.get) if votes else None

    def usable(cs):
        return [c for c in cs if not uf.kept_apart(c, probe)]

    # a word the model calls a place, and nothing calls more strongly a speaker, is no one's surname
    # or first name here ("Jordan" after "Jordan Armed Forces", "Paris" after "Tom Paris" in a
    # story from Paris); "Paris said" after "Rep. Tom Paris" is the congressman
    place = votes.get("Place", 0)
    placed = place > 0 and place >= max((w for t, w in votes.items() if t != "Place"), default=0)
    surnames = usable([c for c in short_forms.get(("surname", norm), []) if c.leading_type() == "Person"
                       and _may_be(sex, c)] if not placed else [])
    acronyms = usable(
        [c for c in short_forms.get(("acronym", norm), []) if c.leading_type() != "Person"]
        if is_acronym(name)  # people are rarely called by their initials; organisations often are
        else []
    )
    shorts = usable(
        [
            c
            for c in short_forms.get(("short", norm), [])
            if c.leading_type() in ("Organization", "Event", "CreativeWork")
            and own not in ("Place", "Person")
            and not votes.get("Place")  # "Jordan" after "Jordan Armed Forces": the country
        ]
    )
    institutions = usable([c for c in short_forms.get(("institution", norm), [])
                           if c.leading_type() == "Organization"])
    if len(surnames) > 1:
        return _surname_bearer(surnames, start)
    for candidates in (surnames, acronyms, shorts, institutions):
        if candidates:
            return max(candidates, key=lambda c: c.last_seen)
    by_first_name = usable([c for c in short_forms.get(("first", norm), []) if c.leading_type() == "Person"
                            and _may_be(sex, c)] if not placed else [])
    # "Jane" after "Jane Roe", when no other Jane is in the article
    return by_first_name[0] if len(by_first_name) == 1 else None


def _surname_bearer(bearers: list[_Cluster], start: int) -> _Cluster:
    """Which of an article's people with one surname a bare "Roe" at `start` is: the one named in
    the sentence just before ("Jon Roe spoke. Roe said"), else the one the article introduced first
    (news introduces its main Roe first and names the others in full: "Jane Roe ... her husband,
    Jon Roe, ... Roe said" is Jane)."""
    latest = max(bearers, key=lambda c: c.last_seen)
    if start - latest.last_seen <= RECENT_BEARER:
        return latest
    return min(bearers, key=lambda c: c.id)


# ---------------------------------------------------------------------- resolve


def resolve_entities(
    extractions: Sequence[ArticleExtraction],
    publishers: Mapping[str, str | None],
    curation: Curation | None = None,
) -> EntityIndex:
    """Entities of the corpus with aliases merged, types voted, curation applied, and their facts."""
    curation = with_institutions(curation or Curation())
    cannot_link = _cannot_link(curation)
    uf = _UnionFind(cannot_link)
    next_id = 0
    publisher_clusters: dict[str, int] = {}
    early_surnames: list[tuple[int, int, str]] = []
    for name in sorted({p for p in publishers.values() if p}):
        c = _Cluster(
            next_id,
            names=Counter({name: 1}),
            norms={normal(name)},
            votes=Counter({"Organization": PUBLISHER_VOTE}),
        )
        next_id += 1
        uf.add(c)
        publisher_clusters[name] = c.id
    for ex in extractions:
        # an article's own publisher is part of its context: "told ET" in an article of Entertainment Tonight
        publisher = publishers.get(ex.article_id)
        seed = uf.clusters[uf.find(publisher_clusters[publisher])] if publisher else None
        local, next_id = _article_clusters(ex, uf, next_id, seed)
        early_surnames += _surnames_named_in_full_later(local, uf)
        _merge_institutions_named_in_full_later(local, uf)
        _merge_stated_aliases(ex, local, uf)
        _context_votes(ex, local, uf)
    _merge_curated(uf, curation)
    _merge_full_names(uf)
    _merge_early_surnames(uf, early_surnames)
    _merge_one_word_names(uf, {normal(n) for row in curation.rows for n in (row.name, *row.aliases)})
    return _index(extractions, uf, publisher_clusters, curation)


def with_institutions(curation: Curation) -> Curation:
    """The user's curation rows, then a row for each known institution (kg/data/institutions.tsv)
    without the forms the user's rows name: the user's word wins, form by form."""
    taken = {normal(n) for row in curation.rows for n in (row.name, *row.aliases, *row.not_same_as)}
    builtin = []
    for name, base, aliases in institutions():
        if normal(name) not in taken:
            free = tuple(a for a in aliases if normal(a) not in taken)
            builtin.append(CurationRow(line=0, name=name, type=base, aliases=free))
    return Curation(rows=curation.rows + tuple(builtin))


def _cannot_link(curation: Curation) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for row in curation.rows:
        own = {normal(row.name), *(normal(a) for a in row.aliases)}
        for other in row.not_same_as:
            for n in own:
                out[n].add(normal(other))
                out[normal(other)].add(n)
    return dict(out)


def _members(ex: ArticleExtraction, local: list[_Cluster]) -> dict[int, int]:
    """Mention index -> cluster id, for the clusters of one article."""
    return {i: c.id for c in local for art, i in c.members if art == ex.article_id}


def _family_words(name: str) -> frozenset[str]:
    """A person's surnames, and the family name alone when a generation follows it ("Hale" of
    "Marcus Hale III"): within one article that names no other Hale, "Hale" is he."""
    bare = {normal(family_name(name))} if " " in name else set()
    return _surnames(name) | bare


def _given_first(name: str) -> bool:
    return name.split()[0].lower() in given_names()


def _surnames_named_in_full_later(local: list[_Cluster], uf: _UnionFind) -> list[tuple[int, int, str]]:
    """(cluster, person cluster, word) where an article uses a surname before it names the person
    in full ('Roe Wins Vote' in a headline, 'Jane Roe' in the body) and that person is the one of
    the article who bears it (a word the model calls a place stays apart)."""
    out = []
    people = [o for o in local if o.id in uf.clusters and o.leading_type() == "Person"]
    for c in local:
        if c.id not in uf.clusters or c.full_norms or c.votes.get("Place") or len(c.norms) != 1:
            continue
        word = next(iter(c.norms))
        # the full name starts with a given name: a person's, not an organisation the model took
        # for one ("a Harbor GOP insider")
        bearers = {uf.find(o.id) for o in people if o is not c and _sexes_agree(c, o)
                   and any(word in _family_words(n) and _given_first(n) for n in o.names)}
        if len(bearers) == 1:
            out.append((c.id, bearers.pop(), word))
    return out


def _merge_institutions_named_in_full_later(local: list[_Cluster], uf: _UnionFind) -> None:
    """A bare institution word the article uses before it names the institution in full ("the
    Senate race" before "the U.S. Senate") is that institution, when the article names only one;
    the bare word stays a weak name, so other articles' bare "Senate" keeps its own node."""
    for c in local:
        if c.id not in uf.clusters or len(c.norms) != 1 or (word := next(iter(c.norms))) not in institution_words():
            continue
        full = {uf.find(o.id) for o in local if o is not c and o.id in uf.clusters
                and o.leading_type() == "Organization"
                and any(" " in n and n.rsplit(" ", 1)[1] == word for n in o.norms)}
        if len(full) == 1:
            target = uf.clusters[full.pop()]
            target.weak.add(word)
            uf.union(target.id, c.id)


def _merge_early_surnames(uf: _UnionFind, pending: list[tuple[int, int, str]]) -> None:
    """Merge the pairs of _surnames_named_in_full_later whose surname no other person of the corpus
    bears as widely as the article's one: where the corpus names a better-known Roe, an early "Roe"
    may be that one, and an edge to the wrong person is worse than an unlinked mention."""
    bearers: dict[str, set[int]] = defaultdict(set)
    words = {w for _, _, w in pending}
    for c in uf.roots():
        if c.leading_type() == "Person":
            for n in c.names:
                for w in _family_words(n) & words:
                    if _given_first(n):
                        bearers[w].add(c.id)

    def reach(cid: int) -> int:
        return len({r.article_id for r in uf.clusters[cid].refs})

    for one, person, word in pending:
        mine = uf.find(person)
        if mine == uf.find(one):
            continue
        if all(reach(other) < reach(mine) for other in {uf.find(b) for b in bearers[word]} - {mine}):
            uf.clusters[mine].weak.add(word)
            uf.union(mine, one)


def _merge_stated_aliases(ex: ArticleExtraction, local: list[_Cluster], uf: _UnionFind) -> None:
    index = _members(ex, local)
    for r in ex.relations:
        if r.predicate == ALIAS and r.object is not None and r.subject in index and r.object in index:
            a, b = uf.clusters.get(uf.find(index[r.subject])), uf.clusters.get(uf.find(index[r.object]))
            if a is not None and b is not None:
                b.weak |= {n for n in b.norms if " " not in n}
                uf.union(a.id, b.id)


def _context_votes(ex: ArticleExtraction, local: list[_Cluster], uf: _UnionFind) -> None:
    """Votes from the rest of the article: speakers of reporting verbs, pronouns and descriptions."""
    cluster_of = {i: uf.clusters[uf.find(cid)] for i, cid in _members(ex, local).items()}
    if not cluster_of:
        return

    def named(i: int | None) -> _Cluster | None:
        seen = set()
        while i is not None and i not in cluster_of and i not in seen and 0 <= i < len(ex.mentions):
            seen.add(i)
            i = ex.mentions[i].antecedent
        return cluster_of.get(i) if i is not None else None

    for a in ex.attributions:
        c = named(a.speaker)
        if c is not None:
            c.votes.update(dict(SPEAKER_VOTES))
    for m in ex.mentions:
        if m.antecedent is None or m.kind not in ("pronoun", "description"):
            continue
        c = named(m.antecedent)
        if c is None:
            continue
        words = m.text.lower().split()
        if m.kind == "pronoun" and words and words[0] in PERSON_PRONOUNS:
            c.votes["Person"] += 1.5
        elif m.kind == "description" and words and (t := DESCRIPTION_TYPES.get(words[-1].strip(".,"))):
            c.votes[t] += 2.0


def _merge_curated(uf: _UnionFind, curation: Curation) -> None:
    if not curation.rows:
        return
    by_norm = defaultdict(list)
    for c in uf.roots():
        for n in c.norms:
            by_norm[n].append(c.id)
    for row in curation.rows:
        forms = {normal(row.name), *(normal(a) for a in row.aliases)}
        ids = []
        for n in sorted(forms):
            ids += [i for i in by_norm.get(n, ()) if _row_reaches(uf.clusters[uf.find(i)], n, forms)]
        for i in ids[1:]:
            uf.union(ids[0], i)


def _row_reaches(c: _Cluster, norm: str, forms: set[str]) -> bool:
    """Whether a curation row with these forms, matching `c` by `norm`, speaks of `c`.

    A row changes exactly what it names: a cluster it reaches only by a one-word form and that
    goes by full names of its own ("Harbor Renewal Project (HRP)") is another entity
    sharing the short form.
    """
    return " " in norm or not (c.full_norms - forms)


def _merge_full_names(uf: _UnionFind) -> None:
    """Clusters of different articles that share a name of two or more words, or one-word name alone."""
    first: dict[str, int] = {}
    for c in sorted(uf.roots(), key=lambda c: c.id):
        keys = (c.norms - c.weak) if c.full_norms else c.norms
        # a one-word name goes with those of its honorific only: "Mr. Roe" and "Mrs. Roe" are two
        sexes = "" if c.full_norms else "".join(sorted(c.honorific_sexes))
        for n in sorted(keys):
            key = f"{n}|{sexes}" if sexes else n
            if key in first:
                uf.union(first[key], c.id)
            else:
                first[key] = c.id
    # "Jane A. Roe" and "Jane Roe": one person, unless two initialled names share the plain form
    initialled: dict[str, set[int]] = defaultdict(set)
    for c in uf.roots():
        for n in c.full_norms - c.weak:
            if (plain := _without_initials(n)) is not None:
                initialled[plain].add(c.id)
    for plain, ids in sorted(initialled.items()):
        roots = {uf.find(i) for i in ids}
        if len(roots) == 1 and plain in first:
            uf.union(first[plain], roots.pop())
    # "Acme Business Network" and "Acme Business": one outlet, when only one longer name shortens so
    shortened: dict[str, set[int]] = defaultdict(set)
    for c in uf.roots():
        if c.leading_type() in ("Organization", "Event"):
            for n in c.full_norms - c.weak:
                if (short := _without_head_words(n)) is not None:
                    shortened[short].add(c.id)
    for short, ids in sorted(shortened.items()):
        roots = {uf.find(i) for i in ids}
        if (
            len(roots) == 1
            and short in first
            and uf.clusters[uf.find(first[short])].leading_type() in ("Organization", "Event")
        ):  # "Jane Roe Foundation" shortened is a person, not the foundation
            uf.union(first[short], roots.pop())


def _merge_one_word_names(uf: _UnionFind, curated: set[str]) -> None:
    """Clusters known only by one word join the one entity that goes by it (surname, short name, acronym).

    An acronym joins a name only if some article spelled it out, and only if enough articles did
    for how widely it is used: one article tying "XYZ" to a project does not make every "XYZ" of
    the corpus that project.
    """
    weak: dict[str, set[int]] = defaultdict(set)
    surnames: dict[str, set[int]] = defaultdict(set)
    shorts: dict[str, set[int]] = defaultdict(set)
    first_names: dict[str, set[int]] = defaultdict(set)
    for c in uf.roots():
        if not c.full_norms:
            continue
        lead = c.leading_type()
        for n in c.weak:
            weak[n].add(c.id)
        for name in c.names:
            if lead == "Person":
                for s in _surnames(name):
                    surnames[s].add(c.id)
                if (f := _first_name(name)) is not None:
                    first_names[f].add(c.id)
        for n in c.full_norms:
            if lead in ("Organization", "Event", "CreativeWork"):
                for s in _short_names(n):
                    shorts[s].add(c.id)
    company = _Company(uf)
    for c in sorted(uf.roots(), key=lambda c: c.id):
        if c.full_norms or c.id not in uf.clusters or c.norms & curated:
            continue  # a name the curation rows give is settled by them
        if c.norms <= institution_words():
            continue  # "the Senate" of one article is not the state senate another names in full
        lead = c.leading_type()
        # an acronym only (not a name also shouted in a dateline: "PARIS", "Paris")
        acronym_form = all(is_acronym(name) for name in c.names)
        articles = len({r.article_id for r in c.refs})
        targets: set[int] = set()
        for n in c.norms:
            for t in weak.get(n, ()):
                if not acronym_form or uf.clusters[uf.find(t)].weak_support[n] * ACRONYM_REACH >= articles:
                    targets.add(t)
            if not acronym_form:
                targets |= surnames.get(n, set())
                if lead not in ("Place", "Person"):
                    targets |= shorts.get(n, set())
        roots = {r for r in {uf.find(t) for t in targets} if _sexes_agree(c, uf.clusters[r])}
        if not roots and lead == "Person":  # "Jane" alone: the one well-known Jane, if only one
            roots = {uf.find(t) for n in c.norms for t in first_names.get(n, ())}
            if len(roots) > 1:
                continue
            # ... and only where every article using the name alone speaks of her (names her in
            # full or by surname): "his wife, Sarah" of one article is not the Sarah Roe of others
            roots = {r for r in roots if company.named_in_each(uf.clusters[r], c)}
        if lead == "Place" and not acronym_form:
            roots = {r for r in roots if uf.clusters[r].leading_type() == "Place"}
        elif lead is not None and c.votes[lead] >= 1.0 and not acronym_form:
            # a name whose own mentions say firmly what it is joins only an entity of that kind:
            # the country "Jordan" said to have acted is not the Jordan Armed Forces, and the
            # city "Paris" not Tom Paris, whose surname it also is
            roots = {r for r in roots if uf.clusters[r].leading_type() in (lead, None)}
        if not roots:
            continue
        if len(roots) > 1:
            # Two bearers of the name ("Roe": Jane Roe and Tom Roe): the one whose
            # articles talk about the same people and organisations as this one, when the company
            # they keep tells them clearly apart; otherwise the mention stays its own entity, since an
            # edge to the wrong person is worse than an unlinked one.
            chosen = _by_company(c, roots, uf, company)
            if chosen is None:
                continue
            roots = {chosen}
        ranked = sorted(roots)
        c.weak |= c.norms
        uf.union(ranked[0], c.id)


class _Company:
    """Which named entities each article mentions, to tell apart two bearers of one name."""

    def __init__(self, uf: _UnionFind):
        self.uf = uf
        self.by_article: dict[str, set[int]] = defaultdict(set)
        self.names_by_article: dict[str, set[str]] = defaultdict(set)  # every name an article uses, normalised
        for c in uf.roots():
            for r in c.refs:
                if c.full_norms:
                    self.by_article[r.article_id].add(c.id)
                self.names_by_article[r.article_id] |= c.norms

    def named_in_each(self, person: _Cluster, cluster: _Cluster) -> bool:
        """Whether each article of `cluster` names `person`, in full or by one of their surnames."""
        family = {s for name in person.names for s in _surnames(name)} | person.full_norms
        return all(family & self.names_by_article[a] for a in {r.article_id for r in cluster.refs})

    def around(self, cluster: _Cluster) -> set[int]:
        """The entities (roots) named in the articles that mention `cluster`, but for itself."""
        root = self.uf.find(cluster.id)
        return {self.uf.find(i) for r in cluster.refs for i in self.by_article.get(r.article_id, ())} - {root}


def _by_company(c: _Cluster, roots: set[int], uf: _UnionFind, company: _Company) -> int | None:
    """The root whose articles share clearly more entities with `c`'s articles than any other's:
    at least two, and at least twice the next one's."""
    mine = company.around(c) - roots
    if not mine:
        return None
    shared = sorted(((len(mine & company.around(uf.clusters[r])), r) for r in roots), reverse=True)
    (best, root), (second, _) = shared[0], shared[1]
    return root if best >= 2 and best >= 2 * second else None


def _index(
    extractions: Sequence[ArticleExtraction],
    uf: _UnionFind,
    publisher_clusters: dict[str, int],
    curation: Curation,
) -> EntityIndex:
    index = EntityIndex()
    rows_by_norm = {}
    row_forms: dict[int, set[str]] = {}
    for row in curation.rows:
        row_forms[id(row)] = {normal(n) for n in (row.name, *row.aliases)}
        for n in (row.name, *row.aliases):
            rows_by_norm.setdefault(normal(n), row)
    publisher_roots = {uf.find(cid) for cid in publisher_clusters.values()}
    built: list[tuple[_Cluster, str, str, CurationRow | None]] = []
    for c in uf.roots():
        row = next((rows_by_norm[n] for n in sorted(c.norms)
                    if n in rows_by_norm and _row_reaches(c, n, row_forms[id(rows_by_norm[n])])), None)
        if row is not None and row.type == "ignore":
            continue
        if row is not None and row.type:
            base = row.type
        elif c.id in publisher_roots and not c.refs:
            base = PUBLISHER  # no article names it: it is the articles' source, not in their story
        else:
            base = "Person" if _named_in_full(c) else c.leading_type() or "Organization"
        name = row.name if row is not None else _canonical(c.names, base == "Person")
        built.append((c, name, base, row))
    built.sort(
        key=lambda b: (slug(b[1]), min((r.article_id, r.start) for r in b[0].refs) if b[0].refs else ("", 0))
    )
    keys: dict[int, str] = {}
    taken: set[str] = set()
    for c, name, base, row in built:
        key, n = slug(name), 2
        while key in taken:
            key, n = f"{slug(name)}-{n}", n + 1
        taken.add(key)
        keys[c.id] = key
        # a form that differs from the shown name only in punctuation ("Harbor Times/Ocean News"
        # beside "Harbor Times-Ocean News") adds nothing: the name key ignores punctuation
        aliases = {display for display in c.names if _words(display) != _words(name)}
        index.entities.append(
            Entity(
                key=key,
                name=name,
                type=base,
                alternate_names=tuple(sorted(aliases)),
                extra_types=(PUBLISHER,) if c.id in publisher_roots and base != PUBLISHER else (),
                same_as=tuple(row.same_as) if row is not None else (),
                mentions=tuple(sorted(c.refs, key=lambda r: (r.article_id, r.start, r.end))),
            )
        )
        for member in c.members:
            index.by_mention[member] = key
    for name, cid in publisher_clusters.items():
        if (key := keys.get(uf.find(cid))) is not None:
            index.publishers[name] = key
    for ex in extractions:
        for i, m in enumerate(ex.mentions):
            if (ex.article_id, i) in index.by_mention or m.antecedent is None:
                continue
            j, seen = m.antecedent, {i}
            while j is not None and j not in seen and (ex.article_id, j) not in index.by_mention:
                seen.add(j)
                j = ex.mentions[j].antecedent if 0 <= j < len(ex.mentions) else None
            if j is not None and (ex.article_id, j) in index.by_mention:
                index.by_mention[(ex.article_id, i)] = index.by_mention[(ex.article_id, j)]
    index.facts = _facts(extractions, index)
    return index


def _words(name: str) -> str:
    return re.sub(r"\W+", " ", name).strip()


def _canonical(names: Counter, person: bool = False) -> str:
    """The name to show: a full name over a surname or acronym, then the commonest, accents kept.

    A full name that is rare beside a one-word form ("Acme Office" once, "Acme" a hundred times)
    is more likely a product or a headline fragment than an organisation's name: the common form
    wins. A person keeps the full name however often the surname alone is used.
    """
    top = max(names.values())
    forms = {normal(n) for n in names}

    def rank(item):
        name, count = item
        return (
            # a full name, unless rare beside the usual form; an organisation's usual form spelt out
            # with its head words ("Harbor" -> "Harbor University") is its full name however rare
            " " in name and (person or count * 4 >= top or _spells_out(normal(name), forms)),
            # a spelt-out form over initials, unless rare beside them ("Us" at a sentence start beside "US")
            not is_acronym(name) and count * 4 >= top,
            "/" not in name,
            count,
            sum(1 for ch in name if ord(ch) > 127),  # "Jané" over "Jane": ASCII forms drop accents
            len(name),
            name,
        )

    return max(names.items(), key=rank)[0]


def _spells_out(norm: str, forms: set[str]) -> bool:
    """Whether a name is another of the forms followed by head words: "harbor university" of "harbor"."""
    words = norm.split()
    k = len(words)
    while k > 1 and _sheds(words[k - 1]):
        k -= 1
        if " ".join(words[:k]) in forms:
            return True
    return False


def _named_in_full(c: _Cluster) -> bool:
    """Whether the cluster holds a person's full name (a given name, then a surname the other
    mentions use alone: "Jane A. Roe" ... "Roe"): a person, whatever the model called the
    lone surname."""
    singles = {normal(n) for n in c.names if " " not in n.strip()}
    for name in c.names:
        words = name.split()
        if person_shaped(name) and words[0].lower() in given_names() and normal(words[-1]) in singles:
            return True
    return False


def _facts(extractions: Sequence[ArticleExtraction], index: EntityIndex) -> list[Fact]:
    """Relations between resolved entities, one Fact per (article, span, triple), fitted to the ontology.

    Domains and ranges decide with the resolved types: "the director of Some Agency" works for
    it (directorOf is for works), a role "of" a place or a person keeps no object, and a person's
    role held by an organisation is no fact.
    """
    types = {e.key: e.type for e in index.entities}
    facts: dict[str, Fact] = {}
    for ex in extractions:
        for r in ex.relations:
            if r.predicate == ALIAS:
                continue
            subject = index.key_of(ex.article_id, r.subject)
            if subject is None:
                continue
            obj = index.key_of(ex.article_id, r.object) if r.object is not None else None
            if obj == subject:
                continue
            predicate, obj = _fit(r.predicate, types.get(subject), obj, types.get(obj) if obj else None)
            if predicate is None:
                continue
            key = hashlib.sha256(
                f"{ex.article_id}|{r.span.start}|{r.span.end}|{subject}|{predicate}|{obj}".encode()
            ).hexdigest()[:20]
            facts[key] = Fact(key, subject, predicate, obj, ex.article_id, r.span.start, r.span.end)
    return list(facts.values())


def _fit(predicate: str, subject_type: str | None, obj: str | None, obj_type: str | None):
    """(predicate, object) that fit the ontology's domain and range, or (None, None) to drop the fact."""
    if predicate in PERSON_DOMAIN and subject_type != "Person":
        return None, None
    if obj is None:
        return predicate, None
    wanted = PREDICATE_RANGE.get(predicate)
    if wanted is None or obj_type == wanted:
        return predicate, obj
    if wanted == "CreativeWork" and obj_type == "Organization" and predicate in ("directorOf", "producerOf"):
        return "worksFor", obj  # "the director of Some Agency"
    return predicate, None
