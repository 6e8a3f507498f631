"""Store generations: a build killed at any moment leaves the previous graph queryable."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

from click.testing import CliRunner

from kg.cli import main

from .conftest import CORPUS


def test_build_killed_while_writing_leaves_previous_graph_queryable(tmp_path, seed_store):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    live = os.readlink(store / "current")
    # Another base IRI forces a full rewrite; kill -9 the build as soon as its new generation appears.
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(CORPUS), "--store", str(store), "--jobs", "1",
         "--base", "https://example.org/killed/"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if len([p for p in store.glob("graph-*") if p.is_dir()]) > 1:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    assert os.readlink(store / "current") == live
    result = CliRunner().invoke(main, ["query", "ASK { ?s a nkg:Statement }", "--store", str(store)])
    assert result.output == "true\n"
    assert "example.org/killed" not in CliRunner().invoke(
        main, ["export", "--store", str(store), "--format", "nquads"]).output


def test_a_generation_damaged_on_disk_is_one_line_and_the_next_build_repairs_it(tmp_path, nlp):
    from click.testing import CliRunner

    from kg.cli import main

    from .conftest import write_corpus

    corpus = write_corpus(tmp_path / "corpus", {"a": "Jane Roe said the new bridge would open next spring.\n"})
    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(corpus), "--store", str(store), "--jobs", "1"]).exit_code == 0
    live = (store / "current").resolve()
    for f in live.iterdir():
        if f.is_file():
            f.write_bytes(b"garbage")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    damaged = runner.invoke(main, ["query", count, "--store", str(store)])
    assert damaged.exit_code == 2
    assert damaged.output.startswith(f"Error: Cannot open store {store}: ")
    assert damaged.output.endswith(f". Rebuild it with `kg build --store {store}`.\n")
    # the corpus has not changed, but the graph does not open: the build makes it again
    rebuilt = runner.invoke(main, ["build", str(corpus), "--store", str(store), "--jobs", "1"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert (store / "current").resolve() != live
    result = runner.invoke(main, ["query", count, "--store", str(store), "--format", "csv"])
    assert result.exit_code == 0 and int(result.output.split()[1]) > 100


def test_a_build_that_cannot_write_its_files_is_one_line_and_the_previous_graph_stays(tmp_path, nlp):
    import resource

    from kg.store import open_read

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    store = tmp_path / "store"
    kg = [sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store), "--jobs", "1"]
    subprocess.run(kg, check=True, capture_output=True)
    live = (store / "current").resolve()
    with open(corpus / "000_44c78b574140b3a7.txt", "a", encoding="utf-8") as f:
        f.write('\n"We will appeal," said Jane Roe, a lawyer.\n')

    def small_disk():  # every file the build writes may grow to 30 kB: as when the disk fills up
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (30_000, 30_000))

    full = subprocess.run(kg, capture_output=True, text=True, preexec_fn=small_disk, check=False)
    assert full.returncode == 2, full.stderr
    assert full.stderr.startswith("Error: ") and full.stderr.count("\n") == 1, full.stderr
    assert str(store) in full.stderr
    assert (store / "current").resolve() == live  # the previous graph, untouched and readable
    assert open_read(store).query("ASK { ?s a <https://w3id.org/newskg/ns#Statement> }",
                                  use_default_graph_as_union=True)
    again = subprocess.run(kg, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert (store / "current").resolve() != live


def test_a_graph_digest_tells_apart_what_a_graph_holds():
    from kg.store import digest

    s, p, g = b"<https://example.org/s>", b"<https://example.org/p>", b"<https://example.org/g>"
    one = [s + b" " + p + b' "1"^^<http://www.w3.org/2001/XMLSchema#integer> ' + g + b" .",
           s + b" " + p + b' "x"@en ' + g + b" ."]
    assert digest(one) == digest(list(one))
    assert len({digest(one), digest(one[::-1]), digest(one[:1]),
                digest([s + b" " + p + b' "1" ' + g + b" .", one[1]]),  # a plain string, not an integer
                digest([s + b" " + p + b" <1> " + g + b" .", one[1]]),  # an IRI of the same text
                digest([one[0], s + b" " + p + b' "x"@de ' + g + b" ."]),
                digest([b"".join(one)])}) == 7  # the line break counts


def test_a_build_leaves_two_generations_each_with_its_manifest_and_snapshot(tmp_path, seed_store):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    for base in ("https://example.org/one/", "https://example.org/two/"):  # another base: a new generation
        result = CliRunner().invoke(main, ["build", str(CORPUS), "--store", str(store), "--base", base, "-q"])
        assert result.exit_code == 0, result.output
    # the live generation and the one before it (a reader may still have it open); the first is gone
    assert sorted(p.name for p in store.glob("graph-*")) == [
        "graph-2", "graph-2.json", "graph-2.nq", "graph-3", "graph-3.json", "graph-3.nq"]
    assert os.readlink(store / "current") == "graph-3"
