"""The shared scorer runs on the export of corpus/ and the figures stay above their floors."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from kg.cli import main

from .conftest import CORPUS, SHARED

# Floors just below the level reached (see the README's figures); raise them as extraction improves.
FLOORS = {
    ("e2e_lenient", "f"): 0.96,
    ("e2e_strict", "f"): 0.92,
    ("content_lenient", "f"): 0.97,
    ("about", "f"): 0.74,
    ("date_accuracy",): 0.95,
    ("act_accuracy",): 0.85,
    ("utterance_merge",): 0.80,
    ("entities", "precision"): 0.95,
    ("entities", "recall"): 0.95,
    ("entities", "type_acc"): 0.95,
}


def test_score_py_reads_the_export_and_figures_stay_above_floors(seed_store, tmp_path):
    graph = tmp_path / "g.nq"
    result = CliRunner().invoke(main, ["export", "--store", str(seed_store), "--format", "nquads", "-o", str(graph)])
    assert result.exit_code == 0, result.output
    proc = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "seeds", "--corpus", str(CORPUS), "--graph", str(graph),
         "--json"],
        capture_output=True, text=True, check=True,
    )
    figures = json.loads(proc.stdout.splitlines()[-2])
    assert figures["articles"] == 5
    for path, floor in FLOORS.items():
        value = figures
        for key in path:
            value = value[key]
        assert value >= floor, (path, value)
    assert figures["entities"]["duplicates"] == 0
    assert figures["entities"]["boilerplate"] == 0
