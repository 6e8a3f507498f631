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
            if len(list(store.glob("graph-*"))) > 1:
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
