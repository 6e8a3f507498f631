"""`kg push`: upload the graph to any SPARQL 1.1 Graph Store HTTP Protocol endpoint.

Every named graph of the store (one per article, plus the entities, run and analytics graphs) is
sent with its own `PUT ENDPOINT?graph=IRI`, which replaces that graph and nothing else: re-pushing
an article replaces only its statements. The bodies are sorted N-Triples labelled text/turtle
(N-Triples is a subset of Turtle, the one format every Graph Store implementation accepts).

A record of the last push to each endpoint (<store>/push.json: graph IRI -> SHA-256 of its
sorted N-Triples) lets `--changed` send only the graphs that differ, and lets every push delete
the graphs of articles removed from the corpus since the last push to that endpoint.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from .errors import KgError, StoreError
from .store import check_writable, open_read

RECORD = "push.json"
CONTENT_TYPE = "text/turtle; charset=utf-8"
TIMEOUT = 120.0  # seconds per request: a large article graph on a busy store can take a while
ENDPOINT_HINT = ("Give the store's Graph Store Protocol URL: Oxigraph http://HOST:7878/store, "
                 "Fuseki http://HOST:3030/DATASET/data, GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/"
                 "service, Virtuoso http://HOST:8890/sparql-graph-crud-auth with --graph-param graph-uri")


class PushError(KgError):
    """The endpoint is unreachable, refuses the upload, or is not a Graph Store Protocol endpoint."""


@dataclass(frozen=True)
class Auth:
    """Credentials: a user and password (HTTP Basic or Digest, as the server asks) or a bearer token."""

    user: str | None = None
    password: str | None = None
    token: str | None = None


@dataclass
class PushReport:
    endpoint: str
    pushed: list[str] = field(default_factory=list)  # graph IRIs sent with PUT
    unchanged: list[str] = field(default_factory=list)  # skipped by --changed
    deleted: list[str] = field(default_factory=list)  # graphs of removed articles, deleted remotely
    seconds: float = 0.0


def push(
    store_root: Path,
    endpoint: str,
    *,
    auth: Auth | None = None,
    changed_only: bool = False,
    graph_param: str = "graph",
    on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> PushReport:
    """PUT every named graph of the store (or only those changed since the last push) to `endpoint`."""
    t0 = time.perf_counter()
    _check_endpoint(endpoint)
    store = open_read(store_root)
    record_path = store_root / RECORD
    try:
        check_writable(store_root)  # before sending anything: the record of the push must be kept
    except StoreError:
        raise PushError(f"Store {store_root} is not writable, so kg could not record what it pushes "
                        "(push.json). Make the store writable, or push from a copy of it.") from None
    records = _read_records(record_path)
    last = records.get(endpoint, {})
    sent = dict(last)  # what the endpoint holds after this push, as far as we know
    report = PushReport(endpoint)
    client = _Client(endpoint, auth or Auth(), graph_param)
    graphs = sorted(g.value for g in store.named_graphs())
    try:
        if on_start:
            on_start(len(graphs))
        for iri, body in _graph_bodies(store, graphs):
            digest = hashlib.sha256(body).hexdigest()
            if changed_only and last.get(iri) == digest:
                report.unchanged.append(iri)
            else:
                client.put(iri, body)
                sent[iri] = digest
                report.pushed.append(iri)
            if progress:
                progress(1)
        for iri in sorted(set(last) - set(graphs)):
            client.delete(iri)
            del sent[iri]
            report.deleted.append(iri)
    finally:
        # even a push cut short by an error records what got through; an endpoint that took nothing
        # leaves no entry
        if sent:
            records[endpoint] = sent
        else:
            records.pop(endpoint, None)
        if records or record_path.exists():
            _write_records(record_path, records)
    report.seconds = time.perf_counter() - t0
    return report


def _graph_bodies(store: ox.Store, graphs: list[str]) -> Iterator[tuple[str, bytes]]:
    """Each graph as sorted N-Triples (one graph in memory at a time)."""
    for iri in graphs:
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in store.quads_for_pattern(None, None, None, ox.NamedNode(iri))]
        lines = sorted(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).splitlines())
        yield iri, b"".join(line + b"\n" for line in lines if line)


class _Client:
    """Graph Store Protocol requests with the user's credentials and errors a user can act on."""

    def __init__(self, endpoint: str, auth: Auth, graph_param: str = "graph"):
        self.endpoint = endpoint
        self.graph_param = graph_param
        self.headers = {"User-Agent": "kg-push"}
        handlers: list[urllib.request.BaseHandler] = []
        self.answering: urllib.request.OpenerDirector | None = None
        if auth.user is not None:
            # Basic is sent up front (one request per graph, not two) ...
            prior = urllib.request.HTTPPasswordMgrWithPriorAuth()
            prior.add_password(None, endpoint, auth.user, auth.password or "", is_authenticated=True)
            handlers.append(urllib.request.HTTPBasicAuthHandler(prior))
            # ... and a server that refuses it (Virtuoso answers Basic with a bare 401) is asked for
            # its challenge, Digest or Basic, which this opener answers from then on.
            plain = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            plain.add_password(None, endpoint, auth.user, auth.password or "")
            self.answering = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(plain),
                                                         urllib.request.HTTPBasicAuthHandler(plain))
        elif auth.token:
            self.headers["Authorization"] = f"Bearer {auth.token}"
        self.opener = urllib.request.build_opener(*handlers)

    def put(self, graph: str, body: bytes) -> None:
        self._request("PUT", graph, body)

    def delete(self, graph: str) -> None:
        self._request("DELETE", graph, None, missing_ok=True)

    def _request(self, method: str, graph: str, body: bytes | None, missing_ok: bool = False) -> None:
        separator = "&" if urlsplit(self.endpoint).query else "?"
        url = f"{self.endpoint}{separator}{urlencode({self.graph_param: graph})}"
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = CONTENT_TYPE
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            try:
                with self.opener.open(request, timeout=TIMEOUT) as response:
                    response.read()
            except urllib.error.HTTPError as e:
                if e.code != 401 or self.answering is None or self.opener is self.answering:
                    raise
                e.close()
                self.opener = self.answering  # answer the server's own challenge from now on
                request = urllib.request.Request(url, data=body, method=method, headers=headers)
                with self.opener.open(request, timeout=TIMEOUT) as response:
                    response.read()
        except urllib.error.HTTPError as e:
            if missing_ok and e.code == 404:
                return
            raise self._refused(e, method, graph) from None
        except urllib.error.URLError as e:
            raise self._unreachable(e.reason) from None
        except OSError as e:  # a timeout or a reset while reading the answer
            raise self._unreachable(e) from None

    def _refused(self, e: urllib.error.HTTPError, method: str, graph: str) -> PushError:
        detail = " ".join(e.read(300).decode("utf-8", "replace").split())
        # the server's words reach a terminal: control characters (escape sequences) are shown, not run
        detail = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in detail)
        status = f"HTTP {e.code} {e.reason}" + (f": {detail}" if detail else "")
        where = f"{self.endpoint} refused {method} of graph <{graph}> ({status})"
        if e.code == 401:
            return PushError(f"{where}. Give --user (you are asked for the password, or set "
                             "$KG_PUSH_PASSWORD) or a token in $KG_PUSH_TOKEN.")
        if e.code == 403:
            return PushError(f"{where}. Check that the endpoint accepts writes and that your user may write.")
        if e.code in (404, 405, 415):
            return PushError(f"{where}: this is not a Graph Store Protocol endpoint that accepts uploads. "
                             f"{ENDPOINT_HINT}.")
        return PushError(f"{where}. Check the triple store's log.")

    def _unreachable(self, reason) -> PushError:
        if isinstance(reason, socket.gaierror):
            why = f"unknown host {urlsplit(self.endpoint).hostname!r}"
        elif isinstance(reason, ConnectionRefusedError):
            why = "connection refused"
        elif isinstance(reason, TimeoutError):
            why = f"no answer within {TIMEOUT:g} s"
        else:
            why = str(getattr(reason, "strerror", None) or reason)
        return PushError(f"Cannot reach {self.endpoint}: {why}. Start the triple store, or correct --endpoint.")


def _check_endpoint(endpoint: str) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(f"--endpoint {endpoint!r} is not an http:// or https:// URL. {ENDPOINT_HINT}.")


def _read_records(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise PushError(f"{path}: unreadable record of earlier pushes ({e}). Delete it and push again "
                        "(without --changed).") from None
    if not isinstance(data, dict) or not all(
            isinstance(graphs, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in graphs.items())
            for graphs in data.values()):
        raise PushError(f"{path}: not a record of earlier pushes (an object of endpoints, each an object of "
                        "graph IRIs and hashes). Delete it and push again (without --changed).")
    return data


def _write_records(path: Path, records: dict[str, dict[str, str]]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(json.dumps(records, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)
