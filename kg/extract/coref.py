"""Within-article coreference for speakers and targets: pronouns and descriptions to named mentions.

Rules, in order: a description holding a name of its own ("a spokesperson for X", "an X
spokesperson") refers through it; a description whose head noun is the head of an apposition or a
premodifying role of a name ("X, the promotion group" ... "the group"; "director X" ... "the
director") refers to that name; a document ("the letter", "the statement") speaks for whoever last
issued one; otherwise the most recent compatible speaker, then the most salient compatible name.
Pronouns take the most recent compatible speaker or name. Nothing here knows any particular name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..entity_lexicon import PERSONAL_ORGANISATIONS, family_name, institution_names, name_sexes
from ..records import Mention
from .lexicon import speaker_nouns

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
PRONOUN_SEXES = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
# Nouns that say the sex of whom they describe: "the woman" is no man the article named.
NOUN_SEXES = {
    **dict.fromkeys(("woman", "mother", "wife", "daughter", "sister", "girl", "grandmother", "aunt", "niece", "widow",
                     "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "councilwoman", "actress",
                     "queen", "princess", "lady", "girlfriend", "mom"), "f"),
    **dict.fromkeys(("man", "father", "husband", "son", "brother", "boy", "grandfather", "uncle", "nephew", "widower",
                     "spokesman", "congressman", "businessman", "councilman", "king", "prince", "gentleman",
                     "boyfriend", "dad"), "m"),
}
GROUP_PRONOUNS = {"they", "them", "their", "theirs", "themselves", "we", "us", "our"}
THIRD_PERSON_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
REFLEXIVES = frozenset({"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves",
                        "themselves"})
# Pronouns that stand for people who speak: "he said", "they say".
SPEAKING_PRONOUNS = frozenset(PRONOUN_SEXES) | {"they", "them"}
THING_PRONOUNS = {"it", "its", "itself"}
SPOKESPERSON_NOUNS = {"spokesperson", "spokesman", "spokeswoman", "representative", "rep", "official",
                      "executive", "exec", "source", "lawyer", "attorney", "aide", "adviser", "advisor"}
DOCUMENT_VERBS = {"release", "issue", "publish", "post", "send", "write", "sign", "share", "tweet", "put",
                  "launch", "start", "file", "pen", "apologize", "apologise", "say", "respond", "announce"}


def mention_type(m: Mention) -> str | None:
    """The base type a mention's own votes favour, if any."""
    return leading_type(m.votes)


def leading_type(votes) -> str | None:
    """The type that (type, weight) votes favour, if any: the largest sum, the first voted on a tie."""
    if not votes:
        return None
    totals: Counter = Counter()
    for t, w in votes:
        totals[t] += w
    return totals.most_common(1)[0][0]


# Institutions whose names carry their kind ("the Justice Department", "the Senate Ethics
# Committee"): "the government" or "the court" is one so named, or unnamed; the company or the
# network that spoke last is no court.
NAMED_WITH_HEAD = frozenset({"government", "party", "court", "committee", "council", "department", "ministry",
                             "commission", "bureau", "panel", "tribunal", "caucus"})


def _person_part(name: str) -> str:
    """The person's name in an organisation named after them ("Jane Roe" of "Jane Roe administration",
    "Jane Roe's campaign"), else the name."""
    words = name.split()
    if len(words) > 2 and words[-1].lower() in PERSONAL_ORGANISATIONS:
        return " ".join(words[:-1]).removesuffix("'s").removesuffix("’s")
    return name


# Descriptions whose referents' names hold other words: "the union" after "the Mine Workers".
NAMED_AS = {"union": frozenset({"workers", "employees", "teamsters", "brotherhood"})}


def named_so(name: str, head: str, modifiers: frozenset[str] = frozenset()) -> bool:
    """Whether "the <modifiers> <head>" may be an organisation or event of this name: the head of its
    name, or of the full name of the institution it is a form of, is the description's head, and
    the name holds every modifier ("the committee": the Ethics Committee, the Committee on Ethics;
    "the party": "the Democrats", the Democratic Party; "the bureau": the Federal Bureau of
    Investigation; "the police department": the Harbor Police Department; not "the platform" for
    the Platform Committee, nor "the dinner party")."""
    forms = institution_names()  # keyed by the form in lower case, points kept: "g.o.p."
    words = _norm(forms.get(name.lower()) or forms.get(_norm(name)) or name).split()
    if len(words) < 2:
        return False
    of = next((i for i, w in enumerate(words) if i and w in ("of", "on", "for")), None)
    own_head = words[of - 1] if of is not None else words[-1]
    return (own_head == head or own_head in NAMED_AS.get(head, ())) and modifiers <= set(words)


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


@dataclass
class Coref:
    """Resolution state for one article: its mentions (growing) and who has spoken so far."""

    mentions: list[Mention]
    roles: dict[str, list[int]] = field(default_factory=dict)  # role/apposition head -> name mentions
    speakers: list[tuple[int, int]] = field(default_factory=list)  # (char offset, named mention) in order
    documents: list[tuple[int, str, int]] = field(default_factory=list)  # (offset, noun, issuer mention)
    salience: Counter = field(default_factory=Counter)  # normalised name -> count
    owners: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, document noun, owner words)

    name_votes: dict = field(default_factory=dict)  # normalised name -> Counter of type votes
    # (end, index) of every named mention in text order: mentions found while attributing (an
    # outlet "told X", a speaker's name) are appended after the others, out of text order
    _name_ends: list[tuple[int, int]] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        for m in self.mentions:
            if m.kind == "name":
                self._count(m)
        self._name_ends = sorted((m.end, i) for i, m in enumerate(self.mentions) if m.kind == "name")

    def names_before(self, offset: int) -> list[int]:
        """The named mentions that end at or before `offset`, the nearest first."""
        k = bisect_right(self._name_ends, (offset, len(self.mentions)))
        return [i for _, i in reversed(self._name_ends[:k])]

    def _count(self, m: Mention) -> None:
        name = self._root_name(m)
        self.salience[name] += 1
        votes = self.name_votes.setdefault(name, Counter())
        for t, w in m.votes:
            votes[t] += w

    def mtype(self, m: Mention) -> str | None:
        """The base type all mentions of this name in the article vote for."""
        name = self._root_name(m)
        votes = self.name_votes.get(name)
        if " " not in name and (fuller := self._fuller_names(name)):
            # "Roe" after "Jane Roe": the type of the full name, whatever the lone word's own label
            votes = sum((self.name_votes[f] for f in fuller), Counter()) + (votes or Counter())
        return votes.most_common(1)[0][0] if votes else mention_type(m)

    def _fuller_names(self, word: str) -> list[str]:
        """The article's names of several words that end with `word` ("jane roe" for "roe"), or
        with it and a generation ("jane roe jr")."""
        return [n for n in self.name_votes
                if n.endswith(" " + word) or " " + word + " " in n and family_name(n) == word]

    def top_names(self, n: int = 3) -> set[str]:
        """The n most mentioned names of the article (normalised)."""
        return {name for name, _ in self.salience.most_common(n)}

    def prominent(self, index: int, n: int = 3) -> bool:
        """Whether the mention at `index` bears one of the article's n most mentioned names."""
        return self._root_name(self.mentions[index]) in self.top_names(n)

    def _root_name(self, m: Mention) -> str:
        return _norm(m.text).removeprefix("the ")

    # ------------------------------------------------------------------ registration
    def add(self, mention: Mention) -> int:
        """Append a mention; its index."""
        self.mentions.append(mention)
        index = len(self.mentions) - 1
        if mention.kind == "name":
            self._count(mention)
            self._name_ends.insert(bisect_right(self._name_ends, (mention.end, index)), (mention.end, index))
        return index

    def note_role(self, noun: str, name_index: int) -> None:
        """`noun` (an apposition head or premodifying role) describes the named mention."""
        self.roles.setdefault(noun, []).append(name_index)

    def note_speaker(self, offset: int, index: int) -> None:
        root = self.root(index)
        if root is not None:
            self.speakers.append((offset, root))

    def note_document(self, offset: int, noun: str, issuer: int) -> None:
        root = self.root(issuer)
        if root is not None:
            self.documents.append((offset, noun, root))

    def note_owner(self, offset: int, noun: str, owner: str) -> None:
        """'an update on the petition': a document that belongs to something unnamed."""
        self.owners.append((offset, noun, owner))

    def owner(self, noun: str, offset: int) -> str | None:
        """Words for what a document noun at `offset` belongs to, from its last mention with an owner."""
        for off, n, owner in reversed(self.owners):
            if off < offset and n == noun:
                return owner
        return None

    def root(self, index: int | None) -> int | None:
        """The named mention an index finally refers to, or None."""
        seen = set()
        while index is not None and index not in seen:
            seen.add(index)
            m = self.mentions[index]
            if m.kind == "name":
                return index
            index = m.antecedent
        return None

    # ------------------------------------------------------------------ queries
    def type_of(self, index: int) -> str | None:
        root = self.root(index)
        return self.mtype(self.mentions[root]) if root is not None else None

    def speaker_type(self, index: int) -> str | None:
        """Type of a mention that spoke: a speaker is a person or an organisation, never a place."""
        t = self.type_of(index)
        return "Organization" if t in ("Place", "Event", None) else t

    def name_at(self, start: int, end: int, head: int | None = None) -> int | None:
        """The named mention over [start, end): the one holding `head` if given, else the longest."""
        best, best_len = None, -1
        for i, m in enumerate(self.mentions):
            if m.kind != "name" or m.end <= start or m.start >= end:
                continue
            if head is not None and not (m.start <= head < m.end):
                continue
            if m.end - m.start > best_len:
                best, best_len = i, m.end - m.start
        return best

    def pronoun(self, word: str, offset: int) -> int | None:
        """The named mention a pronoun at `offset` refers to."""
        w = word.lower()
        if w in PERSON_PRONOUNS or w in {"i", "me", "my"}:
            wanted = {"Person"}
        elif w in THING_PRONOUNS:
            wanted = {"Organization", "CreativeWork", "Event"}
        elif w in THIRD_PERSON_PLURAL:
            # "they" is an organisation that spoke ("Acme said they ...") or people the article
            # names by a plural ("Some Republicans ... they"), seldom one named person
            wanted = {"Organization"}
        elif w in GROUP_PRONOUNS:
            wanted = {"Organization", "Person"}
        else:
            return None
        sex = PRONOUN_SEXES.get(w)
        # the most recent speaker of a compatible type, if it spoke recently, else the nearest name
        for off, idx in reversed(self.speakers):
            if off < offset and offset - off < 1500 and self.speaker_type(idx) in wanted:
                if w in GROUP_PRONOUNS and self.speaker_type(idx) == "Person" and any(
                        self.speaker_type(j) == "Organization" for o, j in self.speakers if o < offset):
                    continue
                if not self.may_be(idx, sex):
                    continue  # "he" after "Maria Lopez said": someone else
                return idx
        if w in THIRD_PERSON_PLURAL:
            return None  # no organisation spoke just before: whoever "they" are, the article did not name them
        return self._recent(offset, wanted, sex=sex)

    def _recent(self, offset: int, wanted: set[str], sex: str | None = None) -> int | None:
        """The nearest name before `offset` of a wanted type (and sex), however far back."""
        return next((i for i in self.names_before(offset)
                     if self.mtype(self.mentions[i]) in wanted and self.may_be(i, sex)), None)

    def may_be(self, index: int, sex: str | None) -> bool:
        """Whether a named mention may be someone of `sex` ("m", "f"; None: any)."""
        return sex is None or sex in self.sexes(index)

    def sexes(self, index: int) -> str:
        """Which of "he" ("m") and "she" ("f") may refer to a named mention: by the given name of
        its fullest form in the article or by an honorific ("Mr. Roe"), both where that tells nothing."""
        if self.mentions[index].sex:
            return self.mentions[index].sex
        name = self.mentions[index].text
        if len(words := name.split()) == 1:  # "Lopez": the article's first full name that ends with it
            name = next((full for m in self.mentions if m.kind == "name"
                         and len((full := _person_part(m.text)).split()) > 1 and family_name(full) == words[0]), name)
        sexes = name_sexes(name)
        if len(sexes) > 1:
            # a given name of either sex, or none: the article's "he said" or "she said" for them
            # tells ("Robin Roe ... he said")
            last = family_name(name)
            said = {PRONOUN_SEXES[m.text.lower()] for m in self.mentions
                    if m.kind == "pronoun" and m.text.lower() in PRONOUN_SEXES
                    and (root := self.root(m.antecedent)) is not None
                    and family_name(self.mentions[root].text) == last}
            if len(said) == 1:
                return said.pop()
        return sexes

    def _salient(self, wanted: set[str], before: int | None = None, sex: str | None = None) -> int | None:
        scored = []
        for i, m in enumerate(self.mentions):
            if m.kind == "name" and self.mtype(m) in wanted and self.may_be(i, sex):
                scored.append((self.salience[self._root_name(m)], -(m.start if before is None or m.start < before
                                                                     else 10**9), i))
        if not scored:
            return None
        return max(scored)[2]

    def recent_work(self, offset: int) -> int | None:
        """The creative work named last before `offset` (for 'it' and 'this' in reported content)."""
        return self._recent(offset, {"CreativeWork"})

    def description(self, head: str, offset: int, inner_name: int | None) -> int | None:
        """The named mention a description with head noun `head` at `offset` refers to."""
        head = head.lower()
        cls = speaker_nouns().get(head)
        if inner_name is not None and (head in SPOKESPERSON_NOUNS or cls == "Document"):
            return inner_name  # "a spokesperson for X", "an X official", "X's statement"
        if head in self.roles:
            earlier = [i for i in self.roles[head] if self.mentions[i].start < offset]
            return (earlier or self.roles[head])[-1]
        if head in PERSONAL_ORGANISATIONS:
            # "the administration", "the campaign": the last one the article names ("the Lopez
            # administration"), never just any organisation that spoke last
            return next((i for i in self.names_before(offset) if _norm(self.mentions[i].text).endswith(" " + head)),
                        None)
        if head in NAMED_WITH_HEAD:
            # "the committee", "the party": the last one the article names so ("the Ministry of
            # Defence", "the Democrats", whose full name is the Democratic Party), else no one
            return next((i for i in self.names_before(offset) if named_so(self.mentions[i].text, head)), None)
        if cls == "Document":
            for off, noun, issuer in reversed(self.documents):
                if off <= offset and noun == head:
                    return issuer
            return None
        if cls in (None, "Group"):
            return None
        wanted = {cls}
        sex = NOUN_SEXES.get(head)
        for off, idx in reversed(self.speakers):
            if off < offset and self.speaker_type(idx) in wanted and self.may_be(idx, sex):
                return idx
        recent = self._recent(offset, wanted, sex)
        if recent is not None:
            return recent
        return self._salient(wanted, offset, sex)
