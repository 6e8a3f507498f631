"""`kg view`: the projection as one self-contained, offline HTML page (pyvis's vis-network, our template).

The page loads nothing from the network: vis-network's script and style are inlined from the
files bundled in the pyvis package, and a Content-Security-Policy allows only those exact inline
scripts (by hash) and no fetches. Every text from the graph (names, quotes, article bodies) travels
as one JSON document and reaches the page through `textContent` only, so markup in an article
cannot run or render.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from . import analytics
from .analytics import Analysis, Projection
from .errors import KgError
from .store import open_read
from .vocab import DEFAULT_MIN_CONFIDENCE

# Physics runs (then stops) only on graphs this small; larger ones keep their precomputed layout.
PHYSICS_MAX_NODES = 400
LARGE_PART = 500  # parts this large get the core-and-trees layout
SEED = analytics.SEED
TYPE_COLOURS = {"Person": "#4e79a7", "Organization": "#f28e2b", "CreativeWork": "#59a14f", "Event": "#b07aa1",
                "Group": "#9c755f"}
ACT_COLOURS = {
    "Criticize": "#d62728", "Demand": "#ff7f0e", "Apologize": "#9467bd", "Defend": "#1f77b4",
    "Praise": "#2ca02c", "Explain": "#17becf", "Report": "#8c8c8c",
}
COMMUNITY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                     "#ff9da7", "#9c755f", "#86bcb6", "#d37295", "#a0cbe8")
SMALL_COMMUNITY_COLOUR = "#c7c7c7"
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # characters JavaScript counts as two


@dataclass(frozen=True)
class Page:
    html: str
    nodes: int
    edges: int


_EVIDENCE = """
SELECT DISTINCT ?s ?article ?start ?end ?sstart ?send ?channel WHERE {
  ?s a nkg:Statement ; nkg:evidence ?ev .
  ?ev oa:hasSource ?article ; oa:hasSelector ?sel .
  ?sel a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?ev nkg:speakerMention/oa:hasSelector ?ss . ?ss oa:start ?sstart ; oa:end ?send }
  OPTIONAL { ?ev nkg:channel/schema:name ?channel }
}
"""

# Statements with the same words that other articles give to another speaker.
_CONFLICTS = """
SELECT DISTINCT ?s ?name WHERE {
  ?s a nkg:Statement ; nkg:conflictsWith ?other .
  ?other nkg:speaker ?speaker .
  OPTIONAL { ?speaker schema:name ?n }
  OPTIONAL { ?speaker schema:description ?d }
  BIND(COALESCE(?n, ?d) AS ?name)
}
"""

_ARTICLES = """
SELECT ?a ?id ?body (SAMPLE(?h) AS ?headline) (SAMPLE(?u) AS ?url) (SAMPLE(?p) AS ?publisher)
       (SAMPLE(?d) AS ?date) WHERE {
  ?a a schema:NewsArticle ; schema:identifier ?id ; schema:articleBody ?body .
  OPTIONAL { ?a schema:headline ?h }
  OPTIONAL { ?a schema:url ?u }
  OPTIONAL { ?a schema:publisher/schema:name ?p }
  OPTIONAL { ?a schema:datePublished ?d }
} GROUP BY ?a ?id ?body
"""


def build_page(store: ox.Store, projection: Projection, analysis: Analysis, colour_by: str = "type",
               title: str = "kg: who talks about whom") -> Page:
    """The HTML page of a projection: nodes, edges, the statements behind them and their articles."""
    data = page_data(store, projection, analysis, colour_by)
    return Page(render(data, title), len(data["nodes"]), len(data["edges"]))


def page_data(store: ox.Store, projection: Projection, analysis: Analysis, colour_by: str = "type") -> dict:
    """Everything the page shows, as one JSON-ready document."""
    from pyvis.network import Network

    g = projection.graph
    physics = g.number_of_nodes() <= PHYSICS_MAX_NODES  # larger graphs draw straight, without physics
    positions = layout(g, analysis.communities)
    ranks = [analysis.pagerank.get(n, 0.0) for n in g]
    low, spread = min(ranks, default=0.0), (max(ranks, default=0.0) - min(ranks, default=0.0)) or 1.0
    net = Network(directed=True, cdn_resources="in_line")
    for iri in g:
        attrs = g.nodes[iri]
        community = analysis.community_of.get(iri, -1)
        x, y = positions[iri]
        net.add_node(
            iri, label=attrs["name"], shape="dot",
            size=round(6 + 30 * math.sqrt((analysis.pagerank.get(iri, 0.0) - low) / spread), 2),
            x=x, y=y, kind=attrs["type"], community=community,
            said=analysis.statements_made.get(iri, 0), about=analysis.statements_about.get(iri, 0),
            pagerank=round(analysis.pagerank.get(iri, 0.0), 8),
            typeColour=TYPE_COLOURS.get(attrs["type"], SMALL_COMMUNITY_COLOUR),
            communityColour=_community_colour(analysis.communities, community),
        )
    statement_index: dict[str, int] = {}
    for i, (source, target, data) in enumerate(sorted(g.edges(data=True), key=lambda e: (e[0], e[1]))):
        for st in data["statements"]:
            statement_index.setdefault(st, len(statement_index))
        act = max(data["acts"], key=lambda a: (data["acts"][a], -list(ACT_COLOURS).index(a)))
        twin = {}
        if not physics and source != target and g.has_edge(target, source):
            # large graphs draw straight edges: bend the two directions of one pair apart, so that
            # each can be seen and clicked (small graphs curve every edge already)
            twin = {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.2}}
        net.add_edge(
            source, target, id=f"e{i}", arrows="to",
            width=round(1 + 1.5 * math.log2(data["count"]), 2), act=act,
            acts=data["acts"], sign=data["sign"], statements=[statement_index[s] for s in data["statements"]],
            **twin,
        )
    statements, articles = _statements_and_articles(store, projection, statement_index)
    nodes, edges, *_ = net.get_network_data()
    for node in nodes:  # pyvis adds a "color" and a "font" of its own: the page colours nodes itself
        node.pop("color", None)
        node.pop("font", None)
    return {
        "nodes": nodes, "edges": edges, "statements": statements, "articles": articles,
        "actColours": ACT_COLOURS, "actSigns": analytics.ACT_SIGN, "typeColours": TYPE_COLOURS, "colourBy": colour_by,
        "smallCommunityColour": SMALL_COMMUNITY_COLOUR,
        "physics": physics, "minConfidence": projection.min_confidence,
    }


def _community_colour(communities: list[tuple[str, ...]], index: int) -> str:
    if index < 0 or len(communities[index]) < 2 or index >= len(COMMUNITY_COLOURS):
        return SMALL_COMMUNITY_COLOUR
    return COMMUNITY_COLOURS[index]


def _statements_and_articles(store: ox.Store, projection: Projection,
                             statement_index: dict[str, int]) -> tuple[list[dict], list[dict]]:
    evidence: dict[str, list[tuple]] = {}
    for row in analytics.query(store, _EVIDENCE):
        iri = row["s"].value
        if iri in statement_index:
            evidence.setdefault(iri, []).append((
                row["article"].value, int(row["start"].value), int(row["end"].value),
                int(row["sstart"].value) if row["sstart"] else None,
                int(row["send"].value) if row["send"] else None,
                _value(row["channel"])))
    conflicts: dict[str, set[str]] = {}
    for row in analytics.query(store, _CONFLICTS):
        if row["s"].value in statement_index and row["name"] is not None:
            conflicts.setdefault(row["s"].value, set()).add(row["name"].value)
    wanted = {ev[0] for evs in evidence.values() for ev in evs}
    articles: list[dict] = []
    article_index: dict[str, int] = {}
    utf16: dict[str, list[int] | None] = {}
    for row in sorted(analytics.query(store, _ARTICLES), key=lambda r: r["id"].value):
        iri = row["a"].value
        if iri not in wanted:
            continue
        text = row["body"].value
        article_index[iri] = len(articles)
        utf16[iri] = _utf16_offsets(text)
        articles.append({
            "id": row["id"].value, "text": text,
            "headline": _value(row["headline"]), "publisher": _value(row["publisher"]),
            "date": _value(row["date"]), "url": _value(row["url"]),
        })
    statements: list[dict] = [{} for _ in statement_index]
    g = projection.graph
    for iri, i in statement_index.items():
        st = projection.statements[iri]
        spans = []
        for article, start, end, s_start, s_end, channel in sorted(evidence.get(iri, ()), key=lambda ev: ev[:5]):
            if article not in article_index:
                continue
            to16 = utf16[article]
            spans.append({
                "article": article_index[article], "start": _at(to16, start), "end": _at(to16, end),
                "speakerStart": _at(to16, s_start), "speakerEnd": _at(to16, s_end), "channel": channel,
            })
        statements[i] = {
            "speaker": projection.name(st.speaker), "act": st.act, "text": st.text, "confidence": st.confidence,
            "about": [projection.name(t) for t in st.about if t in g],
            "day": st.day.isoformat() if st.day else None,
            "earliest": st.earliest.isoformat() if st.earliest else None,
            "latest": st.latest.isoformat() if st.latest else None,
            "datedByLead": st.dated_by == "DatedByLead",
            "evidence": spans,
            "otherSpeakers": sorted(conflicts.get(iri, ())),
        }
    return statements, articles


def _utf16_offsets(text: str) -> list[int] | None:
    """Code point index -> UTF-16 index (what JavaScript strings count), or None when they agree."""
    if not _ASTRAL.search(text):
        return None
    out, n = [], 0
    for c in text:
        out.append(n)
        n += 2 if ord(c) >= 0x10000 else 1
    out.append(n)
    return out


def _at(to16: list[int] | None, index: int | None) -> int | None:
    if index is None or to16 is None:
        return index
    return to16[min(index, len(to16) - 1)]


def _value(term) -> str | None:
    return term.value if term is not None else None


# ---------------------------------------------------------------------------------- layout


def layout(g: nx.DiGraph, communities: list[tuple[str, ...]] = (), spacing: float = 60.0,
           ) -> dict[str, tuple[float, float]]:
    """Deterministic positions in pixels: each connected part laid out by force, then packed.

    Laying out parts separately keeps this fast on thousands of nodes (most parts are small or
    single) and lets the page skip physics on large graphs. The largest part sits on the left,
    the other parts fill shelves to its right, and entities on no edge form a grid below. A large
    part is drawn community by community (`communities`, e.g. Louvain's), each in its own disc.
    """
    community_of = {m: i for i, c in enumerate(communities) for m in c}
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(g))
    undirected.add_edges_from(sorted((u, v) for u, v in g.edges() if u != v))
    parts = sorted((sorted(c) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), c[0]))
    groups = [p for p in parts if len(p) > 1]
    alone = [p[0] for p in parts if len(p) == 1]
    positions: dict[str, tuple[float, float]] = {}

    def place(members: list[str], local: dict[str, tuple[float, float]], cx: float, cy: float) -> None:
        for n in members:
            lx, ly = local[n]
            positions[n] = (round(float(cx + lx), 1), round(float(cy + ly), 1))

    def radius(n: int) -> float:
        return spacing * max(0.6, math.sqrt(n) * 0.8)

    left, bottom = 0.0, 0.0
    if groups:
        first = groups[0]
        r = radius(len(first))
        place(first, _scaled(_part_layout(undirected.subgraph(first), community_of), r), r, r)
        left, bottom = 2 * r + spacing, 2 * r + spacing
    shelf_width = left or spacing * 6 * math.sqrt(sum(len(p) for p in groups[1:]) or 1)
    x = y = row_height = 0.0
    for members in groups[1:]:
        r = radius(len(members))
        box = 2 * r + spacing
        if x > 0 and x + box > shelf_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        place(members, _scaled(_force_layout(undirected.subgraph(members)), r), left + x + box / 2, y + box / 2)
        x += box
        row_height = max(row_height, box)
    bottom = max(bottom, y + row_height)
    columns = max(1, int((left + shelf_width) / spacing))
    for i, n in enumerate(alone):
        positions[n] = (float(spacing * (i % columns)), float(bottom + spacing * (i // columns)))
    return positions


def _part_layout(part: nx.Graph, community_of: dict[str, int]) -> dict[str, tuple[float, float]]:
    """A large part as discs of communities placed by the force between them (group-in-a-box)."""
    groups: dict[int, list[str]] = {}
    for n in sorted(part):
        groups.setdefault(community_of.get(n, -1), []).append(n)
    if len(part) < LARGE_PART or len(groups) < 3:
        return _force_layout(part)
    between = nx.Graph()
    between.add_nodes_from(sorted(groups))
    for u, v in sorted(part.edges()):
        a, b = community_of.get(u, -1), community_of.get(v, -1)
        if a != b:
            w = between.get_edge_data(a, b, {"weight": 0})["weight"]
            between.add_edge(a, b, weight=w + 1)
    centres = _normalised(nx.spring_layout(between, seed=SEED, iterations=100, weight="weight",
                                           k=2 / math.sqrt(len(between))))
    radii = {key: 0.9 * math.sqrt(len(members) / len(part)) for key, members in groups.items()}
    centres = _apart(centres, radii)
    out: dict[str, tuple[float, float]] = {}
    for key, members in groups.items():
        cx, cy = centres[key]
        r = radii[key]
        inner = part.subgraph(members)
        local = _force_layout(inner) if len(members) > 1 else {members[0]: (0.0, 0.0)}
        out.update({n: (cx + x * r, cy + y * r) for n, (x, y) in local.items()})
    return _normalised(out)


def _apart(centres: dict, radii: dict, rounds: int = 60) -> dict:
    """Push overlapping discs apart along the line between their centres (a few relaxation rounds)."""
    keys = sorted(centres)
    pos = {k: list(centres[k]) for k in keys}
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                dx, dy = pos[b][0] - pos[a][0], pos[b][1] - pos[a][1]
                gap = math.hypot(dx, dy)
                need = (radii[a] + radii[b]) * 1.05
                if gap < need:
                    if gap == 0:
                        dx, dy, gap = 1.0, 0.0, 1.0
                    push = (need - gap) / 2
                    pos[a][0] -= dx / gap * push
                    pos[a][1] -= dy / gap * push
                    pos[b][0] += dx / gap * push
                    pos[b][1] += dy / gap * push
                    moved = True
        if not moved:
            break
    return {k: (x, y) for k, (x, y) in pos.items()}


def _scaled(local: dict[str, tuple[float, float]], r: float) -> dict[str, tuple[float, float]]:
    return {n: (x * r, y * r) for n, (x, y) in local.items()}


def _force_layout(part: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions within the unit disc for one connected part.

    networkx's spring layout for small parts; for large ones the 2-core (what remains after
    removing dangling trees) is laid out by force (spring with scipy, else ForceAtlas2, which is
    O(n^2) a step here, so fewer steps on larger cores), and each dangling tree fans out from
    where it hangs.
    """
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(part))
    ordered.add_edges_from(sorted(part.edges()))
    if len(ordered) < LARGE_PART:
        return _normalised(nx.spring_layout(ordered, seed=SEED, iterations=80))
    core = nx.k_core(ordered, 2)
    if len(core) < 3:  # a tree: fan out from its best-connected node
        core = ordered.subgraph([max(sorted(ordered), key=ordered.degree)])
        pos = {next(iter(core)): (0.0, 0.0)}
    elif len(core) < LARGE_PART:
        pos = nx.spring_layout(core, seed=SEED, iterations=80)
    else:
        try:
            pos = nx.spring_layout(core, seed=SEED, iterations=50)  # needs scipy at this size
        except ImportError:
            steps = max(15, min(60, int(60 * (700 / len(core)) ** 2)))
            pos = nx.forceatlas2_layout(core, seed=SEED, max_iter=steps)
    pos = _normalised(pos)
    step = 1.2 / math.sqrt(len(ordered))  # about the distance between neighbours once all are placed
    frontier = sorted(pos)
    while frontier:
        following = []
        for parent in frontier:
            px, py = pos[parent]
            children = sorted(n for n in ordered[parent] if n not in pos)
            base = math.atan2(py, px) if (px or py) else 0.0
            for i, child in enumerate(children):
                angle = base + (i - (len(children) - 1) / 2) * min(0.5, 2 * math.pi / max(1, len(children)))
                pos[child] = (px + step * math.cos(angle), py + step * math.sin(angle))
                following.append(child)
        frontier = following
    for i, n in enumerate(n for n in sorted(ordered) if n not in pos):  # parts the core does not reach
        pos[n] = (1.1 * math.cos(i * 2.39996), 1.1 * math.sin(i * 2.39996))
    return _normalised(pos)


def _normalised(pos: dict) -> dict[str, tuple[float, float]]:
    """Centre on the centroid and scale so that 98% of the nodes fall in the unit disc (the rest on its rim)."""
    if len(pos) == 1:
        return {n: (0.0, 0.0) for n in pos}
    cx = sum(float(p[0]) for p in pos.values()) / len(pos)
    cy = sum(float(p[1]) for p in pos.values()) / len(pos)
    shifted = {n: (float(p[0]) - cx, float(p[1]) - cy) for n, p in pos.items()}
    distances = sorted(math.hypot(x, y) for x, y in shifted.values())
    reach = distances[min(len(distances) - 1, int(0.98 * len(distances)))] or 1.0
    out = {}
    for n, (x, y) in shifted.items():
        d = math.hypot(x, y) / reach
        shrink = 1 / reach if d <= 1 else 1 / (reach * d)
        out[n] = (x * shrink, y * shrink)
    return out


# ---------------------------------------------------------------------------------- render


def render(data: dict, title: str = "kg: who talks about whom") -> str:
    """The page: our template with vis-network, our script and the data inlined; CSP by script hash."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    templates = resources.files("kg") / "templates"
    vis_dir = Path(_pyvis_lib()) / "vis-9.1.2"
    vis_js = (vis_dir / "vis-network.min.js").read_text(encoding="utf-8")
    vis_css = (vis_dir / "vis-network.css").read_text(encoding="utf-8")
    app_js = (templates / "page.js").read_text(encoding="utf-8")
    app_css = (templates / "page.css").read_text(encoding="utf-8")
    for name, text in (("vis-network.min.js", vis_js), ("page.js", app_js), ("vis-network.css", vis_css),
                       ("page.css", app_css)):
        if "</script" in text.lower() or "</style" in text.lower():
            raise ValueError(f"{name} cannot be inlined: it contains a closing tag")
    csp = "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(f"'sha256-{_sha256_b64(s)}'" for s in (vis_js, app_js)),
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(["html"]))
    return env.get_template("page.html").render(
        title=title, csp=csp, vis_js=Markup(vis_js), vis_css=Markup(vis_css), app_js=Markup(app_js),
        app_css=Markup(app_css), data_json=Markup(script_json(data)),
        acts=list(ACT_COLOURS.items()), types=sorted({n["kind"] for n in data["nodes"]}),
    )


def script_json(data) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' characters survive unescaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _sha256_b64(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _pyvis_lib() -> str:
    import pyvis

    return str(Path(pyvis.__file__).parent / "lib")


def write_page(page: Page, output: Path) -> None:
    """Write the page atomically (a half-written page never replaces a good one)."""
    tmp = output.with_name(output.name + ".part")
    try:
        tmp.write_text(page.html, encoding="utf-8")
        tmp.replace(output)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise KgError(f"Cannot write {output}: {e.strerror}. Choose another -o path.") from None


def view(store_root: Path, output: Path, colour_by: str = "type", works: bool = True,
         events: bool = True, min_confidence: float = DEFAULT_MIN_CONFIDENCE, groups: bool = True) -> Page:
    """`kg view`: project the live graph, lay it out and write the page to `output`."""
    store = open_read(store_root)
    projection = analytics.project(store, works=works, events=events, groups=groups,
                                   min_confidence=min_confidence)
    page = build_page(store, projection, analytics.analyze(projection, paths=False), colour_by)
    write_page(page, output)
    return page
