"""Builds on a real Dask cluster: a `dask scheduler` and `dask worker` processes on 127.0.0.1."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import cluster, pipeline
from kg.cli import main
from kg.export import export
from kg.nlp import DEFAULT_MODEL
from kg.pipeline import build, extractor_fingerprint
from kg.serve import free_port
from kg.store import open_read

from .conftest import CORPUS, write_corpus
from .processes import stop

DASK = str(Path(sys.executable).parent / "dask")
SLICE = 64  # articles in the larger corpus: four batches of 16, so both workers get some


def _start_worker(address: str, name: str, logs: Path) -> subprocess.Popen:
    # no nanny: the process started here is the worker itself, so killing it kills the worker
    return subprocess.Popen(
        [DASK, "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny", "--no-dashboard",
         "--name", name],
        stdout=subprocess.DEVNULL, stderr=(logs / f"{name}.log").open("w"), start_new_session=True)


def _wait_for_workers(address: str, n: int) -> None:
    from distributed import Client

    with Client(address, timeout="30s", set_as_default=False) as client:
        client.wait_for_workers(n, timeout=120)


def _stop(proc: subprocess.Popen) -> None:
    stop(proc, signal.SIGTERM, timeout=20)


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """The address of a Dask scheduler on 127.0.0.1 with two workers; all stopped afterwards."""
    logs = tmp_path_factory.mktemp("dask-logs")
    address = f"tcp://127.0.0.1:{free_port()}"
    procs = [subprocess.Popen(
        [DASK, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard"],
        stdout=subprocess.DEVNULL, stderr=(logs / "scheduler.log").open("w"), start_new_session=True)]
    try:
        procs += [_start_worker(address, f"worker-{i}", logs) for i in (1, 2)]
        _wait_for_workers(address, 2)
        yield address
    finally:
        for proc in reversed(procs):
            _stop(proc)


@pytest.fixture(scope="module")
def larger_corpus(tmp_path_factory) -> Path:
    """SLICE articles cut from the seed articles' paragraphs: windows of four and of six paragraphs."""
    texts = {}
    for path in sorted(CORPUS.glob("*.txt")):
        paragraphs = [p for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
        for size in (4, 6):
            for start in range(len(paragraphs) - size + 1):
                texts[f"{path.stem}-{size}-{start:03d}"] = "\n\n".join(paragraphs[start:start + size]) + "\n"
    assert len(texts) >= SLICE, "the seed articles give too few windows"
    return write_corpus(tmp_path_factory.mktemp("slice"), dict(sorted(texts.items())[:SLICE]))


@pytest.fixture(scope="module")
def local_slice(larger_corpus, tmp_path_factory) -> str:
    store = tmp_path_factory.mktemp("local-slice") / "store"
    build(larger_corpus, store, jobs=2)
    return _nquads(store)


def _nquads(store: Path) -> str:
    out = io.BytesIO()
    export(open_read(store), "nquads", out, run_times=False)
    return "\n".join(sorted(out.getvalue().decode("utf-8").splitlines()))


def test_seed_build_on_the_cluster_equals_the_local_build(scheduler, seed_store, tmp_path):
    result = CliRunner().invoke(main, ["build", str(CORPUS), "--store", str(tmp_path / "s"), "--scheduler",
                                       scheduler, "--quiet"])
    assert (result.exit_code, result.output) == (0, "")
    assert _nquads(tmp_path / "s") == _nquads(seed_store)


def test_scheduler_from_the_environment_builds_on_the_cluster(scheduler, tmp_path, larger_corpus, local_slice):
    result = CliRunner(env={"KG_SCHEDULER": scheduler}).invoke(
        main, ["build", str(larger_corpus), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert f"({SLICE} extracted, 0 unchanged)" in result.output
    assert _nquads(tmp_path / "s") == local_slice


def test_jobs_on_the_command_line_wins_over_the_environment_scheduler(tmp_path):
    # the scheduler named by the environment is not running: a local build does not dial it
    result = CliRunner(env={"KG_SCHEDULER": f"tcp://127.0.0.1:{free_port()}"}).invoke(
        main, ["build", str(CORPUS), "--store", str(tmp_path / "s"), "--jobs", "1", "--quiet"])
    assert (result.exit_code, result.output) == (0, "")


def test_jobs_and_scheduler_together_are_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["build", str(CORPUS), "--store", str(tmp_path / "s"), "--jobs", "2",
                                       "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert result.output.endswith("Error: --jobs counts local processes and --scheduler sends the work to a Dask "
                                  "cluster: give one of them.\n")
    assert not (tmp_path / "s").exists()


def test_unreachable_scheduler_is_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    address = f"tcp://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(main, ["build", str(CORPUS), "--store", str(tmp_path / "s"),
                                       "--scheduler", address])
    assert result.exit_code == 2
    assert result.output == (f"Error: Cannot reach the Dask scheduler at {address} (Timed out trying to connect to "
                             f"{address} after 1 s). Start one with `dask scheduler` and workers with `dask worker "
                             "ADDRESS`, or build without --scheduler.\n")


def test_a_scheduler_address_that_is_not_one_is_refused_before_the_store_is_touched(tmp_path):
    result = CliRunner().invoke(main, ["build", str(CORPUS), "--store", str(tmp_path / "s"), "--scheduler",
                                       "localhost"])
    assert (result.exit_code, result.output) == (
        2, "Error: --scheduler 'localhost' is not a Dask scheduler address. Give one such as tcp://HOST:8786.\n")
    assert not (tmp_path / "s").exists()


def test_workers_running_other_kg_code_are_named_in_one_error(scheduler):
    from distributed import Client

    with Client(scheduler, timeout="30s", set_as_default=False) as client:
        workers = sorted(client.scheduler_info()["workers"])
        with pytest.raises(cluster.ClusterError) as error:
            cluster.check_workers(client, DEFAULT_MODEL, "another-extractor")
        cluster.check_workers(client, DEFAULT_MODEL, extractor_fingerprint())  # the same code passes
    message = str(error.value)
    assert message.startswith("Dask worker ")
    for worker in workers:
        assert f"{worker} runs kg " in message
    assert message.endswith(f"(extractor {'another-extractor'}): install the same kg on every worker.")


def test_a_worker_without_the_model_is_named_in_one_error(scheduler):
    from distributed import Client

    with Client(scheduler, timeout="30s", set_as_default=False) as client:
        workers = sorted(client.scheduler_info()["workers"])
        with pytest.raises(cluster.ClusterError) as error:
            cluster.check_workers(client, "no_such_pipeline", extractor_fingerprint())
    assert str(error.value).startswith(f"Dask worker {workers[0]} cannot load the spaCy pipeline 'no_such_pipeline'")


def test_an_interrupted_cluster_build_keeps_every_returned_batch(scheduler, larger_corpus, tmp_path):
    store = tmp_path / "s"
    returned = []

    def stop_after_the_first_batch(n: int) -> None:
        returned.append(n)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(larger_corpus, store, scheduler=scheduler, progress=stop_after_the_first_batch)
    assert returned == [pipeline.BATCH]
    report = build(larger_corpus, store, scheduler=scheduler)
    assert report.extracted == SLICE - pipeline.BATCH  # the first batch came from the cache


def test_a_worker_killed_mid_build_has_its_batches_run_on_another(scheduler, larger_corpus, local_slice,
                                                                  tmp_path, monkeypatch):
    from distributed import Client

    monkeypatch.setattr(pipeline, "BATCH", 4)  # sixteen batches: the victim is sure to get one in flight
    victim = _start_worker(scheduler, "worker-victim", tmp_path)
    try:
        _wait_for_workers(scheduler, 3)
        with Client(scheduler, timeout="30s", set_as_default=False) as client:
            address = next(a for a, w in client.scheduler_info()["workers"].items() if w["name"] == "worker-victim")
            killed = []
            build_over = threading.Event()

            # Watched from a thread while the build goes on: a progress callback would pause the build's
            # submissions, and small batches can all finish before it looks, leaving the victim idle.
            def kill_the_victim_once_it_works() -> None:
                while not build_over.is_set():
                    if client.processing().get(address):
                        os.kill(victim.pid, signal.SIGKILL)
                        killed.append(address)
                        return
                    time.sleep(0.01)

            watcher = threading.Thread(target=kill_the_victim_once_it_works)
            watcher.start()
            try:
                report = build(larger_corpus, tmp_path / "s", scheduler=scheduler)
            finally:
                build_over.set()
                watcher.join()
        assert killed == [address] and victim.wait(timeout=10) == -signal.SIGKILL
        assert report.extracted == SLICE
        assert _nquads(tmp_path / "s") == local_slice
    finally:
        _stop(victim)
