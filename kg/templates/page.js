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

  const PAGE = 10; // statements (and counterparts) shown at a time in the side panel

  // ------------------------------------------------------------------ nodes and edges
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  function nodeColour(n) {
    const c = $("colour-by").value === "community" ? n.communityColour : n.typeColour;
    return { background: c, border: "#555", highlight: { background: c, border: "#000" },
             hover: { background: c, border: "#000" } };
  }
  $("colour-by").value = data.colourBy === "community" ? "community" : "type";
  // Labels are drawn by this script (drawLabels), not by vis-network: it places them by rank
  // without overlaps. The focus (a clicked or searched entity, its counterparts and the edges
  // between them) stays in colour; the rest fades.
  let focus = null;
  const FADED_NODE = { background: "#ececec", border: "#d6d6d6", highlight: { background: "#ececec", border: "#999" },
                       hover: { background: "#ececec", border: "#999" } };
  function nodeStyle(n) {
    return focus && !focus.nodes.has(n.id) ? FADED_NODE : nodeColour(n);
  }
  const nodes = new vis.DataSet(data.nodes.map((n) => Object.assign({}, n, { color: nodeColour(n), label: undefined })));
  const aggregate = new Map(); // edge id -> {act, count, sign, width} of the statements the filters let through
  function edgeStyle(e) {
    const agg = aggregate.get(e.id) || { act: e.act, width: e.width };
    const faded = focus && !focus.edges.has(e.id);
    const c = faded ? "#e4e4e4" : data.actColours[agg.act] || "#888";
    return { id: e.id, width: agg.width, color: { color: c, highlight: c, hover: c, opacity: faded ? 0.6 : 0.85 } };
  }
  const edges = new vis.DataSet(data.edges.map((e) => Object.assign({}, e, edgeStyle(e))));
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
    aggregate.clear();
    for (const e of data.edges) {
      if (!filter.types.has(nodeById.get(e.from).kind) || !filter.types.has(nodeById.get(e.to).kind)) continue;
      const shown = e.statements.filter(statementShown);
      if (!shown.length) continue;
      shownEdges.add(e.id);
      connected.add(e.from);
      connected.add(e.to);
      aggregate.set(e.id, aggregateOf(shown));
    }
  }
  // An edge as the statements that pass the filters make it: the most frequent act (ties by the
  // legend's order) gives its colour, their number its width, their signs its sign.
  const ACT_ORDER = Object.keys(data.actColours);
  function aggregateOf(statementIds) {
    const counts = new Map();
    let balance = 0;
    for (const i of statementIds) {
      const act = data.statements[i].act;
      counts.set(act, (counts.get(act) || 0) + 1);
      balance += data.actSigns[act] || 0;
    }
    let act = null;
    for (const a of ACT_ORDER) if (counts.has(a) && (act === null || counts.get(a) > counts.get(act))) act = a;
    const count = statementIds.length;
    return { act, count, sign: Math.sign(balance), width: Math.round((1 + 1.5 * Math.log2(count)) * 100) / 100 };
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
    nodes: { shape: "dot", borderWidth: 1, font: { size: 0 } },
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
  function restyle() {
    nodes.update(data.nodes.map((n) => ({ id: n.id, color: nodeStyle(n) })));
    edges.update(data.edges.filter((e) => shownEdges.has(e.id)).map(edgeStyle));
  }
  function applyFilters() {
    readFilters();
    if (focus) {
      focus = focusOf(focus.id);
      restyle();  // nodes and edges: the focus follows the edges that pass
    } else {
      edges.update(data.edges.filter((e) => shownEdges.has(e.id)).map(edgeStyle));
    }
    nodeView.refresh();
    edgeView.refresh();
    updateCounts();
  }
  document.querySelectorAll("#filters input").forEach((i) => i.addEventListener("change", applyFilters));
  $("min-confidence").addEventListener("input", applyFilters);
  $("colour-by").addEventListener("change", () => {
    nodes.update(data.nodes.map((n) => ({ id: n.id, color: nodeStyle(n) })));
    communityLegend();
  });
  updateCounts();

  // --------------------------------------------------------------------------- legend
  // Community colours: each coloured community named by its most central members.
  function communityLegend() {
    const box = $("community-legend");
    box.hidden = $("colour-by").value !== "community";
    if (box.hidden) return;
    const byCommunity = new Map();
    for (const n of data.nodes) {
      if (n.communityColour === data.smallCommunityColour) continue;
      if (!byCommunity.has(n.communityColour)) byCommunity.set(n.communityColour, []);
      byCommunity.get(n.communityColour).push(n);
    }
    const list = $("community-legend-list");
    list.replaceChildren();
    for (const [colour, members] of byCommunity) {
      members.sort((a, b) => b.pagerank - a.pagerank || (a.label < b.label ? -1 : 1));
      const item = el("div", "legend-item");
      const sw = el("span", "swatch");
      sw.style.background = colour;
      item.append(sw, members.slice(0, 2).map((m) => m.label).join(", ") + (members.length > 2 ? ", …" : ""));
      list.append(item);
    }
    const other = el("div", "legend-item");
    const sw = el("span", "swatch");
    sw.style.background = data.smallCommunityColour;
    other.append(sw, "smaller communities");
    list.append(other);
  }
  communityLegend();

  // --------------------------------------------------------------------------- labels
  // The most central entities first: each label takes the first free place around its node
  // (below, right, left, above) or is left out, so labels never overlap; zooming in makes room.
  const LABEL_MAX = 250;
  const LABEL_ALWAYS = 30; // the most central entities are labelled whatever the zoom, with a leader line if need be
  const LABEL_FONT = "13px system-ui, -apple-system, 'Segoe UI', sans-serif";
  const byRank = data.nodes.map((n) => n.id).sort((a, b) => nodeById.get(b).pagerank - nodeById.get(a).pagerank
    || (nodeById.get(a).label < nodeById.get(b).label ? -1 : 1));
  const labelWidth = new Map();
  let drawnLabels = [];
  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }
  function drawLabels(ctx) {
    const ratio = network.canvas.pixelRatio || 1;
    const box = $("network").getBoundingClientRect();
    const scale = network.getScale();
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = LABEL_FONT;
    const order = focus ? [...byRank.filter((id) => focus.nodes.has(id)), ...byRank.filter((id) => !focus.nodes.has(id))]
      : byRank;
    const placed = [];
    for (const id of order) {
      if (placed.length >= LABEL_MAX) break;
      const body = network.body.nodes[id];
      if (!body || !nodeView.get(id)) continue;
      const p = network.canvasToDOM({ x: body.x, y: body.y });
      if (p.x < -50 || p.y < -50 || p.x > box.width + 50 || p.y > box.height + 50) continue;
      const n = nodeById.get(id);
      if (!labelWidth.has(id)) labelWidth.set(id, ctx.measureText(n.label).width + 4);
      const w = labelWidth.get(id);
      const h = 16;
      const r = (body.options.size || 10) * scale;
      const spots = [{ x: p.x - w / 2, y: p.y + r + 1 }, { x: p.x + r + 2, y: p.y - h / 2 },
                     { x: p.x - r - 2 - w, y: p.y - h / 2 }, { x: p.x - w / 2, y: p.y - r - 1 - h }]
        .map((c) => ({ x: c.x, y: c.y, w, h }));
      const free = (c) => c.x >= 0 && c.y >= 0 && c.x + w <= box.width && c.y + h <= box.height
                          && !placed.some((q) => overlaps(c, q));
      let spot = spots.find(free);
      let leader = false;
      if (!spot && placed.length < LABEL_ALWAYS) {
        // one of the most central: look further out, on rings around the node, and draw a leader line
        search: for (let d = r + 24; d <= r + 240; d += 18) {
          for (let k = 0; k < 16; k++) {
            const a = (k / 16) * 2 * Math.PI;
            const c = { x: p.x + d * Math.cos(a) - w / 2, y: p.y + d * Math.sin(a) - h / 2, w, h };
            if (free(c)) { spot = c; leader = true; break search; }
          }
        }
      }
      if (!spot) continue;
      placed.push({ id, label: n.label, x: spot.x, y: spot.y, w, h, faded: Boolean(focus && !focus.nodes.has(id)),
                    leader: leader ? p : null });
    }
    ctx.strokeStyle = "#888888";
    ctx.lineWidth = 1;
    for (const q of placed) {
      if (!q.leader) continue;
      ctx.beginPath();
      ctx.moveTo(q.leader.x, q.leader.y);
      ctx.lineTo(q.x + q.w / 2, q.y + q.h / 2);
      ctx.stroke();
    }
    ctx.textBaseline = "middle";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "#ffffff";
    for (const q of placed) {
      ctx.fillStyle = q.faded ? "#aaaaaa" : "#222222";
      ctx.strokeText(q.label, q.x + 2, q.y + q.h / 2);
      ctx.fillText(q.label, q.x + 2, q.y + q.h / 2);
    }
    ctx.restore();
    drawnLabels = placed;
  }
  network.on("afterDrawing", drawLabels);

  // ---------------------------------------------------------------------------- focus
  function focusOf(id) {
    const focusNodes = new Set([id]);
    const focusEdges = new Set();
    for (const e of data.edges) {
      if (!shownEdges.has(e.id) || (e.from !== id && e.to !== id)) continue;
      focusNodes.add(e.from);
      focusNodes.add(e.to);
    }
    for (const e of data.edges) {  // the edges among the counterparts too
      if (shownEdges.has(e.id) && focusNodes.has(e.from) && focusNodes.has(e.to)) focusEdges.add(e.id);
    }
    return { id, nodes: focusNodes, edges: focusEdges };
  }
  function setFocus(id, fit) {
    focus = focusOf(id);
    restyle();
    $("focus-bar").hidden = false;
    $("focus-name").textContent = nodeById.get(id).label;
    if (fit) network.fit({ nodes: [...focus.nodes].filter((n) => nodeView.get(n)), animation: false });
  }
  function clearFocus() {
    if (!focus) return;
    focus = null;
    restyle();
    $("focus-bar").hidden = true;
  }
  $("focus-clear").addEventListener("click", clearFocus);

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
    if (event.key !== "Escape") return;
    if (!panel.hidden) closePanel();
    else clearFocus();
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
    // a date the article's lead gives the story, not the statement's own words: say so
    if (st.datedByLead) when += " (the story's day)";
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
    const shown = statementIds.filter(statementShown).sort(byDate);
    panelBody.replaceChildren(h, ...(extra || []),
                              pager(shown, statementBlock, (n) => `Show ${Math.min(n, PAGE)} more of ${n}`));
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
  // An entity's statements, grouped by counterpart (the most statements first), each group in
  // date order (undated last) and shown a page at a time.
  function byDate(a, b) {
    const da = data.statements[a].day || "9999";
    const db = data.statements[b].day || "9999";
    return da < db ? -1 : da > db ? 1 : a - b;
  }
  function counterparts(id) {
    const groups = new Map();
    for (const e of data.edges) {
      if (!shownEdges.has(e.id) || (e.from !== id && e.to !== id)) continue;
      const other = e.from === id ? e.to : e.from;
      if (!groups.has(other)) groups.set(other, { id: other, by: 0, about: 0, statements: [] });
      const group = groups.get(other);
      for (const i of e.statements.filter(statementShown)) {
        if (group.statements.includes(i)) continue;  // a statement of the entity about itself and another
        group.statements.push(i);
        if (e.from === id) group.by += 1; else group.about += 1;
      }
    }
    const out = [...groups.values()];
    out.forEach((g) => g.statements.sort(byDate));
    return out.sort((a, b) => b.statements.length - a.statements.length
      || (nodeById.get(a.id).label < nodeById.get(b.id).label ? -1 : 1));
  }
  function pager(items, render, more) {
    // the first PAGE items, then a button for the next PAGE, in place
    const box = el("div");
    let shown = 0;
    const next = () => {
      const batch = items.slice(shown, shown + PAGE);
      shown += batch.length;
      box.querySelectorAll(":scope > .more-button").forEach((b) => b.remove());
      batch.forEach((item) => box.append(render(item)));
      if (shown < items.length) {
        const b = el("button", "more-button", more(items.length - shown));
        b.type = "button";
        b.addEventListener("click", next);
        box.append(b);
      }
    };
    next();
    return box;
  }
  function counterpartGroup(group, open) {
    const details = el("details", "counterpart");
    details.dataset.counterpart = group.id;
    const parts = [];
    if (group.by) parts.push(`${group.by} by`);
    if (group.about) parts.push(`${group.about} about`);
    const summary = el("summary");
    summary.append(el("b", null, nodeById.get(group.id).label),
                   ` · ${group.statements.length} statement${group.statements.length === 1 ? "" : "s"} (${parts.join(", ")})`);
    details.append(summary);
    let filled = false;
    const fill = () => {
      if (filled) return;
      filled = true;
      details.append(pager(group.statements, statementBlock, (n) => `Show ${Math.min(n, PAGE)} more of ${n}`));
    };
    details.addEventListener("toggle", () => { if (details.open) fill(); });
    if (open) { details.open = true; fill(); }
    return details;
  }
  function openNode(id) {
    const n = nodeById.get(id);
    const groups = counterparts(id);
    const info = el("p", null, `${n.kind} · ${n.said} statement(s) made, ${n.about} about · community ${n.community + 1}`
      + ` · ${groups.length} counterpart${groups.length === 1 ? "" : "s"}`);
    const h = el("h2", null, n.label);
    let first = true;
    const list = pager(groups, (g) => { const d = counterpartGroup(g, first); first = false; return d; },
                       (k) => `More counterparts (${k})`);
    panelBody.replaceChildren(h, info, list);
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  // The edge under the pointer: the nearest drawn edge within a few pixels, measured along its
  // drawn curve (vis-network's own pick can return another edge where edges cross or overlap).
  function edgeUnder(pointer) {
    const scale = network.getScale();
    const at = network.DOMtoCanvas(pointer);
    const reach = 6 / scale;
    let best = null;
    let bestDistance = reach;
    for (const id of network.body.edgeIndices) {
      const edge = network.body.edges[id];
      if (!edge.from || !edge.to) continue;
      const curved = edge.options.smooth && edge.options.smooth.enabled;
      const slack = reach + (curved ? 0.5 * Math.hypot(edge.to.x - edge.from.x, edge.to.y - edge.from.y) : 0);
      if (at.x < Math.min(edge.from.x, edge.to.x) - slack || at.x > Math.max(edge.from.x, edge.to.x) + slack
          || at.y < Math.min(edge.from.y, edge.to.y) - slack || at.y > Math.max(edge.from.y, edge.to.y) + slack) continue;
      const points = [];
      const steps = curved ? 16 : 1;
      for (let k = 0; k <= steps; k++) points.push(steps === 1 ? (k ? edge.to : edge.from) : edge.edgeType.getPoint(k / steps));
      for (let k = 0; k + 1 < points.length; k++) {
        const d = segmentDistance(at, points[k], points[k + 1]);
        if (d < bestDistance) { bestDistance = d; best = id; }
      }
    }
    return best;
  }
  function segmentDistance(p, a, b) {
    const dx = b.x - a.x, dy = b.y - a.y;
    const length2 = dx * dx + dy * dy;
    const t = length2 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2)) : 0;
    return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
  }
  network.on("click", (p) => {
    tooltip.hidden = true;
    if (p.nodes.length) {
      setFocus(p.nodes[0], false);
      openNode(p.nodes[0]);
      return;
    }
    const edge = edgeUnder(p.pointer.DOM);
    if (edge) {
      network.selectEdges([edge]);
      openEdge(edge);
    } else {
      clearFocus();
    }
  });

  // ---------------------------------------------------------------------------- search
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = $("search-text").value.trim().toLowerCase();
    const out = $("search-results");
    out.replaceChildren();
    if (!q) return;
    // the name itself first, then names that start with the words, then the rest; central first
    const closeness = (n) => { const l = n.label.toLowerCase(); return l === q ? 0 : l.startsWith(q) ? 1 : 2; };
    const found = data.nodes.filter((n) => n.label.toLowerCase().includes(q))
      .sort((a, b) => closeness(a) - closeness(b) || b.pagerank - a.pagerank || (a.label < b.label ? -1 : 1));
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
    setFocus(id, true);
  }

  // For tests and scripts: what is drawn, and the panel openers.
  window.kgView = {
    network, data,
    drawn: () => ({ nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length }),
    openEdge, openNode, focusNode, clearFocus,
    labels: () => drawnLabels.map((q) => ({ id: q.id, label: q.label, x: q.x, y: q.y, w: q.w, h: q.h })),
    focus: () => (focus ? { id: focus.id, nodes: [...focus.nodes].sort(), edges: [...focus.edges].sort() } : null),
    edgeState: (id) => {
      const e = edges.get(id);
      const agg = aggregate.get(id);
      return agg ? { act: agg.act, count: agg.count, sign: agg.sign, width: e.width, colour: e.color.color } : null;
    },
    nodeColour: (id) => nodes.get(id).color.background,
    edgePoint(id) {
      const edge = network.body.edges[id];
      const point = edge.edgeType.getPoint(0.5);
      return network.canvasToDOM(point);
    },
  };
})();
