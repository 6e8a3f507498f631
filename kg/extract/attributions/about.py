"""Whom or what the content is about: the entities it names or refers to."""

from __future__ import annotations

import functools
import re

from ...entity_lexicon import PERSONAL_ORGANISATIONS, family_name, head_types
from ...records import Mention
from ..coref import PRONOUN_SEXES, SPEAKING_PRONOUNS, SPOKESPERSON_NOUNS, Coref, named_so
from ..lexicon import cues, speaker_nouns
from .candidate import Candidate, _Article, _cue_token
from .speaker import _missed_name, _name_shaped


def _about(ctx: _Article, cand: Candidate, spans) -> tuple[int, ...]:
    coref = ctx.coref
    out: list[int] = []
    speaker_root = coref.root(cand.speaker_index)

    def add(idx: int | None) -> None:
        """A target once, and never the speaker."""
        if idx is not None and idx not in out and coref.root(idx) != speaker_root:
            out.append(idx)

    add(_judged_object(ctx, cand, spans))
    spoken_of = _spoken_of(ctx, cand, spans)
    add(spoken_of)
    # '"He is wrong," Roe said of Novak': the quotation's "he" or "she" is whom it is said of
    of_a_person = spoken_of is not None and coref.type_of(spoken_of) == "Person"
    # the person an aide speaks for, looked up once and only when a paraphrase has a "he" or "she"
    principal = functools.cache(lambda: _principal(ctx, cand, speaker_root))
    for s, e, mode in spans:
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        for t in span if span is not None else ():
            if _missed_surname(ctx, t):
                _missed_name(ctx, t)  # then taken below like any name in the words
        for i, m in enumerate(list(coref.mentions)):
            if m.kind == "name" and s <= m.start and m.end <= e and i not in out:
                if coref.root(i) == speaker_root or _only_a_setting(ctx, coref, i):
                    continue
                out.append(i)
        if speaker_root is not None and cand.speaker_index not in out and (
                _about_the_speaker(ctx, s, e, mode, coref.type_of(cand.speaker_index))
                or _own_undertaking(ctx, cand, s)):
            out.append(cand.speaker_index)
        for h in HANDLE.finditer(ctx.text, s, e):
            add(_name_like(coref, h.group(1)))
        if span is None:
            continue
        if mode == "Direct":
            for idx in () if of_a_person else _third_persons(ctx, span, speaker_root):
                add(idx)
            if any(t.lower_ in ("you", "your") for t in span):
                add(_addressee(ctx, cand))
            if any(t.lower_ in FIRST_PLURAL for t in span):
                add(_speakers_organisation(ctx, cand, speaker_root))
        else:
            # in a paraphrase "he" or "her" may be the speaker ("Roe said his plan would work"),
            # but not where the speaker cannot be called so ("Jane Roe accused him of lying")
            for idx in _third_persons(ctx, span, speaker_root, _speaker_sexes(ctx, cand, speaker_root)):
                add(idx)
            sexes = {THIRD_PERSON[t.lower_] for t in span if t.lower_ in THIRD_PERSON}
            if sexes and (aided := principal()) is not None and sexes & set(coref.sexes(aided)):
                add(aided)  # "his campaign manager, Jane Roe, said his streak ...": the principal's
        for t in span:
            if t.lower_ in ("it", "this") and t.dep_ in ("nsubj", "nsubjpass") and (
                    t.i == span.start or t.is_sent_start or ctx.doc[t.i - 1].text in "\"“‘'"):
                work = coref.recent_work(min(s, cand.cue_start))
                # only a work the article is about: an "it" near a passing title is something else
                if work is not None and coref.prominent(work):
                    add(work)
            if t.pos_ == "NOUN" and t.dep_ not in ("compound",) and speaker_nouns().get(t.lemma_.lower()) == \
                    "CreativeWork" and any(c.lower_ in ("the", "this", "that", "her", "his", "their", "its", "our")
                                           for c in t.children if c.dep_ in ("det", "poss")):
                ante = coref.description(t.lemma_.lower(), t.idx, None)
                if ante is not None and coref.root(ante) != speaker_root:
                    out.append(_add_description(ctx, t, ante))
            if _definite_description(t):
                holder = _role_holder(ctx, t)
                if holder is None:
                    holder = _named_by_head(ctx, t)
                if holder is None:
                    holder = _person_just_named(ctx, t, s, speaker_root)
                if holder is not None and coref.root(holder) != speaker_root \
                        and coref.root(holder) not in {coref.root(i) for i in out}:
                    out.append(_add_description(ctx, t, holder))
    return tuple(out)


def _missed_surname(ctx: _Article, t) -> bool:
    """A subject or object word that the article names someone by elsewhere (alone, or as a person's
    surname), where the entity pass found no name: "Roe remains the favourite", the parse taking
    "Roe" for a common noun."""
    if not (_name_shaped(t) and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")):
        return False
    coref = ctx.coref
    if coref.name_at(t.idx, t.idx + len(t.text), t.idx) is not None:
        return False
    return any(m.kind == "name" and (m.text == t.text or coref.mtype(m) == "Person" and family_name(m.text) == t.text)
               for m in coref.mentions)


def _definite_description(t) -> bool:
    """A singular common noun with "the" ("the senator", "the party"), not a modifier of another
    noun; "the campaign" is left out, as often the race itself as the one campaign named."""
    return t.pos_ == "NOUN" and t.tag_ == "NN" and t.dep_ != "compound" \
        and t.lemma_.lower() not in PERSONAL_ORGANISATIONS and any(c.dep_ == "det" and c.lower_ == "the"
                                                                   for c in t.children)


def _person_just_named(ctx: _Article, t, content_start: int, speaker_root) -> int | None:
    """The person a role description in the content refers back to when the article gave no one
    that role: the last person the sentence names before the content, not the speaker ("criticised
    Jane Roe, arguing that the former senator is ..."). A name inside the content is someone the
    content sets beside the description ("Roe met the president"), not the one it describes."""
    if speaker_nouns().get(t.lemma_.lower()) != "Person" or t.lemma_.lower() in SPOKESPERSON_NOUNS:
        return None
    if any(c.dep_ == "appos" for c in t.children):
        return None  # "the nominee, Tom Novak": the description names its holder itself
    coref = ctx.coref
    sent_start = t.sent.start_char
    for i in coref.names_before(min(content_start, t.left_edge.idx)):
        m = coref.mentions[i]
        if m.start < sent_start:
            return None
        if coref.mtype(m) == "Person":
            return None if _is_speaker(coref, i, speaker_root) else i
    return None


# Modifiers by which a description sets its referent apart from the one named last.
CONTRASTING = frozenset({"other", "another", "opposing", "rival", "ruling", "governing", "opposition", "former",
                         "new", "next", "previous", "foreign"})


def _named_by_head(ctx: _Article, t) -> int | None:
    """The organisation or event a definite description names by the head of its name, the last
    one the article named before it: "the party" after "the Harbor Party", "the convention" after
    "the Harbor Convention", "the committee" after "the Ethics Committee"."""
    word = t.lower_
    if head_types().get(word) not in ("Organization", "Event"):
        return None
    if any(c.lower_ in CONTRASTING for c in t.children):
        return None  # "the other party", "the ruling party": not the one just named
    coref = ctx.coref
    modifiers = frozenset(c.lower_ for c in t.children if c.dep_ == "compound")
    for i in coref.names_before(t.idx):
        if named_so(coref.mentions[i].text, word, modifiers) \
                and coref.mtype(coref.mentions[i]) in ("Organization", "Event"):
            return i
    return None


def _judged_object(ctx: _Article, cand: Candidate, spans) -> int | None:
    """Whom a cue judges when the content is only what it says of them: "called Roe a fraud",
    "praised her for the plan" (the object stands outside the content). Cues whose object is the
    one told ("told reporters", "asked Roe") name an addressee, not a target."""
    cue = _cue_token(ctx, cand)
    if cue is None or cue.pos_ != "VERB":
        return None
    entry = cues().get((cue.lemma_.lower(), "VERB"))
    if entry is None or "addressee" in entry.frames or cue.lemma_.lower() in ADDRESSING_VERBS:
        return None
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if obj is None or any(s <= obj.idx < e for s, e, _ in spans):
        return None
    if obj.pos_ == "PRON":
        return ctx.coref.pronoun(obj.lower_, obj.idx) if obj.lower_ in ("him", "her", "them") else None
    idx = _name_of(ctx, obj) if obj.pos_ == "PROPN" else None
    return idx if idx is not None and not _only_a_setting(ctx, ctx.coref, idx) else None


def _spoken_of(ctx: _Article, cand: Candidate, spans) -> int | None:
    """Whom the cue says its words of: "Roe said of the senator", "she wrote of him", "speaking of
    Harbor Group", "said of running against Roe" (the "of" phrase stands outside the content)."""
    cue = _cue_token(ctx, cand)
    if cue is None or cue.pos_ != "VERB":
        return None
    prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if prep is None or any(s <= prep.idx < e for s, e, _ in spans):
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        # "said of running against Roe": whom the clause of the "of" phrase names
        clause = next((c for c in prep.children if c.dep_ == "pcomp"), None)
        names = (_name_of(ctx, w) for w in clause.subtree if w.pos_ == "PROPN") if clause is not None else ()
        return next((i for i in names if i is not None and not _only_a_setting(ctx, ctx.coref, i)), None)
    if any(s <= obj.idx < e for s, e, _ in spans):
        return None
    if obj.pos_ == "PRON":
        return ctx.coref.pronoun(obj.lower_, obj.idx) if obj.lower_ in ("him", "her", "them") else None
    if obj.pos_ == "PROPN":
        return _name_of(ctx, obj)
    if _definite_description(obj):
        holder = _role_holder(ctx, obj)
        holder = _named_by_head(ctx, obj) if holder is None else holder
        return _add_description(ctx, obj, holder) if holder is not None else None
    return None


# Verbs whose object is the one spoken to, whatever the cue list says of them.
ADDRESSING_VERBS = frozenset({"ask", "tell", "inform", "assure", "remind", "notify", "brief", "answer", "email",
                              "write", "text", "show", "give", "send", "offer", "promise", "teach", "warn", "advise",
                              "address", "thank", "greet", "invite"})


def _addressee(ctx: _Article, cand: Candidate) -> int | None:
    """The named person a cue addresses, whom a quotation's "you" means: 'told Roe: "You ..."',
    'teased Roe, "you are ..."', 'said to Roe'."""
    cue = _cue_token(ctx, cand)
    if cue is None:
        return None
    for c in cue.children:
        obj = c if c.dep_ in ("dobj", "dative") else next(
            (g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" and c.lower_ == "to" else None
        if obj is not None and obj.pos_ == "PROPN":
            idx = _name_of(ctx, obj)
            if idx is not None and ctx.coref.mtype(ctx.coref.mentions[idx]) == "Person":
                return idx
    return None


FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
ROLE_PREPOSITIONS = frozenset({"of", "for", "at", "with"})
# Roles that speak for their organisation: its "we". A professor's, an economist's or a host's
# "we" is mostly people at large ("we as a country"), not the institute or the network.
SPEAKING_FOR = SPOKESPERSON_NOUNS | {
    "president", "chairman", "chairwoman", "chair", "director", "ceo", "head", "leader", "chief", "founder",
    "cofounder", "co-founder", "manager", "officer", "secretary", "treasurer", "organizer", "organiser",
    "strategist", "staffer", "member", "commissioner", "owner"}


def _speakers_organisation(ctx: _Article, cand: Candidate, speaker_root) -> int | None:
    """The organisation the article gives the speaker a role in, whom their quotation's "we" means:
    "Jane Roe, the president of Harbor Group", "a spokeswoman for Harbor Group, Jane Roe", "Harbor
    Group's director, Jane Roe", "Harbor Group spokeswoman Jane Roe"."""
    for owner in _role_owners_of_speaker(ctx, cand, speaker_root, SPEAKING_FOR):
        idx = _name_of(ctx, owner) if owner.pos_ == "PROPN" else None
        if idx is not None and ctx.coref.type_of(idx) == "Organization":
            return idx
    return None


# Roles held for another person, who speaks through them: their paraphrased "he" is that person.
AIDE_ROLES = SPOKESPERSON_NOUNS - {"official", "executive", "exec", "source", "representative", "rep"} | {
    "manager", "strategist", "assistant", "deputy", "staffer", "surrogate"}  # not "secretary": a minister's own


def _principal(ctx: _Article, cand: Candidate, speaker_root) -> int | None:
    """The person the speaker is introduced as working for: "his campaign manager, Jane Roe" (the
    "his" resolved), "Tom Novak's spokeswoman, Jane Roe", "a spokeswoman for Tom Novak, Jane Roe"."""
    coref = ctx.coref
    for owner in _role_owners_of_speaker(ctx, cand, speaker_root, AIDE_ROLES):
        if owner.lower_ in ("his", "her"):
            idx = coref.pronoun(owner.lower_, owner.idx)
        else:
            idx = _name_of(ctx, owner) if owner.pos_ == "PROPN" else None
        if idx is not None and coref.type_of(idx) == "Person" and not _is_speaker(coref, idx, speaker_root):
            return idx
    return None


def _role_owners_of_speaker(ctx: _Article, cand: Candidate, speaker_root, role_words):
    """The words naming whom a person speaker holds one of `role_words` for, where the article
    names them with the role (apposed or before the name): "Harbor Group" of "Jane Roe, the
    president of Harbor Group", "his" of "his campaign manager, Jane Roe"."""
    coref = ctx.coref
    if speaker_root is None or coref.type_of(speaker_root) != "Person":
        return
    for i in coref.names_before(cand.cue_end + 200):
        m = coref.mentions[i]
        if m.kind != "name" or not _is_speaker(coref, i, speaker_root):
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        roles = [c for c in head.children if c.dep_ in ("appos", "compound") and c.pos_ == "NOUN"]
        roles += [head.head] if head.dep_ == "appos" and head.head.pos_ == "NOUN" else []
        for role in roles:
            if role.lemma_.lower() in role_words:
                yield from _role_owners(role)


def _role_owners(role):
    """The words a role noun names its organisation by: "president of X", "X's director", "X spokeswoman"."""
    for c in role.children:
        if c.dep_ == "prep" and c.lower_ in ROLE_PREPOSITIONS:
            yield from (g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("poss", "compound"):
            yield c


def _name_of(ctx: _Article, tok) -> int | None:
    """The named mention a proper noun heads: "Roe" of "told Jane Roe"."""
    return ctx.coref.name_at(tok.left_edge.idx, tok.idx + len(tok.text), tok.idx)


def _add_description(ctx: _Article, head, antecedent: int) -> int:
    """A mention for the description whose head noun is `head`, standing for `antecedent`."""
    start, end = head.left_edge.idx, head.idx + len(head.text)
    return ctx.coref.add(Mention(start, end, ctx.text[start:end], "description", antecedent=antecedent))


def _role_holder(ctx: _Article, t) -> int | None:
    """The named entity a definite description in the content stands for, when the article gave
    that entity the description's role before: "the prime minister" after "Prime Minister Jane Roe",
    "the senator" after "Sen. Roe", "the company" after "Harbor Group, the company that ...". """
    earlier = [i for i in ctx.coref.roles.get(t.lemma_.lower(), ()) if ctx.coref.mentions[i].end <= t.idx]
    return earlier[-1] if earlier else None


# Pronouns that, inside a speaker's own quoted words, point at someone else: the speaker is "I".
THIRD_PERSON = {w: PRONOUN_SEXES[w] for w in ("he", "him", "his", "she", "her")}
PRONOUN_REACH = 800  # characters back from the quotation where its "he" or "she" is still named


def _third_persons(ctx: _Article, span, speaker_root, speaker_sexes: str = "") -> list[int]:
    """The people that "he", "him", "his", "she" and "her" refer to, where they cannot be the
    speaker (of the sexes `speaker_sexes`): the last person named before the pronoun who is not the
    speaker and whom the pronoun fits (Coref.sexes)."""
    found: list[int] = []
    for t in span:
        sex = THIRD_PERSON.get(t.lower_)
        if sex is None or sex in speaker_sexes:
            continue
        idx = _last_person(ctx, t.idx, sex, speaker_root)
        if idx is not None and idx not in found:
            found.append(idx)
    return found


def _speaker_sexes(ctx: _Article, cand: Candidate, speaker_root) -> str:
    """Which of "he" ("m") and "she" ("f") may name the speaker: both unless the text says which
    (a pronoun, a given name), neither for a plural ("they", "critics")."""
    coref = ctx.coref
    said_by = coref.mentions[cand.speaker_index] if cand.speaker_index is not None else None
    if said_by is not None and (said_by.kind == "pronoun" or said_by.kind == "unnamed"
                                and said_by.text.lower() in SPEAKING_PRONOUNS):  # named or not: "he said"
        return PRONOUN_SEXES.get(said_by.text.lower(), "")
    if speaker_root is None:
        head = cand.speaker_token
        return "" if head is not None and head.tag_ in ("NNS", "NNPS") else "fm"
    return coref.sexes(speaker_root)


def _last_person(ctx: _Article, offset: int, sex: str, speaker_root) -> int | None:
    coref = ctx.coref
    for i in coref.names_before(offset):
        m = coref.mentions[i]
        if offset - m.end > PRONOUN_REACH:
            return None
        if coref.mtype(m) != "Person" or _is_speaker(coref, i, speaker_root):
            continue
        if coref.may_be(i, sex):
            return i
    return None


def _is_speaker(coref: Coref, index: int, speaker_root) -> bool:
    """Whether a mention names the speaker, by any of their names ("Jane Roe" ... "Roe")."""
    root = coref.root(index)
    if root is None or speaker_root is None:
        return False
    return family_name(coref.mentions[root].text) == family_name(coref.mentions[speaker_root].text)


# Verbs whose infinitive is the speaker's own conduct: "promised to campaign", "refused to say".
UNDERTAKINGS = frozenset({"promise", "vow", "pledge", "plan", "intend", "threaten", "refuse", "decline", "agree",
                          "offer", "hope", "want", "seek", "aim", "swear", "commit", "announce"})


def _own_undertaking(ctx: _Article, cand: Candidate, start: int) -> bool:
    """Whether the content is what the speaker undertakes to do: "(Roe) promised to campaign"."""
    return cand.cue_lemma in UNDERTAKINGS and ctx.text[start:start + 3].lower() == "to "


# "Roe said she would run": in a paraphrase, a subject pronoun of the reported clause is the speaker.
# (In the speaker's own words "I" is too: but there, talk of oneself is mostly the occasion, not
# the subject: "I want to thank everyone". Measured, taking it for a target added more wrong ones.)
SELF_IN_PARAPHRASE = frozenset({"he", "she"})
LOCATIVE = frozenset({"in", "at", "from", "across", "throughout", "near", "around", "inside", "outside"})
# Words of going somewhere, whose place is where, not what, the content talks about.
MOTION = frozenset({"visit", "trip", "travel", "journey", "return", "move", "come", "go", "fly", "flight", "arrive",
                    "enter", "leave", "tour", "reach", "head", "drive", "march", "deport", "send", "bring"})
# Contests over places (elections), whose place is the ground, not the target: "won Oregon".
CONTESTS = frozenset({"win", "carry", "lose", "sweep", "contest"})
PLACE_NOUNS = frozenset({"state", "city", "country", "town", "county", "province", "nation", "region", "island"})


def _only_a_setting(ctx: _Article, coref: Coref, index: int) -> bool:
    """A place named as where something is ("rallies in Oregon") or a name that only qualifies
    another noun ("the Vermont senator", "Republican Novak", "the Harbor Party candidate"): the
    setting, not what is talked about."""
    m = coref.mentions[index]
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    kind = coref.type_of(index)
    if root.dep_ in ("compound", "amod", "nmod") and root.head.i >= span.end and kind in ("Place", "Organization") \
            and root.ent_type_ in ("GPE", "LOC", "NORP"):
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "at" and kind == "Organization" and root.head.i > 0 \
            and ctx.doc[root.head.i - 1].lower_ in ("while", "when"):
        return True  # "her email server while at the State Department": where she worked then
    if root.dep_ in ("compound", "nmod", "poss") and root.head.i >= span.end and kind == "Organization" \
            and root.head.tag_ == "NN" and root.head.lemma_.lower() not in SPOKESPERSON_NOUNS \
            and speaker_nouns().get(root.head.lemma_.lower()) == "Person":
        # "the Harbor Party candidate", "Harbor Group's director": the one person is who is meant;
        # "Harbor Party leaders", "a Harbor Group official" speak or act for the organisation itself
        return True
    if kind != "Place":
        return False
    while root.dep_ == "conj" and root.head.ent_type_ in ("GPE", "LOC"):
        root = root.head  # "rallies in Iowa and Oregon": a conjunct sets the scene as the first does
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in LOCATIVE:
        return True  # "rallies in Oregon"
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in MOTION:
        return True  # "a visit to Lisbon", "she flew to Lisbon"
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
        return True  # "his home state of Oregon": the name of the place the noun already is
    if root.dep_ == "appos" and head.ent_type_ in ("GPE", "LOC"):
        return True  # "an attack in Lisbon, Portugal": the country places the city
    if root.dep_ == "pobj" and head.lower_ in ("of", "from") and head.head.ent_type_ == "PERSON":
        return True  # "Rep. Jane Roe of Oregon": where a person comes from describes them
    return root.dep_ == "dobj" and head.lemma_.lower() in MOTION | CONTESTS  # "entering Spain", "won Oregon"


def _about_the_speaker(ctx: _Article, start: int, end: int, mode: str, speaker_type: str | None) -> bool:
    """Whether a paraphrase's own subject is the speaker: "(Novak said) he is ready to run",
    "(Harbor Group said) it will spend $1 million"; or a quotation opens with what the speaker did
    or does: '"I have cut the budget twice"'."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    if mode == "Direct":
        sent = span[0].sent
        root = span.doc[span.start:min(span.end, sent.end)].root  # the quotation's own main verb
        framed = root.lemma_.lower() in OPINION_VERBS or any(  # "I came to believe that ..."
            c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in OPINION_VERBS
            and not any(g.dep_ == "nsubj" for g in c.children) for c in root.children)
        return root.pos_ in ("VERB", "AUX") and not framed \
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "i" for c in root.children)
    if mode != "Indirect":
        return False
    selves = SELF_IN_PARAPHRASE | {"it"} if speaker_type == "Organization" else SELF_IN_PARAPHRASE
    return any(t.lower_ in selves and t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("ROOT", "ccomp")
               and not (t.lower_ == "it" and t.head.lemma_.lower() in LINKING_VERBS)  # "it was important to"
               and not _holds_a_view(t.head)
               for t in span[:8])


def _holds_a_view(verb) -> bool:
    """'(Roe told reporters) he believes the bridge will open in the spring': a view of something else, held in a
    clause of its own; not the speaker's conduct."""
    return verb.lemma_.lower() in OPINION_VERBS and any(c.dep_ == "ccomp" for c in verb.children)


# Verbs after which "it" is mostly no one: "it was important to", "it seems that".
LINKING_VERBS = frozenset({"be", "seem", "appear", "remain", "become", "look", "sound"})


# Verbs by which "I" only frames an opinion about something else: "I think the plan fails", "I have
# a question about ...".
OPINION_VERBS = frozenset({"think", "believe", "know", "guess", "suppose", "feel", "hope", "expect", "mean", "say",
                           "doubt", "wonder", "agree", "disagree", "see", "bet", "reckon", "suspect", "worry",
                           "fear", "trust", "imagine", "assume", "understand", "be", "have", "like", "love", "want",
                           "learn", "realize", "realise", "find", "notice", "discover", "recognize", "remember"})


HANDLE = re.compile(r"@(\w{2,30})")


WORD = re.compile(r"\w+")


def _name_like(coref: Coref, handle: str) -> int | None:
    """The named mention an @handle spells: '@acmecorp' -> 'Acme Corp'."""
    key = handle.lower()
    for i, m in enumerate(coref.mentions):
        if m.kind == "name" and re.sub(r"\W+", "", m.text.lower()) == key:
            return i
    return None
