"""Network analytics over the store: a networkx projection of who talks about whom, and its figures.

The projection reads the store with SPARQL and never writes to it; `write_results` is the one
writer, and it touches only the named graph <base>graph/analytics of the live generation, under
the store's build lock so that no build swaps generations underneath it.
"""

from __future__ import annotations

import csv
import hashlib
import heapq
import io
import itertools
import json
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .errors import StoreError
from .groups import group_kind
from .resolve.entities import slug
from .store import (
    build_lock,
    current_generation,
    generation_nquads,
    replace_in_snapshot,
    sorted_lines,
    stored_form,
    write_snapshot,
)
from .vocab import DEFAULT_MIN_CONFIDENCE, NKG, PREFIXES, RDF, sparql_prologue

# Types that become nodes: people and organisations always; works and events unless left out.
NODE_TYPES = ("Person", "Organization")
OPTIONAL_NODE_TYPES = ("CreativeWork", "Event")
GROUP = "Group"  # the node type of a source group: unnamed sources of one kind ("critics")
# The sign of a statement in the signed graph: attacks are negative, support positive.
ACT_SIGN = {"Criticize": -1, "Demand": -1, "Defend": 1, "Praise": 1}
# How much a statement pulls its speaker and target together (> 0) or apart (< 0) when camps are
# drawn. A defence about someone else often answers that someone's attack ("she defended her
# record against his claims") as often as it backs them, and a demand is half an attack: both
# count half, so that camps follow praise and criticism first.
CAMP_WEIGHT = {"Criticize": -1.0, "Demand": -0.5, "Defend": 0.5, "Praise": 1.0}
SEED = 42  # Louvain's random seed: the same graph always gives the same communities
BETWEENNESS_EXACT_UP_TO = 500  # beyond this many connected entities, betweenness is sampled
EXACT_CAMPS_UP_TO = 12  # controversies with at most this many sides are split by exhaustive search
EXAMPLES = 3  # statements shown for what holds each camp together and what crosses between them
CAMP_STARTS = 8  # the local search of larger controversies starts from this many strongest enmities

SCHEMA_IRI = PREFIXES["schema"]
XSD_IRI = PREFIXES["xsd"]


@dataclass(frozen=True)
class StatementInfo:
    """One statement as the projection sees it."""

    iri: str
    speaker: str
    act: str  # local name: "Criticize", ...
    text: str
    about: tuple[str, ...]
    earliest: date | None
    latest: date | None
    reported: date | None  # the earliest publication date of the articles that report it
    confidence: float = 1.0  # nkg:confidence: the probability that the statement is right
    dated_by: str | None = None  # local name of nkg:datedBy: "DatedByWords", "DatedByContext", "DatedByLead"

    @property
    def sign(self) -> int:
        return ACT_SIGN.get(self.act, 0)

    @property
    def day(self) -> date | None:
        """The day it was said when the text pins it to one day (and not after it was reported: no
        one reports words before they are said), else the day it was first reported."""
        if self.earliest and self.earliest == self.latest and (self.reported is None or self.earliest <= self.reported):
            return self.earliest
        return self.reported


@dataclass(frozen=True)
class Projection:
    """The directed graph speaker -> target, and the statements behind its edges."""

    graph: nx.DiGraph
    statements: dict[str, StatementInfo]
    base: str
    min_confidence: float = 0.0  # the statements below it were left out
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # group node -> its unnamed sources

    def name(self, iri: str) -> str:
        return self.graph.nodes[iri]["name"] if iri in self.graph else iri


@dataclass(frozen=True)
class Controversy:
    """Entities linked by signed statements, split into the two camps that best explain the signs."""

    camps: tuple[tuple[str, ...], tuple[str, ...]]
    statements: int  # signed statements between its members
    frustration: int  # signed statements that go against the split (attacks within, support across)
    # the statements themselves (IRIs), when the projection's statements were given:
    holding: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # support within each camp
    crossing: tuple[str, ...] = ()  # attacks from one camp on the other
    against: tuple[str, ...] = ()  # attacks within a camp, support across


@dataclass(frozen=True)
class Analysis:
    nodes: int
    edges: int
    statements_made: dict[str, int]
    statements_about: dict[str, int]
    pagerank: dict[str, float]
    betweenness: dict[str, float]
    communities: list[tuple[str, ...]]
    controversies: list[Controversy]
    timeline: list[tuple[date, int, int]]  # (day, said that day, first reported that day)
    community_of: dict[str, int] = field(default_factory=dict)


# ------------------------------------------------------------------------------ projection

_ENTITIES = """
SELECT ?e ?type (MIN(?n) AS ?name) WHERE {
  ?e a ?type ; schema:name ?n .
  VALUES ?type { %s }
} GROUP BY ?e ?type
"""

_STATEMENTS = """
SELECT ?s ?speaker ?act ?text ?earliest ?latest ?datedBy ?confidence (MIN(?published) AS ?reported) WHERE {
  ?s a nkg:Statement ; nkg:speaker ?speaker ; nkg:act ?act ; schema:text ?text ; nkg:confidence ?confidence .
  OPTIONAL { ?s nkg:earliest ?earliest }
  OPTIONAL { ?s nkg:latest ?latest }
  OPTIONAL { ?s nkg:datedBy ?datedBy }
  OPTIONAL { ?s prov:wasDerivedFrom/schema:datePublished ?published }
} GROUP BY ?s ?speaker ?act ?text ?earliest ?latest ?datedBy ?confidence
"""

_ABOUT = "SELECT DISTINCT ?s ?target WHERE { ?s a nkg:Statement ; schema:about ?target }"

# Speakers without a name: unnamed sources, and documents a description introduces ("the
# petition", "one Twitter comment") rather than a title.
_UNNAMED_SPEAKERS = """
SELECT DISTINCT ?e ?description WHERE {
  { ?e a nkg:UnnamedSource ; schema:description ?description }
  UNION
  { ?s nkg:speaker ?e . ?e a schema:CreativeWork ; schema:name ?description .
    FILTER(REGEX(?description, "^(the|a|an|one|another|this|that|some|its|their|his|her) ", "i")) }
}
"""

_RUN_GRAPH = "SELECT ?g WHERE { GRAPH ?g { ?run a prov:Activity } } LIMIT 1"


def query(store: ox.Store, text: str):
    """Rows of a SELECT over the union of the store's graphs."""
    return store.query(sparql_prologue() + text, use_default_graph_as_union=True)


def project(store: ox.Store, works: bool = True, events: bool = True, groups: bool = True,
            min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Projection:
    """The speaker -> target projection of the graph in `store`: the statements whose
    nkg:confidence is at least `min_confidence`.

    With `groups`, unnamed speakers enter as one node per kind ("critics", "Twitter users",
    "petitions"; see kg.groups), typed GROUP; `works` and `events` add creative works and events."""
    types = NODE_TYPES + (("CreativeWork",) if works else ()) + (("Event",) if events else ())
    g = nx.DiGraph()
    entities = sorted(
        (row["e"].value, _local(row["type"].value), row["name"].value)
        for row in query(store, _ENTITIES % " ".join(f"schema:{t}" for t in types))
    )
    base = _base(store)
    group_of: dict[str, str] = {}
    if groups:
        for row in query(store, _UNNAMED_SPEAKERS):
            kind = group_kind(row["description"].value)
            group_of[row["e"].value] = group = f"{base}group/{slug(kind)}"
            g.add_node(group, name=kind, type=GROUP)
    for iri, type_, name in entities:
        if iri not in g and iri not in group_of:  # an entity given two base types keeps the first by name
            g.add_node(iri, name=name, type=type_)
    about: dict[str, list[str]] = defaultdict(list)
    for row in query(store, _ABOUT):
        about[row["s"].value].append(row["target"].value)
    statements = {}
    for row in query(store, _STATEMENTS):
        if float(row["confidence"].value) < min_confidence:
            continue
        iri = row["s"].value
        statements[iri] = StatementInfo(
            iri=iri,
            speaker=group_of.get(row["speaker"].value, row["speaker"].value),
            act=_local(row["act"].value),
            text=row["text"].value,
            about=tuple(sorted(about.get(iri, ()))),
            earliest=_date(row["earliest"]),
            latest=_date(row["latest"]),
            reported=_date(row["reported"]),
            confidence=float(row["confidence"].value),
            dated_by=_local(row["datedBy"].value) if row["datedBy"] else None,
        )
    statements = dict(sorted(statements.items()))
    by_edge: dict[tuple[str, str], list[StatementInfo]] = defaultdict(list)
    for st in statements.values():
        if st.speaker in g:
            for target in st.about:
                if target in g:
                    by_edge[st.speaker, target].append(st)
    for (speaker, target), sts in sorted(by_edge.items()):
        days = sorted(d for d in (s.day for s in sts) if d)
        balance = sum(s.sign for s in sts)
        g.add_edge(
            speaker, target,
            count=len(sts),
            acts=dict(sorted(Counter(s.act for s in sts).items())),
            statements=tuple(s.iri for s in sts),
            first=days[0] if days else None,
            last=days[-1] if days else None,
            balance=balance,
            sign=(balance > 0) - (balance < 0),
            # the signed weight of the camps: each statement counts as much as it is likely right
            signed=round(sum(CAMP_WEIGHT.get(s.act, 0.0) * s.confidence for s in sts), 6),
        )
    # works and events enter as what statements are about (or what speaks), not as every title named
    g.remove_nodes_from([n for n, t in g.nodes(data="type") if t in OPTIONAL_NODE_TYPES and not g.degree(n)])
    members = defaultdict(list)
    for member, group in group_of.items():
        members[group].append(member)
    return Projection(g, statements, base, min_confidence, {k: tuple(sorted(v)) for k, v in members.items()})


# -------------------------------------------------------------------------------- figures


def analyze(projection: Projection, seed: int = SEED, paths: bool = True) -> Analysis:
    """Every figure of `kg analyze` for one projection (without betweenness and camps when not `paths`)."""
    g = projection.graph
    made: Counter[str] = Counter()
    about: Counter[str] = Counter()
    for st in projection.statements.values():
        if st.speaker in g:
            made[st.speaker] += 1
        for target in st.about:
            if target in g:
                about[target] += 1
    communities = _communities(g, seed)
    return Analysis(
        nodes=g.number_of_nodes(),
        edges=g.number_of_edges(),
        statements_made=dict(made),
        statements_about=dict(about),
        pagerank=pagerank(g),
        betweenness=_betweenness(g, seed) if paths else {},
        communities=communities,
        community_of={m: i for i, c in enumerate(communities) for m in c},
        controversies=controversies(g, projection.statements) if paths else [],
        timeline=timeline(projection.statements.values()),
    )


def pagerank(g: nx.DiGraph) -> dict[str, float]:
    """PageRank weighted by statement counts (an empty graph has none)."""
    if not g:
        return {}
    try:
        return nx.pagerank(g, weight="count")
    except ImportError:  # networkx wants scipy for its fast path; its pure-Python one gives the same ranks
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return _pagerank_python(g, weight="count")


def _betweenness(g: nx.DiGraph, seed: int) -> dict[str, float]:
    """Normalised betweenness among the entities on an edge (isolated ones have none).

    Past BETWEENNESS_EXACT_UP_TO such entities it is estimated from that many source nodes
    (networkx's sampling, with a fixed seed), which keeps large corpora to seconds.
    """
    connected = g.subgraph(n for n in g if g.degree(n)).copy()
    scores = dict.fromkeys(g, 0.0)
    if connected:
        k = BETWEENNESS_EXACT_UP_TO if len(connected) > BETWEENNESS_EXACT_UP_TO else None
        scores.update(nx.betweenness_centrality(connected, k=k, normalized=True, seed=seed))
    return scores


def _communities(g: nx.DiGraph, seed: int) -> list[tuple[str, ...]]:
    """Louvain communities of the undirected graph, largest first, each sorted; ties by first member."""
    if not g:
        return []
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(g))
    for u, v, data in sorted(g.edges(data=True)):
        if u == v:
            continue
        w = undirected.get_edge_data(u, v, {"weight": 0})["weight"]
        undirected.add_edge(u, v, weight=w + data["count"])
    found = nx.community.louvain_communities(undirected, weight="weight", seed=seed)
    return sorted((tuple(sorted(c)) for c in found), key=lambda c: (-len(c), c[0]))


def controversies(g: nx.DiGraph, statements: dict[str, StatementInfo] | None = None) -> list[Controversy]:
    """Groups of entities joined by signed statements with at least one attack, split into two camps.

    Each pair's weight is the sum over its statements, both ways, of their sign times their
    confidence (attacks negative, support positive). The camps minimise the weight that disagrees
    with them (attacks inside a camp, support across): exactly for small groups; for large ones
    by local search from several starts, the strongest enmity first (its two ends apart, then
    each entity joins the side that pulls it hardest), keeping the best.
    """
    weights: dict[tuple[str, str], float] = defaultdict(float)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for u, v, data in g.edges(data=True):
        if u != v and data["balance"]:
            pair = (min(u, v), max(u, v))
            weights[pair] += data.get("signed", data["balance"])
            counts[pair] += sum(n for act, n in data["acts"].items() if act in ACT_SIGN)
    signed = nx.Graph()
    for (u, v), w in sorted(weights.items()):
        if w:
            signed.add_edge(u, v, weight=w, statements=counts[u, v])
    found = []
    for members in nx.connected_components(signed):
        sub = signed.subgraph(members)
        if not any(d["weight"] < 0 for _, _, d in sub.edges(data=True)):
            continue
        side = _split(sub)
        camp_a = tuple(sorted(n for n in sub if side[n]))
        camp_b = tuple(sorted(n for n in sub if not side[n]))
        camps = tuple(sorted((camp_a, camp_b), key=lambda c: (-len(c), c[:1])))
        frustration = sum(d["statements"] for u, v, d in sub.edges(data=True)
                          if (d["weight"] < 0) == (side[u] == side[v]))
        total = sum(d["statements"] for _, _, d in sub.edges(data=True))
        holding, crossing, against = _sort_statements(g, sub, side, camps, statements or {})
        found.append(Controversy(camps, total, frustration, holding, crossing, against))  # type: ignore[arg-type]
    return sorted(found, key=lambda c: (-c.statements, c.camps))


def _sort_statements(g: nx.DiGraph, sub: nx.Graph, side: dict[str, bool], camps, statements):
    """The signed statements among a controversy's members: support within each camp, attacks
    across, and those against the split; most confident first."""
    holding: tuple[list[StatementInfo], list[StatementInfo]] = ([], [])
    crossing: list[StatementInfo] = []
    against: list[StatementInfo] = []
    for u, v, data in g.subgraph(sub).edges(data=True):
        if u == v:
            continue
        for iri in data.get("statements", ()):
            st = statements.get(iri)
            if st is None or not st.sign:
                continue
            if side[u] != side[v]:
                (crossing if st.sign < 0 else against).append(st)
            elif st.sign > 0:
                holding[0 if u in camps[0] else 1].append(st)
            else:
                against.append(st)

    def ordered(items: list[StatementInfo]) -> tuple[str, ...]:
        return tuple(st.iri for st in sorted(items, key=lambda st: (-st.confidence, st.iri)))

    return (ordered(holding[0]), ordered(holding[1])), ordered(crossing), ordered(against)


def _cost(g: nx.Graph, side: dict[str, bool]) -> float:
    return sum(abs(d["weight"]) for u, v, d in g.edges(data=True) if (d["weight"] < 0) == (side[u] == side[v]))


def _split(g: nx.Graph) -> dict[str, bool]:
    nodes = sorted(g)
    if len(nodes) <= EXACT_CAMPS_UP_TO:
        best = None
        for bits in itertools.product((True, False), repeat=len(nodes) - 1):
            side = dict(zip(nodes, (True, *bits), strict=True))
            c = _cost(g, side)
            if best is None or c < best[0] - 1e-9:
                best = (c, side)
        return best[1]
    enmities = sorted(((d["weight"], u, v) for u, v, d in g.edges(data=True) if d["weight"] < 0))
    starts = [_grown_from(g, u, v) for _, u, v in enmities[:CAMP_STARTS]] + [_tree_colouring(g, nodes)]
    scored = []
    for side in starts:
        _improve(g, nodes, side)
        scored.append((_cost(g, side), side))
    return min(scored, key=lambda cs: cs[0])[1]


def _grown_from(g: nx.Graph, a: str, b: str) -> dict[str, bool]:
    """Camps grown from two enemies: the entity pulled hardest to one side joins it next."""
    side = {a: True, b: False}
    pull: dict[str, float] = defaultdict(float)  # > 0: towards a's side

    def place(n: str) -> None:
        for m, d in g[n].items():
            if m not in side:
                pull[m] += d["weight"] if side[n] else -d["weight"]

    place(a)
    place(b)
    heap = [(-abs(p), m) for m, p in pull.items()]
    heapq.heapify(heap)
    while heap:
        strength, n = heapq.heappop(heap)
        if n in side or -strength != abs(pull[n]):
            continue  # placed already, or an outdated entry
        side[n] = pull[n] >= 0
        place(n)
        for m in g[n]:
            if m not in side:
                heapq.heappush(heap, (-abs(pull[m]), m))
    for n in sorted(g):  # parts of the group the enemies' pulls never reached
        side.setdefault(n, True)
    return side


def _tree_colouring(g: nx.Graph, nodes: list[str]) -> dict[str, bool]:
    """A spanning-tree colouring: allies alike, opponents apart."""
    side: dict[str, bool] = {}
    for root in nodes:
        if root in side:
            continue
        side[root] = True
        queue = deque([root])
        while queue:
            n = queue.popleft()
            for m in sorted(g[n]):
                if m not in side:
                    side[m] = side[n] if g[n][m]["weight"] > 0 else not side[n]
                    queue.append(m)
    return side


def _improve(g: nx.Graph, nodes: list[str], side: dict[str, bool]) -> None:
    """Flip single entities while that lowers the cost; each flip lowers it, so this ends."""
    improved = True
    while improved:
        improved = False
        for n in nodes:
            gain = sum(abs(d["weight"]) * (1 if (d["weight"] < 0) == (side[n] == side[m]) else -1)
                       for m, d in g[n].items())
            if gain > 1e-9:
                side[n] = not side[n]
                improved = True


def timeline(statements) -> list[tuple[date, int, int]]:
    """Statements per day: said that day (when the text pins it to one day, no later than its first
    report), and first reported that day."""
    said: Counter[date] = Counter()
    reported: Counter[date] = Counter()
    for st in statements:
        if st.earliest and st.earliest == st.latest and st.day == st.earliest:
            said[st.earliest] += 1
        if st.reported:
            reported[st.reported] += 1
    return [(day, said[day], reported[day]) for day in sorted(said.keys() | reported.keys())]


# --------------------------------------------------------------------------------- output

SECTIONS = ("most_quoted", "most_talked_about", "pagerank", "betweenness", "communities", "camps", "timeline")


def rows(projection: Projection, analysis: Analysis, top: int = 10) -> dict[str, list[dict]]:
    """Each section of the report as a list of plain rows (top N entities; 0 for all).

    Members of a community or camp are listed by PageRank, the most central first.
    """
    g = projection.graph

    def entity(iri: str) -> dict:
        return {"iri": iri, "name": g.nodes[iri]["name"], "type": g.nodes[iri]["type"]}

    def central_first(members) -> list[dict]:
        return [entity(m) for m in sorted(members, key=lambda m: (-analysis.pagerank.get(m, 0.0), m))]

    def said(iri: str) -> dict:
        st = projection.statements[iri]
        return {"statement": iri, "speaker": projection.name(st.speaker), "act": st.act,
                "about": [projection.name(t) for t in st.about if t in g], "text": st.text,
                "confidence": st.confidence}

    def ranked(scores: dict[str, float], key: str, digits: int | None = None) -> list[dict]:
        order = sorted((iri for iri, v in scores.items() if v), key=lambda i: (-scores[i], g.nodes[i]["name"], i))
        return [{"rank": r, **entity(i), key: round(scores[i], digits) if digits else scores[i]}
                for r, i in enumerate(_cut(order, top), 1)]

    return {
        "most_quoted": ranked(analysis.statements_made, "statements"),
        "most_talked_about": ranked(analysis.statements_about, "statements"),
        "pagerank": ranked(analysis.pagerank, "pagerank", 6),
        "betweenness": ranked(analysis.betweenness, "betweenness", 6),
        "communities": [
            {"community": i + 1, "size": len(c), "members": central_first(c)}
            for i, c in enumerate(_cut([c for c in analysis.communities if len(c) > 1], top))
        ],
        "camps": [
            {"controversy": i + 1, "statements": c.statements, "frustration": c.frustration,
             "camps": [central_first(camp) for camp in c.camps],
             "holding": [len(h) for h in c.holding], "crossing": len(c.crossing), "against": len(c.against),
             "examples": {"holding": [[said(iri) for iri in _cut(list(h), EXAMPLES)] for h in c.holding],
                          "crossing": [said(iri) for iri in _cut(list(c.crossing), EXAMPLES)],
                          "against": [said(iri) for iri in _cut(list(c.against), EXAMPLES)]}}
            for i, c in enumerate(_cut(analysis.controversies, top))
        ],
        "timeline": [{"day": d.isoformat(), "said": s, "reported": r} for d, s, r in analysis.timeline],
    }


def format_report(projection: Projection, analysis: Analysis, fmt: str = "table", top: int = 10) -> str:
    """The report as text tables, JSON, or CSV (one row per entity, community member, camp member, day)."""
    report = rows(projection, analysis, top)
    if fmt == "json":
        return json.dumps({"nodes": analysis.nodes, "edges": analysis.edges, **report},
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(report)
    return _tables(analysis, report)


def _csv(report: dict[str, list[dict]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["section", "rank", "iri", "name", "type", "value"])
    for section in ("most_quoted", "most_talked_about", "pagerank", "betweenness"):
        for row in report[section]:
            value = row.get("statements", row.get("pagerank", row.get("betweenness")))
            w.writerow([section, row["rank"], row["iri"], row["name"], row["type"], value])
    for row in report["communities"]:
        for m in row["members"]:
            w.writerow(["communities", row["community"], m["iri"], m["name"], m["type"], row["size"]])
    for row in report["camps"]:
        for label, camp in zip("AB", row["camps"], strict=True):
            for m in camp:
                w.writerow(["camps", row["controversy"], m["iri"], m["name"], m["type"], label])
    for row in report["timeline"]:
        w.writerow(["timeline", "", "", row["day"], "said", row["said"]])
        w.writerow(["timeline", "", "", row["day"], "reported", row["reported"]])
    return buf.getvalue()


def _tables(analysis: Analysis, report: dict[str, list[dict]]) -> str:
    groups = len([c for c in analysis.communities if len(c) > 1])
    out = [f"Projection: {analysis.nodes} entities, {analysis.edges} speaker -> target edges, "
           + f"{groups} communities of two or more, {len(analysis.controversies)} controversies.", ""]

    def table(title: str, header: list[str], body: list[list]) -> None:
        out.append(title)
        if not body:
            out.extend(["  (none)", ""])
            return
        cells = [[str(c) for c in r] for r in body]
        widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
        out.append("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
        out.append("  " + "  ".join("-" * w for w in widths))
        out.extend("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells)
        out.append("")

    for section, title, key in (("most_quoted", "Most quoted (statements made)", "statements"),
                                ("most_talked_about", "Most talked about (statements about)", "statements"),
                                ("pagerank", "PageRank", "pagerank"), ("betweenness", "Betweenness", "betweenness")):
        table(title, ["#", "name", "type", key],
              [[r["rank"], _clip(r["name"]), r["type"], r[key]] for r in report[section]])
    table("Communities (Louvain)", ["#", "size", "members"],
          [[r["community"], r["size"], _clip(", ".join(m["name"] for m in r["members"]), 80)]
           for r in report["communities"]])
    table("Camps of each controversy (from signed statements)",
          ["#", "statements", "support in A", "support in B", "attacks across", "against split", "camp A",
           "camp B"],
          [[r["controversy"], r["statements"], r["holding"][0], r["holding"][1], r["crossing"], r["frustration"],
            _clip(", ".join(m["name"] for m in r["camps"][0]), 40),
            _clip(", ".join(m["name"] for m in r["camps"][1]), 40)] for r in report["camps"]])
    for r in report["camps"][:1]:  # the largest controversy's statements, as evidence for its camps
        out.append(f"What holds the camps of controversy {r['controversy']} together, and what crosses them")
        for label, items in (("A", r["examples"]["holding"][0]), ("B", r["examples"]["holding"][1]),
                             ("across", r["examples"]["crossing"])):
            for ex in items:
                about = ", ".join(ex["about"])
                out.append(f"  {label:<6}  {_clip(ex['speaker'], 24)} {ex['act']} {_clip(about, 24)}: "
                           f"“{_clip(ex['text'], 70)}”")
        out.append("")
    table("Timeline (statements per day)", ["day", "said", "reported"],
          [[r["day"], r["said"], r["reported"]] for r in report["timeline"]])
    return "\n".join(out[:-1]) + "\n"


def _cut(items: list, top: int) -> list:
    return list(items) if top <= 0 else list(items)[:top]


def _clip(s: str, width: int = 40) -> str:
    return s if len(s) <= width else s[: width - 1] + "…"


# ------------------------------------------------------------------ the analytics named graph


def analytics_graph(base: str) -> str:
    return f"{base}graph/analytics"


def result_quads(projection: Projection, analysis: Analysis) -> list[ox.Quad]:
    """The results as quads in <base>graph/analytics (IRIs under <base>analytics/, deterministic)."""
    base = projection.base
    g = ox.NamedNode(analytics_graph(base))
    rdf_type = _term(RDF.type)
    out: list[ox.Quad] = []

    def add(s, p, o) -> None:
        out.append(ox.Quad(s, p, o, g))

    for iri in sorted(projection.graph):
        node = ox.NamedNode(iri)
        add(node, _term(NKG.pageRank), _decimal(analysis.pagerank.get(iri, 0.0)))
        add(node, _term(NKG.betweenness), _decimal(analysis.betweenness.get(iri, 0.0)))
        add(node, _term(NKG.statementsMade), _integer(analysis.statements_made.get(iri, 0)))
        add(node, _term(NKG.statementsAbout), _integer(analysis.statements_about.get(iri, 0)))
    for group, members in sorted(projection.groups.items()):
        node = ox.NamedNode(group)
        add(node, rdf_type, _term(NKG.SourceGroup))
        add(node, ox.NamedNode(SCHEMA_IRI + "name"), ox.Literal(projection.graph.nodes[group]["name"]))
        for m in members:
            add(ox.NamedNode(m), _term(NKG.inGroup), node)
    for i, members in enumerate(analysis.communities, 1):
        community = ox.NamedNode(f"{base}analytics/community/{i}")
        add(community, rdf_type, _term(NKG.Community))
        for m in members:
            add(ox.NamedNode(m), _term(NKG.community), community)
    for i, c in enumerate(analysis.controversies, 1):
        controversy = ox.NamedNode(f"{base}analytics/controversy/{i}")
        add(controversy, rdf_type, _term(NKG.Controversy))
        add(controversy, _term(NKG.statementCount), _integer(c.statements))
        add(controversy, _term(NKG.frustration), _integer(c.frustration))
        for label, members in zip("ab", c.camps, strict=True):
            camp = ox.NamedNode(f"{controversy.value}/camp/{label}")
            add(camp, rdf_type, _term(NKG.Camp))
            add(controversy, _term(NKG.camp), camp)
            for m in members:
                add(ox.NamedNode(m), _term(NKG.inCamp), camp)
    for u, v, data in sorted(projection.graph.edges(data=True)):
        key = hashlib.sha256(f"{u}\n{v}".encode()).hexdigest()[:20]
        edge = ox.NamedNode(f"{base}analytics/interaction/{key}")
        add(edge, rdf_type, _term(NKG.Interaction))
        add(edge, _term(NKG.fromEntity), ox.NamedNode(u))
        add(edge, _term(NKG.toEntity), ox.NamedNode(v))
        add(edge, _term(NKG.statementCount), _integer(data["count"]))
        add(edge, _term(NKG.sign), _integer(data["sign"]))
        for st in data["statements"]:
            add(edge, _term(NKG.aggregates), ox.NamedNode(st))
    for day, said, reported in analysis.timeline:
        node = ox.NamedNode(f"{base}analytics/day/{day.isoformat()}")
        add(node, rdf_type, _term(NKG.DayCount))
        add(node, _term(NKG.day), ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD_IRI + "date")))
        add(node, _term(NKG.statementsSaid), _integer(said))
        add(node, _term(NKG.statementsReported), _integer(reported))
    return out


def write_results(root: Path, projection: Projection, analysis: Analysis) -> int:
    """Replace <base>graph/analytics in the live generation (and its snapshot) with these results;
    return the quad count.

    Oxigraph allows one writer per store directory, and a build swaps in a new generation; so the
    write holds the build lock (no build can start meanwhile, and we wait for none) and replaces the
    graph in one SPARQL update, which Oxigraph applies as one transaction. Read-only openers
    (kg serve, kg query) are unaffected; they see the results when they next open the store.
    A later build starts a fresh generation without analytics: run `kg analyze` again after it.
    """
    quads = result_quads(projection, analysis)
    graph = analytics_graph(projection.base)
    triples = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                           format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    update = f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{triples}}} }}"
    with build_lock(root):
        generation = current_generation(root)
        try:
            store = ox.Store(str(generation))
        except OSError as e:
            raise StoreError(f"Cannot open store {root} for writing the analytics graph: {e}. "
                             "Stop the process that has it open for writing, or use --no-write.") from None
        store.update(update)
        store.flush()
        del store
        stored = [ox.Quad(q.subject, q.predicate, stored_form(q.object), q.graph_name) for q in quads]
        lines = sorted_lines(ox.serialize(stored, format=ox.RdfFormat.N_QUADS))
        write_snapshot(generation, replace_in_snapshot(generation_nquads(root), {graph}, lines))
    return len(quads)


def analyze_store(root: Path, works: bool = True, events: bool = True, write: bool = True,
                  min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                  groups: bool = True) -> tuple[Projection, Analysis, int]:
    """`kg analyze`: project the live graph, compute the figures, and (unless told not to) store them."""
    from .store import open_read

    projection = project(open_read(root), works=works, events=events, groups=groups,
                         min_confidence=min_confidence)
    analysis = analyze(projection)
    written = write_results(root, projection, analysis) if write else 0
    return projection, analysis, written


# -------------------------------------------------------------------------------- helpers


def _term(iri) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _decimal(value: float) -> ox.Literal:
    return ox.Literal(str(Decimal(f"{value:.6f}")), datatype=ox.NamedNode(XSD_IRI + "decimal"))


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD_IRI + "integer"))


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _date(term) -> date | None:
    if term is None:
        return None
    try:
        return date.fromisoformat(term.value[:10])
    except ValueError:
        return None


def _base(store: ox.Store) -> str:
    """The base IRI of the graph's resources, read from the name of its run graph (<base>graph/run)."""
    for row in query(store, _RUN_GRAPH):
        name = row["g"].value
        if name.endswith("graph/run"):
            return name[: -len("graph/run")]
    from .vocab import DEFAULT_BASE

    return DEFAULT_BASE
