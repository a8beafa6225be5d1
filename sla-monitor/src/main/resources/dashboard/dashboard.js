// Meshwarden SLA dashboard: logs in, polls the service's API every 2 s and redraws; no build step. The overview
// (filters by domain, owner and status in #/?domain=&owner=&status=) is drawn here, a product's page
// (#/product/<id>: charts with uPlot, served by the service itself, and the lineage graph) in product.js.
//
// Every string in the data is hostile (a product id, a message, a link may come from anyone who can write a
// contract): the DOM is built only with createElement, textContent, setAttribute and dataset, never by
// concatenating data into HTML, and a link from data becomes a link only with an http or https scheme
// (docs/security.md). The Content-Security-Policy backs this up: no inline script runs here.
"use strict";
const REFRESH_MS = 2000;
const TOKEN_KEY = "meshwarden.token";
const $ = (selector) => document.querySelector(selector);

// The signed-in session: GET /api/session says whether the API wants credentials, who we are, which roles.
let session = { securityEnabled: true, user: null, roles: [] };
let timer = null;

/** An element with these properties (class, text, title, dataset, attributes) and children. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined && props.text !== null) node.textContent = String(props.text);
  if (props.title !== undefined && props.title !== null) node.setAttribute("title", String(props.title));
  Object.entries(props.dataset || {}).forEach(([key, value]) => { node.dataset[key] = String(value ?? ""); });
  Object.entries(props.attributes || {}).forEach(([key, value]) => node.setAttribute(key, String(value)));
  children.flat().forEach((child) => node.append(child instanceof Node ? child : String(child ?? "")));
  return node;
}

/** A link to this URL if it is http(s), else its text alone: a javascript: or data: URL never becomes a link. */
function safeLink(url, label) {
  let parsed = null;
  try {
    parsed = url ? new URL(String(url), window.location.href) : null;
  } catch (error) {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    return el("span", { text: label, title: url ? String(url) : null });
  }
  return el("a", { text: label, attributes: { href: parsed.href, rel: "noopener noreferrer", target: "_blank" } });
}

/** A link to a product's page: a fragment of this page, built from the encoded id, never a URL from data. */
function productLink(productId, label, props = {}) {
  return el("a", Object.assign({}, props, { text: label ?? productId,
    attributes: Object.assign({ href: "#/product/" + encodeURIComponent(String(productId ?? "")) }, props.attributes || {}) }));
}

/** Where the hash points: the overview with its filters, a product's page, or a domain's rejected proposals. */
function route() {
  const hash = window.location.hash || "#/";
  try {
    if (hash.startsWith("#/product/")) return { view: "product", id: decodeURIComponent(hash.slice("#/product/".length)) };
    if (hash.startsWith("#/proposals/")) return { view: "proposals", domain: decodeURIComponent(hash.slice("#/proposals/".length)) };
  } catch (error) {
    // A malformed escape in a hand-typed hash: the overview.
  }
  const query = new URLSearchParams(hash.includes("?") ? hash.slice(hash.indexOf("?") + 1) : "");
  return { view: "overview", domain: query.get("domain") || "", owner: query.get("owner") || "", status: query.get("status") || "" };
}

/** A CSS class name from data: only letters, digits, - and _, so data cannot add classes of its choosing. */
const token = (value) => String(value ?? "").replace(/[^A-Za-z0-9_-]/g, "");
const pill = (value) => el("span", { className: "pill " + token(value), text: value });
const percent = (ratio, digits = 3) => ratio === null || ratio === undefined ? "–" : (ratio * 100).toFixed(digits) + "\u00a0%";
const ago = (iso) => {
  if (!iso) return "";
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 90) return seconds + " s ago";
  if (seconds < 5400) return Math.round(seconds / 60) + " min ago";
  return Math.round(seconds / 3600) + " h ago";
};
const may = (role) => !session.securityEnabled || session.roles.includes(role);
const emptyRow = (columns, message) => el("tr", {}, el("td", { className: "empty", text: message, attributes: { colspan: columns } }));

// Instances that did not answer the last refresh: the API says so in its Meshwarden-* headers
// when an answer lacks some partitions (docs/operations.md).
let unanswered = new Set();

/** fetch with the bearer token, if any; a 401 forgets it and shows the login form. */
async function api(path, options = {}) {
  const headers = Object.assign({ Accept: "application/json" }, options.headers || {});
  const stored = sessionStorage.getItem(TOKEN_KEY);
  if (stored) headers.Authorization = "Bearer " + stored;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401 && session.securityEnabled) {
    sessionStorage.removeItem(TOKEN_KEY);
    await loadSession();
  }
  return response;
}

async function getJson(path) {
  const response = await api(path);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(`${path}: ${response.status} ${body.error || ""}`);
  }
  if (response.headers.get("Meshwarden-Partial") === "true") {
    (response.headers.get("Meshwarden-Unanswered") || "an instance").split(",").forEach((host) => unanswered.add(host));
  }
  return response.json();
}

function drawDomains(summary) {
  const domains = summary.map((domain) => el("div", { className: "domain", dataset: { domain: domain.domain } },
    el("h3", {}, String(domain.domain ?? "") + " ",
      el("small", { text: `${domain.openAlerts} open · ${percent(domain.lowestAvailability30d, 2)} · ` },
        el("a", { text: "proposals", className: "proposals-link",
          attributes: { href: "#/proposals/" + encodeURIComponent(String(domain.domain ?? "")) } }))),
    el("div", { className: "tiles" }, domain.tiles.filter((product) => shown(Object.assign({ domain: domain.domain }, product), product.ownerTeam)).map((product) =>
      productLink(product.id, String(product.name ?? "") + (product.status === "UNCATALOGUED" ? " ✕" : ""), {
        className: "tile " + token(product.health), dataset: { product: product.id },
        title: `${product.id}: ${product.health}, ${product.openAlerts} open alert(s), ${product.status}` })))));
  $("#domains").replaceChildren(...(domains.length ? domains : [el("div", { className: "empty", text: "No data products yet." })]));
}

/** The buttons this user may press on this alert: none for a viewer. */
function actions(alert) {
  if (!may("operator") || alert.state === "RESOLVED") return [];
  const button = (kind, label) => el("button", { className: "act " + kind, text: label,
    dataset: { product: alert.productId, rule: alert.slaKind, action: kind }, attributes: { type: "button" } });
  const buttons = [];
  if (!alert.acknowledgedBy) buttons.push(button("ack", "Acknowledge"));
  if (alert.state !== "SNOOZED") buttons.push(button("snooze", "Snooze 1 h"));
  buttons.push(button("resolve", "Resolve"));
  return buttons;
}

function drawAlerts(alerts) {
  $("#alert-count").textContent = `(${alerts.length})`;
  const rows = alerts.map((alert) => el("tr", { dataset: { alertId: alert.alertId } },
    el("td", {}, productLink(alert.productId, alert.productId, { className: "product-link" })),
    el("td", {}, safeLink(alert.runbookUrl, alert.slaKind)),
    el("td", {}, pill(alert.severity)),
    el("td", { className: "state" }, pill(alert.state),
      alert.acknowledgedBy ? [" ", el("small", { text: "by " + alert.acknowledgedBy })] : []),
    el("td", { text: `${alert.occurrences}×` }),
    el("td", { text: alert.ownerTeam }),
    el("td", { title: alert.firstSeen, text: ago(alert.changedAt) }),
    el("td", {}, actions(alert))));
  $("#alerts tbody").replaceChildren(...(rows.length ? rows : [emptyRow(8, "No open alerts.")]));
}

function drawBudgets(products) {
  const rows = products.map((product) => {
    const sla = product.sla;
    const left = sla.budgetRemaining;
    return el("tr", { dataset: { product: product.id } },
      el("td", {}, productLink(product.id, product.id, { className: "product-link" })),
      el("td", { className: "num", text: percent(sla.availability1h) }),
      el("td", { className: "num", text: percent(sla.availability24h) }),
      el("td", { className: "num", text: percent(sla.availability30d) }),
      el("td", { className: "num", text: sla.targetPercent === null ? "–" : sla.targetPercent + "\u00a0%" }),
      el("td", { className: "num " + (left !== null && left < 0.25 ? "bad" : "good"), text: percent(left, 1) }),
      el("td", { className: "num", text: sla.burnRate1h === null ? "–" : sla.burnRate1h.toFixed(1) + "×" }));
  });
  $("#budgets tbody").replaceChildren(...(rows.length ? rows : [emptyRow(7, "No data products yet.")]));
}

function drawViolations(violations) {
  const rows = violations.map((violation) => el("tr", {},
    el("td", { title: violation.detectedAt, text: ago(violation.detectedAt) }),
    el("td", { text: violation.productId }), el("td", { text: violation.ruleId }),
    el("td", {}, pill(violation.status)), el("td", {}, pill(violation.severity)),
    el("td", { text: violation.message })));
  $("#violations tbody").replaceChildren(...(rows.length ? rows : [emptyRow(6, "No violations.")]));
}

/** Access requests, newest change first: each product's grants and their history (docs/access.md). */
function drawAccess(requests) {
  const rows = requests.slice(0, 20).map((request) => el("tr", { dataset: { request: request.requestId } },
    el("td", { title: request.changedAt, text: ago(request.changedAt) }),
    el("td", { text: request.productId }), el("td", { text: request.principal }),
    el("td", {}, pill(request.state)),
    el("td", { text: (request.approvers || []).join(", ") + ` (${(request.approvers || []).length} of ${request.requiredApprovals})` }),
    el("td", { text: request.purpose }),
    el("td", { title: request.expiresAt, text: request.expiresAt ? request.expiresAt.replace("T", " ").replace(/\..*$/, "") : "–" })));
  $("#access tbody").replaceChildren(...(rows.length ? rows : [emptyRow(7, "No access requests.")]));
}

/** The access view answers 503 until it has read the requests topic, or when no access service runs: said, not fatal. */
async function refreshAccess() {
  try {
    drawAccess(await getJson("/api/access-requests"));
  } catch (error) {
    $("#access tbody").replaceChildren(emptyRow(7, "Access requests unavailable: " + error.message));
  }
}

// The overview's filters, as the hash says them (so a filtered view is a link too).
let filters = { domain: "", owner: "", status: "" };

/** Whether a product (a tile or a catalog entry, with its owner team) passes the filters. */
function shown(product, ownerTeam) {
  return (!filters.domain || product.domain === filters.domain || product.id.startsWith(filters.domain + "."))
    && (!filters.owner || (ownerTeam ?? product.ownerTeam) === filters.owner)
    && (!filters.status || product.health === filters.status || product.status === filters.status);
}

/** Options from the data, as text; the current choice kept. */
function fillSelect(select, values, chosen) {
  const options = [el("option", { text: "all", attributes: { value: "" } })]
    .concat([...new Set(values.filter((v) => v !== null && v !== undefined && v !== ""))].sort()
      .map((value) => el("option", { text: value, attributes: { value } })));
  select.replaceChildren(...options);
  select.value = chosen;
}

function filtersChanged() {
  const query = new URLSearchParams();
  [["domain", "#filter-domain"], ["owner", "#filter-owner"], ["status", "#filter-status"]].forEach(([key, selector]) => {
    if ($(selector).value) query.set(key, $(selector).value);
  });
  window.location.hash = "#/" + (query.toString() ? "?" + query.toString() : "");
}

function showStatus(message, error) {
  $("#status").textContent = message;
  $("#status").className = error ? "status error" : "status";
}

/** Shows the view the hash names and hides the others. */
function showView(where) {
  $("#overview").hidden = where.view !== "overview";
  $("#product-page").hidden = where.view !== "product";
  $("#proposals-page").hidden = where.view !== "proposals";
  $("#filters").classList.toggle("overview-only", where.view !== "overview");
}

async function refresh() {
  if (session.securityEnabled && !session.user) return;
  unanswered = new Set();
  const where = route();
  showView(where);
  if (where.view === "product") return refreshProduct(where.id);
  if (where.view === "proposals") return refreshProposals(where.domain);
  filters = { domain: where.domain, owner: where.owner, status: where.status };
  try {
    const [summary, products, alerts, violations] = await Promise.all([
      getJson("/api/summary"), getJson("/api/catalog"), getJson("/api/alerts?active=true"), getJson("/api/violations?limit=15")]);
    const health = new Map(summary.flatMap((domain) => domain.tiles.map((tile) => [tile.id, tile.health])));
    fillSelect($("#filter-domain"), summary.map((domain) => domain.domain), filters.domain);
    fillSelect($("#filter-owner"), products.map((product) => product.ownerTeam), filters.owner);
    $("#filter-status").value = filters.status;
    drawDomains(summary.filter((domain) => !filters.domain || domain.domain === filters.domain));
    drawAlerts(alerts.filter((alert) => shown({ id: alert.productId, domain: alert.domain, ownerTeam: alert.ownerTeam,
      health: health.get(alert.productId) }, alert.ownerTeam)));
    drawBudgets(products.filter((product) => shown(product, product.ownerTeam)));
    drawViolations(violations.filter((violation) => !filters.domain || violation.domain === filters.domain));
    await refreshAccess();
    const partial = unanswered.size ? ` (partial: ${[...unanswered].join(", ")} did not answer)` : "";
    showStatus("updated " + new Date().toLocaleTimeString() + partial, Boolean(partial));
  } catch (error) {
    showStatus("cannot refresh: " + error.message, true);
  }
}

async function act(button) {
  button.disabled = true;
  const { product, rule, action } = button.dataset;
  const command = { ack: "acknowledge", snooze: "snooze", resolve: "resolve" }[action];
  const body = { reason: `${command} on the dashboard` };
  if (command === "snooze") body.minutes = 60;
  // With security on the server records the signed-in user; the actor box exists only with security off.
  if (!session.securityEnabled) body.actor = $("#actor").value;
  const response = await api(`/api/alerts/${encodeURIComponent(product)}/${encodeURIComponent(rule)}/${command}`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) {
    const error = await response.json().catch(() => ({}));
    showStatus(`${command} failed: ${error.field || error.role || ""} ${error.error || response.status}`, true);
    button.disabled = false;
    return;
  }
  refresh();
}

/** Asks who we are and shows the login form, or the user and the data. */
async function loadSession() {
  const stored = sessionStorage.getItem(TOKEN_KEY);
  const response = await fetch("/api/session", { headers: Object.assign({ Accept: "application/json" },
    stored ? { Authorization: "Bearer " + stored } : {}) });
  session = response.ok ? await response.json() : { securityEnabled: true, user: null, roles: [] };
  session.roles = session.roles || [];
  const signedIn = !session.securityEnabled || Boolean(session.user);
  $("#login").hidden = signedIn;
  $("#signed-in").hidden = !session.securityEnabled || !session.user;
  $("#actor-box").hidden = session.securityEnabled;
  $("#user-name").textContent = session.user || "";
  $("#user-roles").textContent = session.roles.length ? `(${session.roles.join(", ")})` : "";
  if (!signedIn) {
    showStatus("log in to see the mesh", false);
    [$("#domains"), $("#alerts tbody"), $("#budgets tbody"), $("#violations tbody")].forEach((node) => node.replaceChildren());
    $("#alert-count").textContent = "";
    if (timer) clearInterval(timer);
    timer = null;
    return;
  }
  if (!timer) timer = setInterval(refresh, REFRESH_MS);
  refresh();
}

async function login(event) {
  event.preventDefault();
  const response = await fetch("/login", { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ username: $("#login-user").value, password: $("#login-password").value }) });
  $("#login-password").value = "";
  if (!response.ok) {
    showStatus("login failed: wrong user or password", true);
    return;
  }
  const body = await response.json();
  sessionStorage.setItem(TOKEN_KEY, body.access_token);
  loadSession();
}

function logout() {
  sessionStorage.removeItem(TOKEN_KEY);
  loadSession();
}

document.addEventListener("click", (event) => {
  if (event.target.matches("button.act")) act(event.target);
});
$("#login").addEventListener("submit", login);
["#filter-domain", "#filter-owner", "#filter-status"].forEach((selector) => $(selector).addEventListener("change", filtersChanged));
window.addEventListener("hashchange", () => refresh());
$("#logout").addEventListener("click", logout);
loadSession();
