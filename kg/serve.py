"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the store.

The SPARQL work is done by the real Oxigraph server (from the `oxigraph` package) on a private
loopback port, with the union of all named graphs as the default graph and its own query timeout.
By default it holds the generation in memory, loaded from the N-Quads snapshot the build keeps
beside it (a few seconds; queries then run two to three times faster than on the RocksDB files:
PolNeAR-train's `about` in tens of milliseconds); `--on-disk` serves the files themselves
(`oxigraph serve-read-only`), for a graph too big for memory. A thin proxy in front of it, on the
address the user chose, adds what the binary lacks:

- a query cut off by the time limit gets a clear 503 error. Oxigraph sends "200 OK" before it
  evaluates a query and, on timeout, appends "The SPARQL operation has been cancelled" to a
  half-written body that no client can parse; the proxy holds the response until it is complete.
- every kind of update is refused with 403 (Oxigraph answers 415 to an update posted to /query).
- kg's prefixes (nkg:, schema:, prov:, oa:, ...) are declared for queries that leave them out.
- /view serves the viewer page (`kg view`), built on first request for each generation.
- a new build is picked up on the next request: the proxy restarts Oxigraph on the new generation.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from .errors import KgError
from .sparql import MAX_NESTING, query_shape, user_positions, with_prefixes
from .store import current_generation, snapshot_path

DEFAULT_BIND = "127.0.0.1:7878"
DEFAULT_TIMEOUT = 30.0  # seconds a query may run
CANCELLED = b"The SPARQL operation has been cancelled"  # what Oxigraph appends on timeout
MAX_QUERY_BYTES = 10_000_000
READONLY_MESSAGE = "kg serve is read-only: updates are refused. Change the graph with `kg build`.\n"
QUERY_PATHS = ("/query", "/sparql")
GRACE = 2.0  # seconds past the time limit before the proxy gives up on Oxigraph's own timeout
MAX_RUNNING = 8  # queries sent to Oxigraph at once; the others wait their turn (2 cores answer them)
LISTEN_QUEUE = 256  # connections the kernel holds while the proxy accepts: bursts of clients queue
SERVICE_REFUSED = ("Federated queries (SERVICE) are off: they would make this server fetch from other "
                   "addresses. Query this graph alone, or restart kg serve with --allow-service.\n")
UPSTREAM_TIMEOUT = 60.0  # seconds for anything but a query (the query page, its scripts)
LOAD_TIMEOUT = 1800.0  # seconds to load a generation into an in-memory backend
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ServeError(KgError):
    """The endpoint cannot start: bad --bind, port in use, no Oxigraph binary, no store."""


@dataclass(frozen=True)
class Bind:
    host: str
    port: int

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def loopback(self) -> bool:
        return self.host in LOOPBACK or self.host.startswith("127.")


def parse_bind(text: str) -> Bind:
    """'HOST:PORT' or '[IPv6]:PORT' -> Bind; ServeError naming the expected form otherwise."""
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ServeError(f"--bind {text!r}: expected HOST:PORT, for example {DEFAULT_BIND}.")
    return Bind(host, int(port))


def oxigraph_binary() -> str:
    """The `oxigraph` server installed beside this Python (the `oxigraph` package), else on PATH."""
    scripts = sysconfig.get_path("scripts")
    found = shutil.which("oxigraph", path=os.pathsep.join([scripts, str(Path(sys.executable).parent),
                                                          os.environ.get("PATH", "")]))
    if not found:
        raise ServeError("The Oxigraph server is not installed: run `pip install oxigraph` (the same version "
                         "as pyoxigraph) in kg's environment.")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on `host` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class Backend:
    """One Oxigraph child process serving one store generation on loopback: from memory (`oxigraph
    serve` with no location, loaded with the generation's snapshot by `load`), or from the files
    (`oxigraph serve-read-only`) when `in_memory` is false or the generation has no snapshot."""

    def __init__(self, generation: Path, timeout: float, log: Path, in_memory: bool = True):
        self.generation = generation
        self.port = free_port()
        self.log = log
        self.stuck = False  # set when a query ran past the proxy's deadline: replace this backend
        snapshot = snapshot_path(generation)
        self.snapshot = snapshot if in_memory and snapshot.is_file() else None
        where = ["serve"] if self.snapshot else ["serve-read-only", "--location", str(generation)]
        command = [oxigraph_binary(), *where, "--bind", f"127.0.0.1:{self.port}", "--union-default-graph",
                   "--timeout-s", str(max(1, round(timeout)))]
        # Its own process group: Ctrl-C reaches kg serve only, which then stops the child in order.
        # preexec_fn runs in the main thread only (see Endpoint.refresh), where it is safe.
        with open(log, "ab") as out:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out,
                                            stderr=subprocess.STDOUT, process_group=0,
                                            preexec_fn=_die_with_parent)  # noqa: PLW1509

    def wait_ready(self, deadline: float = 60.0) -> None:
        """Return once the child answers HTTP; ServeError if it exits or stays silent."""
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise ServeError(f"The Oxigraph server stopped at start (exit {self.process.returncode}) on "
                                 f"{self.generation}; see {self.log}.")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise ServeError(f"The Oxigraph server did not answer within {deadline:.0f} s; see {self.log}.")

    def load(self) -> None:
        """Send the generation's quads to an in-memory child (nothing to do for one on disk). The
        proxy forwards no writes, so after this the child's data never changes."""
        if self.snapshot is None:
            return
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=LOAD_TIMEOUT)
        try:
            with open(self.snapshot, "rb") as body:
                conn.request("POST", "/store", body=body, headers={
                    "Content-Type": "application/n-quads", "Content-Length": str(self.snapshot.stat().st_size)})
                response = conn.getresponse()
                message = response.read().decode("utf-8", "replace").strip()
        except (OSError, http.client.HTTPException) as e:
            raise ServeError(f"Could not load {self.snapshot} into the Oxigraph server ({e}); see {self.log}.") from None
        finally:
            conn.close()
        if response.status not in (200, 201, 204):
            raise ServeError(f"The Oxigraph server refused {self.snapshot} ({response.status} {message[:200]}). "
                             "Rebuild the store with `kg build`, or serve it with --on-disk.")

    def stop(self) -> None:
        """Terminate the child and wait for it (kill it if it lingers)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the child gets SIGTERM when the thread that started it dies, even by SIGKILL.

    Backends are therefore started from the main thread only (never from a request thread).
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Endpoint:
    """The proxy's state: the store, the live backend (swapped when a build lands), the viewer pages."""

    def __init__(self, store_root: Path, timeout: float, workdir: Path, allow_service: bool = False,
                 in_memory: bool = True):
        self.store_root = store_root
        self.timeout = timeout
        self.in_memory = in_memory
        self.workdir = workdir
        self.allow_service = allow_service
        self.running = threading.BoundedSemaphore(MAX_RUNNING)
        self._viewer_lock = threading.Lock()
        self._retired: list[Backend] = []
        self.backend = self._start(current_generation(store_root))

    def _start(self, generation: Path) -> Backend:
        for attempt in range(3):  # another program may take the free port before Oxigraph binds it
            backend = Backend(generation, self.timeout, self.workdir / "oxigraph.log", self.in_memory)
            try:
                backend.wait_ready()
            except ServeError:
                backend.stop()
                if attempt == 2:
                    raise
                continue
            try:
                backend.load()  # a snapshot Oxigraph cannot read fails the same way each time: no retry
            except ServeError:
                backend.stop()
                raise
            return backend
        raise AssertionError("unreachable")

    def refresh(self) -> None:
        """Main thread only: if a build swapped in a new generation, serve it from now on."""
        try:
            generation = current_generation(self.store_root)
        except KgError:
            return  # the store vanished: keep serving what we have
        if generation == self.backend.generation and not self.backend.stuck:
            return
        try:
            new = self._start(generation)
        except KgError as e:
            print(f"kg serve: still serving {self.backend.generation.name}: {e}", file=sys.stderr)
            return
        old, self.backend = self.backend, new
        # Queries already sent to the old backend finish within the time limit; then it goes.
        self._retired.append(old)
        timer = threading.Timer(0 if old.stuck else self.timeout + GRACE, old.stop)
        timer.daemon = True
        timer.start()

    def viewer(self) -> Path:
        """The viewer page of the current generation, built with `kg view` on first request."""
        generation = current_generation(self.store_root)
        page = self.workdir / f"{generation.name}.html"
        with self._viewer_lock:
            if not page.exists():
                command = [sys.executable, "-c", "from kg.cli import main; main()", "view",
                           "--store", str(self.store_root), "-o", str(page)]
                done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=1800)
                if done.returncode != 0 or not page.exists():
                    last = (done.stderr.strip().splitlines() or ["no message"])[-1]
                    raise ServeError(f"The viewer page could not be built (`kg view`: {last}).")
        return page

    def close(self) -> None:
        for backend in [*self._retired, self.backend]:
            backend.stop()


class Handler(BaseHTTPRequestHandler):
    """Routes: /query and /sparql (queries), /update and writes (403), /view, the rest to Oxigraph."""

    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"

    @property
    def endpoint(self) -> Endpoint:
        return self.server.endpoint

    def do_GET(self):
        path = urlsplit(self.path).path
        if path in ("/view", "/view/"):
            return self._view()
        if path in QUERY_PATHS:
            return self._query(urlsplit(self.path).query, None, None)
        if path == "/update":
            return self._refuse()
        self._forward(self.command, self.path, None, {})

    def do_HEAD(self):
        self._forward("HEAD", self.path, None, {})

    def do_POST(self):
        path = urlsplit(self.path).path
        if path not in QUERY_PATHS:
            return self._refuse()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_QUERY_BYTES:
            return self._send(413, f"Query too large (over {MAX_QUERY_BYTES} bytes).\n")
        body = self.rfile.read(length)
        self._query(urlsplit(self.path).query, self.headers.get_content_type(), body)

    def do_PUT(self):
        self._refuse()

    do_DELETE = do_PATCH = do_PUT

    def _query(self, url_params: str, content_type: str | None, body: bytes | None):
        params = parse_qsl(url_params, keep_blank_values=True)
        if content_type == "application/x-www-form-urlencoded":
            params += parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        elif content_type == "application/sparql-query":
            params.append(("query", body.decode("utf-8", "replace")))
        elif content_type == "application/sparql-update" or any(k == "update" for k, _ in params):
            return self._refuse()
        elif content_type is not None:
            return self._send(415, f"Unsupported Content-Type {content_type!r}: send a query as "
                                   "application/sparql-query or a form (query=...).\n")
        if any(k == "update" for k, _ in params):
            return self._refuse()
        if not any(k == "query" for k, _ in params):
            return self._forward(self.command, self.path, body, {})  # Oxigraph's own page and messages
        given = next(v for k, v in params if k == "query")
        shape = query_shape(given)
        if shape.depth > MAX_NESTING:
            return self._send(400, f"The query nests brackets {shape.depth} deep; kg serve allows {MAX_NESTING}. "
                                   "Simplify it.\n")
        if shape.service and not self.endpoint.allow_service:
            return self._send(400, SERVICE_REFUSED)
        params = [(k, with_prefixes(v) if k == "query" else v) for k, v in params]
        added = with_prefixes(given).count("\n") - given.count("\n")
        form = urlencode(params).encode("utf-8")
        self._forward("POST", "/query", form, {"Content-Type": "application/x-www-form-urlencoded"},
                      query=True, added_lines=added)

    def _forward(self, method: str, path: str, body: bytes | None, headers: dict, query: bool = False,
                 added_lines: int = 0):
        backend = self.endpoint.backend
        if self.headers.get("Accept"):
            headers["Accept"] = self.headers["Accept"]
        # Oxigraph's own timeout misses some queries (a big join is never cancelled): the proxy keeps
        # a deadline of its own, a little later, and replaces a backend stuck past it.
        limit = self.endpoint.timeout + GRACE if query else UPSTREAM_TIMEOUT
        deadline = time.monotonic() + limit
        conn = http.client.HTTPConnection("127.0.0.1", backend.port, timeout=limit)
        try:
            with self.endpoint.running:  # a burst of clients queues here rather than at Oxigraph
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = _read_all(response, deadline)
        except TimeoutError:
            if not query:
                return self._send(504, "The Oxigraph server behind kg serve did not answer in time.\n")
            backend.stuck = True
            return self._cut_off()
        except (OSError, http.client.HTTPException) as e:
            if backend.process.poll() is not None:
                backend.stuck = True  # it died: the main thread starts another within a second
                return self._send(503, "The Oxigraph server behind kg serve stopped; another is starting. "
                                       "Send the request again in a moment.\n")
            return self._send(502, f"The Oxigraph server behind kg serve did not answer ({e}). "
                                   "Restart kg serve.\n")
        finally:
            conn.close()
        if query and response.status == 200 and data.endswith(CANCELLED):
            return self._cut_off()
        if query and response.status == 400 and added_lines:
            # positions in the user's text, not in the text with kg's prefix lines
            data = user_positions(data.decode("utf-8", "replace"), added_lines).encode("utf-8")
        kept = {k: v for k, v in response.getheaders()
                if k.lower() in ("content-type", "location", "cache-control", "allow")}
        self._send(response.status, data, kept, head_only=method == "HEAD")

    def _cut_off(self):
        self._send(503, f"Query cut off: it ran past the time limit of {self.endpoint.timeout:g} s. Narrow it "
                        "(a LIMIT, more specific patterns) or restart kg serve with a larger --timeout.\n")

    def _view(self):
        try:
            page = self.endpoint.viewer()
        except (KgError, OSError, subprocess.SubprocessError) as e:
            return self._send(503, f"{e}\n")
        self._send(200, page.read_bytes(), {"Content-Type": "text/html; charset=utf-8"})

    def _refuse(self):
        self._send(403, READONLY_MESSAGE)

    def _send(self, status: int, body: bytes | str, headers: dict | None = None, head_only: bool = False):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        headers = headers or {"Content-Type": "text/plain; charset=utf-8"}
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head_only and self.command != "HEAD":
            self.wfile.write(data)

    def log_message(self, format, *args):  # one line per request on stderr, as http.server does
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)


def _read_all(response: http.client.HTTPResponse, deadline: float) -> bytes:
    """The whole body, or TimeoutError once `deadline` (time.monotonic) has passed."""
    chunks = []
    while chunk := response.read1(65536):
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(chunks)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = LISTEN_QUEUE
    quiet = False
    endpoint: Endpoint
    _next_check = 0.0

    def service_actions(self):
        # Called by serve_forever in the main thread between requests: pick up a new build here.
        now = time.monotonic()
        if now >= self._next_check or self.endpoint.backend.stuck:
            self._next_check = now + 1.0
            self.endpoint.refresh()


def make_server(bind: Bind) -> _Server:
    """The proxy's HTTP server on `bind` (not yet serving; set its `endpoint` before it serves)."""
    server_class = type("Server", (_Server,), {
        "address_family": socket.AF_INET6 if ":" in bind.host else socket.AF_INET,
    })
    try:
        server = server_class((bind.host, bind.port), Handler)
    except OSError as e:
        raise ServeError(f"Cannot listen on {bind.host}:{bind.port}: {e.strerror}. "
                         "Choose another --bind port.") from None
    return server


def serve(store_root: Path, bind: Bind, timeout: float = DEFAULT_TIMEOUT, quiet: bool = False,
          on_ready=None, allow_service: bool = False, in_memory: bool = True) -> None:
    """Serve the store until Ctrl-C or SIGTERM; the Oxigraph child is always stopped on the way out."""
    if timeout <= 0:
        raise ServeError(f"--timeout {timeout:g}: give a positive number of seconds.")
    current_generation(store_root)  # a clear StoreError before anything starts
    server = make_server(bind)  # a port in use fails here, before Oxigraph starts
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as workdir:
        try:
            server.endpoint = endpoint = Endpoint(store_root, timeout, Path(workdir), allow_service, in_memory)
        except BaseException:
            server.server_close()
            raise
        try:
            server.quiet = quiet
            # Installed explicitly: a shell starts background jobs with SIGINT ignored.
            previous = {sig: signal.signal(sig, _raise_interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
            try:
                if on_ready:
                    on_ready(server)
                server.serve_forever(poll_interval=0.2)
            except KeyboardInterrupt:
                pass
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)
                server.server_close()
        finally:
            endpoint.close()


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt
