"""nkg:confidence: the shipped model's probabilities order attributions as the evidence does."""

from __future__ import annotations

import json

from kg.entity_lexicon import DATA
from kg.extract import confidence, extract


def _confidences(parse, text: str) -> dict[str, float]:
    article, doc = parse(text)
    return {" ".join(a.contents): a.confidence for a in extract(doc, article).attributions}


def test_the_shipped_model_records_its_data_and_held_out_calibration():
    model = json.loads((DATA / confidence.WEIGHTS).read_text(encoding="utf-8"))
    assert "held out" in model["data"] and model["weights"]
    for row in model["held_out"]["calibration"]:
        if row["spans"] >= 100:  # well-filled bins: stated confidence within 0.1 of the share right
            assert abs(row["mean_confidence"] - row["right"]) <= 0.1, row


def test_a_named_speakers_quotation_outranks_a_verbs_bare_object(parse):
    found = _confidences(parse, '"The plan will fail, and everyone in this town knows it," Maria Lopez said. '
                                "Most voters in the town oppose the plan.")
    quote = found["The plan will fail, and everyone in this town knows it,"]
    assert quote >= 0.9
    # "oppose the plan": an attitude with no reported words of its own, which PolNeAR counts as an
    # attribution about as often as not; never as sure as a named speaker's quotation
    assert found["the plan"] <= quote - 0.25


def test_probability_is_a_probability_and_falls_back_to_the_rule_without_a_model(monkeypatch):
    feats = confidence.features(
        kind="verb", prior=0.7, cue_lemma="say", cue_is_verb=True, modes=("Indirect",),
        contents=("the plan would fail",), speaker_kind="name", speaker_resolved=True, speaker_text="Maria Lopez",
        weak=False, content_has_verb=True, cue_before_content=True, cue_distance=1, in_question=False,
        same_sentence=True)
    assert 0.0 < confidence.probability(feats) < 1.0
    monkeypatch.setattr(confidence, "_model", lambda: None)
    assert confidence.probability(feats) == 0.7


def test_a_quotation_opening_inside_the_reporters_sentence_is_trusted_less(parse):
    # the same words, quoted from the start of the sentence and from its middle
    found = _confidences(parse, 'The council "has used every trick in the book on the bridge plan," Maria Lopez '
                                'said. "The council has used every trick in the book on the bridge plan," Tom Novak said.')
    assert found["has used every trick in the book on the bridge plan,"] < \
        found["The council has used every trick in the book on the bridge plan,"]


def _features(parse, text: str) -> dict[str, dict[str, float]]:
    """The features the model saw for each statement of `text`, by its words."""
    article, doc = parse(text)
    with confidence.observing() as seen:
        extract(doc, article)
    return {" ".join(text[s:e] for s, e in spans): feats for _, spans, _, _, _, feats in seen}


def test_the_model_sees_who_speaks_and_how_the_sentence_holds_the_words(parse):
    found = _features(parse, "Maria Lopez, the mayor, said Tom Novak denied that the bridge would close. "
                             "Some 55 percent of voters said the council should resign. "
                             '"The council should resign," said the mayor of the town, who spoke for an hour.')
    outer = found["Tom Novak denied that the bridge would close"]
    inner = found["the bridge would close"]
    share = found["the council should resign"]
    inverted = found["The council should resign,"]
    # a named person as the subject of the cue, holding another statement inside its words
    assert outer["speaker_is_subject"] == 1.0 and outer["speaker_type=Person"] == 1.0
    assert outer["cues_inside"] > 0 == inner["cues_inside"]
    assert outer["cues_in_sentence~2"] == 1.0
    # a share of respondents speaks for a poll, not for itself
    assert share["speaker_numeric"] == 1.0 and outer["speaker_numeric"] == 0.0
    # a speaker after the cue is not its subject on the left
    assert inverted["speaker_after_cue"] == 1.0 and outer["speaker_after_cue"] == 0.0


def test_words_that_close_their_own_quotation_end_their_sentence_as_before(parse):
    found = _features(parse, 'Maria Lopez called the plan "a waste." Tom Novak called the bridge "too old," then '
                             "walked out.")
    assert found['the plan "a waste."']["ends_sentence"] == 1.0
    assert found['the bridge "too old,"']["ends_sentence"] == 0.0
