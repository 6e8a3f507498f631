// kg view: draws the projection with vis-network and shows the evidence behind each edge.
// Every text from the graph reaches the page through textContent, never innerHTML: article
// bodies, names and quotes may contain markup, and it must stay text.
(function () {
  "use strict";
  const started = performance.now();
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const $ = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ------------------------------------------------------------------ nodes and edges
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  function nodeColour(n) {
    const c = $("colour-by").value === "community" ? n.communityColour : n.typeColour;
    return { background: c, border: "#555", highlight: { background: c, border: "#000" },
             hover: { background: c, border: "#000" } };
  }
  $("colour-by").value = data.colourBy === "community" ? "community" : "type";
  const nodes = new vis.DataSet(data.nodes.map((n) => Object.assign({}, n, { color: nodeColour(n) })));
  const edges = new vis.DataSet(data.edges.map((e) => {
    const c = data.actColours[e.act] || "#888";
    return Object.assign({}, e, { color: { color: c, highlight: c, hover: c, opacity: 0.85 } });
  }));
  document.querySelectorAll(".type-swatch").forEach((s) => {
    s.style.background = data.typeColours[s.dataset.type] || "#c7c7c7";
  });

  // --------------------------------------------------------------------------- filters
  const filter = { acts: new Set(), types: new Set(), from: "", to: "", onlyConnected: false, minConfidence: 0 };
  let shownEdges = new Set();
  let connected = new Set();

  function statementShown(i) {
    const st = data.statements[i];
    if (!filter.acts.has(st.act)) return false;
    if (st.confidence < filter.minConfidence) return false;
    if (st.day && filter.from && st.day < filter.from) return false;
    if (st.day && filter.to && st.day > filter.to) return false;
    return true;
  }
  function readFilters() {
    filter.acts = new Set([...document.querySelectorAll("input[name=act]:checked")].map((i) => i.value));
    filter.types = new Set([...document.querySelectorAll("input[name=type]:checked")].map((i) => i.value));
    filter.from = $("date-from").value;
    filter.to = $("date-to").value;
    filter.onlyConnected = $("only-connected").checked;
    filter.minConfidence = parseFloat($("min-confidence").value);
    $("min-confidence-value").textContent = filter.minConfidence.toFixed(2);
    shownEdges = new Set();
    connected = new Set();
    for (const e of data.edges) {
      if (!filter.types.has(nodeById.get(e.from).kind) || !filter.types.has(nodeById.get(e.to).kind)) continue;
      if (!e.statements.some(statementShown)) continue;
      shownEdges.add(e.id);
      connected.add(e.from);
      connected.add(e.to);
    }
  }
  function nodeShown(n) {
    return filter.types.has(n.kind) && (!filter.onlyConnected || connected.has(n.id));
  }
  // The slider starts where the page was built (kg view --min-confidence): lower statements are not in it.
  $("min-confidence").min = String(data.minConfidence);
  $("min-confidence").value = String(data.minConfidence);
  // A large corpus names thousands of people nobody talks about: start with the ones on an edge.
  $("only-connected").checked = !data.physics && data.edges.length > 0;
  readFilters();
  const nodeView = new vis.DataView(nodes, { filter: nodeShown });
  const edgeView = new vis.DataView(edges, { filter: (e) => shownEdges.has(e.id) });

  const dates = data.statements.map((s) => s.day).filter(Boolean).sort();
  if (dates.length) {
    for (const id of ["date-from", "date-to"]) {
      $(id).min = dates[0];
      $(id).max = dates[dates.length - 1];
    }
  }

  // --------------------------------------------------------------------------- network
  const large = !data.physics;
  const options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 42 },
    nodes: { shape: "dot", borderWidth: 1,
             font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
             scaling: { label: { drawThreshold: 6 } } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } },
             smooth: large ? false : { type: "curvedCW", roundness: 0.15 },
             selectionWidth: 2, hoverWidth: 1.5 },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
                   keyboard: false, multiselect: false },
    physics: data.physics
      ? { enabled: true, solver: "forceAtlas2Based",
          forceAtlas2Based: { gravitationalConstant: -40, springLength: 90, avoidOverlap: 0.2 },
          stabilization: { enabled: true, iterations: 250, updateInterval: 50, fit: true } }
      : { enabled: false },
  };
  const network = new vis.Network($("network"), { nodes: nodeView, edges: edgeView }, options);

  function markReady() {
    if (window.kgReady) return;
    window.kgReadyAt = performance.now();
    window.kgScriptMs = window.kgReadyAt - started;
    window.kgReady = true;
    document.body.dataset.ready = "true";
  }
  if (data.physics && data.nodes.length) {
    // Physics settles the precomputed layout, then stops so the page stays idle.
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", markReady);
    if (!data.physics) network.fit();
    network.redraw();
  }

  function updateCounts() {
    const shownNodes = nodeView.length;
    const shown = edgeView.length;
    $("counts").textContent = `${shownNodes} of ${data.nodes.length} entities, ${shown} of ${data.edges.length} edges`;
  }
  function applyFilters() {
    readFilters();
    nodeView.refresh();
    edgeView.refresh();
    updateCounts();
  }
  document.querySelectorAll("#filters input").forEach((i) => i.addEventListener("change", applyFilters));
  $("min-confidence").addEventListener("input", applyFilters);
  $("colour-by").addEventListener("change", () => {
    nodes.update(data.nodes.map((n) => ({ id: n.id, color: nodeColour(n) })));
  });
  updateCounts();

  // --------------------------------------------------------------------------- tooltip
  const tooltip = $("tooltip");
  const TIP_STATEMENTS = 8;
  function statementLine(i) {
    const st = data.statements[i];
    const li = el("li");
    li.append(el("b", null, st.speaker), ` · ${st.day || "undated"} · `);
    const act = el("span", "act", st.act);
    act.style.background = data.actColours[st.act] || "#888";
    li.append(act, " ", el("q", null, st.text));
    return li;
  }
  function showTip(content, pointer) {
    tooltip.replaceChildren(...content);
    tooltip.hidden = false;
    const box = $("network").getBoundingClientRect();
    const x = Math.min(box.left + pointer.x + 14, window.innerWidth - tooltip.offsetWidth - 8);
    const y = Math.min(box.top + pointer.y + 14, window.innerHeight - tooltip.offsetHeight - 8);
    tooltip.style.left = `${Math.max(4, x)}px`;
    tooltip.style.top = `${Math.max(4, y)}px`;
  }
  function edgeTip(id) {
    const e = edges.get(id);
    const shown = e.statements.filter(statementShown);
    const head = el("div");
    head.append(el("b", null, nodeById.get(e.from).label), " → ", el("b", null, nodeById.get(e.to).label),
                ` (${shown.length} statement${shown.length === 1 ? "" : "s"})`);
    const list = el("ul");
    shown.slice(0, TIP_STATEMENTS).forEach((i) => list.append(statementLine(i)));
    const out = [head, list];
    if (shown.length > TIP_STATEMENTS) {
      out.push(el("div", "more", `… and ${shown.length - TIP_STATEMENTS} more: click the edge`));
    }
    return out;
  }
  function nodeTip(id) {
    const n = nodeById.get(id);
    const head = el("div");
    head.append(el("b", null, n.label), ` · ${n.kind}`);
    return [head, el("div", null, `${n.said} statement(s) made, ${n.about} about`)];
  }
  network.on("hoverEdge", (p) => showTip(edgeTip(p.edge), p.pointer.DOM));
  network.on("hoverNode", (p) => showTip(nodeTip(p.node), p.pointer.DOM));
  network.on("blurEdge", () => { tooltip.hidden = true; });
  network.on("blurNode", () => { tooltip.hidden = true; });
  network.on("dragStart", () => { tooltip.hidden = true; });
  network.on("zoom", () => { tooltip.hidden = true; });

  // ------------------------------------------------------------------------ side panel
  const panel = $("panel");
  const panelBody = $("panel-body");
  function closePanel() {
    panel.hidden = true;
    network.unselectAll();
  }
  $("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) closePanel();
  });

  // The sentence around [start, end): back to the previous sentence end, on to the next one.
  function sentenceBounds(text, start, end) {
    let s = start;
    while (s > 0) {
      const before = text.slice(Math.max(0, s - 4), s);
      if (before.endsWith("\n") || /[.!?]["'”’)\]]*\s$/.test(before)) break;
      s -= 1;
    }
    const tail = /[.!?]+["'”’)\]]*(?=\s|$)|\n/g;
    tail.lastIndex = end;
    const m = tail.exec(text);
    const e = m ? m.index + m[0].length : text.length;
    return [s, Math.max(e, end)];
  }

  // One article's text with every piece of a statement's evidence in it highlighted.
  function highlightedText(article, pieces) {
    const text = article.text;
    const ranges = [];
    for (const ev of pieces) {
      const [sStart, sEnd] = sentenceBounds(text, ev.start, ev.end);
      ranges.push(["sentence", sStart, sEnd], ["quote", ev.start, ev.end]);
      if (ev.speakerStart !== null && ev.speakerEnd !== null) ranges.push(["speaker", ev.speakerStart, ev.speakerEnd]);
    }
    const cuts = [...new Set([0, text.length, ...ranges.flatMap((r) => [r[1], r[2]])])]
      .filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
    const box = el("div", "article-text");
    for (let k = 0; k + 1 < cuts.length; k++) {
      const [a, b] = [cuts[k], cuts[k + 1]];
      const classes = [...new Set(ranges.filter((r) => r[1] <= a && b <= r[2]).map((r) => r[0]))];
      const piece = text.slice(a, b);
      if (classes.length) box.append(el("span", classes.join(" "), piece));
      else box.append(document.createTextNode(piece));
    }
    return box;
  }

  function sourceLine(article, channels) {
    const line = el("div", "source");
    line.append(el("span", "headline", article.headline || article.id));
    const bits = [article.publisher, article.date].filter(Boolean).join(", ");
    if (bits) line.append(` — ${bits}`);
    if (channels.length) line.append(" · ", el("span", "channel", `said via ${channels.join(", ")}`));
    if (article.url && /^https?:\/\//i.test(article.url)) {
      const a = el("a", null, "open the article");
      a.href = article.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      line.append(" · ", a);
    } else if (article.url) {
      line.append(" · ", el("span", "url", article.url));
    }
    return line;
  }

  function statementBlock(i) {
    const st = data.statements[i];
    const block = el("div", "statement");
    block.dataset.statement = String(i);
    const meta = el("div", "meta");
    const act = el("span", "act", st.act);
    act.style.background = data.actColours[st.act] || "#888";
    let when = st.day || "undated";
    if (st.earliest && st.latest && st.earliest !== st.latest) when = `between ${st.earliest} and ${st.latest}`;
    meta.append(el("b", null, st.speaker), " ", act, ` · ${when}`);
    if (st.about.length) meta.append(` · about ${st.about.join(", ")}`);
    block.append(meta, el("blockquote", null, st.text));
    // Where outlets disagree, say so before the evidence: readers must see both versions.
    if (st.otherSpeakers.length) {
      block.append(el("div", "conflict", `Other articles give these words to ${st.otherSpeakers.join(", ")}.`));
    }
    const channels = [...new Set(st.evidence.map((ev) => ev.channel).filter(Boolean))];
    if (channels.length > 1) {
      block.append(el("div", "conflict", `The articles disagree on where this was said: ${channels.join(" or ")}.`));
    }
    const byArticle = new Map();
    for (const ev of st.evidence) {
      if (!byArticle.has(ev.article)) byArticle.set(ev.article, []);
      byArticle.get(ev.article).push(ev);
    }
    for (const [index, pieces] of byArticle) {
      const article = data.articles[index];
      const said = [...new Set(pieces.map((ev) => ev.channel).filter(Boolean))];
      block.append(sourceLine(article, said), highlightedText(article, pieces));
    }
    return block;
  }

  function openPanel(title, statementIds, extra) {
    const h = el("h2", null, title);
    panelBody.replaceChildren(h, ...(extra || []), ...statementIds.filter(statementShown).map(statementBlock));
    panel.hidden = false;
    panel.scrollTop = 0;
    // Scroll each article box to its highlighted sentence, inside the box only.
    panelBody.querySelectorAll(".article-text").forEach((box) => {
      const mark = box.querySelector(".quote");
      if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
    });
  }
  function openEdge(id) {
    const e = edges.get(id);
    openPanel(`${nodeById.get(e.from).label} → ${nodeById.get(e.to).label}`, e.statements.filter(statementShown));
  }
  function openNode(id) {
    const n = nodeById.get(id);
    const ids = new Set();
    for (const e of data.edges) if ((e.from === id || e.to === id) && shownEdges.has(e.id)) e.statements.filter(statementShown).forEach((s) => ids.add(s));
    const info = el("p", null, `${n.kind} · ${n.said} statement(s) made, ${n.about} about · community ${n.community + 1}`);
    openPanel(n.label, [...ids].sort((a, b) => a - b), [info]);
  }
  network.on("click", (p) => {
    tooltip.hidden = true;
    if (p.nodes.length) openNode(p.nodes[0]);
    else if (p.edges.length) openEdge(p.edges[0]);
  });

  // ---------------------------------------------------------------------------- search
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = $("search-text").value.trim().toLowerCase();
    const out = $("search-results");
    out.replaceChildren();
    if (!q) return;
    const found = data.nodes.filter((n) => n.label.toLowerCase().includes(q));
    out.append(el("p", null, `${found.length} match${found.length === 1 ? "" : "es"}`));
    found.slice(0, 30).forEach((n) => {
      const b = el("button", null, n.label + (nodeView.get(n.id) ? "" : " (hidden by filters)"));
      b.type = "button";
      b.addEventListener("click", () => focusNode(n.id));
      out.append(b);
    });
    if (found.length) focusNode(found[0].id);
  });
  function focusNode(id) {
    if (!nodeView.get(id)) return;
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
  }

  // For tests and scripts: what is drawn, and the panel openers.
  window.kgView = {
    network, data,
    drawn: () => ({ nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length }),
    openEdge, openNode,
    edgePoint(id) {
      const edge = network.body.edges[id];
      const point = edge.edgeType.getPoint(0.5);
      return network.canvasToDOM(point);
    },
  };
})();
