"""How likely an attribution is right: a logistic model over what the extractor saw.

`features` describes one finished candidate (which finder made it, its cue, the speaker's mention
and how it was resolved, the content's form and length); `probability` turns them into the
probability that the span is reported content of this speaker, with weights that
`scripts/train_confidence.py` fits on PolNeAR-train's own attribution annotations and writes to
`kg/data/confidence.json`. Every feature is general (no names, no phrases of any article), and the
rule's own prior is one of them, so the model can only reweigh what the rules already know.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from ..entity_lexicon import DATA

WEIGHTS = "confidence.json"
WORD = re.compile(r"\w+")
QUOTE_MARKS = "\"“”‘’'`"
SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]")


def features(*, kind: str, prior: float, cue_lemma: str, cue_is_verb: bool, modes: tuple[str, ...],
             contents: tuple[str, ...], speaker_kind: str, speaker_resolved: bool, speaker_text: str,
             weak: bool, content_has_verb: bool, cue_before_content: bool, cue_distance: int,
             in_question: bool, same_sentence: bool, quote_fragment: bool = False,
             position: float = 0.0, speaker_type: str = "none", antecedent_distance: int = -1,
             speaker_cue_distance: int = -1, speaker_after_cue: bool = False, speaker_is_subject: bool = False,
             cues_in_sentence: int = 1, cues_inside: int = 0, sentence_share: float = 0.0, cue_tag: str = "none",
             prominent_speaker: bool = False, speaker_in_content: bool = False, opens_capital: bool = False,
             ends_sentence: bool = False, after_that: bool = False, quotes_in_paragraph: int = 0) -> dict[str, float]:
    """The features of one attribution, by name (absent = 0)."""
    words = sum(len(WORD.findall(c)) for c in contents)
    out = {
        "prior": prior,
        f"kind={kind}": 1.0,
        f"cue={cue_lemma.lower()}": 1.0,
        "cue_is_verb": float(cue_is_verb),
        f"speaker={speaker_kind}": 1.0,
        f"speaker={speaker_kind},resolved={speaker_resolved}": 1.0,
        "speaker_words": min(len(WORD.findall(speaker_text)), 12) / 12,
        "log_words": math.log1p(words) / 5,
        "one_or_two_words": float(words <= 2),
        "spans": min(len(modes), 4) / 4,
        "weak": float(weak),
        "content_has_verb": float(content_has_verb),
        "cue_before_content": float(cue_before_content),
        "cue_distance": min(cue_distance, 400) / 400,
        "in_question": float(in_question),
        "same_sentence": float(same_sentence),
        "content_quoted_inside": float(any(m != "Direct" and any(q in c for q in QUOTE_MARKS)
                                           for m, c in zip(modes, contents, strict=True))),
    }
    for mode in set(modes):
        out[f"mode={mode}"] = 1.0
    out["sentences"] = min(sum(len(SENTENCE_END.findall(c)) for c in contents), 5) / 5
    out["quote_fragment"] = float(quote_fragment)
    out["in_lead"] = float(position < 0.1)  # the first tenth of the article
    out[f"speaker_type={speaker_type}"] = 1.0
    out["speaker_numeric"] = float(bool(NUMERIC.search(speaker_text)))
    out[f"antecedent~{_band(antecedent_distance, (0, 80, 200, 500, 1500))}"] = 1.0
    out[f"speaker_cue~{_band(speaker_cue_distance, (0, 3, 30, 120, 400))}"] = 1.0
    out["speaker_after_cue"] = float(speaker_after_cue)
    out["speaker_is_subject"] = float(speaker_is_subject)
    out[f"cues_in_sentence~{min(cues_in_sentence, 4)}"] = 1.0
    out["cues_inside"] = min(cues_inside, 3) / 3
    out[f"sentence_share~{_band(int(sentence_share * 100), (0, 25, 50, 75, 95))}"] = 1.0
    out[f"cue_tag={cue_tag}"] = 1.0
    out["prominent_speaker"] = float(prominent_speaker)
    out["speaker_in_content"] = float(speaker_in_content)
    out["opens_capital"] = float(opens_capital)
    out["ends_sentence"] = float(ends_sentence)
    out["after_that"] = float(after_that)
    out[f"quotes_in_paragraph~{min(quotes_in_paragraph, 3)}"] = 1.0
    # Pairs a linear model cannot weigh from their parts ("says" before a quotation is surer than
    # "says" before a paraphrase), and length and distance in bands rather than on one slope.
    mode_set = "+".join(sorted(set(modes)))
    out[f"cue={cue_lemma.lower()}|{mode_set}"] = 1.0
    out[f"kind={kind}|{mode_set}"] = 1.0
    out[f"kind={kind}|speaker={speaker_kind},resolved={speaker_resolved}"] = 1.0
    out[f"words~{int(out['log_words'] * 10)}"] = 1.0
    out[f"cue_distance~{int(out['cue_distance'] * 20)}"] = 1.0
    return _with_pairs(out, f"cue={cue_lemma.lower()}")


# Features that change what the others mean: a paraphrase of a pronoun's words, or a second
# quotation in one sentence, is right less often than the same from a named speaker or a verb
# cue. Each is paired with every present indicator, so that the model weighs the combination.
HUBS = ("kind=", "mode=", "speaker_type=", "cue_tag=")


def _with_pairs(feats: dict[str, float], cue: str) -> dict[str, float]:
    # indicators only: switched-on flags and categories, not the cue word (too many, too sparse),
    # nor the pairs above, nor graded values
    present = sorted(name for name, value in feats.items()
                     if value == 1.0 and name != "prior" and "|" not in name and not name.startswith("cue="))
    hubs = [name for name in present if name.startswith(HUBS) or _is_speaker_kind(name)]
    out = dict(feats)
    for hub in hubs:
        for other in present:
            if other != hub and (other not in hubs or hub < other):
                out[f"{hub}&{other}"] = 1.0
    # the cue word with the finder, the speaker's kind and whether the content is a clause: "call"
    # before a clause reports words, before a bare object it names ("called the plan a failure")
    for name in present:
        if name.startswith("kind=") or _is_speaker_kind(name):
            out[f"{cue}&{name}"] = 1.0
    out[f"{cue}&np={feats['content_has_verb'] == 0.0}"] = 1.0
    return out


def _is_speaker_kind(name: str) -> bool:
    return name.startswith("speaker=") and "," not in name


NUMERIC = re.compile(r"\d|\bpercent\b|%|\b(?:half|third|quarter|majority|most)\b", re.IGNORECASE)


def _band(value: int, edges: tuple[int, ...]) -> int:
    """Which band of `edges` a value falls in: -1 below the first, else the index of the last edge <= value."""
    return sum(1 for edge in edges if value >= edge) - 1


_observers: list[list] = []


@contextmanager
def observing() -> Iterator[list]:
    """Collect (article id, spans, speaker span, cue span, speaker's name, features) of every attribution finished
    while inside; the training script reads them to fit the weights."""
    seen: list = []
    _observers.append(seen)
    try:
        yield seen
    finally:
        _observers.remove(seen)


def observe(article_id: str, spans, cand, speaker_name: str, feats: dict[str, float]) -> None:
    for seen in _observers:
        seen.append((article_id, tuple((s, e) for s, e, _ in spans), (cand.speaker_start, cand.speaker_end),
                     (cand.cue_start, cand.cue_end), speaker_name, feats))


def probability(feats: dict[str, float]) -> float:
    """The model's probability for these features; the rule's prior when no model is shipped."""
    model = _model()
    if model is None:
        return feats["prior"]
    z = model["bias"] + sum(model["weights"].get(name, 0.0) * value for name, value in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def _model() -> dict | None:
    path = DATA / WEIGHTS
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
