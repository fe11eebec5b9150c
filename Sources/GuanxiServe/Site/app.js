// Guanxi's browser view: hash routes over the JSON API of `guanxi serve`.
// #/ search · #/entity/ID · #/document/ID[/START-END] · #/query
"use strict";

const main = document.getElementById("main");
let colours = {};
const TYPES = ["Person", "Province", "City", "District", "Town", "Village", "Community", "Company", "Organization", "Program", "Project"];
const RELATIONS = ["leads", "member_of", "belongs_to", "funds"];

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}
async function api(path) {
  const r = await fetch(path);
  const body = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
  if (!r.ok) throw new Error(body.error || `HTTP ${r.status}`);
  return body;
}
function typeBadge(t) { return `<span class="type" style="background:${colours[t] || "#eee"}">${esc(t)}</span>`; }
function docs(n) { return `${n} document${n === 1 ? "" : "s"}`; }
function entityLink(n) { return `<a href="#/entity/${n.id}">${esc(n.name)}</a>`; }
// Offsets in the store are Unicode scalar offsets: slice code points, not UTF-16 units.
function scalars(s) { return Array.from(s || ""); }

// ---- Search with suggestions -------------------------------------------------
const box = document.getElementById("search");
const list = document.getElementById("suggestions");
let timer = null, active = -1, items = [];
box.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(suggest, 120);
});
box.addEventListener("keydown", e => {
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    active = Math.max(0, Math.min(items.length - 1, active + (e.key === "ArrowDown" ? 1 : -1)));
    [...list.children].forEach((li, i) => li.classList.toggle("active", i === active));
  } else if (e.key === "Enter") {
    const pick = items[Math.max(0, active)];
    if (pick) go(pick.id); else location.hash = "#/search/" + encodeURIComponent(box.value);
  } else if (e.key === "Escape") { list.hidden = true; }
});
document.addEventListener("click", e => { if (!e.target.closest(".search")) list.hidden = true; });
async function suggest() {
  const q = box.value.trim();
  if (!q) { list.hidden = true; return; }
  items = await api("/api/search?q=" + encodeURIComponent(q)).catch(() => []);
  active = -1;
  list.innerHTML = items.map(h => `<li data-id="${h.id}">${typeBadge(h.type)} <span>${esc(h.name)}</span>` +
    `${h.matched !== h.name ? ` <small>(${esc(h.matched)})</small>` : ""}<span class="how">${h.how === "close" ? "did you mean?" : esc(h.how)} · ${docs(h.documents)}</span></li>`).join("");
  list.hidden = items.length === 0;
  [...list.children].forEach(li => li.addEventListener("click", () => go(li.dataset.id)));
}
function go(id) { list.hidden = true; location.hash = "#/entity/" + id; }

// ---- Routing -------------------------------------------------------------------
window.addEventListener("hashchange", route);
async function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/");
  try {
    if (parts[0] === "entity") await entityPage(parts[1]);
    else if (parts[0] === "document") await documentPage(parts[1], parts[2]);
    else if (parts[0] === "query") queryPage();
    else if (parts[0] === "search") await searchPage(decodeURIComponent(parts[1] || ""));
    else home();
  } catch (e) {
    main.innerHTML = `<pre class="error">${esc(e.message)}</pre>`;
  }
}

function home() {
  main.innerHTML = `<h1>Search the graph</h1>
    <p class="hint">Type a person, place, company, organisation, programme or project in the box above: names, aliases,
    traditional or simplified characters; a typo gets the closest names. Each entity page shows every fact with the
    sentence it came from, a graph of its neighbourhood, and links to the documents.</p>
    <p class="hint">Or ask in the query language: <a href="#/query">query console</a>.</p>`;
  box.focus();
}

async function searchPage(q) {
  const hits = await api("/api/search?limit=50&q=" + encodeURIComponent(q));
  main.innerHTML = `<h1>“${esc(q)}”</h1>` + (hits.length ? `<ul class="plain">${hits.map(h =>
    `<li>${typeBadge(h.type)} ${entityLink(h)} <span class="hint">${esc(h.how)}${h.matched !== h.name ? ", as " + esc(h.matched) : ""} · ${docs(h.documents)}</span></li>`).join("")}</ul>`
    : `<p>No entity is named like that.</p>`);
}

// ---- Entity page ---------------------------------------------------------------
function sentenceWithEvidence(s) {
  if (!s.sentence) return "";
  const i = s.evidence ? s.sentence.indexOf(s.evidence) : -1;
  if (i < 0) return `“${esc(s.sentence)}”`;
  return `“${esc(s.sentence.slice(0, i))}<mark class="ev">${esc(s.evidence)}</mark>${esc(s.sentence.slice(i + s.evidence.length))}”`;
}
function citation(s) {
  if (s.origin && s.origin.startsWith("gazetteer:")) return `${esc(s.origin)} (administrative divisions)`;
  const doc = s.doc_id != null ? `<a href="#/document/${s.doc_id}/${s.start}-${s.end}">${esc(s.doc)}:${s.line ?? "?"}</a>` : esc(s.doc);
  const when = [s.date && "dated " + s.date, s.published && "published " + s.published, s.outlet].filter(Boolean).join(", ");
  return `${doc} · ${esc(s.rule)}${when ? " · " + esc(when) : ""}`;
}
function factHTML(f) {
  const other = `${entityLink(f.other)} ${typeBadge(f.other.type)}`;
  const head = f.direction === "out" ? `${esc(f.predicate)} ${other}` : `${other} ${esc(f.predicate)}`;
  const attrs = [f.role && "role: " + esc(f.role), f.amount && "amount: " + esc(f.amount)].filter(Boolean).join(" · ");
  return `<div class="fact"><div class="head">${head}${attrs ? " · " + attrs : ""}${f.when ? `<span class="when">${esc(f.when)}</span>` : ""}</div>` +
    f.sources.map(s => `<div class="source">${sentenceWithEvidence(s)} <div class="cite">${citation(s)}</div></div>`).join("") + `</div>`;
}
async function entityPage(id) {
  const p = await api("/api/entity/" + id);
  const sections = {};
  for (const f of p.facts) (sections[f.section] ||= []).push(f);
  const order = ["Roles held", "Leaders and members", "Belongs to", "Contains", "Funds", "Funded by", "Other relations"];
  const path = p.path.length > 1 ? `<div class="meta">place: ${p.path.map(n => `<a href="#/search/${encodeURIComponent(n)}">${esc(n)}</a>`).join(" › ")}</div>` : "";
  main.innerHTML = `<h1>${esc(p.name)} ${p.labels.map(typeBadge).join(" ")}</h1>
    <div class="meta">#${p.id} · aliases: ${p.aliases.length ? p.aliases.map(esc).join("、") : "—"}${p.code ? " · code " + esc(p.code) : ""}
      · seen in ${docs(p.documents)}, ${p.mentions} mention${p.mentions === 1 ? "" : "s"}</div>${path}
    <div class="layout"><div id="facts">${order.filter(s => sections[s]).map(s => `<h2>${esc(s)}</h2>` + sections[s].map(factHTML).join("")).join("")}
      ${p.cooccurring.length ? `<h2>Named in the same sentences</h2><p>${p.cooccurring.map(c => `${entityLink(c)} ×${c.count}`).join(", ")}</p>` : ""}</div>
    <div><h2>Neighbourhood</h2><div class="controls">
      <label>depth <select id="depth"><option>1</option><option>2</option><option>3</option></select></label>
      ${RELATIONS.map(r => `<label><input type="checkbox" class="rel" value="${r}" checked> ${r}</label>`).join("")}</div>
      <div class="controls">${TYPES.map(t => `<label><input type="checkbox" class="typ" value="${t}" checked> <span style="background:${colours[t]};padding:0 .25rem">${t}</span></label>`).join("")}</div>
      <div id="graph"></div><div id="edge" class="hint">Click a node to open it, an edge to read its evidence.</div></div></div>`;
  const redraw = () => drawNeighbourhood(p.id);
  document.getElementById("depth").addEventListener("change", redraw);
  document.querySelectorAll(".rel, .typ").forEach(c => c.addEventListener("change", redraw));
  await redraw();
}

async function drawNeighbourhood(id) {
  const depth = document.getElementById("depth").value;
  const rels = [...document.querySelectorAll(".rel:checked")].map(c => c.value);
  const types = [...document.querySelectorAll(".typ:checked")].map(c => c.value);
  const g = await api(`/api/neighbourhood/${id}?depth=${depth}&relations=${rels.join(",")}&types=${types.join(",")}`);
  drawGraph(document.getElementById("graph"), g.nodes, g.edges);
  if (g.truncated) document.getElementById("edge").textContent = "The neighbourhood was cut at 300 nodes; narrow it with the filters.";
}

function drawGraph(container, nodes, edges) {
  if (typeof vis === "undefined") { container.textContent = "vis-network did not load."; return; }
  const data = {
    nodes: new vis.DataSet(nodes.map(n => ({ id: n.id, label: n.name, title: n.type, shape: "box",
      color: { background: colours[n.type] || "#eee", border: n.centre ? "#d62828" : "#555" }, borderWidth: n.centre ? 3 : 1 }))),
    edges: new vis.DataSet(edges.map(e => ({ id: e.id, from: e.source, to: e.target, label: e.relation + (e.role ? "\n" + e.role : ""),
      arrows: "to", font: { size: 10, align: "middle" }, color: "#888" }))),
  };
  const network = new vis.Network(container, data, { physics: { stabilization: { iterations: 150 } }, interaction: { hover: true } });
  network.on("click", async params => {
    if (params.nodes.length) { location.hash = "#/entity/" + params.nodes[0]; return; }
    if (params.edges.length) {
      const f = await api("/api/fact/" + params.edges[0]);
      document.getElementById("edge").innerHTML = `<b>${entityLink(f.subject)} ${esc(f.relation)} ${entityLink(f.object)}</b>` +
        `${f.role ? " · role: " + esc(f.role) : ""}${f.amount ? " · amount: " + esc(f.amount) : ""}` +
        f.sources.map(s => `<div class="source">${sentenceWithEvidence(s)} <div class="cite">${citation(s)}</div></div>`).join("");
    }
  });
  return network;
}

// ---- Document page -----------------------------------------------------------
async function documentPage(id, focus) {
  const d = await api("/api/document/" + encodeURIComponent(id));
  const [fs, fe] = (focus || "").split("-").map(Number);
  let body = `<p class="hint">The text of this document is not stored (an older store) and its file has moved or changed.</p>`;
  if (d.text != null) {
    const chars = scalars(d.text);
    // Boundaries: mentions become links, statements highlighted spans.
    const opens = new Map(), closes = new Map();
    const add = (m, k, v) => { if (!m.has(k)) m.set(k, []); m.get(k).push(v); };
    d.statements.forEach((s, i) => { add(opens, s.start, { st: i, s }); add(closes, s.end, { st: i }); });
    d.mentions.forEach(m => { add(opens, m.start, { m }); add(closes, m.end, { m }); });
    let out = "", depth = 0;
    const openMentions = [];
    for (let i = 0; i <= chars.length; i++) {
      for (const c of closes.get(i) || []) {
        if (c.m && openMentions.length) { out += "</a>"; openMentions.pop(); }
        else if (c.st != null && depth > 0) { out += "</span>"; depth--; }
      }
      for (const o of opens.get(i) || []) {
        if (o.s) { const f = o.s.start === fs && o.s.end === fe ? " focus" : ""; out += `<span class="st${f}" data-fact="${o.s.fact}" title="${esc(o.s.subject.name + " " + o.s.relation + " " + o.s.object.name)}">`; depth++; }
        else if (!openMentions.length) { out += `<a class="m" href="#/entity/${o.m.node.id}" style="border-color:${colours[o.m.node.type] || "#999"}" title="${esc(o.m.node.type)}">`; openMentions.push(o.m); }
      }
      if (i < chars.length) out += esc(chars[i]);
    }
    body = `<div class="doctext">${out}</div>`;
  }
  main.innerHTML = `<h1>${esc(d.name)}</h1><div class="meta">${[d.published && "published " + esc(d.published), d.outlet && esc(d.outlet), esc(d.path)].filter(Boolean).join(" · ")}</div>
    <div class="layout"><div>${body}</div><div><h2>Facts it states (${d.statements.length})</h2><div id="edge" class="hint">Click a highlighted passage or a fact.</div>
    <ul class="plain">${d.statements.map(s => `<li><a href="#" data-fact="${s.fact}">${esc(s.subject.name)} ${esc(s.relation)} ${esc(s.object.name)}</a>${s.role ? " · " + esc(s.role) : ""}</li>`).join("")}</ul></div></div>`;
  main.querySelectorAll("[data-fact]").forEach(el => el.addEventListener("click", async e => {
    e.preventDefault();
    const f = await api("/api/fact/" + el.dataset.fact);
    document.getElementById("edge").innerHTML = `<b>${entityLink(f.subject)} ${esc(f.relation)} ${entityLink(f.object)}</b>${f.role ? " · role: " + esc(f.role) : ""}` +
      f.sources.map(s => `<div class="source">${sentenceWithEvidence(s)} <div class="cite">${citation(s)}</div></div>`).join("");
  }));
  const focused = main.querySelector(".st.focus");
  if (focused) focused.scrollIntoView({ block: "center" });
}

// ---- Query console -----------------------------------------------------------
function queryPage() {
  const last = sessionStorage.getItem("guanxi.query") || "MATCH (p:Person)-[r:leads]->(v:Village)\nRETURN p, r, v\nLIMIT 25";
  main.innerHTML = `<h1>Query</h1><p class="hint">The query language of <code>guanxi query</code> (Cypher-like, read-only).
    Parameters as JSON, e.g. <code>{"town": "金清镇"}</code>; <code>// param:</code> lines are defaults. The server stops a query after its time and row limits.</p>
    <textarea id="q" rows="7">${esc(last)}</textarea><textarea id="params" rows="2" placeholder='{"name": "value"}'></textarea>
    <p><button id="run">Run</button> <span class="hint">Ctrl+Enter runs.</span></p><div id="result"></div>`;
  const run = async () => {
    const q = document.getElementById("q").value;
    sessionStorage.setItem("guanxi.query", q);
    const params = document.getElementById("params").value.trim();
    const result = document.getElementById("result");
    result.innerHTML = `<p class="hint">Running…</p>`;
    try {
      const r = await api("/api/query?q=" + encodeURIComponent(q) + (params ? "&params=" + encodeURIComponent(params) : ""));
      showResult(result, r);
    } catch (e) {
      result.innerHTML = `<pre class="error">${esc(e.message)}</pre>`;
    }
  };
  document.getElementById("run").addEventListener("click", run);
  document.getElementById("q").addEventListener("keydown", e => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(); });
}
function cell(v) {
  if (v && typeof v === "object" && "labels" in v) return `<a href="#/entity/${v.id}">${esc(v.properties.name ?? "#" + v.id)}</a> ${v.labels.map(typeBadge).join("")}`;
  if (v && typeof v === "object" && "type" in v && "start" in v) return `<a href="#" data-fact="${v.id}">:${esc(v.type)}</a>`;
  if (v && typeof v === "object") return esc(JSON.stringify(v));
  return esc(v === null ? "null" : v);
}
function showResult(el, r) {
  const warnings = r.warnings.length ? `<pre class="error">${r.warnings.map(esc).join("\n")}</pre>` : "";
  let html = warnings + `<p class="hint">${r.rows.length} row${r.rows.length === 1 ? "" : "s"}</p><table class="results"><tr>${r.columns.map(c => `<th>${esc(c)}</th>`).join("")}</tr>` +
    r.rows.map(row => `<tr>${row.map(v => `<td>${cell(v)}</td>`).join("")}</tr>`).join("") + `</table>`;
  const nodes = new Map(), edges = new Map();
  const collect = v => {
    if (Array.isArray(v)) return v.forEach(collect);
    if (!v || typeof v !== "object") return;
    if ("labels" in v) nodes.set(v.id, { id: v.id, name: v.properties.name ?? "#" + v.id, type: v.labels[0] });
    else if ("type" in v && "start" in v) edges.set(v.id, { id: v.id, source: v.start, target: v.end, relation: v.type, role: v.properties.role });
    else if ("nodes" in v && "relationships" in v) { v.nodes.forEach(collect); v.relationships.forEach(collect); }
  };
  r.rows.forEach(row => row.forEach(collect));
  if (nodes.size) html += `<h2>As a graph</h2><div id="graph"></div><div id="edge" class="hint">Click a node to open it, an edge to read its evidence.</div>`;
  el.innerHTML = html;
  el.querySelectorAll("a[data-fact]").forEach(a => a.addEventListener("click", async e => {
    e.preventDefault();
    const f = await api("/api/fact/" + a.dataset.fact);
    alert(`${f.subject.name} ${f.relation} ${f.object.name}\n\n` + f.sources.map(s => `${s.evidence || s.origin} — ${s.doc}`).join("\n"));
  }));
  if (nodes.size) {
    // Edges whose ends are not in the result still draw: fetch nothing, keep only drawable ones.
    const drawable = [...edges.values()].filter(e => nodes.has(e.source) && nodes.has(e.target));
    drawGraph(document.getElementById("graph"), [...nodes.values()], drawable);
  }
}

// ---- Start -----------------------------------------------------------------------
(async () => {
  colours = await api("/api/types").catch(() => ({}));
  const s = await api("/api/stats").catch(() => null);
  if (s) document.getElementById("store").textContent = `${s.db}: ${s.documents} documents, ${s.nodes} nodes, ${s.distinct_facts} facts`;
  route();
})();
