"""The seed articles scored by ../shared/eval/score.py stay above their floors.

    python benchmarks/seed_floors.py [--shared ../shared]

Builds corpus/ into a temporary store, exports it as N-Quads, scores it with the shared scorer and
exits 1 when a figure falls below its floor (0 when all hold, 2 when ../shared is missing). Not
part of `pytest`: a clone of the project alone has no ../shared. `.ci/run` runs it after the tests
whenever ../shared is there.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Floors just below the level reached (see the README's figures); raise them as extraction improves.
FLOORS = {
    ("e2e_lenient", "f"): 0.96,
    ("e2e_strict", "f"): 0.92,
    ("content_lenient", "f"): 0.97,
    ("about", "f"): 0.80,
    ("date_accuracy",): 0.95,
    ("act_accuracy",): 0.85,
    ("utterance_merge",): 0.80,
    ("entities", "precision"): 0.95,
    ("entities", "recall"): 0.95,
    ("entities", "type_acc"): 0.95,
}
# Counts that must be exactly zero.
ZEROS = (("entities", "duplicates"), ("entities", "boilerplate"))


def figure(figures: dict, path: tuple[str, ...]):
    value = figures
    for key in path:
        value = value[key]
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    scorer = args.shared / "eval" / "score.py"
    if not scorer.is_file():
        print(f"No scorer at {scorer}: give --shared the folder that holds eval/score.py.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        store, graph = Path(tmp) / "store", Path(tmp) / "g.nq"
        kg = [sys.executable, "-m", "kg"]
        subprocess.run([*kg, "build", str(ROOT / "corpus"), "--store", str(store), "--jobs", "1"], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([*kg, "export", "--store", str(store), "--format", "nquads", "-o", str(graph)], check=True)
        proc = subprocess.run([sys.executable, str(scorer), "seeds", "--corpus", str(ROOT / "corpus"),
                               "--graph", str(graph), "--json"], capture_output=True, text=True, check=True)
    figures = json.loads(proc.stdout.splitlines()[-2])
    failed = []
    for path, floor in FLOORS.items():
        value = figure(figures, path)
        ok = value >= floor
        failed += [] if ok else [path]
        print(f"{'ok  ' if ok else 'LOW '} {'.'.join(path):<22} {value:.3f} (floor {floor})")
    for path in ZEROS:
        value = figure(figures, path)
        failed += [] if value == 0 else [path]
        print(f"{'ok  ' if value == 0 else 'HIGH'} {'.'.join(path):<22} {value} (must be 0)")
    if figures["articles"] != 5:
        failed.append(("articles",))
        print(f"LOW  articles scored: {figures['articles']} (must be 5)")
    print(f"{len(FLOORS) + len(ZEROS) + 1 - len(failed)} held, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
