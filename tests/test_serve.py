"""kg serve: a read-only SPARQL 1.1 endpoint (Oxigraph behind kg's proxy) queried as users do."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, POST, TURTLE, SPARQLWrapper

from kg import sparql
from kg.cli import main
from kg.serve import Bind, ServeError, parse_bind
from kg.store import open_read, snapshot_path, swap_in

from .processes import KG, stop

READY_SECONDS = 60  # generous: the machine is shared; nothing waits this long when all is well
TIME_LIMIT = "1"
PERSON_NAMES = "SELECT ?name WHERE { ?person a schema:Person ; schema:name ?name }"  # prefixes left out
CUT_OFF = (f"Query cut off: it ran past the time limit of {TIME_LIMIT} s. Narrow it (a LIMIT, more specific "
           "patterns) or restart kg serve with a larger --timeout.\n")
READ_ONLY = "kg serve is read-only: updates are refused. Change the graph with `kg build`.\n"


def _free_port() -> int:
    from kg.serve import free_port

    return free_port()


def _start(store: Path, port: int, *more: str) -> subprocess.Popen:
    command = [*KG, "serve", "--store", str(store), "--bind", f"127.0.0.1:{port}", "--timeout", TIME_LIMIT, "-q",
               *more]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"kg serve exited at start: {process.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.1)
    _stop(process)
    raise AssertionError(f"kg serve did not answer on {url} within {READY_SECONDS} s")


def _stop(process: subprocess.Popen) -> int:
    return stop(process)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


@pytest.fixture(scope="module")
def endpoint(seed_store):
    """kg serve over the seed store on a free loopback port: its base URL."""
    port = _free_port()
    process = _start(seed_store, port)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def local(seed_store):
    """The same store opened in-process, to compute expected answers."""
    return open_read(seed_store)


def _get(url: str, query: str, accept: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(f"{url}query?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=READY_SECONDS) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers["Content-Type"], e.read()


def test_select_as_json_through_sparqlwrapper_matches_the_local_query(endpoint, local):
    client = SPARQLWrapper(f"{endpoint}query")
    client.setQuery(PERSON_NAMES)
    client.setReturnFormat(JSON)
    served = client.query().convert()
    names = sorted(b["name"]["value"] for b in served["results"]["bindings"])
    expected = sorted(row[0].value for row in sparql.run(local, PERSON_NAMES).rows)
    assert served["head"]["vars"] == ["name"]
    assert names == expected
    assert names  # the seed graph has people: an empty answer would pass for the wrong reason


def test_select_as_csv_through_sparqlwrapper_matches_the_local_query(endpoint, local):
    client = SPARQLWrapper(f"{endpoint}query")
    client.setQuery(PERSON_NAMES)
    client.setReturnFormat(CSV)
    client.setMethod(POST)
    rows = list(csv.reader(io.StringIO(client.query().convert().decode("utf-8"))))
    expected = sorted(row[0].value for row in sparql.run(local, PERSON_NAMES).rows)
    assert rows[0] == ["name"]
    assert sorted(r[0] for r in rows[1:]) == expected


def test_construct_as_turtle_through_sparqlwrapper_matches_the_local_query(endpoint, local):
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a nkg:Statement ; ?p ?o }"
    client = SPARQLWrapper(f"{endpoint}query")
    client.setQuery(query)
    client.setReturnFormat(TURTLE)
    served = Graph().parse(data=client.query().convert(), format="turtle")
    triples = sparql.run(local, query)
    expected = Graph().parse(data=ox.serialize([ox.Triple(*t) for t in triples], format=ox.RdfFormat.N_TRIPLES),
                             format="nt")
    assert len(served) > 0
    assert isomorphic(served, expected)


@pytest.mark.parametrize(
    ("query", "accept", "content_type"),
    [
        (PERSON_NAMES, "application/sparql-results+json", "application/sparql-results+json"),
        (PERSON_NAMES, "application/sparql-results+xml", "application/sparql-results+xml"),
        (PERSON_NAMES, "text/csv", "text/csv; charset=utf-8"),
        (PERSON_NAMES, "text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("CONSTRUCT WHERE { ?s a schema:Person }", "text/turtle", "text/turtle"),
        ("CONSTRUCT WHERE { ?s a schema:Person }", "application/n-triples", "application/n-triples"),
        ("DESCRIBE ?s WHERE { ?s a schema:Person }", "application/ld+json", "application/ld+json"),
    ],
)
def test_results_format_follows_the_accept_header(endpoint, query, accept, content_type):
    status, served_type, body = _get(endpoint, query, accept)
    assert (status, served_type) == (200, content_type)
    assert body


def test_default_graph_is_the_union_of_the_named_graphs(endpoint, local):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    status, _, body = _get(endpoint, query, "application/sparql-results+json")
    served = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert status == 200
    assert served == len(list(local.quads_for_pattern(None, None, None, None)))


def test_update_through_sparqlwrapper_is_refused_with_403(endpoint):
    client = SPARQLWrapper(f"{endpoint}query", updateEndpoint=f"{endpoint}update")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <urn:test:s> <urn:test:p> <urn:test:o> }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    assert refused.value.read().decode() == READ_ONLY
    _, _, body = _get(endpoint, "ASK { <urn:test:s> ?p ?o }", "application/sparql-results+json")
    assert json.loads(body)["boolean"] is False


@pytest.mark.parametrize(
    ("method", "path", "content_type", "body"),
    [
        ("POST", "query", "application/sparql-update", b"INSERT DATA { <urn:test:s> <urn:test:p> 1 }"),
        ("POST", "sparql", "application/x-www-form-urlencoded", b"update=CLEAR+ALL"),
        ("POST", "update", "application/sparql-update", b"CLEAR ALL"),
        ("PUT", "store?default", "text/turtle", b"<urn:test:s> <urn:test:p> 1 ."),
        ("DELETE", "store?default", None, None),
    ],
)
def test_every_kind_of_write_is_refused_with_403(endpoint, method, path, content_type, body):
    headers = {"Content-Type": content_type} if content_type else {}
    request = urllib.request.Request(f"{endpoint}{path}", data=body, method=method, headers=headers)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=READY_SECONDS)
    assert refused.value.code == 403
    assert refused.value.read().decode() == READ_ONLY


@pytest.mark.parametrize(
    "query",
    [
        # Oxigraph cancels this one itself (and would answer "200 OK" with a broken body).
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        # Oxigraph never cancels this one: the proxy's own deadline cuts it off.
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    ],
)
def test_query_past_the_time_limit_is_cut_off_with_a_clear_error(endpoint, query):
    client = SPARQLWrapper(f"{endpoint}query")
    client.setQuery(query)
    client.setReturnFormat(JSON)
    with pytest.raises(urllib.error.HTTPError) as cut:
        client.query()
    assert cut.value.code == 503
    assert cut.value.read().decode() == CUT_OFF
    # ... and the endpoint still answers afterwards.
    assert _get(endpoint, "ASK { ?s a nkg:Statement }", "application/sparql-results+json")[0] == 200


def test_query_error_from_oxigraph_is_passed_on_as_400(endpoint):
    status, _, body = _get(endpoint, "SELECT WHERE {", "application/sparql-results+json")
    assert status == 400
    assert body


def test_query_error_positions_count_in_the_users_text(endpoint):
    # line 2 of the user's text ("?x ?y }" lacks an object); kg's prefix lines are not counted
    status, _, body = _get(endpoint, "SELECT ?x WHERE {\n  ?x ?y }", "application/sparql-results+json")
    assert status == 400
    assert "error at 2:10" in (body.decode() if isinstance(body, bytes) else body)


def test_query_page_is_served_without_network(endpoint):
    with urllib.request.urlopen(endpoint, timeout=READY_SECONDS) as response:
        page = response.read().decode()
    assert "new Yasgui(" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # scripts and styles are local


def test_viewer_page_is_served_beside_the_endpoint(endpoint):
    with urllib.request.urlopen(f"{endpoint}view", timeout=600) as response:
        content_type, page = response.headers["Content-Type"], response.read().decode()
    assert content_type == "text/html; charset=utf-8"
    assert page.lstrip().lower().startswith(("<!doctype html", "<html"))


@pytest.mark.parametrize("where", [[], ["--on-disk"]])
def test_a_new_build_is_served_without_restart_and_ctrl_c_stops_oxigraph(seed_store, tmp_path, where):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    port = _free_port()
    process = _start(store, port, *where)
    url = f"http://127.0.0.1:{port}/"
    ask = "ASK { <urn:test:new> ?p ?o }"
    try:
        assert json.loads(_get(url, ask, "application/sparql-results+json")[2])["boolean"] is False
        # A build lands: a new generation with one more quad is swapped in.
        generation = store / "graph-99"
        shutil.copytree(store / "current", generation)
        writable = ox.Store(str(generation))
        writable.add(ox.Quad(ox.NamedNode("urn:test:new"), ox.NamedNode("urn:test:p"), ox.Literal("x"),
                             ox.NamedNode("urn:test:g")))
        writable.flush()
        del writable
        # and its snapshot, which the in-memory backend loads, as a build writes both
        snapshot = snapshot_path((store / "current").resolve()).read_bytes() + b'<urn:test:new> <urn:test:p> "x" <urn:test:g> .\n'
        snapshot_path(generation).write_bytes(snapshot)
        swap_in(store, generation)
        deadline = time.monotonic() + READY_SECONDS
        while not json.loads(_get(url, ask, "application/sparql-results+json")[2])["boolean"]:
            assert time.monotonic() < deadline, "the new generation was not picked up"
            time.sleep(0.2)
        oxigraphs = _children(process.pid)
        assert len(oxigraphs) >= 1
    finally:
        assert _stop(process) == 0
    for pid in oxigraphs:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1:7878", Bind("127.0.0.1", 7878)),
        ("localhost:80", Bind("localhost", 80)),
        ("[::1]:9000", Bind("::1", 9000)),
        ("0.0.0.0:7878", Bind("0.0.0.0", 7878)),
    ],
)
def test_bind_is_parsed_as_host_and_port(text, expected):
    assert parse_bind(text) == expected


@pytest.mark.parametrize("text", ["7878", "127.0.0.1", "127.0.0.1:http", ":7878", "127.0.0.1:70000"])
def test_bad_bind_names_the_expected_form(text):
    with pytest.raises(ServeError, match=r"expected HOST:PORT, for example 127\.0\.0\.1:7878\.$"):
        parse_bind(text)


@pytest.mark.parametrize(("bind", "loopback"), [("127.0.0.1:1", True), ("[::1]:1", True), ("0.0.0.0:1", False)])
def test_only_loopback_binds_count_as_private(bind, loopback):
    assert parse_bind(bind).loopback is loopback


def test_serve_without_a_store_says_how_to_build_one(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.output == (f"Error: Store {tmp_path / 'none'} does not exist. "
                             f"Run `kg build CORPUS --store {tmp_path / 'none'}` first.\n")


def test_a_snapshot_oxigraph_cannot_read_stops_serve_with_a_clear_error(seed_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    snapshot = snapshot_path((store / "current").resolve())
    snapshot.write_bytes(snapshot.read_bytes() + b"<urn:broken> this is no N-Quads line\n")
    result = CliRunner().invoke(main, ["serve", "--store", str(store), "--bind", f"127.0.0.1:{_free_port()}"])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: The Oxigraph server refused {snapshot} (400 ")
    assert result.output.endswith("Rebuild the store with `kg build`, or serve it with --on-disk.\n")
    # the files themselves are still served
    port = _free_port()
    process = _start(store, port, "--on-disk")
    try:
        status, _, body = _get(f"http://127.0.0.1:{port}/", "ASK { ?s a nkg:Statement }", "application/sparql-results+json")
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        _stop(process)


def test_serve_on_a_port_in_use_says_to_choose_another(seed_store):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--store", str(seed_store), "--bind", f"127.0.0.1:{port}"])
    assert result.exit_code == 2
    assert result.output == (f"Error: Cannot listen on 127.0.0.1:{port}: Address already in use. "
                             "Choose another --bind port.\n")


def test_a_query_nested_too_deep_is_refused_before_the_engine_and_the_endpoint_stays_up(endpoint):
    deep = "ASK { FILTER(" + "(" * 6000 + "1" + ")" * 6000 + ") }"
    status, _, body = _get(endpoint, deep, "application/sparql-results+json")
    assert (status, body.decode()) == (400, "The query nests brackets 6002 deep; kg serve allows 200. Simplify it.\n")
    assert _get(endpoint, "ASK { ?s a nkg:Statement }", "application/sparql-results+json")[0] == 200


def test_service_clauses_are_refused_unless_allowed(endpoint):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    status, _, body = _get(endpoint, query, "application/sparql-results+json")
    assert (status, body.decode()) == (400, (
        "Federated queries (SERVICE) are off: they would make this server fetch from other addresses. "
        "Query this graph alone, or restart kg serve with --allow-service.\n"))
    # the word inside a string or an IRI is no SERVICE clause
    status, _, _ = _get(endpoint, 'SELECT * WHERE { ?s ?p "SERVICE" }', "application/sparql-results+json")
    assert status == 200


def test_fifty_clients_at_once_are_all_answered(endpoint, local):
    from concurrent.futures import ThreadPoolExecutor

    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a nkg:Statement }"
    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(lambda _: _get(endpoint, query, "text/csv"), range(50)))
    expected = str(sparql.run(local, query).rows[0][0].value)
    assert [(status, body.decode().split()[-1]) for status, _, body in answers] == [(200, expected)] * 50


def test_a_backend_that_dies_is_replaced(seed_store):
    port = _free_port()
    process = _start(seed_store, port)
    url = f"http://127.0.0.1:{port}/"
    try:
        (oxigraph,) = _children(process.pid)
        import os

        os.kill(oxigraph, signal.SIGKILL)
        time.sleep(0.2)
        statuses = []
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            statuses.append(_get(url, "ASK { ?s a nkg:Statement }", "application/sparql-results+json")[0])
            if statuses[-1] == 200:
                break
            time.sleep(0.2)
        assert statuses[-1] == 200 and set(statuses[:-1]) <= {503}, statuses
        assert oxigraph not in _children(process.pid)
    finally:
        _stop(process)


def test_allow_service_hands_service_clauses_to_oxigraph(seed_store):
    port = _free_port()
    process = _start(seed_store, port, "--allow-service")
    try:
        # a closed port on this machine: whatever Oxigraph answers, the proxy no longer refuses it
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{_free_port()}/sparql> {{ ?s ?p ?o }} }}"
        status, _, body = _get(f"http://127.0.0.1:{port}/", query, "application/sparql-results+json")
        assert "Federated queries (SERVICE) are off" not in body.decode("utf-8", "replace"), (status, body)
    finally:
        _stop(process)
