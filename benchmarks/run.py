"""Benchmarks of kg, run by hand (not by CI): writes a markdown report.

    python benchmarks/run.py                          # seeds and PolNeAR-train, jobs 1 and 2
    python benchmarks/run.py --corpus bbc             # the 2,125-article scale corpus
    python benchmarks/run.py --corpus bbc --limit 200 # a quick look at a slice

For each corpus, in the same run:
- full `kg build` (cold: empty store, no cache) with each --jobs, against the bare spaCy pipeline
  (`nlp.pipe` over the same texts with the same n_process): seconds, articles/s, peak memory
  (the sum of the resident memory of the process and all its children, sampled every 0.1 s,
  and the largest single process from wait4's rusage);
- incremental rebuilds: nothing changed, and one article changed;
- `kg export` to Turtle and JSON-LD;
- latency of the shipped SPARQL queries, in-process (pyoxigraph) and through `kg serve` (HTTP).
Every command runs in a subprocess, so model loading and start-up are counted as a user sees them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPORA = {
    "seeds": SHARED / "corpora" / "seeds",
    "polnear-train": SHARED / "corpora" / "polnear-train",
    "bbc": SHARED / "corpora" / "bbc" / "articles.jsonl",
}
KG = [sys.executable, "-c", "from kg.cli import main; main()"]
BARE_SPACY = """
import sys
from kg.corpus import scan
from kg.nlp import DEFAULT_MODEL
import spacy
nlp = spacy.load(DEFAULT_MODEL)
nlp.max_length = 10_000_000
texts = (a.text for a in scan(sys.argv[1]).articles())
n = sum(1 for _ in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=16))
print(n)
"""
CHANGE = "\n\nA spokesperson said the review would continue next week.\n"
QUERY_RUNS = 3
SLOW_QUERY = 10.0  # seconds: a query slower than this is run once, not QUERY_RUNS times
QUERY_CAP = 60.0  # seconds: a query is cut off after this (in-process run killed, kg serve --timeout)
ENV = dict(os.environ)  # with --snapshot, PYTHONPATH points at a frozen copy of the code


@dataclass
class Run:
    seconds: float
    peak_tree_mb: float  # sampled sum over the process tree
    largest_mb: float  # wait4 rusage: the largest process (the child or a reaped descendant)
    cpu_seconds: float  # user + system time of the whole tree (wait4 counts reaped descendants)
    output: str


def measure(command: list[str], cwd: Path | None = None) -> Run:
    """Run `command`, timing it and sampling the memory of its process tree."""
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=ENV)
        peak = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.1)
        seconds = time.perf_counter() - t0
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed ({process.returncode}):\n{text}")
    return Run(seconds, peak / 2**20, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, text)


def _tree_rss(root: int) -> int:
    """Bytes resident in `root` and all its descendants right now (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * page
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(rss.get(pid, 0) for pid in tree)


def copy_corpus(source: Path, target: Path, limit: int | None) -> Path:
    """A private copy of the corpus (the first `limit` articles), so one article can be changed."""
    if source.is_file():
        lines = [ln for ln in source.read_text(encoding="utf-8").splitlines() if ln.strip()]
        target = target.with_suffix(".jsonl")
        target.write_text("\n".join(lines[:limit] if limit else lines) + "\n", encoding="utf-8")
        return target
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.ann"))  # no gold files in the copy
    if limit:
        texts = sorted(target.rglob("*.txt"), key=lambda p: p.relative_to(target).as_posix())
        for extra in texts[limit:]:
            extra.unlink()
        kept = {p.stem for p in texts[:limit]}
        for metadata in (target / "metadata.csv", target / "metadata.tsv"):
            if metadata.exists():
                delimiter = "," if metadata.suffix == ".csv" else "\t"
                rows = list(csv.reader(metadata.read_text(encoding="utf-8").splitlines(), delimiter=delimiter))
                column = next(i for i, c in enumerate(rows[0]) if c.strip() in ("id", "filename"))
                with metadata.open("w", encoding="utf-8", newline="") as f:
                    csv.writer(f, delimiter=delimiter, lineterminator="\n").writerows(
                        [rows[0]] + [r for r in rows[1:] if r and r[column].removesuffix(".txt") in kept])
    return target


def change_one_article(corpus: Path) -> None:
    """Append a sentence to the first article."""
    if corpus.is_file():
        lines = corpus.read_text(encoding="utf-8").splitlines()
        record = json.loads(lines[0])
        record["text"] += CHANGE
        lines[0] = json.dumps(record, ensure_ascii=False)
        corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        first = min(corpus.rglob("*.txt"), key=lambda p: p.relative_to(corpus).as_posix())
        first.write_text(first.read_text(encoding="utf-8") + CHANGE, encoding="utf-8")


def count_articles(corpus: Path) -> int:
    from kg.corpus import scan

    return len(scan(corpus))


LOCAL_QUERY = """
import sys, time
from pathlib import Path
from kg import sparql
from kg.store import open_read
graph, text = open_read(Path(sys.argv[1])), sys.stdin.read()
t = time.perf_counter()
result = sparql.run(graph, text)
seconds = time.perf_counter() - t
print(seconds, len(result.rows) if isinstance(result, sparql.Results) else 1)
"""


def local_query(store: Path, text: str) -> tuple[float | None, int | None]:
    """(seconds, rows) of one in-process run (in a child process, so that it can be cut off)."""
    try:
        done = subprocess.run([sys.executable, "-c", LOCAL_QUERY, str(store)], input=text, capture_output=True,
                              text=True, timeout=QUERY_CAP + 15, env=ENV, check=True)
    except subprocess.TimeoutExpired:
        return None, None
    seconds, rows = done.stdout.split()
    return (float(seconds), int(rows)) if float(seconds) <= QUERY_CAP else (None, int(rows))


def served_query(url: str, text: str) -> float | None:
    """Seconds for one query through kg serve, None when cut off by its time limit."""
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': text})}",
                                     headers={"Accept": "application/sparql-results+json"})
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=QUERY_CAP + 60) as response:
            response.read()
    except urllib.error.HTTPError as e:
        if e.code == 503:
            return None
        raise
    return time.perf_counter() - t


def query_latencies(store: Path) -> list[tuple[str, int | None, float | None, float | None]]:
    """(query, rows, in-process s, kg serve s) for each shipped query: medians, None past QUERY_CAP."""
    from kg import sparql
    from kg.serve import free_port
    from kg.store import open_read

    graph = open_read(store)
    top = sparql.run(graph, "SELECT ?name WHERE { ?e schema:name ?name ; nkg:mentionCount ?n } "
                            "ORDER BY DESC(?n) LIMIT 1")
    argument = top.rows[0][0].value if top.rows else "nobody"
    del graph
    texts = {}
    for name, q in sparql.shipped_queries().items():
        label = f"{name} {argument!r}" if q.parameters else name
        texts[label] = sparql.resolve_query(name, tuple(argument for _ in q.parameters))
    port = free_port()
    server = subprocess.Popen([*KG, "serve", "--store", str(store), "--bind", f"127.0.0.1:{port}", "-q",
                               "--timeout", f"{QUERY_CAP:g}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=ENV)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("kg serve did not start") from None
                time.sleep(0.1)
        out = []
        for label, text in texts.items():
            local, served, rows = [], [], None
            for _ in range(QUERY_RUNS):
                seconds, rows = local_query(store, text)
                local.append(seconds)
                served.append(served_query(url, text))
                if seconds is None or seconds > SLOW_QUERY:
                    break  # one run of a slow query says enough
            row = (label, rows, _median(local), _median(served))
            print(f"   query {label}: {_seconds(row[2])} in-process, {_seconds(row[3])} served",
                  file=sys.stderr, flush=True)
            out.append(row)
        return out
    finally:
        server.terminate()
        server.wait(timeout=30)


def _median(values: list[float | None]) -> float | None:
    return None if None in values else statistics.median(values)


def _seconds(value: float | None) -> str:
    if value is None:
        return f"> {QUERY_CAP:g} s"
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def bench_corpus(name: str, jobs: list[int], limit: int | None, work: Path, bare: bool,
                 builds_only: bool = False) -> dict:
    source = CORPORA[name]
    corpus = copy_corpus(source, work / f"{name}-corpus", limit)
    articles = count_articles(corpus)
    print(f"== {name}: {articles} articles", file=sys.stderr, flush=True)
    builds = []
    for j in jobs:
        store = work / f"{name}-store-j{j}"
        run = measure([*KG, "build", str(corpus), "--store", str(store), "--jobs", str(j), "-q"])
        builds.append(("kg build", j, run))
        print(f"   kg build --jobs {j}: {run.seconds:.1f} s", file=sys.stderr, flush=True)
        if bare:
            run = measure([sys.executable, "-c", BARE_SPACY, str(corpus), str(j)])
            builds.append(("spaCy nlp.pipe only", j, run))
            print(f"   spaCy --jobs {j}: {run.seconds:.1f} s", file=sys.stderr, flush=True)
    store = work / f"{name}-store-j{max(jobs)}"
    full = next(r for tool, j, r in builds if tool == "kg build" and j == max(jobs))
    unchanged = measure([*KG, "build", str(corpus), "--store", str(store), "--jobs", str(max(jobs)), "-q"])
    change_one_article(corpus)
    one_changed = measure([*KG, "build", str(corpus), "--store", str(store), "--jobs", str(max(jobs)), "-q"])
    print(f"   rebuilds: {unchanged.seconds:.1f} s unchanged, {one_changed.seconds:.1f} s one changed",
          file=sys.stderr, flush=True)
    exports = [] if builds_only else _exports(name, store, work)
    validation = None if builds_only else _validation(store)
    queries = [] if builds_only else query_latencies(store)
    return {"name": name, "articles": articles, "builds": builds, "full": full, "unchanged": unchanged,
            "one_changed": one_changed, "jobs": max(jobs), "exports": exports, "validation": validation,
            "queries": queries}


def bench_store(label: str, store: Path, work: Path) -> dict:
    """Export and query timings only, for a store built earlier."""
    print(f"== {label}: {store}", file=sys.stderr, flush=True)
    return {"name": label, "builds": [], "exports": _exports(label, store, work), "validation": _validation(store),
            "queries": query_latencies(store)}


FORMATS = (("turtle", "ttl"), ("trig", "trig"), ("nquads", "nq"), ("ntriples", "nt"), ("jsonld", "jsonld"))
DUMP_FLOOR = """
import sys, time
import pyoxigraph as ox
store = ox.Store()
store.bulk_load(open(sys.argv[1], "rb").read(), format=ox.RdfFormat.N_QUADS)
times = []
for _ in range(3):
    t = time.perf_counter()
    store.dump(format=ox.RdfFormat.N_QUADS)
    times.append(time.perf_counter() - t)
print(min(times))
"""


def _exports(name: str, store: Path, work: Path) -> list:
    """(format, run, bytes) of `kg export` in each format, and ("floor", seconds, bytes): an
    in-memory Oxigraph store dumping the same quads as N-Quads, the fastest a user could get."""
    exports = []
    for fmt, suffix in FORMATS:
        target = work / f"{name}.{suffix}"
        run = measure([*KG, "export", "--store", str(store), "--format", fmt, "-o", str(target)])
        exports.append((fmt, run, target.stat().st_size))
        print(f"   export {fmt}: {run.seconds:.1f} s", file=sys.stderr, flush=True)
    nquads = work / f"{name}.nq"
    floor = float(subprocess.run([sys.executable, "-c", DUMP_FLOOR, str(nquads)], capture_output=True, text=True,
                                 check=True, env=ENV).stdout)
    exports.append(("floor", floor, nquads.stat().st_size))
    print(f"   floor (in-memory Oxigraph dump): {floor:.2f} s", file=sys.stderr, flush=True)
    return exports


def _validation(store: Path) -> Run:
    run = measure([*KG, "validate", "--store", str(store)])
    print(f"   kg validate: {run.seconds:.1f} s", file=sys.stderr, flush=True)
    return run


def report(results: list[dict], args: argparse.Namespace, started: datetime) -> str:
    lines = [f"# kg benchmarks ({started:%Y-%m-%d %H:%M} UTC)", "",
             (f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}; "
              f"load average at start {args.load:.1f} (the machine is shared: expect noise). "
              f"Command: `python benchmarks/run.py {' '.join(args.argv)}`"
              + (f" (code of commit {args.commit})" if args.snapshot else "")), "",
             "## Build (cold: empty store and cache)", "",
             ("| corpus | articles | what | jobs | seconds | articles/s | CPU seconds | cores busy "
              "| peak memory (all processes) | largest process |"), "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        for tool, j, run in r["builds"]:
            lines.append(f"| {r['name']} | {r['articles']} | {tool} | {j} | {run.seconds:.1f} | "
                         f"{r['articles'] / run.seconds:.1f} | {run.cpu_seconds:.0f} | "
                         f"{run.cpu_seconds / run.seconds:.2f} | {run.peak_tree_mb:.0f} MB | {run.largest_mb:.0f} MB |")
    lines += ["", "Speed-up of `--jobs 2` over `--jobs 1` (wall time):", ""]
    for r in results:
        by = {(tool, j): run.seconds for tool, j, run in r["builds"]}
        for tool in ("kg build", "spaCy nlp.pipe only"):
            if (tool, 1) in by and (tool, 2) in by:
                lines.append(f"- {r['name']}, {tool}: {by[tool, 1] / by[tool, 2]:.2f}x")
    lines += ["", "## Incremental rebuilds", "",
              "| corpus | full build | no change | no change / full | one article changed | one changed / full |",
              "|---|---:|---:|---:|---:|---:|"]
    for r in results:
        if not r["builds"]:
            continue
        full, same, one = r["full"].seconds, r["unchanged"].seconds, r["one_changed"].seconds
        lines.append(f"| {r['name']} (jobs {r['jobs']}) | {full:.1f} s | {same:.2f} s | {100 * same / full:.1f} % | "
                     f"{one:.1f} s | {100 * one / full:.1f} % |")
    lines += ["", "## Export", "",
              "`floor`: an in-memory Oxigraph store dumping the same quads as N-Quads (min of 3, in-process).", "",
              "| corpus | format | seconds | size | × floor |", "|---|---|---:|---:|---:|"]
    for r in results:
        floor = next((seconds for fmt, seconds, _ in r["exports"] if fmt == "floor"), None)
        for fmt, run, size in r["exports"]:
            seconds = run if fmt == "floor" else run.seconds
            lines.append(f"| {r['name']} | {fmt} | {seconds:.2f} | {size / 2**20:.1f} MB | "
                         f"{seconds / floor:.1f} |")
    lines += ["", "## Validation (`kg validate`)", "", "| corpus | seconds | share of the full build |", "|---|---:|---:|"]
    for r in results:
        if r.get("validation"):
            share = f"{100 * r['validation'].seconds / r['full'].seconds:.0f} %" if r["builds"] else ""
            lines.append(f"| {r['name']} | {r['validation'].seconds:.1f} | {share} |")
    lines += ["", (f"## SPARQL latency of the shipped queries (median of {QUERY_RUNS}; "
              f"one run when slower than {SLOW_QUERY:g} s)"), "",
              "| corpus | query | rows | in-process | through kg serve (HTTP, JSON) |", "|---|---|---:|---:|---:|"]
    for r in results:
        for label, rows, local, served in r["queries"]:
            lines.append(f"| {r['name']} | {label} | {'?' if rows is None else rows} | {_seconds(local)} | "
                         f"{_seconds(served)} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA),
                        help="corpus to run (repeat; default: seeds and polnear-train)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values (default 1,2)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles of each corpus")
    parser.add_argument("--no-bare-spacy", action="store_true", help="skip the bare spaCy baseline")
    parser.add_argument("--snapshot", action="store_true",
                        help="run the code of git HEAD (a frozen copy), not the working tree, which may change "
                             "under a long run and invalidate the extraction cache")
    parser.add_argument("--store", action="append", default=[], metavar="LABEL=DIR",
                        help="also time export and queries of a store built earlier (repeat)")
    parser.add_argument("--builds-only", action="store_true", help="skip the export and query timings")
    parser.add_argument("--work", type=Path, default=None,
                        help="keep corpora copies and stores in this folder (default: a temporary one)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.md",
                        help="markdown file to write (default benchmarks/results.md)")
    args = parser.parse_args()
    args.argv = sys.argv[1:]
    started = datetime.now(UTC)
    args.load = os.getloadavg()[0]
    jobs = [int(j) for j in args.jobs.split(",")]
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        if args.work:
            args.work.mkdir(parents=True, exist_ok=True)
            tmp = str(args.work)
        if args.snapshot:
            code = Path(tmp) / "code"
            code.mkdir(exist_ok=True)
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], check=True, capture_output=True)
            subprocess.run(["tar", "-x", "-C", str(code)], input=archive.stdout, check=True)
            ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), ENV.get("PYTHONPATH")]))
            # `python -c` puts the working directory first on sys.path: from a checkout, that is
            # the working tree's kg, not the snapshot's
            ENV["PYTHONSAFEPATH"] = "1"
            sys.path.insert(0, str(code))
            args.commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], check=True,
                                         capture_output=True, text=True).stdout.strip()
        results = []
        for name in args.corpus or ([] if args.store else ["seeds", "polnear-train"]):
            results.append(bench_corpus(name, jobs, args.limit, Path(tmp), not args.no_bare_spacy,
                                        args.builds_only))
            args.out.write_text(report(results, args, started), encoding="utf-8")  # keep what is done
        for item in args.store:
            label, _, path = item.partition("=")
            results.append(bench_store(label, Path(path), Path(tmp)))
            args.out.write_text(report(results, args, started), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
