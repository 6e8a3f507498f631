"""Who speaks: the speaker phrase of a candidate resolved to a name, a pronoun's antecedent, a
description's entity or an unnamed source; and what can speak at all."""

from __future__ import annotations

import functools
import re

from ...documents import FINDINGS, MESSAGES
from ...entity_lexicon import PERSONAL_ORGANISATIONS, family_name, is_honorific, state_abbreviations
from ...records import Mention
from ..coref import (
    GROUP_PRONOUNS,
    PRONOUN_SEXES,
    REFLEXIVES,
    SPEAKING_PRONOUNS,
    SPOKESPERSON_NOUNS,
    THIRD_PERSON_PLURAL,
    Coref,
)
from ..lexicon import speaker_nouns
from .candidate import INDEFINITE, OCCASIONS, RELATIVE_PRONOUNS, SUBJECTS, Candidate, _Article


def _contrasted(appos) -> bool:
    """'demonstrators, not fellow Republicans': an apposition that says what someone is not."""
    return any(c.dep_ == "neg" for c in appos.children) or any(c.dep_ == "neg" for c in appos.head.children)


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
            if c.dep_ == "appos" and c.pos_ == "NOUN" and not _contrasted(c):
                coref.note_role(c.lemma_.lower(), i)
        if root.dep_ == "appos" and root.head.pos_ == "NOUN" and not _contrasted(root):
            coref.note_role(root.head.lemma_.lower(), i)
        for t in span:
            if t.dep_ == "compound" and t.pos_ == "NOUN":
                coref.note_role(t.lemma_.lower(), i)
        prev = span.start - 1
        if prev >= 0 and ctx.doc[prev].pos_ == "NOUN" and ctx.doc[prev].lemma_.lower() in speaker_nouns():
            coref.note_role(ctx.doc[prev].lemma_.lower(), i)
        title = _title_before(ctx.doc, span.start)
        if title is not None:
            coref.note_role(title, i)
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
        if _taken_in(t):
            continue  # a letter X received, obtained or cited is someone else's
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


def _owners_organisation(ctx: _Article, tok, start: int, noun: str) -> int | None:
    """The named organisation "his campaign", "her administration" is: the one of the person the
    possessive pronoun refers to, as the article named it before ("the Novak campaign")."""
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
    if poss is None:
        return None
    coref = ctx.coref
    owner = coref.root(coref.pronoun(poss.lower_, poss.idx))
    if owner is None or coref.type_of(owner) != "Person":
        return None
    # only one the article names ("the Novak campaign"): "his" is as often the aide who spoke last
    surname = family_name(coref.mentions[owner].text).lower()
    forms = (f"{surname} {noun}", f"{surname}'s {noun}", f"{surname}’s {noun}")
    return next((i for i in coref.names_before(start) if coref.mentions[i].text.lower().endswith(forms)), None)


def _unnamed_pronoun(ctx: _Article, cand: Candidate, tok, description: str) -> None:
    """Make the pronoun `tok` the candidate's speaker as an unnamed source of this article."""
    cand.speaker_index = ctx.coref.add(Mention(tok.idx, tok.idx + len(tok.text), tok.text, "unnamed",
                                               description=description))
    cand.speaker_start, cand.speaker_end = tok.idx, tok.idx + len(tok.text)


def _title(ctx: _Article) -> str:
    """The article's headline (its id without one), quoted: what keeps the article's own unnamed
    sources (its writer, an unresolved "she") apart from another article's."""
    return f"“{ctx.article.headline or ctx.article.id}”"


def _labelled_paragraph(ctx: _Article, offset: int) -> bool:
    """Whether the paragraph holding `offset` opens with a transcript label ("ROE:", "A:", "Q:")."""
    start, _ = ctx.paragraph(offset)
    return TRANSCRIPT_LABEL.match(ctx.text, start) is not None


# The word an unnamed source is called by, whichever form of it the cue's subject took.
SUBJECT_FORMS = {"him": "he", "his": "he", "himself": "he", "her": "she", "hers": "she", "herself": "she",
                 "them": "they", "their": "they", "theirs": "they", "themselves": "they"}
MAX_QUOTED_SENTENCES = 5  # how far back a pronoun's quotation may reach for the sentence before it
# A paragraph's opening label: one to four words, each capitalised, and a colon.
TRANSCRIPT_LABEL = re.compile(r"\s*(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*:\s")


def _continued_subject(ctx: _Article, tok) -> int | None:
    """The named person a "he" or "she" subject continues, from the sentence before or its own;
    None where neither says, and the last speaker or name decides."""
    if tok.lower_ not in ("he", "she") or tok.dep_ != "nsubj":
        return None
    sex = PRONOUN_SEXES[tok.lower_]
    previous = _previous_subject(ctx, tok, sex)
    return previous if previous is not None else _sentence_subject(ctx, tok, sex)


def _previous_subject(ctx: _Article, tok, sex: str) -> int | None:
    """The person a sentence-opening pronoun continues: the named subject of the sentence before
    ("Roe is digging in. She says ...", 'Roe sold the boat. "We are here," she said.'), where the
    name allows the pronoun; else None."""
    if tok.sent.start == 0:
        return None
    # "Roe sold the boat. '"We are here," he said.'": after the quotation it introduces, the pronoun
    # opens the sentence as much as "He said" does
    if any(not (t.is_punct or t.is_space) and ctx.quote_at(t.idx) is None for t in tok.sent[:tok.i - tok.sent.start]):
        return None
    before = ctx.doc[tok.sent.start - 1].sent
    # 'Roe was asked. "Let them. We will," she said.': the sentences of the quotation itself are
    # no candidates; the one before the quotation is
    for _ in range(MAX_QUOTED_SENTENCES):
        if before.start == 0 or not _all_quoted(ctx, before):
            break
        before = ctx.doc[before.start - 1].sent
    subj = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or ctx.quote_at(subj.idx) is not None:
        return None
    return _person_named(ctx, subj, sex)


def _sentence_subject(ctx: _Article, tok, sex: str) -> int | None:
    """The named person a "he" or "she" later in the same sentence continues: the sentence's first
    subject outside quotations ("Roe weighed in, telling a radio station, '...,' he said"; "Roe
    spent her life there, she said"), where the name allows the pronoun; else None. (In "Novak
    fits the bill, he added" that is wrong; read by hand, reported words whose subject is the
    speaker are the commoner kind.)"""
    subj = next((t for t in tok.sent[:tok.i - tok.sent.start]
                 if t.dep_ in ("nsubj", "nsubjpass") and ctx.quote_at(t.idx) is None), None)
    return None if subj is None else _person_named(ctx, subj, sex)


def _person_named(ctx: _Article, subj, sex: str) -> int | None:
    """The named person a subject word is, where a "he" (sex "m") or "she" ("f") may stand for them."""
    coref = ctx.coref
    name = coref.name_at(subj.idx, subj.idx + len(subj.text), subj.idx)
    if name is None and _name_shaped(subj) and _a_name_holds(coref, subj.text):
        # a name the entity pass missed here (or the parse took for a noun) but found elsewhere in the
        # article ("Roe" of "Jane Roe")
        name = _missed_name(ctx, subj)
    if name is None or coref.speaker_type(name) != "Person" or not coref.may_be(name, sex):
        return None
    return name


def _all_quoted(ctx: _Article, sent) -> bool:
    """Whether every word of a sentence lies inside a quotation."""
    return all(t.is_punct or t.is_space or ctx.quote_at(t.idx) is not None for t in sent)


# Abbreviated titles by the noun a later description uses: "Sen. Roe" ... "the senator".
TITLE_NOUNS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "adm": "admiral",
               "pres": "president", "col": "colonel", "lt": "lieutenant", "capt": "captain", "sgt": "sergeant"}
# Honorifics that are courtesy, not an office a description names ("Mr. Roe" is not "the mister"),
# and "vice", whose holder is not "the president".
COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "st",
                             "fr", "father", "sister", "brother", "vice", "rev", "reverend"})


def _title_before(doc, start: int) -> str | None:
    """The office a capitalised title right before a name gives ("Prime Minister X": minister,
    "Sen. X": senator), as the noun by which the article may later call its holder."""
    words = []
    i = start - 1
    while i >= 0 and len(words) < 3 and doc[i].text[:1].isupper() and is_honorific(doc[i].text):
        words.append(doc[i].lower_.rstrip("."))
        i -= 1
    if not words or any(w in COURTESY_TITLES for w in words):
        return None
    return TITLE_NOUNS.get(words[0], words[0])


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
    if (writer := _writer(tok)) is not None and "writer" not in cand.extra:
        # "the council issued a statement saying ...": the council says it, in its statement
        cand.extra["writer"] = tok.idx
        _resolve_as(ctx, cand, writer, writer.idx + len(writer.text))
        return
    head_text = tok.lower_
    if head_text in REFLEXIVES and (binder := _binder(tok)) is not None and "binder" not in cand.extra:
        # "Roe allowed herself to admit ...": a reflexive is its clause's subject, not whoever was named last
        cand.extra["binder"] = tok.idx
        _resolve_as(ctx, cand, binder, binder.idx + len(binder.text))
        return
    if tok.pos_ == "PRON":
        if head_text in ("i", "we", "you", "me", "us") and ctx.quote_at(tok.idx) is not None:
            cand.speaker_index = None
            return
        if head_text in ("i", "me") and not _labelled_paragraph(ctx, tok.idx):
            # "I" outside any quotation is the one who wrote the article (a column, a letter, an
            # essay), not whoever spoke last; a transcript's "ROE: I think" is Roe's (the label's)
            _unnamed_pronoun(ctx, cand, tok, f"the writer of {_title(ctx)}")
            return
        ante = _continued_subject(ctx, tok)
        if ante is None:
            ante = coref.pronoun(head_text, tok.idx)
        if ante is None and head_text in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" \
                and tok.head.head.pos_ in ("NOUN", "PROPN") and cand.extra.get("relative") is None:
            # "a group of economists who say ...": the speaker is the noun the clause describes
            noun = tok.head.head
            cand.extra["relative"] = tok.idx
            _resolve_as(ctx, cand, noun, noun.idx + len(noun.text))
            return
        if ante is None and head_text in UNRESOLVED_NO_SPEAKER:
            cand.speaker_index = None  # "that says", "you said": no one to attribute the words to
            return
        if ante is None and (head_text in SPEAKING_PRONOUNS or head_text in THIRD_PERSON_PLURAL):
            # a "she" the article never names: someone of this article, not one node for every
            # unnamed "she" of the corpus ("their criticism of" is theirs: "they" too)
            who = "unnamed people" if head_text in GROUP_PRONOUNS else "an unnamed person"
            word = SUBJECT_FORMS.get(head_text, head_text)
            _unnamed_pronoun(ctx, cand, tok, f"{who} called “{word}” in {_title(ctx)}")
            return
        cand.speaker_index = coref.add(Mention(tok.idx, tok.idx + len(tok.text), tok.text, "pronoun",
                                               antecedent=ante))
        cand.speaker_start, cand.speaker_end = tok.idx, tok.idx + len(tok.text)
        if ante is not None:
            coref.note_speaker(tok.idx, ante)
        return
    # "the Oregon Republican", "a Democrat": a member of the party, not the party its name is
    member = tok.lower_ in PARTY_MEMBERS and any(c.dep_ == "det" for c in tok.children)
    name = None if member else coref.name_at(s, e, tok.idx)
    # "One opposition lawmaker, Jane Roe, said", "Acme Director of Sales Jane Roe told": the
    # description is named by its apposition (a capitalised title is no name of its own)
    for c in tok.children if name is None else ():
        if c.dep_ == "appos" and c.pos_ == "PROPN" and (named := coref.name_at(s, e, c.idx)) is not None:
            cand.speaker_index = coref.add(Mention(s, e, text, "description", antecedent=named))
            coref.note_speaker(s, named)
            return
    if name is None and not member and (tok.pos_ == "PROPN" and not _capitalised_noun(tok)
                         or tok.is_title and _a_name_holds(coref, tok.text) or APOSTROPHE_NAME.fullmatch(tok.text)):
        # a name the entity pass did not find: the proper-noun run around the head, or a capitalised
        # head the parse took for a common noun ("Novak knows ...") when the article names someone so
        name = _missed_name(ctx, tok)
    if name is not None:
        m = coref.mentions[name]
        if m.start <= s and e <= m.end or (e - s) <= (m.end - m.start) + 2:
            cand.speaker_index = name
        else:
            cand.speaker_index = coref.add(Mention(s, e, text, "description", antecedent=name))
        coref.note_speaker(s, name)
        _note_document_issuer(ctx, cand, name)
        return
    # a description: "the company", "a spokesperson for X", "the letter", "critics"
    inner = coref.name_at(s, e)
    lemma = tok.lemma_.lower()
    if tok.tag_ in ("NNS", "NNPS") and speaker_nouns().get(tok.lower_) == "Group":
        lemma = tok.lower_
    elif tok.tag_ == "NNS" and speaker_nouns().get(lemma) in ("Person", "Organization"):
        # "the two candidates said", "outside groups reported": several, none of them the one named last
        lemma = tok.lower_
    if lemma in PERSONAL_ORGANISATIONS and (owned := _owners_organisation(ctx, tok, s, lemma)) is not None:
        cand.speaker_index = owned  # "his campaign said": the campaign of whom "his" is
        coref.note_speaker(s, owned)
        return
    # "her father", "his old friend": someone of the possessor's own, neither the possessor nor
    # whoever spoke last (one who speaks for them, "his spokesman", speaks for the possessor)
    kin = speaker_nouns().get(lemma) == "Person" and lemma not in SPOKESPERSON_NOUNS and any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)
    ante = None if kin else coref.description(lemma, tok.idx, inner)
    if ante is not None and ante != inner:
        if (holder := _qualified_holder(ctx, tok, lemma)) is not None:
            ante = holder  # (a mention index: 0 is one)
        elif speaker_nouns().get(lemma) == "Organization" and not _may_be_described_so(ctx, tok, ante):
            ante = None  # "the Russian government" is no organisation the article named otherwise
    document = speaker_nouns().get(lemma) == "Document"
    indefinite = text.lower().startswith(INDEFINITE) and not document
    owner = coref.owner(lemma, tok.idx) if ante is None and not indefinite else None
    if document and (lemma in FINDINGS or ante is None and owner is None):
        # "a new poll shows", "the report found": the document is the source, and whoever issued it
        # ("a Harbor Institute poll", "X published a report") its creator. A statement or letter whose issuer is
        # known speaks for the issuer instead ("X said in a statement ... the statement said").
        cand.speaker_index = _document_mention(ctx, s, e, text, lemma, ante)
    elif ante is not None and (not indefinite or lemma in SPOKESPERSON_NOUNS and inner is not None):
        # an indefinite description is someone new ("a Canadian official"), unless it names whom it
        # speaks for ("a spokesperson for X", "an X official")
        cand.speaker_index = coref.add(Mention(s, e, text, "description", antecedent=ante))
        coref.note_speaker(s, ante)
    elif owner is not None:
        # "an update on the petition" ... "the update said": the update speaks for the petition
        cand.speaker_index = coref.add(Mention(s, e, text, "unnamed", description=owner))
    elif can_speak(tok) or cand.kind == "according" and tok.ent_type_ not in NOT_SPEAKER_ENTITIES:
        # "according to state law", "according to one global index": the frame makes it a source
        cand.speaker_index = coref.add(Mention(s, e, text, "unnamed", description=text))
    elif (other := _speaking_co_subject(tok)) is not None:
        # the parse gave the cue two subjects: "One comment about the film's trailer reads, ..."
        _resolve_as(ctx, cand, other, other.right_edge.idx + len(other.right_edge.text))
    else:
        cand.speaker_index = None  # "body language suggests", "the unemployment rate shows"


def _may_be_described_so(ctx: _Article, tok, ante: int) -> bool:
    """Whether the named organisation `ante` may be the one a description qualified by a name
    calls so ("the Russian company"): the description has no qualifier, or the organisation's name
    holds it, or a mention of that name was introduced with it ("Acme, the Russian company")."""
    qualifier = _qualifier(ctx, tok)
    if qualifier is None:
        return True
    coref = ctx.coref
    named = coref.mentions[coref.root(ante)].text
    return qualifier.lower() in named.lower() or any(
        m.kind == "name" and m.text == named and m.start < tok.idx and _introduced_with(ctx, i, qualifier)
        for i, m in enumerate(coref.mentions))


def _qualifier(ctx: _Article, tok) -> str | None:
    """The name that qualifies a description's noun: "New Jersey" of "the New Jersey governor",
    "Russian" of "the Russian government"; None for none."""
    words = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")
             and (c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE"))]
    if not words:
        return None
    return ctx.text[words[0].left_edge.idx:words[-1].idx + len(words[-1].text)]


def _qualified_holder(ctx: _Article, tok, role: str) -> int | None:
    """For a role qualified by a name ("the New Jersey governor", "the Ohio senator"), the last
    earlier holder of that role whose introduction names the qualifier ("New Jersey Gov. Jane
    Roe", "Tom Novak, the Ohio senator"); None where the description has no such qualifier or no
    holder's introduction names it (then the last holder of the role stands)."""
    qualifier = _qualifier(ctx, tok)
    if qualifier is None:
        return None
    return next((holder for holder in reversed(ctx.coref.roles.get(role, []))
                 if ctx.coref.mentions[holder].start < tok.idx and _introduced_with(ctx, holder, qualifier)), None)


def _introduced_with(ctx: _Article, index: int, qualifier: str) -> bool:
    """Whether a named mention's own phrase says the qualifier: its modifiers and appositions ("New
    Jersey Gov. Jane Roe", "Acme, the French film body"; a state also as a party label: "Jane Roe
    (D-Vt.)"), not what is coordinated with it or said about it."""
    m = ctx.coref.mentions[index]
    if (span := ctx.doc.char_span(m.start, m.end, alignment_mode="expand")) is None:
        return False
    head = span.root
    parts = [head] + [t for c in head.children if c.dep_ not in OTHER_THAN_THE_NAME for t in c.subtree]
    start, end = min(t.idx for t in parts), max(t.idx + len(t.text) for t in parts)
    return _qualifier_pattern(qualifier).search(ctx.text[start:end]) is not None


@functools.lru_cache(maxsize=1 << 12)  # one per qualifier word; few recur across a corpus
def _qualifier_pattern(qualifier: str) -> re.Pattern:
    """The qualifier as written, or for a state also as a party label ("D-Vt.", "R-VT")."""
    forms = [re.escape(qualifier)] + [r"\b[DRI]-\s?" + re.escape(f) for f in state_abbreviations().get(qualifier, ())]
    return re.compile("|".join(forms))


# Dependents of a name that are not part of how the article introduces it.
OTHER_THAN_THE_NAME = frozenset({"conj", "cc", "relcl", "advcl", "acl"})


def _document_mention(ctx: _Article, start: int, end: int, text: str, noun: str, issuer: int | None) -> int:
    """A document as a speaker: a definite one ("the poll") is the same document as the last one of
    that noun that spoke in the article ("a new Harbor Institute poll ... the poll also found")."""
    coref = ctx.coref
    definite = text.lower().startswith(("the ", "that ", "this ", "its ", "their "))
    earlier = ctx.spoken_documents.get(noun)
    if definite and earlier is not None:
        first = coref.mentions[earlier]
        return coref.add(Mention(start, end, text, "document", description=first.description,
                                 issuer=first.issuer if issuer is None else issuer))
    index = coref.add(Mention(start, end, text, "document", description=text, issuer=coref.root(issuer)))
    ctx.spoken_documents[noun] = index
    return index


# What someone writes and puts out, and the verbs that put it out: "X issued a statement saying
# ...", "X ran an ad accusing ...", "a letter signed by X says ..." are X's words. (Findings such
# as polls and reports speak for themselves whoever released them; "X received a letter saying"
# is not X's.)
WRITTEN = MESSAGES | {"editorial", "article", "column", "op-ed", "ad", "advertisement", "piece", "petition",
                      "resolution"}
PUTTING_OUT = frozenset({"issue", "release", "send", "put", "publish", "post", "write", "pen", "sign", "circulate",
                         "distribute", "deliver", "submit", "draft", "tweet", "email", "run", "air", "launch",
                         "unveil", "fire", "blast", "make", "give", "plant", "pass", "adopt", "approve"})
# Verbs whose subject takes in a message someone else wrote: "X received a letter", "X cited a memo".
TAKING_IN = frozenset({"receive", "get", "obtain", "see", "cite", "quote", "reject", "dismiss",
                       "ignore", "mock", "leak", "acquire", "intercept", "discover", "find", "uncover",
                       "hack", "steal", "forward"})


def _taken_in(tok) -> bool:
    """Whether a document is the object of a verb that takes in someone else's ("received a letter")."""
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in TAKING_IN


def _writer(tok):
    """The one who put out the message `tok` names, as the subject of the verb that put it out
    ("the council issued a statement saying ...", "she sent out a letter calling ..."), or its
    agent ("a letter signed by 40 lawmakers urging ..."); None for any other noun or verb."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in WRITTEN:
        return None
    verb = tok.head
    if tok.dep_ == "dobj" and verb.lemma_.lower() in PUTTING_OUT:
        while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            verb = verb.head  # "met reporters and issued a statement": the first verb's subject
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    for verb in tok.children:
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_.lower() in PUTTING_OUT:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    return None


def _binder(tok):
    """The subject a reflexive pronoun stands for: that of its own verb, or of the verb whose
    complement that is ("Roe allowed herself to admit", "Roe found himself saying"); None if none."""
    verb = tok.head
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i), None)
        if subj is not None:
            return None if subj.lower_ in REFLEXIVES else subj
        if verb.dep_ not in ("ccomp", "xcomp", "conj") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _resolve_as(ctx: _Article, cand: Candidate, head, end: int) -> None:
    """Resolve the candidate's speaker again, as the phrase of `head` (from its left edge to `end`)."""
    cand.speaker_token = head
    cand.speaker_start, cand.speaker_end = head.left_edge.idx, end
    _resolve_speaker(ctx, cand)


def _speaking_co_subject(tok):
    """Another subject of the same verb, before `tok`, that can speak."""
    for other in tok.head.children:
        if other.i < tok.i and other.dep_ in SUBJECTS and other.right_edge.i < tok.i and can_speak(other):
            return other
    return None


# Singular nouns for a member of a party, which the party's name would otherwise claim.
PARTY_MEMBERS = frozenset({"republican", "democrat", "conservative", "liberal", "socialist", "independent"})


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
AGENT_PLURAL = ("ers", "ors", "ists", "ians", "ants", "ents", "ees", "ives", "crats", "ites", "men", "people")


# socialist, politician, Democrat, volunteer, front-runner, governor, confidant, radioman, chairwoman
AGENT_SINGULAR = ("ist", "ian", "crat", "eer", "er", "or", "ant", "man")
# Common things whose names end like agents ("the number", "the trailer", "the restaurant"): never
# a speaker on their ending alone.
NOT_AGENTS = frozenset({
    "number", "matter", "letter", "paper", "order", "power", "water", "border", "center", "centre", "corner",
    "cover", "computer", "chapter", "quarter", "poster", "trailer", "character", "weather", "answer", "offer",
    "error", "factor", "sector", "mirror", "motor", "color", "colour", "floor", "honor", "honour", "labor",
    "labour", "favor", "favour", "layer", "filter", "meter", "banner", "river", "tower", "flower", "finger",
    "shoulder", "summer", "winter", "dinner", "cancer", "fever", "manner", "corridor", "elevator", "register",
    "barrier", "ladder", "powder", "rubber", "silver", "copper", "theater", "theatre", "cluster", "disaster",
    "trigger", "marker", "sticker", "timer", "counter", "charter", "soccer", "restaurant", "plant", "grant",
    "chant", "implant", "percent", "amount", "account", "tenor", "humor", "humour", "rumor", "rumour",
    "behavior", "behaviour", "terror", "horror", "anger", "danger", "hunger", "laughter", "murder", "rather",
    "together", "other", "neither", "either", "whether", "further", "later", "never", "under", "after",
    "minor", "major", "prior", "super", "proper", "sober", "tender", "clever", "bitter", "better", "slender",
    "vector", "razor", "calendar", "dollar", "collar", "pillar", "cellar", "sugar",
})
# The modifiers that make a common noun someone's: "a Novak confidant", "a Green Party strategist".
PEOPLE_MODIFIERS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


NOT_SPEAKER_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "ORDINAL", "QUANTITY", "LAW", "EVENT", "PRODUCT",
                                  "WORK_OF_ART", "LANGUAGE"})


def _an_age(tok) -> bool:
    """Whether a token ends an age written with hyphens ("46-year-old")."""
    words = [t.lower_ for t in tok.doc[max(0, tok.i - 4):tok.i + 1]]
    return len(words) == 5 and words[0].isdigit() and words[1] == words[3] == "-" \
        and words[2] in ("year", "years") and words[4] == "old"


# A surname with an apostrophe ("D’Alba", "O'Neill"), which the parser may take for a common noun
APOSTROPHE_NAME = re.compile(r"[A-Z][’'][A-Z][a-z]+")


def can_speak(tok) -> bool:
    """Whether the head of a speaker phrase can be a source of reported content: people, groups,
    organisations, documents that state things; never an abstract noun, an event or an object."""
    lower, lemma = tok.lower_, tok.lemma_.lower()
    if _an_age(tok):
        return True  # "said the 46-year-old": an age that stands for the person
    if tok.ent_type_ in NOT_SPEAKER_ENTITIES:
        return False
    if tok.pos_ == "PRON" or lower in PEOPLE_QUANTIFIERS or tok.like_num:
        # "most of the voters", "22 percent of those polled" speak; "most of the attention" does not
        whole = _of_object(tok)
        return whole is None or can_speak(whole)
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or APOSTROPHE_NAME.fullmatch(tok.text):
        return True
    if tok.pos_ == "NOUN" and lemma in OCCASIONS:
        return False  # "a Portland rally": where someone spoke, not who
    nouns = speaker_nouns()
    if lemma in nouns or lower in nouns or lemma + "s" in nouns:
        return True
    if tok.tag_ in ("NNS", "NNPS") and lower.endswith(AGENT_PLURAL) or lower.endswith(AGENT_SINGULAR) \
            and lemma not in NOT_AGENTS and len(lower) > 4:
        return True
    if any(c.dep_ in ("compound", "amod", "nmod") and (c.ent_type_ in PEOPLE_MODIFIERS or c.pos_ == "PROPN")
           for c in tok.children):
        return True  # "one Novak confidant", "the Green incumbent", "a Harbor Party strategist"
    # "a number of delegates", "a wide array of economists", "the average of recent polls"
    whole = _of_object(tok)
    return whole is not None and can_speak(whole)


def _of_object(tok):
    """The object of the word's "of" phrase: "voters" of "most of the voters"."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _capitalised_noun(tok) -> bool:
    """A lone capitalised common noun the model took for a name, as in a headline ("Poll Shows ...",
    "Critics Say ..."): a speaker noun of the lexicon, outside any entity and any run of names."""
    doc = tok.doc
    alone = (tok.i == 0 or doc[tok.i - 1].pos_ != "PROPN") and (tok.i + 1 >= len(doc) or doc[tok.i + 1].pos_ != "PROPN")
    return alone and not tok.ent_type_ and (tok.lemma_.lower() in speaker_nouns() or tok.lower_ in speaker_nouns())


def _a_name_holds(coref: Coref, word: str) -> bool:
    return any(m.kind == "name" and word in m.text.split() for m in coref.mentions)


def _name_shaped(tok) -> bool:
    """Whether a word may be a name the entity pass missed: capitalised, longer than an initial or
    "Mr", and a noun to the parser ("Novak knows", where the parse took "Novak" for a noun)."""
    return tok.is_title and len(tok.text) > 2 and tok.pos_ in ("PROPN", "NOUN")


def _missed_name(ctx: _Article, tok) -> int:
    """Add the proper-noun run around `tok` as a name mention the entity pass did not find."""
    start, end = _propn_run(tok)
    return ctx.coref.add(Mention(start, end, ctx.text[start:end], "name", ()))


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
        if t.pos_ == "NOUN" and speaker_nouns().get(t.lemma_.lower()) == "Document" and not _taken_in(t):
            ctx.coref.note_document(t.idx, t.lemma_.lower(), name)


def _speaker_name(ctx: _Article, cand: Candidate) -> str | None:
    if cand.speaker_index is None:
        return None
    root = ctx.coref.root(cand.speaker_index)
    if root is None:
        return None
    words = re.findall(r"\w+", ctx.coref.mentions[root].text.lower())
    return words[-1] if words else None
