"""The curation file (entities.csv) and `kg entities`: parsing, errors naming the line, effect on a build."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import CurationError
from kg.resolve.curation import parse_curation, read_curation, template_rows

ARTICLE_A = (
    "Jane Roe, the director of “Harbor Lights,” said on Monday that the film would open in Lisbon. "
    "Roe said the Northern Film Council, known as NFC, had paid for it.\n"
)
ARTICLE_B = "The Northern Film Council said Jane Roe had finished the film. Acme Films will release it.\n"


def test_parse_reads_every_column():
    text = (
        "name,type,aliases,same_as,not_same_as\n"
        "# a comment line\n"
        "Jane Roe,Person,J. Roe|Janie Roe,https://example.org/jr,Tom Roe\n"
        "\n"
        "Acme Films,organisation,,,\n"
        "Noise,ignore,,,\n"
    )
    rows = parse_curation(text).rows
    assert [(r.line, r.name, r.type, r.aliases, r.same_as, r.not_same_as) for r in rows] == [
        (3, "Jane Roe", "Person", ("J. Roe", "Janie Roe"), ("https://example.org/jr",), ("Tom Roe",)),
        (5, "Acme Films", "Organization", (), (), ()),
        (6, "Noise", "ignore", (), (), ()),
    ]


def test_columns_may_come_in_any_order_and_only_name_is_required():
    rows = parse_curation("type,name\nPlace,Lisbon\n").rows
    assert [(r.name, r.type) for r in rows] == [("Lisbon", "Place")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "",
            (
                "entities.csv: no header line. The first line must name the columns: "
                "name,type,aliases,same_as,not_same_as."
            ),
        ),
        (
            "name,kind\nX,Person\n",
            (
                "entities.csv, line 1: unknown column 'kind'. "
                "The columns are name, type, aliases, same_as, not_same_as."
            ),
        ),
        (
            "type,aliases\nPerson,X\n",
            (
                "entities.csv, line 1: the header has no 'name' column. "
                "The columns are name, type, aliases, same_as, not_same_as."
            ),
        ),
        (
            "name,type\nJane Roe,Human\n",
            (
                "entities.csv, line 2: unknown type 'Human'. Use one of Person, "
                "Organization, CreativeWork, Event, Place, ignore, or leave it empty."
            ),
        ),
        ("name,type\n,Person\n", "entities.csv, line 2: the name is empty. Every line names one entity."),
        (
            'name,type\nGOP,Organization\n"Jane Roe,Person\nTom Roe,Person\n',
            (
                "entities.csv, line 3: a quotation mark is never closed, so the lines after it were read as "
                "one cell. Close the quote or remove it."
            ),
        ),
        (
            "name,type\nJane Roe,Person,extra\n",
            (
                "entities.csv, line 2: 3 cells but the header names 2 columns. "
                "Quote cells that contain commas."
            ),
        ),
        (
            "name,same_as\nJane Roe,example.org/jr\n",
            "entities.csv, line 2: same_as 'example.org/jr' is not an http(s) IRI.",
        ),
        (
            "name,aliases\nJane Roe,J. Roe\nJ. Roe,\n",
            (
                "entities.csv, line 3: 'J. Roe' is already curated on line 2. "
                "Give each name one line; list other names as aliases."
            ),
        ),
        (
            "name,not_same_as\nJane Roe,jane roe\n",
            (
                "entities.csv, line 2: 'jane roe' is both a name of the entity and in not_same_as. "
                "Remove it from one of the two."
            ),
        ),
    ],
)
def test_malformed_file_names_the_line(text, message):
    with pytest.raises(CurationError) as e:
        parse_curation(text)
    assert str(e.value) == message


def test_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "entities.csv"
    path.write_bytes(b"name\n\xff\xfe\n")
    with pytest.raises(CurationError, match="not UTF-8 text"):
        read_curation(path)


def test_template_parses_back_and_leaves_out_shared_aliases():
    text = template_rows(
        [
            {"name": "Jane Roe", "type": "Person", "aliases": ("Roe", "J. Roe")},
            {"name": "Tom Roe", "type": "Person", "aliases": ("Roe",)},
        ]
    )
    rows = parse_curation(text).rows
    assert [(r.name, r.type, r.aliases) for r in rows] == [
        ("Jane Roe", "Person", ("J. Roe",)),
        ("Tom Roe", "Person", ()),
    ]


# ---------------------------------------------------------------- build and kg entities


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (root / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return root


def _entities(runner, store, *args):
    result = runner.invoke(main, ["entities", "--store", str(store), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return {e["name"]: e for e in json.loads(result.output)}


def test_entities_lists_type_aliases_mentions_and_articles(corpus, tmp_path):
    runner = CliRunner()
    store = tmp_path / "store"
    assert runner.invoke(main, ["build", str(corpus), "--store", str(store), "-j", "1", "-q"]).exit_code == 0
    found = _entities(runner, store)
    roe = found["Jane Roe"]
    assert (roe["type"], roe["aliases"], roe["mentions"], roe["articles"]) == (
        "Person",
        ["Roe"],
        3,
        ["a", "b"],
    )
    council = found["Northern Film Council"]
    assert (council["type"], council["aliases"], council["articles"]) == ("Organization", ["NFC"], ["a", "b"])
    assert set(_entities(runner, store, "--type", "Person")) == {"Jane Roe"}


def test_curation_file_changes_the_next_build(corpus, tmp_path):
    runner = CliRunner()
    store = tmp_path / "store"
    (corpus / "entities.csv").write_text(
        "name,type,aliases,same_as,not_same_as\n"
        "Jane Roe,,,https://example.org/jr,Roe\n"
        "Acme Films,ignore,,,\n"
        "Lisbon,Organization,,,\n",
        encoding="utf-8",
    )
    assert runner.invoke(main, ["build", str(corpus), "--store", str(store), "-j", "1", "-q"]).exit_code == 0
    found = _entities(runner, store)
    assert found["Jane Roe"]["aliases"] == []
    assert found["Roe"]["type"] == "Person"
    assert "Acme Films" not in found
    assert found["Lisbon"]["type"] == "Organization"


def test_curation_template_lists_every_entity(corpus, tmp_path):
    runner = CliRunner()
    store = tmp_path / "store"
    assert runner.invoke(main, ["build", str(corpus), "--store", str(store), "-j", "1", "-q"]).exit_code == 0
    result = runner.invoke(main, ["entities", "--store", str(store), "--curation-template"])
    assert result.exit_code == 0
    rows = {r.name: r for r in parse_curation(result.output).rows}
    assert set(rows) == set(_entities(runner, store))
    assert rows["Jane Roe"].type == "Person" and rows["Jane Roe"].aliases == ("Roe",)


def test_curation_file_beside_a_jsonl_corpus_is_read(tmp_path):
    root = tmp_path / "jsonl"
    root.mkdir()
    lines = [{"id": "a", "text": ARTICLE_A}, {"id": "b", "text": ARTICLE_B}]
    (root / "articles.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    (root / "entities.csv").write_text("name,type\nLisbon,Organization\n", encoding="utf-8")
    runner = CliRunner()
    store = tmp_path / "store"
    assert runner.invoke(main, ["build", str(root / "articles.jsonl"), "--store", str(store), "-j", "1", "-q"]
                         ).exit_code == 0
    assert _entities(runner, store)["Lisbon"]["type"] == "Organization"


def test_malformed_curation_file_stops_the_build_with_its_line(corpus, tmp_path):
    (corpus / "entities.csv").write_text("name,type\nJane Roe,Human\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(corpus), "--store", str(tmp_path / "store"), "-q"])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {corpus / 'entities.csv'}, line 2: unknown type 'Human'. Use one of Person, "
        "Organization, CreativeWork, Event, Place, ignore, or leave it empty.\n"
    )


def test_entities_without_a_graph_says_how_to_build_one(tmp_path):
    result = CliRunner().invoke(main, ["entities", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: Store {tmp_path / 'none'} does not exist. "
        f"Run `kg build CORPUS --store {tmp_path / 'none'}` first.\n"
    )
