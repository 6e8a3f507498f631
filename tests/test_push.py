"""kg push: the graph uploaded to a real Oxigraph server, one named graph per article."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import build
from kg.push import PushError, push
from kg.serve import free_port, oxigraph_binary
from kg.store import open_read

from .conftest import write_corpus

READY_SECONDS = 60  # generous readiness polling on a shared machine
BASE = "https://w3id.org/newskg/id/"
# Short articles written for these tests.
ARTICLES = {
    "river": 'The river flooded the lower town on Tuesday. "The water rose faster than we expected," said '
             "Tom Becker, a firefighter.\n",
    "school": 'The school board approved a new timetable on Monday. "Classes will start later," the principal, '
              "Ana Reyes, told reporters.\n",
    "council": 'The city council met on Wednesday. "We will open the new library in May," said Mayor Lena Ortiz.\n',
}
ADDED = ' "We need more pumps," Becker added.\n'
ALL_GRAPHS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def _stop(process: subprocess.Popen) -> None:
    """Ask a server started by a test to stop; kill it if it lingers."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def oxigraph(tmp_path):
    """A real read-write Oxigraph server on a free loopback port: (store URL, query URL)."""
    port = free_port()
    command = [oxigraph_binary(), "serve", "--location", str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + READY_SECONDS
        while True:
            assert process.poll() is None, process.stderr.read().decode()
            try:
                urllib.request.urlopen(f"{base}/", timeout=5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "Oxigraph did not start"
                time.sleep(0.1)
        yield f"{base}/store", f"{base}/query"
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory, nlp):
    """A store built from ARTICLES (read it, or copy it before building into it)."""
    root = tmp_path_factory.mktemp("push")
    build(write_corpus(root / "corpus", ARTICLES), root / "store", jobs=1)
    return root


def _remote_graphs(query_url: str) -> dict[str, set[tuple[str, str, str]]]:
    """Every graph the remote store holds, by graph IRI, as sets of (s, p, o) N-Triples terms."""
    request = urllib.request.Request(f"{query_url}?{urllib.parse.urlencode({'query': ALL_GRAPHS})}",
                                      headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=READY_SECONDS) as response:
        bindings = json.load(response)["results"]["bindings"]
    out: dict[str, set] = {}
    for b in bindings:
        out.setdefault(b["g"]["value"], set()).add(tuple(_term(b[v]) for v in "spo"))
    return out


def _term(binding: dict) -> str:
    if binding["type"] == "uri":
        return str(ox.NamedNode(binding["value"]))
    return str(ox.Literal(binding["value"], datatype=ox.NamedNode(binding["datatype"]))
               if "datatype" in binding else ox.Literal(binding["value"]))


def _local_graphs(store_root: Path) -> dict[str, set[tuple[str, str, str]]]:
    out: dict[str, set] = {}
    for q in open_read(store_root).quads_for_pattern(None, None, None, None):
        out.setdefault(q.graph_name.value, set()).add((str(q.subject), str(q.predicate), str(q.object)))
    return out


def test_push_uploads_every_named_graph_of_the_store(small_store, oxigraph):
    store_url, query_url = oxigraph
    store = small_store / "store"
    report = push(store, store_url)
    local = _local_graphs(store)
    assert sorted(report.pushed) == sorted(local)
    assert {f"{BASE}graph/article/{name}" for name in ARTICLES} | {f"{BASE}graph/entities", f"{BASE}graph/run",
                                                                  f"{BASE}graph/ontology"} == set(local)
    assert _remote_graphs(query_url) == local


def test_repushing_one_changed_article_replaces_only_its_graph(small_store, oxigraph, tmp_path):
    store_url, query_url = oxigraph
    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(small_store / "store"), str(store)], check=True)
    push(store, store_url)
    before = _remote_graphs(query_url)

    corpus = write_corpus(tmp_path / "corpus", {**ARTICLES, "river": ARTICLES["river"] + ADDED})
    build(corpus, store, jobs=1)
    report = push(store, store_url, changed_only=True)
    after = _remote_graphs(query_url)

    changed = f"{BASE}graph/article/river"
    articles = {g for g in after if "/graph/article/" in g}
    assert {g for g in articles if after[g] != before[g]} == {changed}
    assert changed in report.pushed
    assert set(report.pushed) <= {changed, f"{BASE}graph/entities", f"{BASE}graph/run"}
    assert set(report.unchanged) == articles - {changed} | {f"{BASE}graph/ontology"}
    assert after == _local_graphs(store)  # the remote store now holds exactly the new graph


def test_repush_after_an_article_changed_leaves_the_endpoint_equal_to_the_store(small_store, oxigraph, tmp_path):
    store_url, query_url = oxigraph
    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(small_store / "store"), str(store)], check=True)
    push(store, store_url)
    corpus = write_corpus(tmp_path / "corpus", {**ARTICLES, "river": ARTICLES["river"] + ADDED})
    build(corpus, store, jobs=1)
    report = push(store, store_url, changed_only=True)
    assert f"{BASE}graph/article/river" in report.pushed
    assert _remote_graphs(query_url) == _local_graphs(store)


def test_push_deletes_the_graph_of_an_article_removed_since_the_last_push(small_store, oxigraph, tmp_path):
    store_url, query_url = oxigraph
    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(small_store / "store"), str(store)], check=True)
    push(store, store_url)
    corpus = write_corpus(tmp_path / "corpus", {k: v for k, v in ARTICLES.items() if k != "school"})
    build(corpus, store, jobs=1)
    report = push(store, store_url, changed_only=True)
    assert report.deleted == [f"{BASE}graph/article/school"]
    assert _remote_graphs(query_url) == _local_graphs(store)


def test_push_records_a_hash_of_each_graph_it_sent(small_store, oxigraph, tmp_path):
    store_url, _ = oxigraph
    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(small_store / "store"), str(store)], check=True)
    push(store, store_url)
    record = json.loads((store / "push.json").read_text())[store_url]
    triples = _local_graphs(store)[f"{BASE}graph/article/council"]
    body = "".join(sorted(f"{s} {p} {o} .\n" for s, p, o in triples)).encode()
    assert record[f"{BASE}graph/article/council"] == hashlib.sha256(body).hexdigest()
    assert push(store, store_url, changed_only=True).pushed == []


@pytest.mark.parametrize("record", ['[1, 2]', '{"http://h/store": 5}', '{"http://h/store": {"g": 1}}'])
def test_a_push_record_of_the_wrong_shape_is_one_line_saying_what_to_do(small_store, tmp_path, record):
    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(small_store / "store"), str(store)], check=True)
    (store / "push.json").write_text(record, encoding="utf-8")
    with pytest.raises(PushError) as error:
        push(store, f"http://127.0.0.1:{free_port()}/store")
    assert str(error.value) == (f"{store}/push.json: not a record of earlier pushes (an object of endpoints, each "
                                "an object of graph IRIs and hashes). Delete it and push again (without --changed).")


def test_push_to_a_closed_port_says_it_cannot_reach_the_endpoint(small_store):
    url = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PushError) as error:
        push(small_store / "store", url)
    assert str(error.value) == f"Cannot reach {url}: connection refused. Start the triple store, or correct --endpoint."


def test_push_to_a_query_endpoint_explains_which_url_to_give(small_store, oxigraph):
    _, query_url = oxigraph
    result = CliRunner().invoke(main, ["push", "--store", str(small_store / "store"), "--endpoint", query_url])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {query_url} refused PUT of graph <{BASE}graph/article/council> "
                                    "(HTTP 404 Not Found: PUT /query is not supported by this server): this is "
                                    "not a Graph Store Protocol endpoint that accepts uploads. Give the store's "
                                    "Graph Store Protocol URL: Oxigraph http://HOST:7878/store,")


@pytest.mark.parametrize("endpoint", ["localhost:7878/store", "ftp://127.0.0.1/store", "http:///store"])
def test_push_to_a_non_http_endpoint_is_refused_before_any_request(small_store, endpoint):
    with pytest.raises(PushError, match=r"^--endpoint .* is not an http:// or https:// URL\. Give the store's"):
        push(small_store / "store", endpoint)


class _Guarded(BaseHTTPRequestHandler):
    """A Graph Store stand-in that accepts PUT only with the expected Authorization header."""

    expected = ""
    seen: ClassVar[list[str]] = []
    paths: ClassVar[list[str]] = []

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.seen.append(self.headers.get("Authorization") or "")
        self.paths.append(self.path)
        ok = (self.headers.get("Authorization") or "") == self.expected
        self.send_response(204 if ok else 401)
        if not ok:
            self.send_header("WWW-Authenticate", 'Basic realm="test"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def guarded():
    """A loopback server checking credentials: (url, handler class)."""
    handler = type("Guarded", (_Guarded,), {"seen": [], "paths": []})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/store", handler
    finally:
        server.shutdown()
        server.server_close()


def test_push_with_user_asks_for_the_password_and_sends_basic_auth(small_store, guarded, monkeypatch):
    url, handler = guarded
    handler.expected = "Basic " + base64.b64encode(b"editor:s3cret").decode()
    monkeypatch.delenv("KG_PUSH_PASSWORD", raising=False)
    result = CliRunner().invoke(main, ["push", "--store", str(small_store / "store"), "--endpoint", url,
                                       "--user", "editor"], input="s3cret\n")
    assert result.exit_code == 0, result.output
    assert set(handler.seen) == {handler.expected}
    assert len(handler.seen) == 6  # 3 articles, entities, run, ontology


def test_push_sends_the_token_from_the_environment_as_bearer(small_store, guarded, monkeypatch):
    url, handler = guarded
    handler.expected = "Bearer t0ken"
    monkeypatch.setenv("KG_PUSH_TOKEN", "t0ken")
    result = CliRunner().invoke(main, ["push", "--store", str(small_store / "store"), "--endpoint", url, "-q"])
    assert (result.exit_code, result.output) == (0, "")
    assert set(handler.seen) == {"Bearer t0ken"}


def test_push_with_a_wrong_password_says_how_to_give_credentials(small_store, guarded, monkeypatch):
    url, handler = guarded
    handler.expected = "Basic " + base64.b64encode(b"editor:right").decode()
    monkeypatch.setenv("KG_PUSH_PASSWORD", "wrong")
    result = CliRunner().invoke(main, ["push", "--store", str(small_store / "store"), "--endpoint", url,
                                       "--user", "editor"])
    assert result.exit_code == 2
    assert result.output == (f"Error: {url} refused PUT of graph <{BASE}graph/article/council> (HTTP 401 "
                             "Unauthorized). Give --user (you are asked for the password, or set $KG_PUSH_PASSWORD) "
                             "or a token in $KG_PUSH_TOKEN.\n")


def test_push_names_the_graph_with_the_parameter_the_store_wants(small_store, guarded):
    url, handler = guarded
    push(small_store / "store", url, graph_param="graph-uri")
    council = urllib.parse.quote(f"{BASE}graph/article/council", safe="")
    assert f"/store?graph-uri={council}" in handler.paths
    assert len(handler.paths) == 6


def test_a_failed_push_leaves_no_empty_record_of_its_endpoint(small_store, tmp_path):
    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(small_store / "store"), str(store)], check=True)
    (store / "push.json").unlink(missing_ok=True)
    with pytest.raises(PushError):
        push(store, f"http://127.0.0.1:{free_port()}/store")
    assert not (store / "push.json").exists()


def test_read_only_stores_are_one_line_for_push_and_analyze(small_store, tmp_path):
    import os
    import sys

    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(small_store / "store"), str(store)], check=True)
    (store / "push.json").unlink(missing_ok=True)
    subprocess.run(["chmod", "-R", "a-w", str(store)], check=True)
    # root writes whatever the mode: run as root without the capabilities that allow it
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
            "--inh-caps=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    kg = [*drop, sys.executable, "-m", "kg"]
    try:
        pushed = subprocess.run([*kg, "push", "--store", str(store), "--endpoint",
                                 f"http://127.0.0.1:{free_port()}/store"], capture_output=True, text=True, check=False)
        assert (pushed.returncode, pushed.stderr) == (2, (
            f"Error: Store {store} is not writable, so kg could not record what it pushes (push.json). "
            "Make the store writable, or push from a copy of it.\n"))
        analyzed = subprocess.run([*kg, "analyze", "--store", str(store)], capture_output=True, text=True,
                                  check=False)
        assert (analyzed.returncode, analyzed.stderr) == (2, (
            f"Error: Cannot write to store {store} (Permission denied). Make it writable, or give another "
            "--store.\n"))
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(store)], check=True)


# --------------------------------------------------------------------------- a real Virtuoso 7

VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """Debian's Virtuoso 7 on loopback with a database of its own (user dba, password dba):
    its authenticated Graph Store endpoint and its SPARQL endpoint."""
    import shutil as sh

    binary = sh.which("virtuoso-t")
    if binary is None:
        pytest.fail("No Virtuoso for the push test: install it (Debian/Ubuntu: apt-get install "
                    "virtuoso-opensource).", pytrace=False)
    folder = tmp_path_factory.mktemp("virtuoso")
    http = free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql=free_port(), http=http))
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, process_group=0)
    base = f"http://127.0.0.1:{http}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"Virtuoso did not start; see {folder / 'virtuoso.log'}") from None
                time.sleep(0.5)
        yield f"{base}/sparql-graph-crud-auth", f"{base}/sparql"
    finally:
        _stop(process)


def test_push_to_virtuoso_with_digest_authentication(small_store, virtuoso, tmp_path, monkeypatch):
    store_url, query_url = virtuoso
    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(small_store / "store"), str(store)], check=True)
    monkeypatch.setenv("KG_PUSH_PASSWORD", "dba")
    result = CliRunner().invoke(main, ["push", "--store", str(store), "--endpoint", store_url, "--user", "dba",
                                       "--graph-param", "graph-uri", "-q"])
    assert (result.exit_code, result.output) == (0, "")
    local = _local_graphs(store)
    query = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
             f'FILTER(STRSTARTS(STR(?g), "{BASE}graph/")) }} GROUP BY ?g')
    request = urllib.request.Request(f"{query_url}?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        rows = json.loads(response.read())["results"]["bindings"]
    assert {r["g"]["value"]: int(r["n"]["value"]) for r in rows} == {g: len(t) for g, t in local.items()}
    # a wrong password is refused, in one line, and the record keeps only what got through before
    monkeypatch.setenv("KG_PUSH_PASSWORD", "wrong")
    refused = CliRunner().invoke(main, ["push", "--store", str(store), "--endpoint", store_url, "--user", "dba",
                                        "--graph-param", "graph-uri"])
    assert refused.exit_code == 2
    assert refused.output.startswith(f"Error: {store_url} refused PUT of graph <") and "(HTTP 401" in refused.output


def test_the_servers_words_are_shown_with_control_characters_escaped(small_store):
    class Hostile(BaseHTTPRequestHandler):
        def do_PUT(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = b"bad\x1b[2J\x1b]0;owned\x07 request"
            self.send_response(500)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/store"
        with pytest.raises(PushError) as error:
            push(small_store / "store", url)
    finally:
        server.shutdown()
        server.server_close()
    assert "\x1b" not in str(error.value) and "\x07" not in str(error.value)
    assert "bad\\x1b[2J\\x1b]0;owned\\x07 request" in str(error.value)
