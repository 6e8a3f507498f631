"""kg analyze: the speaker -> target projection, its figures, and the analytics named graph.

The store holds a small graph written for the tests (tests/conftest_network.py): a mayor (Ann Lee)
and a harbour board criticise each other, a councillor (Bob Stone) praises the mayor and makes a
demand of the board, a critic (Eve Marsh) criticises the mayor, the mayor praises a report
(a creative work). Expected figures below are worked out by hand from those five edges.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import json
import subprocess
import sys
from datetime import date

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import analytics
from kg.cli import main
from kg.errors import StoreError
from kg.records import Entity
from kg.store import build_lock, open_read

from .conftest_network import town_records, write_store

E = "https://w3id.org/newskg/id/entity/"
S = "https://w3id.org/newskg/id/statement/"
LEE, BOARD, STONE, MARSH = E + "ann-lee", E + "harbour-board", E + "bob-stone", E + "eve-marsh"
COURIER, GAZETTE, REPORT = E + "example-courier", E + "hostile-gazette", E + "harbour-report"
ANALYTICS_GRAPH = "https://w3id.org/newskg/id/graph/analytics"


@pytest.fixture
def town_store(tmp_path):
    return write_store(tmp_path / "store", *town_records())


@pytest.fixture
def projection(town_store):
    """People and organisations only: the figures below are worked out on those five edges."""
    return analytics.project(open_read(town_store), works=False, events=False, groups=False)


def test_nodes_are_the_people_and_organisations_with_their_names(projection):
    nodes = dict(projection.graph.nodes(data="type"))
    assert nodes == {LEE: "Person", STONE: "Person", MARSH: "Person", BOARD: "Organization",
                     COURIER: "Organization", GAZETTE: "Organization"}
    assert projection.graph.nodes[LEE]["name"] == "Ann Lee"


@pytest.mark.parametrize(("works", "events", "has_report"), [(False, False, False), (True, False, True),
                                                               (False, True, False), (True, True, True)])
def test_creative_works_become_nodes_unless_left_out(town_store, works, events, has_report):
    g = analytics.project(open_read(town_store), works=works, events=events).graph
    assert (REPORT in g) is has_report
    assert g.has_edge(LEE, REPORT) is has_report
    assert REPORT in analytics.project(open_read(town_store)).graph  # by default


def test_an_edge_aggregates_one_speakers_statements_about_one_target(projection):
    g = projection.graph
    assert sorted(g.edges()) == sorted([(LEE, BOARD), (BOARD, LEE), (STONE, LEE), (STONE, BOARD), (MARSH, LEE)])
    edge = g.edges[LEE, BOARD]
    assert (edge["count"], edge["acts"], edge["statements"]) == (1, {"Criticize": 1}, (S + "s-lee-board",))
    # said on a known day (2 March) rather than the day it was reported (5 March)
    assert (edge["first"], edge["last"]) == (date(2021, 3, 2), date(2021, 3, 2))
    assert g.edges[MARSH, LEE]["first"] == date(2021, 3, 6)  # undated: the day its article appeared


@pytest.mark.parametrize(("act", "sign"), [("Criticize", -1), ("Demand", -1), ("Defend", 1), ("Praise", 1),
                                           ("Apologize", 0), ("Explain", 0), ("Report", 0)])
def test_statement_sign_follows_its_act(act, sign):
    st = analytics.StatementInfo("s", "a", act, "t", ("b",), None, None, None)
    assert st.sign == sign


def test_edge_sign_is_the_sign_of_its_statements_sum(projection):
    signs = {(u, v): d["sign"] for u, v, d in projection.graph.edges(data=True)}
    assert signs == {(LEE, BOARD): -1, (BOARD, LEE): -1, (STONE, LEE): 1, (STONE, BOARD): -1, (MARSH, LEE): -1}


def test_most_quoted_and_most_talked_about_count_statements(projection):
    result = analytics.analyze(projection)
    # Lee's praise of the report counts as a statement made even though the report is not a node.
    assert result.statements_made == {STONE: 2, LEE: 2, BOARD: 1, MARSH: 1}
    assert result.statements_about == {LEE: 3, BOARD: 2}


def test_pagerank_ranks_the_most_targeted_first_and_unquoted_alike(projection):
    rank = analytics.analyze(projection).pagerank
    assert sum(rank.values()) == pytest.approx(1.0)
    assert rank[LEE] > rank[BOARD] > rank[STONE]
    # nobody talks about these four: they share the same, lowest rank
    assert rank[STONE] == pytest.approx(rank[MARSH]) == pytest.approx(rank[COURIER]) == pytest.approx(rank[GAZETTE])


def test_betweenness_counts_paths_among_entities_with_statements(projection):
    between = analytics.analyze(projection).betweenness
    # Among the four connected entities only Marsh -> Board runs through someone (Lee): 1 / (3 * 2).
    assert between[LEE] == pytest.approx(1 / 6)
    assert {n for n, v in between.items() if v} == {LEE}


def test_communities_are_deterministic_and_split_unconnected_groups():
    g = nx.DiGraph()
    for u, v in [("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x")]:
        g.add_edge(u, v, count=1, acts={"Report": 1}, balance=0)
    g.add_node("alone")
    found = analytics._communities(g, analytics.SEED)
    assert found == [("a", "b", "c"), ("x", "y", "z"), ("alone",)]
    assert analytics._communities(g, analytics.SEED) == found


def test_camps_put_allies_together_and_opponents_apart(projection):
    [controversy] = analytics.analyze(projection).controversies
    assert controversy.camps == ((LEE, STONE), (MARSH, BOARD))
    assert (controversy.statements, controversy.frustration) == (5, 0)


def _signed(pairs):
    g = nx.DiGraph()
    for u, v, balance in pairs:
        acts = {"Criticize": -balance} if balance < 0 else {"Praise": balance}
        g.add_edge(u, v, count=abs(balance), acts=acts, balance=balance, sign=(balance > 0) - (balance < 0))
    return g


def test_a_triangle_of_enemies_cannot_be_split_without_one_statement_against_the_camps():
    [c] = analytics.controversies(_signed([("a", "b", -1), ("b", "c", -1), ("c", "a", -1)]))
    assert c.frustration == 1
    assert sorted(map(len, c.camps)) == [1, 2]


def test_only_praise_makes_no_controversy():
    assert analytics.controversies(_signed([("a", "b", 2), ("b", "c", 1)])) == []


def test_large_controversies_are_split_by_the_greedy_search():
    left = [f"l{i:02d}" for i in range(12)]
    right = [f"r{i:02d}" for i in range(12)]  # 24 sides: too many for the exhaustive search
    pairs = [(a, b, 1) for group in (left, right) for a, b in itertools.combinations(group, 2)]
    pairs += [(a, b, -1) for a, b in zip(left, right, strict=True)]
    pairs += [("l00", "l05", -1)]  # l00 attacks an ally instead: the best split still has these camps
    [c] = analytics.controversies(_signed(pairs))
    assert set(c.camps) == {tuple(left), tuple(right)}
    assert c.frustration == 1


def test_timeline_counts_statements_said_and_first_reported_per_day(projection):
    assert analytics.analyze(projection).timeline == [
        (date(2021, 3, 2), 1, 0),  # Lee's attack, said on the Tuesday
        (date(2021, 3, 5), 0, 5),  # the town article's five statements
        (date(2021, 3, 6), 0, 1),  # Marsh's, in the later article
    ]


def _quads_outside_analytics(root):
    store = open_read(root)
    return sorted(str(q) for q in store if q.graph_name.value != ANALYTICS_GRAPH)


def test_results_go_into_the_analytics_graph_and_nowhere_else(town_store):
    before = _quads_outside_analytics(town_store)
    projection = analytics.project(open_read(town_store))
    written = analytics.write_results(town_store, projection, analytics.analyze(projection))
    store = open_read(town_store)
    assert _quads_outside_analytics(town_store) == before
    assert len(list(store.quads_for_pattern(None, None, None, _graph()))) == written
    rows = analytics.query(store, f"""
        SELECT ?name ?made ?about WHERE {{ GRAPH <{ANALYTICS_GRAPH}> {{
          ?e nkg:statementsMade ?made ; nkg:statementsAbout ?about }} ?e schema:name ?name }} ORDER BY ?name""")
    assert [(r["name"].value, int(r["made"].value), int(r["about"].value)) for r in rows][:3] == [
        ("Ann Lee", 2, 3), ("Bob Stone", 2, 0), ('Eve "<script>window.kgInjected=5</script>" Marsh', 1, 0)]
    camps = analytics.query(store, """
        SELECT ?camp (COUNT(?e) AS ?n) WHERE { ?c a nkg:Controversy ; nkg:camp ?camp . ?e nkg:inCamp ?camp }
        GROUP BY ?camp ORDER BY ?camp""")
    # the mayor and the councillor, with the report the mayor praises; the board and the critic
    assert [int(r["n"].value) for r in camps] == [3, 2]


def test_writing_again_replaces_the_results(town_store):
    projection = analytics.project(open_read(town_store))
    result = analytics.analyze(projection)
    first = analytics.write_results(town_store, projection, result)
    second = analytics.write_results(town_store, projection, result)
    assert first == second == len(list(open_read(town_store).quads_for_pattern(None, None, None, _graph())))


def test_writing_waits_for_no_build_and_says_the_store_is_busy(town_store):
    projection = analytics.project(open_read(town_store))
    result = analytics.analyze(projection)
    with build_lock(town_store), pytest.raises(StoreError, match="locked by another kg build"):
        analytics.write_results(town_store, projection, result)


def test_a_store_another_process_writes_gives_a_clear_error(town_store):
    projection = analytics.project(open_read(town_store))
    result = analytics.analyze(projection)
    hold = "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('open', flush=True); sys.stdin.read()"
    holder = subprocess.Popen([sys.executable, "-c", hold, str(town_store / "current")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        with pytest.raises(StoreError, match=r"^Cannot open store .* for writing the analytics graph: .*--no-write\.$"):
            analytics.write_results(town_store, projection, result)
    finally:
        holder.communicate("")


def _graph():
    import pyoxigraph as ox

    return ox.NamedNode(ANALYTICS_GRAPH)


# ------------------------------------------------------------------------------------ CLI


def test_cli_analyze_prints_tables_and_saves_results(town_store):
    result = CliRunner().invoke(main, ["analyze", "--store", str(town_store)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        # the six people and organisations and the report the mayor praises; her praise is the sixth edge
        "Projection: 7 entities, 6 speaker -> target edges, 1 communities of two or more, 1 controversies.\n")
    assert "Most talked about (statements about)\n  #  name            type          statements\n" in result.stdout
    assert "  1  Ann Lee         Person        3\n" in result.stdout
    assert "  3  Harbour Report  CreativeWork  1\n" in result.stdout
    assert result.stderr.startswith("Saved ") and result.stderr.endswith(f"triples in <{ANALYTICS_GRAPH}>.\n")


def test_cli_analyze_csv_has_one_header_and_a_row_per_figure(town_store):
    result = CliRunner().invoke(main, ["analyze", "--store", str(town_store), "--format", "csv", "--no-write"])
    assert result.exit_code == 0, result.output
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table[0] == ["section", "rank", "iri", "name", "type", "value"]
    assert ["most_talked_about", "1", LEE, "Ann Lee", "Person", "3"] in table
    assert ["camps", "1", STONE, "Bob Stone", "Person", "A"] in table
    assert ["timeline", "", "", "2021-03-02", "said", "1"] in table
    assert result.stderr == ""  # --no-write: nothing saved
    assert not list(open_read(town_store).quads_for_pattern(None, None, None, _graph()))


def test_cli_analyze_json_with_top(town_store):
    result = CliRunner().invoke(main, ["analyze", "--store", str(town_store), "--format", "json", "--top", "1",
                                       "--no-write"])
    report = json.loads(result.stdout)
    assert (report["nodes"], report["edges"]) == (7, 6)  # with the report the mayor praises
    assert report["most_talked_about"] == [{"rank": 1, "iri": LEE, "name": "Ann Lee", "type": "Person",
                                            "statements": 3}]


def test_cli_analyze_without_a_store_says_how_to_build_one(tmp_path):
    result = CliRunner().invoke(main, ["analyze", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: Store {tmp_path / 'none'} does not exist. "
                             f"Run `kg build CORPUS --store {tmp_path / 'none'}` first.\n")


def test_statements_below_the_minimum_confidence_leave_the_projection(tmp_path):
    import dataclasses

    articles, resolution = town_records()
    # the mayor's attack on the board is a guess (0.3); everything else stays at 0.9
    doubtful = tuple(dataclasses.replace(s, confidence=0.3) if s.key == "s-lee-board" else s
                     for s in resolution.statements)
    store = write_store(tmp_path / "store", articles, dataclasses.replace(resolution, statements=doubtful))
    default = analytics.project(open_read(store))
    everything = analytics.project(open_read(store), min_confidence=0.0)
    assert ("https://w3id.org/newskg/id/entity/ann-lee", "https://w3id.org/newskg/id/entity/harbour-board") \
        in everything.graph.edges
    assert ("https://w3id.org/newskg/id/entity/ann-lee", "https://w3id.org/newskg/id/entity/harbour-board") \
        not in default.graph.edges
    assert len(everything.statements) - len(default.statements) == 1
    result = CliRunner().invoke(main, ["analyze", "--store", str(store), "--no-write", "--format", "json",
                                       "--min-confidence", "0.95"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["edges"] == 0


def _harbour_with_unnamed_critics(tmp_path):
    """The town graph plus three unnamed critics of the board (two "residents", one angry resident)
    and a petition against it: three kinds of unnamed speaker."""
    from .conftest_network import _statement

    articles, resolution = town_records(hostile=False)
    town = articles[0]
    extra = [
        _statement("s-res-1", "unnamed-some-residents", ("harbour-board",), "Criticize", town,
                   "The board has failed this town", "Lee"),
        _statement("s-res-2", "unnamed-one-angry-resident", ("harbour-board",), "Criticize", town,
                   "the mayor was wrong about the budget", "spokesman answered"),
        _statement("s-pet", "document-the-petition", ("harbour-board",), "Demand", town,
                   "the board must publish its accounts", "Stone also"),
    ]
    entities = [
        Entity("unnamed-some-residents", "some residents", "UnnamedSource", description="some residents"),
        Entity("unnamed-one-angry-resident", "one angry resident", "UnnamedSource",
               description="one angry resident"),
        Entity("document-the-petition", "The petition", "CreativeWork", description="The petition",
               extra_types=("Message",)),
    ]
    resolution = dataclasses.replace(resolution, entities=resolution.entities + tuple(entities),
                                     statements=resolution.statements + tuple(extra))
    return write_store(tmp_path / "store", articles, resolution)


def test_unnamed_sources_enter_as_one_group_node_per_kind(tmp_path):
    store = _harbour_with_unnamed_critics(tmp_path)
    projection = analytics.project(open_read(store))
    groups = {n: d["name"] for n, d in projection.graph.nodes(data=True) if d["type"] == analytics.GROUP}
    base = "https://w3id.org/newskg/id/group/"
    assert groups == {base + "residents": "residents", base + "petitions": "petitions"}
    assert projection.graph[base + "residents"][BOARD]["count"] == 2
    assert projection.groups[base + "residents"] == (E + "unnamed-one-angry-resident", E + "unnamed-some-residents")
    assert base + "residents" not in analytics.project(open_read(store), groups=False).graph


def test_group_membership_is_saved_in_the_analytics_graph(tmp_path):
    store = _harbour_with_unnamed_critics(tmp_path)
    projection = analytics.project(open_read(store))
    analytics.write_results(store, projection, analytics.analyze(projection))
    rows = analytics.query(open_read(store), """
        SELECT ?group (COUNT(?m) AS ?n) WHERE { ?m nkg:inGroup ?g . ?g a nkg:SourceGroup ; schema:name ?group }
        GROUP BY ?group ORDER BY ?group""")
    assert [(r["group"].value, int(r["n"].value)) for r in rows] == [("petitions", 1), ("residents", 2)]


@pytest.mark.parametrize(("description", "kind"), [
    ("critics", "critics"),
    ("some critics", "critics"),
    ("one angry viewer", "viewers"),
    ("one Twitter user", "Twitter users"),
    ("a spokesperson for the board", "spokespeople"),
    ("senior administration officials", "officials"),
    ("a person familiar with the talks", "people"),
    ("22 percent", "people"),
    ("others", "people"),
    ("the petition", "petitions"),
    ("One Twitter comment about the poster", "Twitter comments"),
    ("many parents", "parents"),
    ("local churches", "churches"),
    # what a source is called is no part of what it is
    ("an unnamed person called “she” in “The Bridge”", "people"),
    ("the writer of “The Bridge”", "writers"),
])
def test_group_kind_is_the_plural_head_noun_with_its_capitalised_modifiers(description, kind):
    from kg.groups import group_kind

    assert group_kind(description) == kind


def test_camps_weigh_praise_and_criticism_over_defences():
    # a and b attack each other and each defends itself in words about the other (a defence about
    # someone is as often an answer to them as support); c praises a, d praises b
    g = nx.DiGraph()

    def edge(u, v, acts):
        balance = sum(analytics.ACT_SIGN.get(a, 0) * n for a, n in acts.items())
        g.add_edge(u, v, count=sum(acts.values()), acts=acts, balance=balance,
                   sign=(balance > 0) - (balance < 0),
                   signed=sum(analytics.CAMP_WEIGHT.get(a, 0) * n for a, n in acts.items()))

    edge("a", "b", {"Criticize": 3, "Defend": 4})
    edge("b", "a", {"Criticize": 3, "Defend": 4})
    edge("c", "a", {"Praise": 1})
    edge("d", "b", {"Praise": 1})
    [c] = analytics.controversies(g)
    assert set(c.camps) == {("a", "c"), ("b", "d")}


def test_camp_report_lists_support_within_and_attacks_across(projection):
    [c] = analytics.analyze(projection).controversies
    assert c.holding == ((S + "s-stone-lee",), ())  # the councillor's praise of the mayor
    assert sorted(c.crossing) == sorted([S + "s-lee-board", S + "s-board-lee", S + "s-stone-board",
                                         S + "s-marsh-lee"])
    assert c.against == ()


def test_on_the_seed_corpus_the_critics_face_netflix_and_the_director_over_the_film(seed_store):
    projection = analytics.project(open_read(seed_store))
    controversy = analytics.analyze(projection).controversies[0]
    names = [{projection.name(m) for m in camp} for camp in controversy.camps]
    film_side = next(camp for camp in names if "Cuties" in camp)
    other = next(camp for camp in names if camp is not film_side)
    assert {"Netflix", "Maïmouna Doucouré"} <= film_side
    groups = {projection.name(n) for n, t in projection.graph.nodes(data="type") if t == analytics.GROUP}
    assert {"petitions", "Twitter users"} <= other & groups


def test_a_day_said_after_the_first_report_is_not_counted_as_said():
    later = analytics.StatementInfo("s", "a", "Report", "t", (), date(2021, 3, 9), date(2021, 3, 9),
                                    reported=date(2021, 3, 5))
    earlier = analytics.StatementInfo("u", "a", "Report", "t", (), date(2021, 3, 2), date(2021, 3, 2),
                                      reported=date(2021, 3, 5))
    assert (later.day, earlier.day) == (date(2021, 3, 5), date(2021, 3, 2))
    assert analytics.timeline([later, earlier]) == [(date(2021, 3, 2), 1, 0), (date(2021, 3, 5), 0, 2)]
