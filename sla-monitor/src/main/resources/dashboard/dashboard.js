// Meshwarden SLA dashboard: polls the service's API every 2 s and redraws; no build step, no library.
"use strict";
const REFRESH_MS = 2000;
const $ = (selector) => document.querySelector(selector);

function text(value) {
  const span = document.createElement("span");
  span.textContent = value === null || value === undefined ? "" : String(value);
  return span.innerHTML;
}
const pill = (value) => `<span class="pill ${text(value)}">${text(value)}</span>`;
const percent = (ratio, digits = 3) => ratio === null || ratio === undefined ? "–" : (ratio * 100).toFixed(digits) + "\u00a0%";
const ago = (iso) => {
  if (!iso) return "";
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 90) return seconds + " s ago";
  if (seconds < 5400) return Math.round(seconds / 60) + " min ago";
  return Math.round(seconds / 3600) + " h ago";
};

// Instances that did not answer the last refresh: the API says so in its Meshwarden-* headers
// when an answer lacks some partitions (docs/operations.md).
let unanswered = new Set();

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
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
  $("#domains").innerHTML = summary.map((domain) => `
    <div class="domain" data-domain="${text(domain.domain)}">
      <h3>${text(domain.domain)} <small>${domain.openAlerts} open · ${percent(domain.lowestAvailability30d, 2)}</small></h3>
      <div class="tiles">${domain.tiles.map((product) => `
        <span class="tile ${text(product.health)}" data-product="${text(product.id)}"
              title="${text(product.id)}: ${text(product.health)}, ${product.openAlerts} open alert(s), ${text(product.status)}">
          ${text(product.name)}${product.status === "UNCATALOGUED" ? " ✕" : ""}</span>`).join("")}</div>
    </div>`).join("") || `<div class="empty">No data products yet.</div>`;
}

function drawAlerts(alerts) {
  $("#alert-count").textContent = `(${alerts.length})`;
  $("#alerts tbody").innerHTML = alerts.map((alert) => `
    <tr data-alert-id="${text(alert.alertId)}">
      <td><a href="/api/products/${encodeURIComponent(alert.productId)}">${text(alert.productId)}</a></td>
      <td><a href="${text(alert.runbookUrl)}" title="runbook">${text(alert.slaKind)}</a></td>
      <td>${pill(alert.severity)}</td>
      <td class="state">${pill(alert.state)}${alert.acknowledgedBy ? ` <small>by ${text(alert.acknowledgedBy)}</small>` : ""}</td>
      <td>${alert.occurrences}×</td>
      <td>${text(alert.ownerTeam)}</td>
      <td title="${text(alert.firstSeen)}">${ago(alert.changedAt)}</td>
      <td>${alert.acknowledgedBy || alert.state === "RESOLVED" ? "" :
        `<button class="ack" data-product="${text(alert.productId)}" data-rule="${text(alert.slaKind)}">Acknowledge</button>`}</td>
    </tr>`).join("") || `<tr><td colspan="8" class="empty">No open alerts.</td></tr>`;
}

function drawBudgets(products) {
  $("#budgets tbody").innerHTML = products.map((product) => {
    const sla = product.sla;
    const left = sla.budgetRemaining;
    return `<tr data-product="${text(product.id)}">
      <td>${text(product.id)}</td><td class="num">${percent(sla.availability1h)}</td><td class="num">${percent(sla.availability24h)}</td>
      <td class="num">${percent(sla.availability30d)}</td><td class="num">${sla.targetPercent === null ? "–" : sla.targetPercent + "\u00a0%"}</td>
      <td class="num ${left !== null && left < 0.25 ? "bad" : "good"}">${percent(left, 1)}</td>
      <td class="num">${sla.burnRate1h === null ? "–" : sla.burnRate1h.toFixed(1) + "×"}</td></tr>`;
  }).join("") || `<tr><td colspan="7" class="empty">No data products yet.</td></tr>`;
}

function drawViolations(violations) {
  $("#violations tbody").innerHTML = violations.map((violation) => `
    <tr><td title="${text(violation.detectedAt)}">${ago(violation.detectedAt)}</td><td>${text(violation.productId)}</td>
      <td>${text(violation.ruleId)}</td><td>${pill(violation.status)}</td><td>${pill(violation.severity)}</td>
      <td>${text(violation.message)}</td></tr>`).join("") || `<tr><td colspan="6" class="empty">No violations.</td></tr>`;
}

async function refresh() {
  unanswered = new Set();
  try {
    const [summary, products, alerts, violations] = await Promise.all([
      getJson("/api/summary"), getJson("/api/catalog"), getJson("/api/alerts?active=true"), getJson("/api/violations?limit=15")]);
    drawDomains(summary);
    drawAlerts(alerts);
    drawBudgets(products);
    drawViolations(violations);
    const partial = unanswered.size ? ` (partial: ${[...unanswered].join(", ")} did not answer)` : "";
    $("#status").textContent = "updated " + new Date().toLocaleTimeString() + partial;
    $("#status").className = partial ? "status error" : "status";
  } catch (error) {
    $("#status").textContent = "cannot refresh: " + error.message;
    $("#status").className = "status error";
  }
}

async function acknowledge(button) {
  button.disabled = true;
  const path = `/api/alerts/${encodeURIComponent(button.dataset.product)}/${encodeURIComponent(button.dataset.rule)}/acknowledge`;
  const response = await fetch(path, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ actor: $("#actor").value, reason: "acknowledged on the dashboard" }) });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    $("#status").textContent = `acknowledge failed: ${body.field || ""} ${body.error || response.status}`;
    $("#status").className = "status error";
    button.disabled = false;
    return;
  }
  refresh();
}

document.addEventListener("click", (event) => {
  if (event.target.matches("button.ack")) acknowledge(event.target);
});
refresh();
setInterval(refresh, REFRESH_MS);
