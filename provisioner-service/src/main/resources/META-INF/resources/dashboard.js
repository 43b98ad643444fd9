// Petri dashboard: images, pools, environments and the live event flow, from the public API.
// The token comes once (URL fragment #token=… or the form) and stays in sessionStorage.
"use strict";

const TOKEN_KEY = "petri.token";
const MAX_EVENTS = 200;
let token = null;
let stream = null;
let refreshTimer = null;
let eventCount = 0;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key === "style") node.style.cssText = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function badge(status) {
  return el("span", { class: "badge s-" + status }, status);
}

function bar(percent, kind, label) {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  return el("span", {},
    el("span", { class: "bar " + (kind || ""), role: "progressbar", "aria-valuenow": p, "data-percent": p },
      el("span", { style: "width:" + p + "%" })),
    el("span", { class: "bar-label" }, label === undefined ? p + "%" : label));
}

function when(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString();
}

class AuthError extends Error {}

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: "Bearer " + token, Accept: "application/json" } });
  if (response.status === 401) throw new AuthError("the token is not valid");
  if (!response.ok) throw new Error(path + ": HTTP " + response.status);
  return response.json();
}

function fill(tableId, rows, columns, emptyText) {
  const body = document.querySelector("#" + tableId + " tbody");
  body.replaceChildren();
  if (rows.length === 0) {
    body.append(el("tr", {}, el("td", { class: "empty", colspan: columns }, emptyText)));
  }
  for (const row of rows) body.append(row);
}

function imageRow(image) {
  let progress = "";
  if (image.status === "BUILDING") {
    const p = image.progress || {};
    progress = bar(p.percent || 0, "", (p.percent || 0) + "% " + (p.phase || "") + (p.table ? " · " + p.table : ""));
  } else if (image.error) {
    progress = el("span", { class: "error" }, image.error.type + ": " + image.error.detail);
  }
  return el("tr", { "data-image": image.name },
    el("td", {}, el("strong", {}, image.name)),
    el("td", {}, image.engine),
    el("td", {}, badge(image.status)),
    el("td", {}, image.latestReadyVersion === null || image.latestReadyVersion === undefined ? "–" : "v" + image.latestReadyVersion),
    el("td", { class: "progress" }, progress));
}

function poolRow(pool) {
  const target = pool.target || 0;
  return el("tr", { "data-pool": pool.image },
    el("td", {}, el("strong", {}, pool.image)),
    el("td", {}, pool.version === null || pool.version === undefined ? "–" : "v" + pool.version),
    el("td", { class: "ready" }, bar(target === 0 ? 0 : 100 * pool.ready / target, "pool", pool.ready + " / " + target)),
    el("td", {}, pool.provisioning),
    el("td", {}, pool.claimed),
    el("td", {}, pool.cloneMethod || "–"));
}

function environmentRow(env) {
  return el("tr", { "data-environment": env.id },
    el("td", {}, el("code", { title: env.id }, env.id.substring(0, 8))),
    el("td", {}, env.image + (env.imageVersion ? " v" + env.imageVersion : "")),
    el("td", {}, env.owner),
    el("td", { class: "wrap" }, env.label || ""),
    el("td", {}, badge(env.status)),
    el("td", {}, when(env.expiresAt)));
}

async function refresh() {
  try {
    const [images, pools, environments] = await Promise.all([
      api("/api/images"), api("/api/pools"), api("/api/environments")]);
    fill("images", images.map(imageRow), 5, "no images yet");
    fill("pools", pools.map(poolRow), 6, "no pools yet");
    fill("environments", environments.map(environmentRow), 6, "no active environments");
    document.body.dataset.loaded = "true";
  } catch (error) {
    if (error instanceof AuthError) logout("That token is not valid.");
    else console.warn(error);
  }
}

function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 500);
}

function summary(data) {
  if (!data || typeof data !== "object") return "";
  const parts = [];
  if (data.imageName) parts.push(data.imageName + (data.version ? " v" + data.version : data.imageVersion ? " v" + data.imageVersion : ""));
  if (data.environmentId) parts.push("env " + data.environmentId.substring(0, 8));
  if (data.phase) parts.push(data.phase + (data.table ? " " + data.table : ""));
  if (data.percent !== undefined) parts.push(data.percent + "%");
  if (data.target !== undefined) parts.push("ready " + data.ready + "/" + data.target + ", claimed " + data.claimed);
  if (data.owner) parts.push("by " + data.owner);
  if (data.errorType) parts.push(data.errorType + ": " + (data.reason || ""));
  return parts.join(" · ");
}

function showEvent(event) {
  const type = (event.type || "").replace(/^petri\./, "");
  const list = document.getElementById("events");
  const time = event.data && event.data.time ? new Date(event.data.time) : new Date();
  const item = el("li", { class: "fresh", "data-type": event.type },
    el("span", { class: "mono muted" }, time.toLocaleTimeString()),
    el("span", { class: "ev-type " + type.split(/[.-]/).pop() }, type),
    el("span", { class: "mono" }, summary(event.data)));
  list.prepend(item);
  document.getElementById("events-empty").hidden = true;
  while (list.children.length > MAX_EVENTS) list.lastChild.remove();
  eventCount++;
  document.getElementById("event-count").textContent = eventCount + (eventCount === 1 ? " event" : " events");
}

function liveProgress(data) {
  const cell = document.querySelector('#images tr[data-image="' + CSS.escape(data.imageName) + '"] td.progress');
  if (cell) cell.replaceChildren(bar(data.percent, "", data.percent + "% " + data.phase + (data.table ? " · " + data.table : "")));
}

function connect() {
  if (stream) stream.close();
  const status = document.getElementById("connection");
  stream = new EventSource("/api/events?access_token=" + encodeURIComponent(token));
  stream.onopen = () => { status.textContent = "live"; status.className = "connection live"; };
  stream.onerror = () => { status.textContent = "reconnecting…"; status.className = "connection off"; };
  stream.onmessage = (message) => {
    let event = JSON.parse(message.data);
    if (typeof event === "string") event = JSON.parse(event);
    showEvent(event);
    if (event.type === "petri.masking.progressed") liveProgress(event.data);
    refreshSoon();
  };
}

function logout(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  token = null;
  if (stream) stream.close();
  document.getElementById("dashboard").hidden = true;
  document.getElementById("login").hidden = false;
  const error = document.getElementById("login-error");
  error.textContent = message || "";
  error.hidden = !message;
}

function start() {
  document.getElementById("login").hidden = true;
  document.getElementById("dashboard").hidden = false;
  refresh();
  connect();
  setInterval(refresh, 30000);
}

document.getElementById("login").addEventListener("submit", (e) => {
  e.preventDefault();
  token = document.getElementById("token").value.trim();
  sessionStorage.setItem(TOKEN_KEY, token);
  start();
});

(function init() {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ""));
  if (fragment.get("token")) {
    sessionStorage.setItem(TOKEN_KEY, fragment.get("token"));
    history.replaceState(null, "", location.pathname + location.search);
  }
  token = sessionStorage.getItem(TOKEN_KEY);
  if (token) start(); else logout();
})();
