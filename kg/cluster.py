"""Extraction on a running Dask cluster (`kg build --scheduler tcp://HOST:8786`).

Each article is parsed and extracted independently, so batches go to the cluster's workers as
Dask tasks and come back as extraction records; the client caches them as they arrive and does
the rest (resolution, RDF) as for a local build. Articles travel inside their batch, so workers
need kg and the spaCy pipeline installed (`pip install kg[cluster]`) but no shared file system.
A worker that dies mid-batch has its batch run again on another: that is Dask's own rescheduling.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from functools import cache

from . import __version__, nlp
from .errors import KgError
from .records import Article, ArticleExtraction

CONNECT_TIMEOUT = "10s"  # how long to wait for the scheduler before giving up
IN_FLIGHT_PER_WORKER = 4  # batches submitted ahead per worker: keeps workers busy, memory bounded


# tcp://host:8786, tls://host:8786, or host:8786 (Dask takes that as tcp)
SCHEDULER_ADDRESS = re.compile(r"(?:(?:tcp|tls|ucx|ws|wss)://)?\[?[\w.:-]+\]?:\d{1,5}")


class ClusterError(KgError):
    """The Dask cluster cannot be reached, or a worker cannot run this kg."""


def extract_on_cluster(
    address: str, batches: Iterable[list[Article]], model: str, extractor: str
) -> Iterator[tuple[str, list[ArticleExtraction]]]:
    """(language model, records) of each batch, in the order they finish, from the cluster's workers.

    `extractor` is the client's extractor fingerprint: every worker must run the same extraction
    code, or the cache (keyed by it) would mix records of two versions.
    """
    from distributed import as_completed

    client = _connect(address)
    try:
        check_workers(client, model, extractor)
        workers = max(1, len(client.scheduler_info()["workers"]))
        window = workers * IN_FLIGHT_PER_WORKER
        it = iter(batches)

        def submit_next() -> None:
            batch = next(it, None)
            if batch is not None:
                pending.add(client.submit(run_batch, batch, model, extractor, pure=False))

        pending = as_completed(loop=client.loop)
        for _ in range(window):
            submit_next()
        for future in pending:  # as_completed takes new futures while it is iterated
            _worker, language_model, records = future.result()
            future.release()
            submit_next()  # one out, one in
            yield language_model, records
    finally:
        client.close()


def check_address(address: str) -> None:
    """A scheduler address Dask can dial, and Dask installed to dial it; else one clear error."""
    if not SCHEDULER_ADDRESS.fullmatch(address):
        raise ClusterError(f"--scheduler {address!r} is not a Dask scheduler address. Give one such as "
                           "tcp://HOST:8786.")
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ClusterError("--scheduler needs Dask's distributed scheduler: pip install 'kg[cluster]'.") from None


def _connect(address: str):
    from distributed import Client

    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        reason = str(e).split("\n")[0] or type(e).__name__
        raise ClusterError(f"Cannot reach the Dask scheduler at {address} ({reason}). Start one with "
                           "`dask scheduler` and workers with `dask worker ADDRESS`, or build without "
                           "--scheduler.") from None


def check_workers(client, model: str, extractor: str) -> None:
    """Every worker runs this kg and can load `model`; else one error naming the workers that cannot."""
    answers = client.run(worker_identity, model)
    if not answers:
        raise ClusterError(f"The Dask scheduler at {client.scheduler.address} has no workers. Start some with "
                           f"`dask worker {client.scheduler.address}`.")
    wrong = []
    for worker, (version, fingerprint, loaded) in sorted(answers.items()):
        if (version, fingerprint) != (__version__, extractor):
            wrong.append(f"{worker} runs kg {version} (extractor {fingerprint}), this client kg {__version__} "
                         f"(extractor {extractor}): install the same kg on every worker")
        elif loaded is not None:
            wrong.append(f"{worker} cannot load the spaCy pipeline {model!r} ({loaded}): install it there")
    if wrong:
        raise ClusterError("Dask worker " + "; ".join(wrong) + ".")


# ------------------------------------------------------------------ what runs on the workers

_MODELS: dict[str, object] = {}
_LOCK = threading.Lock()  # one parse at a time per worker process: a spaCy pipeline is not thread-safe


def _pipeline(model: str):
    if model not in _MODELS:
        _MODELS[model] = nlp.load(model)
    return _MODELS[model]


def worker_identity(model: str) -> tuple[str, str, str | None]:
    """(kg version, extractor fingerprint, why `model` does not load or None), on a worker."""
    try:
        with _LOCK:
            _pipeline(model)
        loaded = None
    except Exception as e:  # noqa: BLE001 - any failure to load is reported by name
        loaded = str(e).split("\n")[0]
    return __version__, _own_fingerprint(), loaded


@cache
def _own_fingerprint() -> str:
    """This worker's extractor fingerprint: a hash of kg's source files, read once per process."""
    from .pipeline import extractor_fingerprint

    return extractor_fingerprint()


def run_batch(articles: list[Article], model: str, extractor: str) -> tuple[str, str, list[ArticleExtraction]]:
    """Extract one batch on a worker: (worker address, language model, records)."""
    from distributed import get_worker

    from .pipeline import extract_batch

    worker = get_worker().address
    if _own_fingerprint() != extractor:  # a worker that joined after the check
        raise ClusterError(f"Dask worker {worker} runs another kg extractor ({_own_fingerprint()}, this "
                           f"client {extractor}): install the same kg on every worker.")
    with _LOCK:
        language_model, records = extract_batch(_pipeline(model), articles)
    return worker, language_model, records
