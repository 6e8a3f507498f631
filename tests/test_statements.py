"""Attributions of several articles into statements: same words merge, different speakers conflict."""

from __future__ import annotations

import dataclasses
from datetime import date

from kg.records import ArticleExtraction, Attribution, Mention, Span
from kg.resolve.entities import EntityIndex
from kg.resolve.statements import normalise_words, resolve_statements

WORDS = "We will rebuild the old bridge before the winter storms arrive in town"


def _article(article_id: str, speaker: str, content: str, *, kind: str = "name", act: str = "Report",
             when: date | None = None, dated_by: str | None = None, channel: str | None = None,
             published: date | None = None) -> ArticleExtraction:
    text = f"{speaker} said: “{content}”"
    start = text.index(content)
    mentions = [Mention(0, len(speaker), speaker, kind, description=speaker if kind == "unnamed" else None)]
    channel_index = None
    if channel:
        mentions.append(Mention(0, 1, channel, "name"))
        channel_index = 1
    attribution = Attribution(
        spans=(Span(start, start + len(content)),), modes=("Direct",), contents=(content,), cue="said",
        cue_span=Span(len(speaker) + 1, len(speaker) + 5), speaker=0, act=act, earliest=when, latest=when,
        dated_by=dated_by or (when and "words"), channel=channel_index, confidence=0.8,
    )
    return ArticleExtraction(article_id, "0" * 64, tuple(mentions), (attribution,), date_published=published)


def _index(*extractions: ArticleExtraction) -> EntityIndex:
    index = EntityIndex()
    for ex in extractions:
        for i, m in enumerate(ex.mentions):
            if m.kind == "name":
                index.by_mention[(ex.article_id, i)] = m.text.lower().replace(" ", "-")
    return index


def test_same_words_in_two_articles_are_one_statement_with_evidence_in_each():
    a = _article("a", "Jane Roe", WORDS)
    b = _article("b", "Jane Roe", WORDS.replace("We will", "We’ll") + ".")
    statements, _ = resolve_statements([a, b], _index(a, b))
    (st,) = statements
    assert st.article_ids == ("a", "b")
    assert len(st.evidence) == 2


def test_truncated_quotation_joins_the_full_one():
    a = _article("a", "Jane Roe", WORDS + ", and we will pay for it ourselves")
    b = _article("b", "Jane Roe", WORDS)
    statements, _ = resolve_statements([a, b], _index(a, b))
    assert len(statements) == 1


def test_different_words_stay_apart():
    a = _article("a", "Jane Roe", WORDS)
    b = _article("b", "Jane Roe", "The council has not yet decided how to pay for any new bridge")
    statements, _ = resolve_statements([a, b], _index(a, b))
    assert len(statements) == 2


def test_same_words_under_opposed_acts_stay_two_statements():
    # "condemned Novak's plan to close the old bridge before winter" in one article, "praised" it in
    # another: two stances on one topic, not one utterance reported twice
    topic = "Tom Novak's plan to close the old bridge before the winter storms arrive"
    a = _article("a", "Harbor Group", topic, act="Criticize")
    b = _article("b", "Harbor Group", topic, act="Praise")
    statements, _ = resolve_statements([a, b], _index(a, b))
    assert sorted(st.act for st in statements) == ["Criticize", "Praise"]
    # acts that can describe one utterance still merge
    c = _article("c", "Harbor Group", topic, act="Report")
    statements, _ = resolve_statements([a, c], _index(a, c))
    assert len(statements) == 1


def test_same_words_from_different_speakers_conflict():
    a = _article("a", "Jane Roe", WORDS)
    b = _article("b", "John Doe", WORDS)
    statements, _ = resolve_statements([a, b], _index(a, b))
    first, second = sorted(statements, key=lambda s: s.speaker)
    assert first.conflicts_with == (second.key,)
    assert second.conflicts_with == (first.key,)


def test_articles_naming_different_channels_keep_one_statement_and_each_its_channel():
    a = _article("a", "Jane Roe", WORDS, channel="Evening Post")
    b = _article("b", "Jane Roe", WORDS, channel="Radio North")
    c = _article("c", "Jane Roe", WORDS, channel="Evening Post")
    (st,), _ = resolve_statements([a, b, c], _index(a, b, c))
    assert st.conflicts_with == ()  # one utterance: the disagreement is on the evidence
    assert st.channel == "evening-post"  # the channel most reports name
    assert [(e.article_id, e.channel) for e in st.evidence] == [
        ("a", "evening-post"), ("b", "radio-north"), ("c", "evening-post")]


def test_merged_key_does_not_depend_on_article_order():
    a = _article("a", "Jane Roe", WORDS)
    b = _article("b", "Jane Roe", WORDS + " next year")
    one, _ = resolve_statements([a, b], _index(a, b))
    two, _ = resolve_statements([b, a], _index(b, a))
    assert [s.key for s in one] == [s.key for s in two]


def test_merged_statement_takes_the_narrowest_agreeing_date():
    a = _article("a", "Jane Roe", WORDS)
    b = _article("b", "Jane Roe", WORDS, when=date(2020, 9, 17))
    (st,), _ = resolve_statements([a, b], _index(a, b))
    assert (st.earliest, st.latest) == (date(2020, 9, 17), date(2020, 9, 17))


def test_merged_statement_takes_its_date_from_the_words_over_a_lead():
    a = _article("a", "Jane Roe", WORDS, when=date(2020, 9, 16), dated_by="lead")
    b = _article("b", "Jane Roe", WORDS, when=date(2020, 9, 14), dated_by="words")
    (st,), _ = resolve_statements([a, b], _index(a, b))
    assert (st.earliest, st.latest, st.dated_by) == (date(2020, 9, 14), date(2020, 9, 14), "words")


def test_unresolved_pronoun_speaker_joins_the_named_speaker_of_the_same_words():
    a = _article("a", "Jane Roe", WORDS)
    b = _article("b", "she", WORDS, kind="pronoun")
    statements, _ = resolve_statements([a, b], _index(a, b))
    (st,) = statements
    assert st.speaker == "jane-roe"


def test_unnamed_speaker_becomes_an_unnamed_source_entity():
    a = _article("a", "one local resident", WORDS, kind="unnamed")
    statements, unnamed = resolve_statements([a], _index(a))
    (entity,) = unnamed
    assert entity.type == "UnnamedSource" and entity.description == "one local resident"
    assert statements[0].speaker == entity.key


def _document_article(article_id: str, phrase: str, issuer: str | None) -> ArticleExtraction:
    text = f"{phrase} found that {WORDS}"
    mentions = [Mention(0, len(phrase), phrase, "document", description=phrase,
                        issuer=1 if issuer else None)]
    if issuer:
        mentions.append(Mention(text.index(issuer), text.index(issuer) + len(issuer), issuer, "name"))
    start = text.index(WORDS)
    attribution = Attribution(
        spans=(Span(start, start + len(WORDS)),), modes=("Indirect",), contents=(WORDS,), cue="found",
        cue_span=Span(len(phrase) + 1, len(phrase) + 6), speaker=0, confidence=0.8,
    )
    return ArticleExtraction(article_id, "0" * 64, tuple(mentions), (attribution,))


def test_document_speaker_is_a_typed_creative_work_of_its_article_linked_to_its_issuer():
    a = _document_article("a", "A Harbor Institute poll", "Harbor Institute")
    b = _document_article("b", "the report", None)
    c = _document_article("c", "the report", None)
    statements, documents = resolve_statements([a, b, c], _index(a, b, c))
    by_name = sorted((d.name, d.type, d.extra_types, d.creator) for d in documents)
    assert by_name == [
        ("A Harbor Institute poll", "CreativeWork", ("Report",), "harbor-institute"),
        ("the report", "CreativeWork", ("Report",), None),
        ("the report", "CreativeWork", ("Report",), None),  # two articles' "the report" are two reports
    ]
    assert {s.speaker for s in statements} <= {d.key for d in documents}


def test_normalised_words_ignore_typography_and_case():
    assert normalise_words("“We’ll GO,” she said — café") == normalise_words('"we\'ll go," She said - cafe')


def test_same_words_twice_in_one_article_are_one_statement_with_two_evidence_spans():
    from kg.records import Evidence, Statement
    from kg.resolve.statements import _one_per_key

    a = Statement("k", "jane-roe", "Fine.", "Report", (Evidence("a1", 10, 15, "Direct", "said", 0, 4),))
    b = Statement("k", "jane-roe", "Fine.", "Report", (Evidence("a1", 90, 95, "Direct", "said", 80, 84),))
    (merged,) = _one_per_key([a, b])
    assert [(e.start, e.end) for e in merged.evidence] == [(10, 15), (90, 95)]


def test_words_are_never_dated_after_the_first_article_that_reports_them():
    # "a" reports the words on 1 March undated; "b", published on 20 March, dates them by its own lead
    # to 19 March: they were said by 1 March, so that date is wrong and none is given
    a = _article("a", "Jane Roe", WORDS, published=date(2020, 3, 1))
    b = _article("b", "Jane Roe", WORDS, when=date(2020, 3, 19), dated_by="lead", published=date(2020, 3, 20))
    (st,), _ = resolve_statements([a, b], _index(a, b))
    assert (st.earliest, st.latest, st.dated_by) == (None, None, None)
    # a date that can hold is kept: "last week" of 25 February to 2 March ends on the day "a" appeared
    c = _article("c", "Jane Roe", WORDS, published=date(2020, 3, 1))
    d = _article("d", "Jane Roe", WORDS, published=date(2020, 3, 5))
    d = dataclasses.replace(d, attributions=(dataclasses.replace(
        d.attributions[0], earliest=date(2020, 2, 24), latest=date(2020, 3, 2), dated_by="words"),))
    (st,), _ = resolve_statements([c, d], _index(c, d))
    assert (st.earliest, st.latest) == (date(2020, 2, 24), date(2020, 3, 1))


def test_normalised_words_drop_every_combining_mark_and_keep_every_other_character():
    import unicodedata

    from kg.resolve.statements import _WITHOUT_COMBINING, normalise_words

    every = unicodedata.normalize("NFKD", "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF))
    assert every.translate(_WITHOUT_COMBINING) == "".join(c for c in every if not unicodedata.combining(c))
    assert normalise_words("Zoë Brontë’s “Ébauches”") == ("zoe", "brontes", "ebauches")


def test_a_text_an_act_word_matches_holds_the_words_first_run_however_it_is_cased():
    # decide_act searches for an act word only in texts that hold its first run of letters
    import random

    from kg.extract import acts

    folds = {"i": ["İ", "ı", "I"], "s": ["ſ", "S"], "k": ["K", "K"]}  # what re.IGNORECASE also matches
    rng = random.Random(7)
    for pattern, _, _, first_run in acts._word_patterns():
        word = pattern.pattern[2:-2].replace("\\", "")
        for variant in (word, word.upper(), word.title(),
                        "".join(rng.choice(folds.get(c, [c])) for c in word)):
            for text in (variant, f"({variant}),", f"“{variant}”", f"-{variant}'s", f"no {variant}. yes"):
                if pattern.search(text):
                    assert first_run in acts._runs(text), (word, text)
