"""Regenerate the README's graph screenshots and measure the viewer's time to interactive.

    python scripts/screenshots.py --store STORE --out docs/seed-graph.png [--edge] [--colour-by community] [--runs 3]
        [--focus NAME]

Writes the `kg view` page of STORE next to the screenshot (as a temporary file), opens it in
headless Chromium (found as the tests find it: tests/chromium.py), waits until the page says it is
ready (drawn, physics settled and stopped), optionally clicks the busiest edge to show the
evidence panel, and saves a screenshot. It prints the time to interactive of each run:
  ready     navigation start -> first frame drawn with the layout settled (the page's own clock)
  response  after ready: a click on an edge -> its evidence panel shown (proves it is interactive)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.chromium import FLAGS, find_chromium


def busiest_edge_point(page) -> tuple[float, float] | None:
    """The middle of the edge with the most statements, in page coordinates (None if no edges)."""
    point = page.evaluate("""() => {
        const drawn = new Set(window.kgView.network.body.edgeIndices);
        const edges = window.kgView.data.edges.filter(e => drawn.has(e.id));
        if (!edges.length) return null;
        edges.sort((a, b) => b.statements.length - a.statements.length || (a.id < b.id ? -1 : 1));
        return window.kgView.edgePoint(edges[0].id);
    }""")
    if point is None:
        return None
    box = page.locator("#network").bounding_box()
    return box["x"] + point["x"], box["y"] + point["y"]


def visit(browser, html: Path, shot: Path | None, edge: bool, only_connected: bool, focus: str | None = None) -> dict:
    # the page forbids eval in its Content-Security-Policy; Playwright's waits evaluate strings
    page = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True).new_page()
    errors: list[str] = []
    off_page: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(("file://", "data:")) else off_page.append(r.url))
    t0 = time.perf_counter()
    page.goto(html.as_uri())
    page.wait_for_function("window.kgReady === true", timeout=120_000)
    wall = time.perf_counter() - t0
    result = {"ready_ms": page.evaluate("window.kgReadyAt"), "wall_s": wall,
              "drawn": page.evaluate("window.kgView.drawn()"), "errors": errors, "off_page": off_page}
    if only_connected:
        page.click("#only-connected")
        page.evaluate("window.kgView.network.fit()")
    point = busiest_edge_point(page)
    if point is not None:
        t1 = time.perf_counter()
        page.mouse.click(*point)
        page.locator("#panel").wait_for(state="visible")
        result["response_ms"] = (time.perf_counter() - t1) * 1000
        if not edge:
            page.click("#panel-close")
            page.evaluate("window.kgView.clearFocus()")
    if focus:
        # the focus view of one entity, as a search for its name gives it, with its panel open
        t1 = time.perf_counter()
        page.fill("#search-text", focus)
        page.click("#search button[type=submit]")
        page.wait_for_function("window.kgView.focus() !== null")
        node = page.evaluate("window.kgView.focus().id")
        page.evaluate("(id) => window.kgView.openNode(id)", node)
        page.locator("#panel").wait_for(state="visible")
        result["focus_ms"] = (time.perf_counter() - t1) * 1000
    if shot is not None:
        page.screenshot(path=str(shot))
    page.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path, help="PNG to write")
    parser.add_argument("--edge", action="store_true", help="show the evidence panel of the busiest edge")
    parser.add_argument("--only-connected", action="store_true", help="hide entities on no edge before the shot")
    parser.add_argument("--colour-by", choices=["type", "community"], default="type")
    parser.add_argument("--runs", type=int, default=3, help="page loads to time (the screenshot is the last)")
    parser.add_argument("--focus", metavar="NAME", help="search NAME and show its focus view and panel")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from kg.viz import view

    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "graph.html"
        t0 = time.perf_counter()
        page = view(args.store, html, colour_by=args.colour_by)
        build_s = time.perf_counter() - t0
        print(f"kg view: {page.nodes} entities, {page.edges} edges, {html.stat().st_size / 1e6:.1f} MB "
              f"in {build_s:.1f} s")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=find_chromium(), args=FLAGS)
            runs = []
            for i in range(args.runs):
                last = i == args.runs - 1
                r = visit(browser, html, args.out if last else None, args.edge and last, args.only_connected,
                          args.focus)
                runs.append(r)
                print(f"run {i + 1}: ready {r['ready_ms']:.0f} ms after navigation start "
                      f"(wall {r['wall_s']:.2f} s), click -> panel {r.get('response_ms', float('nan')):.0f} ms, "
                      f"search -> focus view and panel {r.get('focus_ms', float('nan')):.0f} ms, "
                      f"drawn {r['drawn']}, console errors {len(r['errors'])}, off-page requests {len(r['off_page'])}")
            browser.close()
    print(f"median ready {statistics.median(r['ready_ms'] for r in runs):.0f} ms; screenshot {args.out}")
    return 1 if any(r["errors"] or r["off_page"] for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
