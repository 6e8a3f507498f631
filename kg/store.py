"""The embedded Oxigraph store: open for reading, write a new generation, swap it in atomically.

Layout of a store directory:
    current          symlink to the live generation (swapped with one rename: atomic)
    graph-<n>/       an Oxigraph (RocksDB) store: one generation of the graph
    graph-<n>.json   what the build wrote it from: fingerprint, model, each graph's digest
    graph-<n>.nq     the same generation's quads as sorted N-Quads: exports and validation read
                     this one sequential file (0.1 s) instead of scanning RocksDB (5 s on
                     PolNeAR-train), at the price of a second copy on disk
    cache.sqlite     extraction records per article text and date (see kg.cache)
    build.lock       held (flock) while a build runs
A build writes graph-<n+1> (from empty, or as a checkpoint of the live generation with the
changed graphs replaced), graph-<n+1>.nq and graph-<n+1>.json, then points `current` at it and
removes older generations. A build killed at any moment leaves
`current` pointing at the previous, complete generation.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from .errors import StoreError

DEFAULT_STORE = ".kg"


def store_dir(path: str | os.PathLike | None) -> Path:
    """The store directory: the given path, else $KG_STORE, else .kg/ in the working directory."""
    return Path(path or os.environ.get("KG_STORE") or DEFAULT_STORE)


def current_generation(root: Path) -> Path:
    """The live generation's directory; StoreError when there is none."""
    if not root.exists():
        raise StoreError(f"Store {root} does not exist. Run `kg build CORPUS --store {root}` first.")
    link = root / "current"
    if not link.exists():
        raise StoreError(f"No graph in store {root}. Run `kg build CORPUS --store {root}` first.")
    return link.resolve()


def open_read(root: Path) -> ox.Store:
    """Open the live generation read-only (safe while a build writes the next one)."""
    generation = current_generation(root)
    try:
        return ox.Store.read_only(str(generation))
    except (OSError, RuntimeError) as e:  # RuntimeError: Oxigraph's word for files damaged on disk
        raise StoreError(f"Cannot open store {root}: {e}. Rebuild it with `kg build --store {root}`.") from None


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the store's build lock; StoreError if another build holds it."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        lock = open(root / "build.lock", "w")  # noqa: SIM115 (closed by the with below)
    except OSError as e:
        raise StoreError(f"Cannot write to store {root} ({e.strerror}). Make it writable, or give another "
                         "--store.") from None
    with lock as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"Store {root} is locked by another kg build. Wait for it to finish, or use another --store."
            ) from None
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def check_writable(root: Path) -> None:
    """Fail early, before any work, if the store directory cannot be written."""
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"Cannot create store {root}: {e.strerror}. Choose another --store.") from None
    probe = root / f".write-test-{os.getpid()}"
    try:  # by trying: os.access answers yes to root even where root may not write
        probe.touch()
        probe.unlink()
    except OSError:
        raise StoreError(f"Store {root} is not writable. Choose another --store or fix its permissions.") from None


def new_generation(root: Path) -> tuple[Path, ox.Store]:
    """Create an empty generation directory next to the live one and open it for writing."""
    path = _next_generation_path(root)
    return path, ox.Store(str(path))


def _next_generation_path(root: Path) -> Path:
    numbers = [int(p.name.split("-", 1)[1]) for p in root.glob("graph-*") if p.name.split("-", 1)[1].isdigit()]
    path = root / f"graph-{max(numbers, default=0) + 1}"
    if path.exists():
        shutil.rmtree(path)
    return path


def copy_generation(root: Path) -> tuple[Path, ox.Store]:
    """A new generation holding the live one's quads, open for writing: a RocksDB checkpoint,
    whose files are hard links to the live generation's (they are immutable), so it costs little."""
    path = _next_generation_path(root)
    try:
        ox.Store.read_only(str(current_generation(root))).backup(str(path))
        return path, ox.Store(str(path))
    except (OSError, RuntimeError):
        shutil.rmtree(path, ignore_errors=True)
        raise


def graph_names(store: ox.Store) -> set[str]:
    return {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}


def remove_graph(store: ox.Store, graph: str) -> None:
    node = ox.NamedNode(graph)
    if store.contains_named_graph(node):
        store.remove_graph(node)


def digest(lines: Iterable[bytes]) -> str:
    """A digest of a graph's N-Quads lines in their order: equal lines in equal order, equal digests."""
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


def swap_in(root: Path, generation: Path) -> None:
    """Make `generation` the live graph atomically and remove the generations it replaces."""
    link = root / "current"
    previous = link.resolve() if link.exists() else None
    tmp = root / f".current-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(generation.name, tmp)
    os.replace(tmp, link)
    # The previous generation stays one build longer: a reader (kg serve) may still have it open.
    for old in root.glob("graph-*"):
        if old.is_dir() and old.resolve() not in (generation.resolve(), previous):
            discard(old)


def discard(generation: Path) -> None:
    """Remove a generation (one that failed to build, or an old one) and the files beside it."""
    shutil.rmtree(generation, ignore_errors=True)
    for suffix in (".json", SNAPSHOT_SUFFIX, SNAPSHOT_SUFFIX + ".part"):
        generation.with_name(generation.name + suffix).unlink(missing_ok=True)


# ----------------------------------------------------------------------------- snapshot
#
# Every quad kg writes is in a named graph, so each snapshot line ends "<graph> ." and the graph is
# what follows its last " <". Lines are sorted bytewise: the order of `sorted(str(quad))`, since
# UTF-8 keeps code point order and the space after a term sorts before any character that could
# lengthen it ('@', '^', '-').

SNAPSHOT_SUFFIX = ".nq"


def snapshot_path(generation: Path) -> Path:
    return generation.with_name(generation.name + SNAPSHOT_SUFFIX)


def sorted_lines(nquads: bytes) -> list[bytes]:
    """N-Quads (or N-Triples) text as its distinct lines, sorted."""
    lines = sorted(set(nquads.splitlines()))
    if lines and not lines[0]:
        lines.pop(0)
    return lines


def write_snapshot(generation: Path, lines: list[bytes]) -> None:
    """Write a generation's sorted N-Quads lines beside it, replacing any earlier snapshot whole."""
    path = snapshot_path(generation)
    part = path.with_name(path.name + ".part")
    with open(part, "wb") as f:
        f.write(b"\n".join(lines))
        if lines:
            f.write(b"\n")
    part.replace(path)


def generation_nquads(root: Path) -> list[bytes]:
    """The live generation's quads as sorted N-Quads lines: its snapshot, or (a store written
    before snapshots) the store's own dump."""
    generation = current_generation(root)
    try:
        return snapshot_path(generation).read_bytes().splitlines()
    except FileNotFoundError:
        return sorted_lines(open_read(root).dump(format=ox.RdfFormat.N_QUADS))
    except OSError as e:
        raise StoreError(f"Cannot read {snapshot_path(generation)} ({e.strerror}). Rebuild the store with "
                         f"`kg build --store {root}`.") from None


def replace_in_snapshot(lines: list[bytes], graphs: set[str], new_lines: list[bytes]) -> list[bytes]:
    """A snapshot's lines with every quad of `graphs` taken out and `new_lines` (sorted, distinct,
    all in those graphs) put in, sorted."""
    kept, _ = _take_out(lines, graphs)
    return _merged(kept, new_lines)


def replace_graphs(store: ox.Store, snapshot: list[bytes], graphs: dict[str, list[bytes]],
                   gone: set[str]) -> tuple[list[bytes], int]:
    """Give each graph of `graphs` these N-Quads lines and take the graphs `gone` out, in a store
    whose quads are the sorted lines `snapshot`: only the quads that differ are removed or added
    (one changed article changes a few of the entities' 40,000; taking the graph out whole and
    loading it again took 0.7 s on PolNeAR-train). Returns the store's new snapshot, and how many
    quads were removed or added."""
    kept, taken = _take_out(snapshot, {*graphs, *gone})
    old = set(taken)
    new = {line for lines in graphs.values() for line in lines}
    removed, added = old - new, new - old
    if removed:
        for quad in ox.parse(b"\n".join(sorted(removed)) + b"\n", format=ox.RdfFormat.N_QUADS):
            store.remove(quad)
    for g in gone:  # anything the snapshot did not hold
        remove_graph(store, g)
    load_lines(store, sorted(added))
    return _merged(kept, sorted(new)), len(removed) + len(added)


def _take_out(lines: list[bytes], graphs: set[str]) -> tuple[list[bytes], list[bytes]]:
    """The lines of other graphs than `graphs` (in their order), and those of `graphs`."""
    suffixes = tuple(f" <{g}> .".encode() for g in graphs)
    kept, taken = [], []
    for line in lines:
        (taken if line.endswith(suffixes) else kept).append(line)
    return kept, taken


def _merged(kept: list[bytes], new_lines: list[bytes]) -> list[bytes]:
    # no line is in both (a line names its graph); two sorted runs, which the sort merges in one pass
    return sorted(kept + new_lines)


def load_lines(store: ox.Store, lines: list[bytes]) -> None:
    """Add N-Quads lines, as kg.graph writes them, to a store in bulk."""
    for start in range(0, len(lines), 100_000):  # in parts: one text of it all would double the memory
        store.bulk_load(b"\n".join(lines[start:start + 100_000]) + b"\n", format=ox.RdfFormat.N_QUADS)


_XSD = "http://www.w3.org/2001/XMLSchema#"
# Datatypes whose literals Oxigraph keeps as values, giving back their canonical form ("0.60" is
# read back as "0.6", "+00:00" as "Z"); kg writes integers and dates canonical already.
_VALUE_TYPES = {_XSD + t for t in ("decimal", "double", "float", "dateTime", "time", "duration", "boolean")}


def stored_form(term):
    """A term as the store will give it back: the snapshot must hold the store's quads exactly."""
    if isinstance(term, ox.Literal) and term.datatype.value in _VALUE_TYPES:
        return canonical_literal(term.value, term.datatype.value)
    return term


@functools.lru_cache(maxsize=4096)
def canonical_literal(value: str, datatype: str) -> ox.Literal:
    """The literal as Oxigraph gives it back: asked of Oxigraph itself, once per distinct value."""
    scratch = ox.Store()
    scratch.add(ox.Quad(ox.NamedNode("urn:kg:s"), ox.NamedNode("urn:kg:p"),
                        ox.Literal(value, datatype=ox.NamedNode(datatype))))
    return next(iter(scratch)).object
