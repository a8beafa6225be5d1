// Meshwarden SLA dashboard, a product's page (#/product/<id>) and a domain's rejected proposals (#/proposals/<domain>):
// the catalog entry, charts of its history drawn with uPlot (served by the service, never a CDN), the lineage graph
// (SVG built with createElementNS, setAttribute and textContent only), versions with their changelog, decisions,
// alerts and grants. Every string in the data is hostile, as in dashboard.js, whose helpers this file uses.
"use strict";
const SVG = "http://www.w3.org/2000/svg";
const HEALTH_COLOURS = { OK: "#2e9d5b", WARNING: "#e0a21b", CRITICAL: "#d2433b", UNKNOWN: "#9ca3af" };
let historyRange = "24h";
/** The uPlot charts drawn, by name (completeness, freshness, volume, band, availability); tests read their data here. */
window.meshwardenCharts = {};
let chartsOf = null;

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, String(value)));
  if (text !== undefined) node.textContent = String(text ?? "");
  return node;
}

// The API leaves out empty lists and nulls (Micronaut Serialization's NON_EMPTY): read every list through this.
const list = (value) => Array.isArray(value) ? value : [];
const when = (iso) => iso ? String(iso).replace("T", " ").replace(/\..*$/, "").replace(/Z$/, "") : "–";

function drawHead(page) {
  const product = page.product;
  $("#product-name").textContent = String(product.name ?? product.id);
  $("#product-id").textContent = String(product.id);
  $("#product-health").replaceChildren(pill(product.health));
  const facts = [["Domain", product.domain], ["Version", product.version], ["Status", product.status],
    ["Owner team", product.ownerTeam], ["Steward", product.steward], ["Classification", product.classification],
    ["Tags", list(product.tags).join(", ")],
    ["Availability 30 d", percent(product.sla && product.sla.availability30d)],
    ["Budget left", percent(product.sla && product.sla.budgetRemaining, 1)]];
  const items = facts.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value ?? "–" })]);
  items.push(el("dt", { text: "Documentation" }),
    el("dd", {}, product.documentationUrl ? safeLink(product.documentationUrl, String(product.documentationUrl)) : "–"));
  $("#product-facts").replaceChildren(...items);
  $("#product-description").textContent = String(product.description ?? "");
}

function drawProductAlerts(alerts) {
  const rows = alerts.map((alert) => el("tr", { dataset: { alertId: alert.alertId } },
    el("td", {}, safeLink(alert.runbookUrl, alert.slaKind)), el("td", {}, pill(alert.severity)),
    el("td", {}, pill(alert.state)), el("td", { text: `${alert.occurrences}×` }),
    el("td", { title: alert.changedAt, text: ago(alert.changedAt) })));
  $("#product-alerts tbody").replaceChildren(...(rows.length ? rows : [emptyRow(5, "No alerts.")]));
}

function drawGrants(page) {
  if (page.grantsUnavailable) {
    $("#product-grants tbody").replaceChildren(emptyRow(5, "Access management unavailable: " + page.grantsUnavailable));
    return;
  }
  const rows = list(page.grants).map((grant) => el("tr", { dataset: { request: grant.requestId } },
    el("td", { text: grant.principal }), el("td", {}, pill(grant.state)),
    el("td", { text: list(grant.approvers).join(", ") }), el("td", { text: grant.purpose }),
    el("td", { text: when(grant.expiresAt) })));
  $("#product-grants tbody").replaceChildren(...(rows.length ? rows : [emptyRow(5, "No access requests.")]));
}

function change(item) {
  const value = (text) => el("code", { text: text === null || text === undefined ? "–" : String(text).slice(0, 300) });
  if (item.kind === "ADDED") return el("li", {}, el("strong", { text: item.field }), " added: ", value(item.after));
  if (item.kind === "REMOVED") return el("li", {}, el("strong", { text: item.field }), " removed: ", value(item.before));
  return el("li", {}, el("strong", { text: item.field }), ": ", value(item.before), " → ", value(item.after));
}

function drawVersions(versions) {
  const rows = versions.map((version, index) => el("tr", { dataset: { version: version.version } },
    el("td", { text: version.version }), el("td", { text: when(version.acceptedAt) }),
    el("td", {}, index === versions.length - 1 ? el("span", { className: "empty", text: "first version recorded" })
      : el("ul", { className: "changes" }, list(version.changes).map(change)))));
  $("#versions tbody").replaceChildren(...(rows.length ? rows : [emptyRow(3, "No version recorded yet.")]));
}

function findings(decision) {
  return el("ul", { className: "changes" }, list(decision.violations).map((v) =>
    el("li", {}, pill(v.severity), " ", el("strong", { text: v.ruleId }), ": ", String(v.message ?? ""))));
}

function drawDecisions(decisions) {
  const rows = decisions.map((decision) => el("tr", { className: decision.rejected ? "rejected" : "", dataset: { change: decision.changeId } },
    el("td", { text: when(decision.decidedAt) }), el("td", { text: decision.contractVersion }),
    el("td", {}, pill(decision.outcome)), el("td", {}, findings(decision))));
  $("#decisions tbody").replaceChildren(...(rows.length ? rows : [emptyRow(4, "No decision recorded yet.")]));
}

/** Three columns, upstream, the product, downstream; each node a link to its page, coloured by its health. */
function drawLineage(lineage) {
  const columns = [list(lineage.upstream), [lineage.product], list(lineage.downstream)];
  const rows = Math.max(1, ...columns.map((column) => column.length));
  const width = 900, nodeWidth = 220, nodeHeight = 34, gap = 14;
  const height = rows * (nodeHeight + gap) + gap;
  const graph = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", height, role: "img", "aria-label": "lineage" });
  const x = [20, (width - nodeWidth) / 2, width - nodeWidth - 20];
  const y = (column, index) => gap + index * (nodeHeight + gap) + (rows - column.length) * (nodeHeight + gap) / 2;
  const centre = { x: x[1], y: y(columns[1], 0) + nodeHeight / 2 };
  columns[0].forEach((node, i) => graph.append(svg("line", { x1: x[0] + nodeWidth, y1: y(columns[0], i) + nodeHeight / 2,
    x2: centre.x, y2: centre.y, class: "edge" })));
  columns[2].forEach((node, i) => graph.append(svg("line", { x1: x[1] + nodeWidth, y1: centre.y,
    x2: x[2], y2: y(columns[2], i) + nodeHeight / 2, class: "edge" })));
  columns.forEach((column, c) => column.forEach((node, i) => {
    const group = svg("g", { class: "node " + token(node.health) + (c === 1 ? " self" : ""), tabindex: c === 1 ? -1 : 0,
      role: c === 1 ? "presentation" : "link", transform: `translate(${x[c]},${y(column, i)})` });
    group.dataset.product = String(node.id);
    group.append(svg("title", {}, `${node.id}: ${node.health}`));
    group.append(svg("rect", { width: nodeWidth, height: nodeHeight, rx: 6, fill: HEALTH_COLOURS[node.health] || HEALTH_COLOURS.UNKNOWN }));
    group.append(svg("text", { x: 10, y: 22 }, String(node.id).length > 30 ? String(node.id).slice(0, 29) + "…" : node.id));
    graph.append(group);
  }));
  $("#lineage-graph").replaceChildren(graph);
  const links = [...columns[0].map((n) => ["upstream", n]), ...columns[2].map((n) => ["downstream", n])]
    .map(([side, node]) => el("li", {}, side + ": ", productLink(node.id, node.id, { className: "lineage-link " + side }), " ", pill(node.health)));
  $("#lineage-links").replaceChildren(...(links.length ? links : [el("li", { className: "empty", text: "No upstream or downstream products." })]));
}

function followNode(event) {
  const node = event.target.closest && event.target.closest("#lineage-graph g.node:not(.self)");
  if (node && (event.type === "click" || event.key === "Enter")) {
    window.location.hash = "#/product/" + encodeURIComponent(node.dataset.product);
  }
}

/** One chart: its series from the history's columns, drawn anew when the product or range changes, else updated. */
function chart(name, series, times, columns, scale, extra = {}) {
  const data = [times, ...columns];
  const existing = window.meshwardenCharts[name];
  if (existing && chartsOf === `${route().id}|${historyRange}`) {
    existing.setData(data);
    return;
  }
  if (existing) existing.destroy();
  const target = $("#chart-" + name);
  target.replaceChildren();
  const opts = { width: Math.max(300, target.clientWidth || 420), height: 200, series: [{}, ...series],
    scales: scale ? { y: scale } : {}, axes: [{}, { size: 60 }], legend: { live: false }, ...extra };
  window.meshwardenCharts[name] = new uPlot(opts, data, target);
}

/** A series' time axis and one of its columns, empty when the API left them out. */
const axis = (series) => list(series && series.times);
const column = (series, name) => list(series && series.values && series.values[name]);

function drawHistory(history) {
  const q = history.quality, a = history.availability;
  const line = (label, stroke, dash) => Object.assign({ label, stroke, width: 2, spanGaps: false }, dash ? { dash: [6, 4] } : {});
  const fill = (series, names) => names.map((name) => {
    const values = column(series, name);
    return values.length ? values : axis(series).map(() => null);
  });
  chart("completeness", [line("completeness", "#2563eb"), line("lowest", "#93c5fd"), line("target", "#d2433b", true)], axis(q),
    fill(q, ["completeness", "completenessMin", "completenessTarget"]));
  chart("freshness", [line("age (min)", "#2563eb"), line("deadline (min)", "#d2433b", true)], axis(q),
    fill(q, ["freshnessAgeMinutes", "freshnessDeadlineMinutes"]));
  chart("volume", [line("received", "#2e9d5b"), line("expected", "#6b7280", true)], axis(q),
    fill(q, ["recordsReceived", "recordsExpected"]));
  drawBandChart(history.volumeBand, line, fill);
  chart("availability", [line("availability", "#2e9d5b"), line("budget left", "#e0a21b")], axis(a),
    fill(a, ["availability", "budgetRemaining"]));
  chartsOf = `${route().id}|${historyRange}`;
  document.querySelectorAll("button.range").forEach((button) => button.classList.toggle("chosen", button.dataset.range === historyRange));
}

/**
 * The volume detector's periods: the records each period received, the expected value, the band between low
 * and high shaded (uPlot's bands fill from the high series down to the low one), and a red dot at each
 * period judged anomalous (a points-only series).
 */
function drawBandChart(periods, line, fill) {
  const dots = { label: "anomalous", stroke: "#d2433b", fill: "#d2433b", width: 0, paths: () => null,
    points: { show: true, size: 9, stroke: "#d2433b", fill: "#d2433b" } };
  const edge = (label) => ({ label, stroke: "#93c5fd", width: 1, spanGaps: false });
  const observed = Object.assign(line("observed (records per period)", "#2e9d5b"), { points: { show: true, size: 5 } });
  chart("band", [observed, line("expected", "#6b7280", true), edge("band low"), edge("band high"), dots], axis(periods),
    fill(periods, ["observed", "expected", "low", "high", "anomalous"]), null,
    { bands: [{ series: [4, 3], fill: "rgba(37, 99, 235, 0.15)" }] });
  $("#band-note").textContent = axis(periods).length ? ""
    : "(no volume band yet: the detector is warming up, or detection is off for this product)";
}

/** What a detected metric's values count: volume and measure sums per period, null rates as a share, gaps in ms. */
function unit(metric) {
  const name = String(metric ?? "");
  if (name === "volume") return "records per period";
  if (name.startsWith("null-rate.")) return "share of records";
  if (name === "arrival-gap") return "ms between loads";
  if (name.startsWith("measure-sum.")) return "sum per period";
  return "";
}

const number = (value) => typeof value !== "number" || !Number.isFinite(value) ? "–"
  : Math.abs(value) >= 100 ? value.toFixed(0) : String(Number(value.toPrecision(3)));

/** The current band of every detected metric, from the latest snapshot the page call read. */
function drawBands(bands) {
  const rows = bands.map((band) => el("tr", { className: token(band.state), dataset: { metric: band.metric } },
    el("td", {}, el("strong", { text: band.metric }), " ", el("small", { text: unit(band.metric) })),
    el("td", { className: "num", text: number(band.observed) }), el("td", { className: "num", text: number(band.expected) }),
    el("td", { className: "num", text: `${number(band.low)} – ${number(band.high)}` }), el("td", {}, pill(band.state)),
    el("td", { text: when(band.periodEnd) })));
  $("#anomaly-bands tbody").replaceChildren(...(rows.length ? rows
    : [emptyRow(6, "No anomaly band yet: no snapshot, detectors warming up, or detection off.")]));
}

async function refreshProduct(productId) {
  const path = "/api/products/" + encodeURIComponent(productId);
  try {
    const [page, history, lineage] = await Promise.all([getJson(path + "/page"),
      getJson(path + "/history?range=" + historyRange), getJson(path + "/lineage")]);
    if (route().id !== productId) return;
    drawHead(page);
    drawHistory(history);
    drawLineage(lineage);
    drawBands(list(page.anomalyBands));
    drawProductAlerts(list(page.alerts));
    drawGrants(page);
    drawVersions(list(page.versions));
    drawDecisions(list(page.decisions));
    showStatus("updated " + new Date().toLocaleTimeString(), false);
  } catch (error) {
    showStatus("cannot show the product: " + error.message, true);
  }
}

async function refreshProposals(domain) {
  $("#proposals-domain").textContent = String(domain);
  try {
    const proposals = await getJson("/api/domains/" + encodeURIComponent(domain) + "/proposals");
    const rows = list(proposals).map((decision) => el("tr", { dataset: { change: decision.changeId } },
      el("td", { text: when(decision.decidedAt) }), el("td", {}, productLink(decision.productId)),
      el("td", { text: decision.contractVersion }), el("td", {}, findings(decision))));
    $("#proposals tbody").replaceChildren(...(rows.length ? rows : [emptyRow(4, "No rejected proposals.")]));
    showStatus("updated " + new Date().toLocaleTimeString(), false);
  } catch (error) {
    showStatus("cannot list the proposals: " + error.message, true);
  }
}

document.addEventListener("click", (event) => {
  if (event.target.matches && event.target.matches("button.range")) {
    historyRange = event.target.dataset.range;
    refresh();
  }
  followNode(event);
});
document.addEventListener("keydown", followNode);
