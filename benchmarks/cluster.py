"""Cluster builds against local ones, and the client's resolution step at scale (run by hand).

    python benchmarks/cluster.py                      # BBC, all 2,125 articles
    python benchmarks/cluster.py --limit 400          # a quicker slice

Starts a Dask scheduler and WORKERS `dask worker` processes (one thread each) on 127.0.0.1, then,
each cold (empty store and cache): `kg build --jobs WORKERS` and `kg build --scheduler`. Then the
steps that stay on the client, timed in one process over the warm cache: reading the cached
records, resolution, and writing the graph, with the peak resident memory. Writes
benchmarks/cluster.md.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CORPORA, KG, ROOT, copy_corpus, count_articles, measure

from kg.serve import free_port

DASK = str(Path(sys.executable).parent / "dask")

# Reads the cache of a built store and times what the client does after extraction.
CLIENT_STEPS = """
import json, resource, sys, time
from pathlib import Path
from kg.cache import ExtractionCache
from kg.corpus import scan
from kg.nlp import DEFAULT_MODEL
from kg.pipeline import extractor_fingerprint, write_graph
from kg.resolve import resolve
from datetime import UTC, datetime

baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
corpus, store = scan(sys.argv[1]), Path(sys.argv[2])
t = time.perf_counter()
cache = ExtractionCache(store / "cache.sqlite", f"{extractor_fingerprint()}:{DEFAULT_MODEL}")
ids_by_hash = {}
for article_id, h in corpus.extraction_keys.items():
    ids_by_hash.setdefault(h, []).append(article_id)
records = cache.get_all(ids_by_hash)
extractions = [records[i] for i in corpus.ids]
read = time.perf_counter() - t
t = time.perf_counter()
resolution = resolve(extractions, corpus.publishers, None)
resolved = time.perf_counter() - t
t = time.perf_counter()
write_graph(store, corpus, resolution, DEFAULT_MODEL, "https://w3id.org/newskg/id/", datetime.now(UTC), "bench")
written = time.perf_counter() - t
print(json.dumps({"read": read, "resolve": resolved, "write": written,
                  "mentions": sum(len(e.mentions) for e in extractions),
                  "attributions": sum(len(e.attributions) for e in extractions),
                  "entities": len(resolution.entities), "statements": len(resolution.statements),
                  "baseline_mb": baseline, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def start_cluster(workers: int, logs: Path) -> tuple[str, list[subprocess.Popen]]:
    address = f"tcp://127.0.0.1:{free_port()}"
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                               "--no-dashboard"], stdout=subprocess.DEVNULL,
                              stderr=(logs / "scheduler.log").open("w"), start_new_session=True)]
    for i in range(workers):
        procs.append(subprocess.Popen([DASK, "worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                                       "--no-dashboard", "--name", f"w{i}"], stdout=subprocess.DEVNULL,
                                      stderr=(logs / f"w{i}.log").open("w"), start_new_session=True))
    from distributed import Client

    with Client(address, timeout="30s", set_as_default=False) as client:
        client.wait_for_workers(workers, timeout=120)
    return address, procs


def stop(procs: list[subprocess.Popen]) -> None:
    for p in reversed(procs):
        os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="bbc")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "cluster.md")
    args = parser.parse_args()
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="kg-cluster-") as tmp:
        work = Path(tmp)
        corpus = copy_corpus(CORPORA[args.corpus], work / "corpus", args.limit)
        articles = count_articles(corpus)
        local = measure([*KG, "build", str(corpus), "--store", str(work / "local"), "--jobs", str(args.workers),
                         "-q"])
        print(f"kg build --jobs {args.workers}: {local.seconds:.1f} s", file=sys.stderr, flush=True)
        t = time.perf_counter()
        address, procs = start_cluster(args.workers, work)
        startup = time.perf_counter() - t
        try:
            dask = measure([*KG, "build", str(corpus), "--store", str(work / "dask"), "--scheduler", address, "-q"])
        finally:
            stop(procs)
        print(f"kg build --scheduler ({args.workers} workers): {dask.seconds:.1f} s", file=sys.stderr, flush=True)
        steps = json.loads(measure([sys.executable, "-c", CLIENT_STEPS, str(corpus),
                                    str(work / "local")]).output.strip().splitlines()[-1])
    scale = 1_000_000 / articles
    grown = steps["peak_mb"] - steps["baseline_mb"]
    lines = [
        f"# Cluster builds ({started:%Y-%m-%d %H:%M} UTC)", "",
        (f"Machine: {os.cpu_count()} cores. Command: `python benchmarks/cluster.py {' '.join(sys.argv[1:])}`. "
         f"Corpus: {args.corpus}, {articles} articles; each build cold (empty store and cache)."), "",
        "| build | seconds | articles/s | peak memory (client process tree) |", "|---|---:|---:|---:|",
        (f"| `kg build --jobs {args.workers}` (local processes) | {local.seconds:.1f} | "
         f"{articles / local.seconds:.1f} | {local.peak_tree_mb:.0f} MB |"),
        (f"| `kg build --scheduler` ({args.workers} local Dask workers, 1 thread each) | {dask.seconds:.1f} | "
         f"{articles / dask.seconds:.1f} | {dask.peak_tree_mb:.0f} MB |"), "",
        (f"Speed-up of the Dask build over `--jobs {args.workers}`: {local.seconds / dask.seconds:.2f}x. The "
         f"scheduler and workers were started before the build (in {startup:.1f} s); the workers load the "
         "model during the build's version check, inside the measured time, as local workers do."), "",
        "## What stays on the client", "",
        (f"Over the warm cache of the same corpus, in one process: {steps['mentions']:,} mentions and "
         f"{steps['attributions']:,} attributions in, {steps['entities']:,} entities and "
         f"{steps['statements']:,} statements out."), "",
        "| step | seconds | projected to 1M articles (linear) |", "|---|---:|---:|",
        f"| read the cached records | {steps['read']:.1f} | {steps['read'] * scale / 3600:.1f} h |",
        f"| resolve (entities, statements, facts) | {steps['resolve']:.1f} | {steps['resolve'] * scale / 3600:.1f} h |",
        (f"| write the graph (RDF into a new Oxigraph generation) | {steps['write']:.1f} | "
         f"{steps['write'] * scale / 3600:.1f} h |"), "",
        (f"Memory of that process: {steps['baseline_mb']:.0f} MB once kg is imported, {steps['peak_mb']:.0f} MB "
         f"at its peak: {grown:.0f} MB for the corpus, about {grown * scale / 1024:.0f} GB at 1M articles if it "
         "grows linearly."),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
