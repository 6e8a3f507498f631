"""Extraction records as the cache keeps them: JSON that reads back as the same record."""

from __future__ import annotations

import json
from datetime import date

from kg.records import ArticleExtraction, Attribution, Mention, Relation, Span

RECORD = ArticleExtraction(
    article_id="harbour",
    input_sha256="ab" * 32,
    mentions=(
        Mention(0, 14, "Nora Lindqvist", votes=(("Person", 1.0), ("Place", 0.25))),
        Mention(40, 43, "she", kind="pronoun", antecedent=0, sex="f"),
        Mention(60, 70, "the report", kind="document", description="the report", issuer=0),
    ),
    attributions=(
        Attribution(spans=(Span(16, 30), Span(50, 58)), modes=("direct", "direct"),
                    contents=("The boats sail", "again"), cue="said", cue_span=Span(31, 35), speaker=1,
                    act="Say", about=(0, 2), earliest=date(2020, 3, 3), latest=date(2020, 3, 4),
                    dated_by="words", channel=2, confidence=0.87),
        Attribution(spans=(Span(80, 90),), modes=("indirect",), contents=("it is safe",), cue="found",
                    cue_span=Span(72, 77), speaker=2),
    ),
    relations=(Relation(0, "role", None, Span(0, 30)), Relation(0, "memberOf", 2, Span(0, 70))),
    boilerplate_start=120,
    date_published=date(2020, 3, 6),
)


def test_a_record_reads_back_from_its_json_as_itself():
    assert ArticleExtraction.from_dict(json.loads(json.dumps(RECORD.to_dict()))) == RECORD


def test_a_record_is_written_as_plain_json_values():
    d = RECORD.to_dict()
    assert d["date_published"] == "2020-03-06"
    assert d["mentions"][0] == {"start": 0, "end": 14, "text": "Nora Lindqvist", "kind": "name",
                                "votes": [["Person", 1.0], ["Place", 0.25]], "antecedent": None,
                                "description": None, "issuer": None, "sex": None}
    attribution = d["attributions"][0]
    assert (attribution["spans"], attribution["cue_span"], attribution["earliest"]) == (
        [{"start": 16, "end": 30}, {"start": 50, "end": 58}], {"start": 31, "end": 35}, "2020-03-03")
