"""Attributions into statements: resolved speakers and targets, one statement per utterance.

The same words reported by several articles (typographic variants, one article quoting more or
less of them than another) become one statement with evidence in each. Articles that give the
same words to different speakers keep one statement each, linked by conflicts_with. When they
name different channels (one outlet was "told", another was "said to"), it stays one utterance:
the statement keeps the channel most reports name, and each evidence keeps the channel its own
article names, so the graph can mark where outlets disagree. Keys hash the normalised words and
the speaker, so they do not depend on the order in which articles are read.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache

from ..documents import DOCUMENT_TYPES
from ..records import DATE_BASES, ArticleExtraction, Entity, Evidence, Mention, Statement
from .entities import EntityIndex, slug

SHINGLE = 5  # words in a row two reports must share before they are compared
MIN_SHARED = 6  # words in a row that make two reports the same words ...
MIN_SHARE_OF_SHORTER = 0.7  # ... when they also cover this much of the shorter one
COMMON_SHINGLE = 25  # a run of words found in more reports than this is a stock phrase, not a quote
WORD = re.compile(r"\w+", re.UNICODE)


class _WithoutCombining(dict):
    """A str.translate table that drops combining marks and keeps every other character,
    learning each character once (a loop over the characters in Python took a second on
    PolNeAR-train's statements)."""

    def __missing__(self, code: int) -> str | None:
        kept = None if unicodedata.combining(chr(code)) else chr(code)
        self[code] = kept
        return kept


_WITHOUT_COMBINING = _WithoutCombining()


@lru_cache(maxsize=1 << 16)  # a report's words are asked for again when its group is keyed
def normalise_words(text: str) -> tuple[str, ...]:
    """Lower-case, accent-free words of a text: typographic variants compare equal."""
    s = unicodedata.normalize("NFKD", text).translate(_WITHOUT_COMBINING).casefold()
    s = re.sub(r"[\u2018\u2019`´]", "'", s)
    s = re.sub(r"'(?:s|re|ve|ll|d|t|m)\b", lambda m: m.group(0).replace("'", ""), s)
    return tuple(WORD.findall(s))


@dataclass
class _Report:
    """One attribution of one article, with its resolved parts."""

    article_id: str
    speaker: str
    speaker_named: bool  # False for an unresolved pronoun or description: any speaker may claim it
    text: str
    words: list[tuple[str, ...]]  # per span
    act: str
    evidence: tuple[Evidence, ...]
    about: tuple[str, ...]
    earliest: object
    latest: object
    dated_by: str | None
    channel: str | None
    confidence: float
    order: tuple
    published: date | None  # when its article was published


def resolve_statements(
    extractions: Sequence[ArticleExtraction], index: EntityIndex
) -> tuple[list[Statement], list[Entity]]:
    """Statements of the corpus, and the unnamed-source entities their speakers need."""
    unnamed: dict[str, Entity] = {}
    reports: list[_Report] = []
    for ex in extractions:
        for n, a in enumerate(ex.attributions):
            mention = ex.mentions[a.speaker]
            speaker = index.key_of(ex.article_id, a.speaker)
            named = speaker is not None
            if speaker is None and mention.kind == "document":
                speaker = _document(ex.article_id, mention, index, unnamed)
            elif speaker is None:
                description = mention.description or mention.text
                speaker = "unnamed-" + slug(description)
                unnamed.setdefault(speaker, Entity(key=speaker, name=description, type="UnnamedSource",
                                                   description=description))
            # the speaker is a target only where the extractor says the content is about them
            # (their own conduct: "I have not talked to anyone"), not where the content names them
            about = tuple(sorted({k for i in a.about if (k := index.key_of(ex.article_id, i))
                                  and (k != speaker or i == a.speaker)}))
            channel = index.key_of(ex.article_id, a.channel) if a.channel is not None else None
            evidence = tuple(
                Evidence(ex.article_id, s.start, s.end, mode, a.cue, mention.start, mention.end, channel,
                         a.confidence)
                for s, mode in zip(a.spans, a.modes, strict=True)
            )
            reports.append(_Report(
                article_id=ex.article_id, speaker=speaker,
                speaker_named=named or mention.kind == "unnamed" and mention.antecedent is None
                and not _is_pronoun(mention.text),
                text=" … ".join(a.contents), words=[normalise_words(c) for c in a.contents], act=a.act,
                evidence=evidence, about=about, earliest=a.earliest, latest=a.latest, dated_by=a.dated_by, channel=channel,
                confidence=a.confidence, order=(ex.article_id, a.spans[0].start, n),
                published=ex.date_published,
            ))
    groups = _same_words(reports)
    statements: list[Statement] = []
    for members in groups:
        statements.extend(_statements_of(members))
    return _one_per_key(statements), [unnamed[k] for k in sorted(unnamed)]


def _one_per_key(statements: list[Statement]) -> list[Statement]:
    """Statements whose keys agree (the same words by the same speaker, reported twice in one
    article, or in two groups of reports) are one statement: their evidence is pooled, the first
    report's attributes kept. Under opposed acts the same words name a topic, not one utterance:
    each act keeps a statement of its own."""
    by_key: dict[str, list[Statement]] = defaultdict(list)
    for st in statements:
        by_key[st.key].append(st)
    out = []
    for key, same in by_key.items():
        if _opposed(st.act for st in same):
            by_act: dict[str, list[Statement]] = defaultdict(list)
            for st in same:
                by_act[st.act].append(dataclasses.replace(st, key=_keyed_by_act(key, st.act)))
            out.extend(_pooled(group) for group in by_act.values())
        else:
            out.append(_pooled(same))
    return out


def _keyed_by_act(key: str, act: str) -> str:
    return hashlib.sha256(f"{key}|{act}".encode()).hexdigest()[:20]


def _pooled(same: list[Statement]) -> Statement:
    first = same[0]
    if len(same) == 1:
        return first
    evidence = tuple(sorted({e for st in same for e in st.evidence}, key=lambda e: (e.article_id, e.start, e.end)))
    conflicts = tuple(sorted({c for st in same for c in st.conflicts_with}))
    return dataclasses.replace(first, evidence=evidence, conflicts_with=conflicts)


def _is_pronoun(text: str) -> bool:
    return text.lower() in {"he", "she", "they", "it", "we", "i", "you", "some", "others", "one"}


def _document(article_id: str, mention: Mention, index: EntityIndex, documents: dict[str, Entity]) -> str:
    """The key of a document that speaks: one node per document phrase per article (two articles'
    "the report" are not the same report), typed by its head noun and linked to who issued it."""
    description = mention.description or mention.text
    words = re.findall(r"[\w'-]+", description.lower())
    head = next((DOCUMENT_TYPES[w] for w in reversed(words) if w in DOCUMENT_TYPES), None)
    key = f"document-{slug(description)[:60]}-{hashlib.sha256(article_id.encode()).hexdigest()[:8]}"
    creator = index.key_of(article_id, mention.issuer) if mention.issuer is not None else None
    documents.setdefault(key, Entity(key=key, name=description, type="CreativeWork", description=description,
                                     extra_types=(head,) if head else (), creator=creator))
    return key


def _same_words(reports: list[_Report]) -> list[list[_Report]]:
    """Reports grouped by shared words (union-find over pairs that share a long enough run)."""
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shingles: dict[tuple[str, ...], list[int]] = {}
    for i, r in enumerate(reports):
        for words in r.words:
            for sh in zip(*(words[k:] for k in range(SHINGLE))):  # runs of SHINGLE words, built in C
                members = shingles.get(sh)
                if members is None:
                    shingles[sh] = [i]
                elif members[-1] != i:  # each report once per run of words
                    members.append(i)
    checked: set[tuple[int, int]] = set()
    for members in shingles.values():
        if len(members) < 2 or len(members) > COMMON_SHINGLE:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in checked or find(i) == find(j):
                    continue
                checked.add((i, j))
                if _share_words(reports[i], reports[j]):
                    parent[find(j)] = find(i)
    groups: dict[int, list[_Report]] = defaultdict(list)
    for i, r in enumerate(reports):
        groups[find(i)].append(r)
    return [sorted(g, key=lambda r: r.order) if len(g) > 1 else g for g in groups.values()]


# Acts that cannot both describe one utterance: shared words under them name a topic, not words said.
OPPOSED_ACTS = frozenset({frozenset({"Praise", "Criticize"}), frozenset({"Defend", "Criticize"})})


def _opposed(acts) -> bool:
    return any(frozenset(pair) in OPPOSED_ACTS for pair in itertools.combinations(sorted(set(acts)), 2))


def _share_words(a: _Report, b: _Report) -> bool:
    if a.article_id == b.article_id:
        return False  # within one article, separate attributions stay separate statements
    if _opposed((a.act, b.act)):
        return False  # "condemned X's plan to ..." and "support X's plan to ...": two stances on one topic
    for wa in a.words:
        for wb in b.words:
            if len(wa) < MIN_SHARED or len(wb) < MIN_SHARED:
                continue
            m = SequenceMatcher(None, wa, wb, autojunk=False).find_longest_match(0, len(wa), 0, len(wb))
            if m.size >= MIN_SHARED and m.size >= MIN_SHARE_OF_SHORTER * min(len(wa), len(wb)):
                return True
    return False


def _statements_of(members: list[_Report]) -> list[Statement]:
    """One statement per speaker of a group of reports; different speakers conflict."""
    named = Counter(r.speaker for r in members if r.speaker_named)
    main_speaker = named.most_common(1)[0][0] if named else members[0].speaker
    by_speaker: dict[str, list[_Report]] = defaultdict(list)
    for r in members:
        by_speaker[r.speaker if r.speaker_named else main_speaker].append(r)
    # Outlets that each received the words ("told X", "said to Y") report one utterance: a
    # disagreement on the channel alone is marked on the evidence (kg.graph), not split here.
    parts = sorted(by_speaker.items())
    keys = [_key(reps, speaker) for speaker, reps in parts]
    out = []
    for (speaker, reps), key in zip(parts, keys, strict=True):
        out.append(_merge(key, speaker, reps, tuple(sorted(k for k in keys if k != key))))
    return out


def _canonical_text(reps: list[_Report]) -> str:
    if len(reps) == 1:
        return reps[0].text  # most groups: no need to rank
    return max((r.text for r in reps), key=lambda t: (len(normalise_words(t)), [-ord(c) for c in t[:40]]))


def _key(reps: list[_Report], speaker: str) -> str:
    words = " ".join(normalise_words(_canonical_text(reps)))
    first = min(r.order for r in reps)
    basis = f"{words}|{speaker}"
    if len(reps) == 1 and len(words.split()) < MIN_SHARED:
        basis += f"|{first[0]}|{first[1]}"  # short words are not an utterance's identity
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:20]


def _merge(key: str, speaker: str, reps: list[_Report], conflicts: tuple[str, ...]) -> Statement:
    acts: Counter = Counter()
    for r in reps:
        acts[r.act] += r.confidence
    act = max(sorted(acts), key=lambda a: acts[a])
    channel = Counter(r.channel for r in reps if r.channel).most_common(1)
    earliest, latest, dated_by = _narrowest(reps)
    evidence = tuple(sorted({e for r in reps for e in r.evidence},
                            key=lambda e: (e.article_id, e.start, e.end)))
    return Statement(
        key=key, speaker=speaker, text=_canonical_text(reps), act=act, evidence=evidence,
        about=tuple(sorted({k for r in reps for k in r.about})),
        earliest=earliest, latest=latest, dated_by=dated_by, channel=channel[0][0] if channel else None,
        confidence=max(e.confidence for e in evidence), conflicts_with=conflicts,
    )


def _narrowest(reps: list[_Report]):
    """From the reports dated on the strongest basis: the intersection of their ranges when they
    agree, else the most confident one's; with that basis."""
    # words reported by an article were said by the day it was published: a later article's date
    # for them (its own lead's day, say) is wrong
    first = min((r.published for r in reps if r.published), default=None)
    dated = [r for r in reps if (r.earliest or r.latest) and not (first and (r.earliest or r.latest) > first)]
    if not dated:
        return None, None, None
    basis = min((r.dated_by for r in dated), key=lambda b: DATE_BASES.index(b) if b in DATE_BASES else 0)
    dated = [r for r in dated if r.dated_by == basis]
    lo = max(r.earliest or r.latest for r in dated)
    hi = min(r.latest or r.earliest for r in dated)
    if lo <= hi:
        return lo, min(hi, first) if first else hi, basis
    best = max(dated, key=lambda r: (r.confidence, r.order))
    return best.earliest, min(best.latest, first) if first and best.latest else best.latest, basis
