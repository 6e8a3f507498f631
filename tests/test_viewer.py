"""kg view: the page in real headless Chromium, offline, with the evidence behind each edge.

The graph is the small one written for the tests (tests/conftest_network.py); one of its articles,
its headline, publisher, URL and a speaker's name carry markup and scripts that must stay text.
Needs a Chromium (tests/chromium.py says where it is looked for); CI installs Debian's when missing.
Without one, every test here fails with one line saying what to install.
"""

from __future__ import annotations

import dataclasses
import itertools
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from kg import analytics, viz
from kg.cli import main
from kg.records import Article, Entity, Evidence, Resolution, Statement
from kg.store import open_read

from .chromium import FLAGS as CHROMIUM_FLAGS
from .chromium import ChromiumMissing, find_chromium
from .conftest_network import crowd_records, town_records, write_store

E = "https://w3id.org/newskg/id/entity/"
LEE, BOARD, STONE, MARSH = E + "ann-lee", E + "harbour-board", E + "bob-stone", E + "eve-marsh"


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    """(store, page path) for the test graph, the page written by `kg view`."""
    root = tmp_path_factory.mktemp("viewer")
    store = write_store(root / "store", *town_records())
    page = root / "graph.html"
    # people and organisations only: the counts below are worked out on those five edges
    result = CliRunner().invoke(main, ["view", "--store", str(store), "-o", str(page), "--no-works"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {page}: 6 entities, 5 edges.\n"
    return store, page


def test_view_draws_creative_works_unless_left_out(tmp_path):
    store = write_store(tmp_path / "store", *town_records())
    result = CliRunner().invoke(main, ["view", "--store", str(store), "-o", str(tmp_path / "g.html")])
    # the report the mayor praises is the seventh node, her praise the sixth edge
    assert result.stdout == f"Wrote {tmp_path / 'g.html'}: 7 entities, 6 edges.\n"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    try:
        executable = find_chromium()
    except ChromiumMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield b
        b.close()


class Visit:
    """A page opened from file:// that records console errors and every request it makes."""

    def __init__(self, browser, path):
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def record(route):
            self.requests.append(route.request.url)
            if route.request.url.startswith(("file://", "data:")):
                route.continue_()
            else:
                route.abort()

        self.page.route("**/*", record)
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgReady === true")

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def edge_id(self, source, target):
        return self.js("([s, t]) => window.kgView.data.edges.find(e => e.from === s && e.to === t).id",
                       [source, target])

    def edge_point(self, source, target):
        point = self.js("(id) => window.kgView.edgePoint(id)", self.edge_id(source, target))
        box = self.page.locator("#network").bounding_box()
        return box["x"] + point["x"], box["y"] + point["y"]


@pytest.fixture
def visit(browser, town):
    v = Visit(browser, town[1])
    yield v
    v.page.close()


def test_page_has_no_console_errors_and_requests_nothing_off_the_file(visit):
    assert visit.errors == []
    assert visit.requests and all(url.startswith(("file://", "data:")) for url in visit.requests), visit.requests


def test_drawn_nodes_and_edges_equal_the_projection(visit, town):
    projection = analytics.project(open_read(town[0]), works=False)
    drawn = visit.js("window.kgView.drawn()")
    assert drawn == {"nodes": projection.graph.number_of_nodes(), "edges": projection.graph.number_of_edges()}
    assert visit.page.locator("#counts").text_content() == "6 of 6 entities, 5 of 5 edges"


def test_clicking_an_edge_shows_its_sentence_highlighted_in_the_article(visit):
    visit.page.mouse.click(*visit.edge_point(STONE, LEE))
    panel = visit.page.locator("#panel")
    panel.wait_for(state="visible")
    assert panel.locator("h2").text_content() == "Bob Stone → Ann Lee"
    assert panel.locator(".article-text .quote").all_text_contents() == ["She is right, and I admire her courage"]
    sentence = "".join(panel.locator(".article-text .sentence").all_text_contents())
    assert sentence == '"She is right, and I admire her courage," Stone said.'
    assert panel.locator(".article-text .speaker").all_text_contents() == ["Stone"]
    source = panel.locator(".source").text_content()
    assert source == "Mayor and board clash — The Example Courier, 2021-03-05 · open the article"
    assert panel.locator(".source a").get_attribute("href") == "https://news.example/town"
    assert visit.errors == []


def test_a_quote_broken_by_its_cue_is_highlighted_twice_in_one_article(browser, tmp_path):
    text = 'Trade is up. "Prices will fall," the minister said, "and wages will rise." Nobody believed it.'
    article = Article(id="broken", text=text, source="<test broken>", headline="A broken quote")
    pieces = [(text.index("Prices"), text.index(",\" the")), (text.index("and wages"), text.index(".\" Nobody"))]
    cue = text.index("minister")
    statement = Statement(key="s", speaker="minister", about=("voters",), act="Explain",
                          text="Prices will fall ... and wages will rise",
                          evidence=tuple(Evidence("broken", a, b, "Direct", "said", cue, cue + 8) for a, b in pieces))
    entities = (Entity("minister", "The Minister", "Person"), Entity("voters", "Voters Union", "Organization"))
    store = write_store(tmp_path / "store", [article], Resolution(entities=entities, statements=(statement,)))
    page = tmp_path / "broken.html"
    assert CliRunner().invoke(main, ["view", "--store", str(store), "-o", str(page)]).exit_code == 0
    v = Visit(browser, page)
    v.js("window.kgView.openEdge('e0')")
    panel = v.page.locator("#panel")
    assert panel.locator(".article-text").count() == 1
    assert panel.locator(".quote").all_text_contents() == ["Prices will fall", "and wages will rise"]
    assert "".join(panel.locator(".sentence").all_text_contents()) == (
        '"Prices will fall," the minister said, "and wages will rise."')
    v.page.close()


def test_a_date_the_storys_lead_gives_is_marked_as_the_storys_day(browser, tmp_path):
    from datetime import date

    text = 'Lee spoke on Tuesday. "The bridge will reopen," Lee said. "The fees will fall," Lee said.'
    article = Article(id="days", text=text, source="<test days>", headline="Two days",
                      date_published=date(2021, 3, 5))
    cue = text.index("Lee said")
    statements = tuple(
        Statement(key=key, speaker="lee", about=("board",), act="Report", text=words,
                  earliest=day, latest=day, dated_by=basis,
                  evidence=(Evidence("days", text.index(words), text.index(words) + len(words), "Direct", "said",
                                     cue, cue + 3),))
        for key, words, day, basis in (("w", "The bridge will reopen", date(2021, 3, 2), "words"),
                                       ("l", "The fees will fall", date(2021, 3, 4), "lead")))
    entities = (Entity("lee", "Ann Lee", "Person"), Entity("board", "Harbour Board", "Organization"))
    store = write_store(tmp_path / "store", [article], Resolution(entities=entities, statements=statements))
    page = tmp_path / "days.html"
    assert CliRunner().invoke(main, ["view", "--store", str(store), "-o", str(page)]).exit_code == 0
    v = Visit(browser, page)
    v.js("window.kgView.openEdge('e0')")
    metas = v.page.locator("#panel .statement .meta").all_text_contents()
    assert sorted(metas) == ["Ann Lee Report · 2021-03-02 · about Harbour Board",
                             "Ann Lee Report · 2021-03-04 (the story's day) · about Harbour Board"]
    v.page.close()


def test_the_panel_says_where_articles_disagree_on_channel_and_speaker(browser, tmp_path):
    words = "The bridge will reopen in May"
    texts = {"a": f'"{words}," Ann Lee told the Evening Post.', "b": f'"{words}," Ann Lee told Radio North.',
             "c": f'"{words}," said Bob Stone.'}
    articles = [Article(id=k, text=t, source=f"<test {k}>", headline=f"Report {k}") for k, t in texts.items()]

    def evidence(article_id, speaker, channel):
        text = texts[article_id]
        s = text.index(speaker)
        return Evidence(article_id, 1, 1 + len(words), "Direct", "told", s, s + len(speaker), channel)

    statements = (
        Statement(key="lee", speaker="ann-lee", text=words, act="Report", about=("bridge",), channel="evening-post",
                  evidence=(evidence("a", "Ann Lee", "evening-post"), evidence("b", "Ann Lee", "radio-north")),
                  conflicts_with=("stone",)),
        Statement(key="stone", speaker="bob-stone", text=words, act="Report", about=("bridge",),
                  evidence=(evidence("c", "Bob Stone", None),), conflicts_with=("lee",)),
    )
    entities = (Entity("ann-lee", "Ann Lee", "Person"), Entity("bob-stone", "Bob Stone", "Person"),
                Entity("bridge", "Old Bridge Trust", "Organization"),
                Entity("evening-post", "Evening Post", "Organization"),
                Entity("radio-north", "Radio North", "Organization"))
    store = write_store(tmp_path / "store", articles, Resolution(entities=entities, statements=statements))
    page = tmp_path / "disagree.html"
    assert CliRunner().invoke(main, ["view", "--store", str(store), "-o", str(page)]).exit_code == 0
    v = Visit(browser, page)
    v.js("(id) => window.kgView.openEdge(id)", v.edge_id(E + "ann-lee", E + "bridge"))
    panel = v.page.locator("#panel")
    assert panel.locator(".conflict").all_text_contents() == [
        "Other articles give these words to Bob Stone.",
        "The articles disagree on where this was said: Evening Post or Radio North.",
    ]
    assert panel.locator(".source .channel").all_text_contents() == [
        "said via Evening Post", "said via Radio North"]
    assert v.errors == []
    v.page.close()


def test_hovering_an_edge_lists_its_statements(visit):
    visit.page.mouse.move(*visit.edge_point(LEE, BOARD))
    tip = visit.page.locator("#tooltip")
    tip.wait_for(state="visible")
    assert tip.text_content() == ("Ann Lee → Harbour Board (1 statement)"
                                  "Ann Lee · 2021-03-02 · Criticize The board has failed this town")


def test_markup_in_article_names_and_links_stays_text(visit):
    visit.page.mouse.move(*visit.edge_point(MARSH, LEE))
    visit.page.locator("#tooltip").wait_for(state="visible")
    visit.page.mouse.click(*visit.edge_point(MARSH, LEE))
    panel = visit.page.locator("#panel")
    panel.wait_for(state="visible")
    assert visit.js("window.kgInjected") is None
    assert panel.locator(".article-text .quote").text_content() == (
        "<img src=x onerror=\"window.kgInjected = 2\">The mayor's plan is a <b>disaster</b>")
    assert panel.locator(".source .headline").text_content() == (
        '<script>window.kgInjected = 3</script>"Quotes" & <i>tags</i>')
    # the javascript: URL is shown, never linked
    assert panel.locator(".source a").count() == 0
    assert "javascript:window.kgInjected=4" in panel.locator(".source").text_content()
    # nothing from the data became an element: the only scripts are the page's own three
    assert visit.js("document.querySelectorAll('img, i, script').length") == 3
    assert visit.js("[...document.querySelectorAll('*')].filter(e => e.hasAttribute('onerror')).length") == 0
    assert visit.errors == []


@pytest.mark.parametrize(("action", "nodes", "edges"), [
    ("document.querySelector('input[name=act][value=Criticize]').click()", 6, 2),  # praise and demand stay
    ("document.querySelector('input[name=type][value=Organization]').click()", 3, 2),  # person to person
    (("const d = document.getElementById('date-from'); d.value = '2021-03-06';"
     "d.dispatchEvent(new Event('change'))"), 6, 1),  # only Marsh's statement is that late
    ("document.getElementById('only-connected').click()", 4, 5),  # the two outlets talk to nobody
    (("const c = document.getElementById('min-confidence'); c.value = '0.95';"
      "c.dispatchEvent(new Event('input'))"), 6, 0),  # every statement of the test graph is at 0.9
])
def test_filters_hide_edges_and_nodes(visit, action, nodes, edges):
    visit.js(f"() => {{ {action} }}")
    assert visit.js("window.kgView.drawn()") == {"nodes": nodes, "edges": edges}


def test_confidence_slider_starts_at_the_minimum_the_page_was_built_with(visit):
    assert visit.js("document.getElementById('min-confidence').min") == "0.5"
    assert visit.js("document.getElementById('min-confidence').value") == "0.5"
    assert visit.page.locator("#min-confidence-value").text_content() == "0.50"
    visit.js("() => { const c = document.getElementById('min-confidence'); c.value = '0.9';"
             "c.dispatchEvent(new Event('input')) }")
    assert visit.page.locator("#min-confidence-value").text_content() == "0.90"
    assert visit.js("window.kgView.drawn()") == {"nodes": 6, "edges": 5}  # 0.9 itself is kept


def test_search_selects_the_named_entity(visit):
    visit.page.fill("#search-text", "stone")
    visit.page.press("#search-text", "Enter")
    assert visit.js("window.kgView.network.getSelectedNodes()") == [STONE]
    assert visit.page.locator("#search-results p").text_content() == "1 match"


def test_colour_by_community_recolours_nodes(visit):
    before = visit.js(f"window.kgView.network.body.data.nodes.get('{LEE}').color.background")
    visit.page.select_option("#colour-by", "community")
    after = visit.js(f"window.kgView.network.body.data.nodes.get('{LEE}').color.background")
    assert (before, after) == (viz.TYPE_COLOURS["Person"], viz.COMMUNITY_COLOURS[0])


def test_physics_stops_once_the_layout_has_settled(visit):
    assert visit.js("window.kgView.network.physics.options.enabled") is False


def test_a_large_graph_draws_without_physics_and_starts_with_the_entities_on_edges(browser, tmp_path):
    store = write_store(tmp_path / "store", *crowd_records(people=viz.PHYSICS_MAX_NODES + 50, speakers=150))
    page = tmp_path / "crowd.html"
    assert CliRunner().invoke(main, ["view", "--store", str(store), "-o", str(page)]).exit_code == 0
    v = Visit(browser, page)
    assert v.js("window.kgView.network.physics.options.enabled") is False
    assert v.js("window.kgView.drawn()") == {"nodes": 151, "edges": 150}  # a chain of 150 criticisms
    v.page.click("#only-connected")
    assert v.js("window.kgView.drawn()") == {"nodes": viz.PHYSICS_MAX_NODES + 50, "edges": 150}
    assert v.errors == [] and all(u.startswith(("file://", "data:")) for u in v.requests)
    v.page.close()


def _boxes_overlap(a, b):
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


def test_every_label_of_a_small_graph_is_drawn_and_none_overlaps(visit):
    labels = visit.js("window.kgView.labels()")
    assert sorted(q["label"] for q in labels) == sorted(
        ["Ann Lee", "Bob Stone", 'Eve "<script>window.kgInjected=5</script>" Marsh', "Harbour Board",
         "The Example Courier", 'The "href" <b>Gazette</b>'])
    assert not any(_boxes_overlap(a, b) for a, b in itertools.combinations(labels, 2))


def _crowd_page(browser, tmp_path, extra=()):
    """A graph over the physics limit (straight edges, no physics): the chain of crowd_records."""
    articles, resolution = crowd_records(people=viz.PHYSICS_MAX_NODES + 50, speakers=150)
    resolution = dataclasses.replace(resolution, statements=resolution.statements + tuple(extra))
    store = write_store(tmp_path / "store", articles, resolution)
    page = tmp_path / "crowd.html"
    assert CliRunner().invoke(main, ["view", "--store", str(store), "-o", str(page)]).exit_code == 0
    return Visit(browser, page)


def test_the_thirty_most_central_entities_are_labelled_at_the_fitted_zoom_without_overlaps(browser, tmp_path):
    v = _crowd_page(browser, tmp_path)
    central = v.js("""(() => window.kgView.data.nodes
        .filter(n => window.kgView.network.body.nodeIndices.includes(n.id))
        .sort((a, b) => b.pagerank - a.pagerank || (a.label < b.label ? -1 : 1)).slice(0, 30).map(n => n.label))()""")
    labels = v.js("window.kgView.labels()")
    assert len(central) == 30 and set(central) <= {q["label"] for q in labels}
    assert not any(_boxes_overlap(a, b) for a, b in itertools.combinations(labels, 2))
    v.page.close()


def test_clicking_an_entity_focuses_on_it_its_counterparts_and_their_edges(visit):
    visit.js(f"window.kgView.focusNode('{LEE}')")
    focus = visit.js("window.kgView.focus()")
    assert focus["nodes"] == sorted([LEE, BOARD, STONE, MARSH])
    assert len(focus["edges"]) == 5  # all five edges are among these four
    courier = E + "example-courier"
    assert visit.js(f"window.kgView.nodeColour('{courier}')") == "#ececec"  # faded
    assert visit.js(f"window.kgView.nodeColour('{LEE}')") == viz.TYPE_COLOURS["Person"]
    assert visit.page.locator("#focus-name").text_content() == "Ann Lee"
    labelled = [q["id"] for q in visit.js("window.kgView.labels()")]
    assert set(focus["nodes"]) <= set(labelled)
    visit.page.click("#focus-clear")
    assert visit.js("window.kgView.focus()") is None
    assert visit.js(f"window.kgView.nodeColour('{courier}')") == viz.TYPE_COLOURS["Organization"]


def test_a_click_on_a_node_focuses_it_and_escape_shows_all_again(visit):
    box = visit.page.locator("#network").bounding_box()
    point = visit.js(f"window.kgView.network.canvasToDOM(window.kgView.network.getPositions(['{STONE}'])['{STONE}'])")
    visit.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    assert visit.js("window.kgView.focus().id") == STONE
    visit.page.keyboard.press("Escape")  # closes the panel first
    visit.page.keyboard.press("Escape")
    assert visit.js("window.kgView.focus()") is None


def test_the_node_panel_groups_statements_by_counterpart_in_date_order(visit):
    visit.js(f"window.kgView.openNode('{LEE}')")
    summaries = visit.page.locator("#panel details.counterpart > summary").all_text_contents()
    assert summaries == [
        "Harbour Board · 2 statements (1 by, 1 about)",
        "Bob Stone · 1 statement (1 about)",
        'Eve "<script>window.kgInjected=5</script>" Marsh · 1 statement (1 about)',
    ]
    first = visit.page.locator("#panel details.counterpart").first
    # the mayor's criticism is dated 2021-03-02 by the text; the board's answer was reported 2021-03-05
    assert first.locator(".statement blockquote").all_text_contents() == [
        "The board has failed this town", "the mayor was wrong about the budget"]


def _one_sided_edge(article, n_criticisms):
    """Statements of Person 0 about Person 1 beyond the chain's one: criticisms and one praise."""
    from .conftest_network import _statement

    out = [_statement(f"x{k:02d}", "p000", ("p001",), "Criticize", article, f"Number {k} is wrong", f"Person {k}.")
           for k in range(1, n_criticisms)]
    out.append(_statement("x-praise", "p000", ("p001",), "Praise", article, "Number 0 is wrong", "Person 0."))
    return out


def test_act_filters_re_aggregate_an_edge_from_the_statements_that_pass(browser, tmp_path):
    articles, _ = crowd_records(people=viz.PHYSICS_MAX_NODES + 50, speakers=150)
    v = _crowd_page(browser, tmp_path, _one_sided_edge(articles[0], 12))
    edge = v.js("window.kgView.data.edges.find(e => e.from.endsWith('/p000') && e.to.endsWith('/p001')).id")
    # twelve criticisms (the chain's and eleven more) and one praise: red, 1 + 1.5 log2(13) wide
    assert v.js(f"window.kgView.edgeState('{edge}')") == {
        "act": "Criticize", "count": 13, "sign": -1, "width": 6.55, "colour": viz.ACT_COLOURS["Criticize"]}
    v.page.uncheck("input[name=act][value=Criticize]")
    assert v.js(f"window.kgView.edgeState('{edge}')") == {
        "act": "Praise", "count": 1, "sign": 1, "width": 1, "colour": viz.ACT_COLOURS["Praise"]}
    v.page.check("input[name=act][value=Criticize]")
    v.js(f"window.kgView.openEdge('{edge}')")
    assert v.page.locator("#panel .statement").count() == 10  # a page at a time
    v.page.click("#panel .more-button")
    assert v.page.locator("#panel .statement").count() == 13
    v.page.close()


def test_a_click_opens_the_edge_under_the_pointer_when_both_directions_are_drawn(browser, tmp_path):
    from .conftest_network import _statement

    # two people apart from the chain, each criticising the other: two edges between the same two nodes
    articles, resolution = crowd_records(people=viz.PHYSICS_MAX_NODES + 50, speakers=150)
    pair = (_statement("a-b", "pa", ("pb",), "Criticize", articles[0], "Number 1 is wrong", "Person 1."),
            _statement("b-a", "pb", ("pa",), "Criticize", articles[0], "Number 2 is wrong", "Person 2."))
    resolution = dataclasses.replace(
        resolution, statements=resolution.statements + pair,
        entities=resolution.entities + (Entity("pa", "Person A", "Person"), Entity("pb", "Person B", "Person")))
    store = write_store(tmp_path / "store", articles, resolution)
    assert CliRunner().invoke(main, ["view", "--store", str(store), "-o", str(tmp_path / "c.html")]).exit_code == 0
    v = Visit(browser, tmp_path / "c.html")
    v.js(f"window.kgView.network.fit({{nodes: ['{E}pa', '{E}pb'], animation: false}})")
    for source, target, title in (("pa", "pb", "Person A → Person B"), ("pb", "pa", "Person B → Person A")):
        v.page.mouse.click(*v.edge_point(E + source, E + target))
        assert v.page.locator("#panel h2").text_content() == title
        v.page.keyboard.press("Escape")
    v.page.close()


def test_colouring_by_community_shows_a_legend_of_the_communities(visit):
    assert visit.page.locator("#community-legend").is_hidden()
    visit.page.select_option("#colour-by", "community")
    items = visit.page.locator("#community-legend .legend-item").all_text_contents()
    assert items[-1] == "smaller communities" and len(items) >= 2
    assert "Ann Lee" in items[0]  # the largest community, named by its most central member


# ------------------------------------------------------------------ the HTML, without a browser


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.csp = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.urls += [v for k, v in attrs.items() if k in ("src", "href", "action") and v]
        if attrs.get("http-equiv") == "Content-Security-Policy":
            self.csp = attrs["content"]


def test_page_links_no_resource_and_forbids_fetching_any(town):
    parser = _Links()
    parser.feed(town[1].read_text(encoding="utf-8"))
    assert parser.urls == []
    assert parser.csp.startswith("default-src 'none'; script-src 'sha256-")


def test_page_is_the_same_for_the_same_graph(town, tmp_path):
    again = tmp_path / "again.html"
    CliRunner().invoke(main, ["view", "--store", str(town[0]), "-o", str(again), "--no-works"])
    assert again.read_bytes() == town[1].read_bytes()


@pytest.mark.parametrize(("value", "expected"), [
    ("</script><script>x()</script>", '"\\u003c/script\\u003e\\u003cscript\\u003ex()\\u003c/script\\u003e"'),
    ("a & b", '"a \\u0026 b"'),
    ("<!--", '"\\u003c!--"'),
])
def test_data_cannot_close_its_script_element(value, expected):
    assert viz.script_json(value) == expected


def test_offsets_count_what_javascript_counts():
    # one astral character (two UTF-16 units) before the span shifts it by one
    assert viz._utf16_offsets("a📣bc") == [0, 1, 3, 4, 5]
    assert viz._utf16_offsets("plain") is None


def test_view_into_a_missing_folder_says_which_file(town, tmp_path):
    out = tmp_path / "missing" / "graph.html"
    result = CliRunner().invoke(main, ["view", "--store", str(town[0]), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: Cannot write {out}: No such file or directory. Choose another -o path.\n"
