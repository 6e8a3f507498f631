"""A/B of `kg build --jobs 1` against `--jobs 2`, alternating, each into a fresh store (run by hand).

    python benchmarks/ab.py CORPUS [ROUNDS]

Alternating runs spread the load of other programs on a shared machine over both settings.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run


def main() -> None:
    corpus, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with tempfile.TemporaryDirectory(prefix="kg-ab-") as tmp:
        for i, jobs in enumerate([1, 2] * rounds):
            store = Path(tmp) / f"store-{i}"
            shutil.rmtree(store, ignore_errors=True)
            load = os.getloadavg()[0]
            r = run.measure([*run.KG, "build", corpus, "--store", str(store), "--jobs", str(jobs), "-q"])
            print(f"jobs {jobs}: {r.seconds:.1f} s wall, {r.cpu_seconds:.0f} CPU s, cores busy "
                  f"{r.cpu_seconds / r.seconds:.2f}, peak {r.peak_tree_mb:.0f} MB, load before {load:.1f}",
                  flush=True)


if __name__ == "__main__":
    main()
