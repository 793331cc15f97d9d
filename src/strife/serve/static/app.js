/* strife dashboard: map, timeline, table and event panel over the REST API.
   No framework, no network beyond this server: Leaflet, markercluster, topojson-client
   and the Natural Earth countries layer are served from /static/vendor. */
"use strict";

(function () {
  // ACLED's six event types get fixed colours; anything else gets one from the spare palette.
  const TYPE_COLOURS = {
    "Battles": "#d7301f",
    "Violence against civilians": "#7a0177",
    "Explosions/Remote violence": "#ec7014",
    "Riots": "#1d91c0",
    "Protests": "#41ab5d",
    "Strategic developments": "#636363",
  };
  const SPARE_COLOURS = ["#8c6bb1", "#e7298a", "#66a61e", "#a6761d", "#1b9e77", "#d95f02"];
  const PAGE_SIZE = 50;
  // Fields shown in the event panel, in ACLED's order, with their labels.
  const FIELDS = [
    ["event_date", "Date"], ["disorder_type", "Disorder type"], ["event_type", "Event type"],
    ["sub_event_type", "Sub-event type"], ["actor1", "Actor 1"], ["assoc_actor_1", "Assoc. actor 1"],
    ["inter1", "Inter 1"], ["actor2", "Actor 2"], ["assoc_actor_2", "Assoc. actor 2"], ["inter2", "Inter 2"],
    ["interaction", "Interaction"], ["civilian_targeting", "Civilian targeting"], ["country", "Country"],
    ["admin1", "Admin 1"], ["admin2", "Admin 2"], ["admin3", "Admin 3"], ["location", "Location"],
    ["latitude", "Latitude"], ["longitude", "Longitude"], ["geo_precision", "Geo precision"],
    ["time_precision", "Time precision"], ["fatalities", "Fatalities"], ["source", "Source"],
    ["source_scale", "Source scale"], ["notes", "Notes"], ["tags", "Tags"],
  ];

  const $ = (id) => document.getElementById(id);
  const state = { offset: 0, total: 0, spare: {}, pending: 0, generation: 0, selected: null };

  function esc(value) {
    return String(value == null ? "" : value)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function colour(type) {
    if (!type) return "#999999";
    if (TYPE_COLOURS[type]) return TYPE_COLOURS[type];
    if (!state.spare[type]) {
      state.spare[type] = SPARE_COLOURS[Object.keys(state.spare).length % SPARE_COLOURS.length];
    }
    return state.spare[type];
  }

  function radius(fatalities) {
    return Math.min(22, 4 + 2.2 * Math.sqrt(Math.max(0, fatalities || 0)));
  }

  // ---- API ---------------------------------------------------------------------------------
  function filterParams() {
    const params = new URLSearchParams();
    for (const [id, key] of [["filter-type", "event_type"], ["filter-country", "country"],
      ["filter-since", "since"], ["filter-until", "until"], ["filter-q", "q"]]) {
      const value = $(id).value.trim();
      if (value) params.set(key, value);
    }
    return params;
  }

  function setBusy(delta) {
    state.pending += delta;
    const status = $("status");
    if (state.pending > 0) {
      status.dataset.state = "loading";
      status.textContent = "loading…";
    } else {
      status.dataset.state = "idle";
      status.textContent = "";
    }
  }

  async function api(path, params) {
    const url = params && [...params].length ? `${path}?${params}` : path;
    setBusy(1);
    try {
      const headers = { Accept: "application/json" };
      const token = sessionStorage.getItem("strife-token");
      if (token) headers.Authorization = `Bearer ${token}`;
      const response = await fetch(url, { headers });
      const body = await response.json().catch(() => ({}));
      if (response.status === 401) $("token-form").hidden = false;  // reads closed: ask for the token
      if (!response.ok) {
        const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || response.status);
        throw new Error(`${response.status}: ${detail}`);
      }
      return body;
    } finally {
      setBusy(-1);
    }
  }

  function showError(error) {
    const status = $("status");
    status.dataset.state = "error";
    status.textContent = String(error.message || error);
  }

  // ---- map ---------------------------------------------------------------------------------
  // A cluster is a ring cut by event type (shares of its events), its count in the middle.
  function clusterIcon(cluster) {
    const counts = {};
    let fatalities = 0;
    for (const marker of cluster.getAllChildMarkers()) {
      const type = marker.options.eventType || "";
      counts[type] = (counts[type] || 0) + 1;
      fatalities += marker.options.fatalities || 0;
    }
    const n = cluster.getChildCount();
    let at = 0;
    const stops = Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([type, count]) => {
      const from = at;
      at += (100 * count) / n;
      return `${colour(type || null)} ${from.toFixed(2)}% ${at.toFixed(2)}%`;
    });
    const size = Math.round(30 + Math.min(26, 7 * Math.log10(n)));
    return L.divIcon({
      html: `<div class="ring" style="background:conic-gradient(${stops.join(",")})" ` +
        `title="${n} events, ${fatalities} fatalities"><span>${n}</span></div>`,
      className: "marker-cluster strife-cluster",
      iconSize: L.point(size, size),
    });
  }

  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12, preferCanvas: false })
    .setView([12, 10], 3);
  map.attributionControl.addAttribution("Natural Earth");
  // markercluster cannot cancel a chunked addLayers: a new query waits for the last one to finish.
  let mapIdle = Promise.resolve();
  let mapDone = () => {};
  const clusters = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    iconCreateFunction: clusterIcon,
    // Tells tests (and the status line) when every marker of a query is on the map.
    chunkProgress: (done, total) => { if (done >= total) mapDone(); },
  });
  // One listener for all markers instead of one closure and tooltip each: 100k markers stay cheap.
  clusters.on("click", (e) => { if (e.layer.options.eventId) openEvent(e.layer.options.eventId); });
  clusters.on("mouseover", (e) => {
    const o = e.layer.options;
    if (!o.eventId) return;
    if (!e.layer.getTooltip()) e.layer.bindTooltip(`${esc(o.eventType || "unknown type")} · ${o.fatalities} fatalities`);
    e.layer.openTooltip();
  });
  map.addLayer(clusters);

  async function loadBaseMap() {
    try {
      const response = await fetch("/static/vendor/world-atlas/countries-50m.json");
      const topology = await response.json();
      const countries = topojson.feature(topology, topology.objects.countries);
      L.geoJSON(countries, {
        interactive: false,
        style: { color: "#9aa3ad", weight: 0.6, fillColor: "#f3f1ea", fillOpacity: 1 },
      }).addTo(map);
      $("map").dataset.basemap = "ready";
    } catch (error) {
      $("map").dataset.basemap = "error";
    }
  }

  async function loadMap(generation, fit) {
    const points = await api("/api/map", filterParams());
    if (generation !== state.generation) return;
    await mapIdle;
    if (generation !== state.generation) return;
    mapIdle = new Promise((resolve) => {
      mapDone = () => {
        $("map").dataset.loaded = String(generation);
        resolve();
      };
    });
    clusters.clearLayers();
    delete $("map").dataset.loaded;
    const markers = [];
    let south = 90, north = -90, west = 180, east = -180;
    for (let i = 0; i < points.id.length; i++) {
      const type = points.type[i] >= 0 ? points.types[points.type[i]] : null;
      const latlng = [points.lat[i], points.lon[i]];
      const marker = L.circleMarker(latlng, {
        radius: radius(points.fatalities[i]),
        color: "#ffffff",
        weight: 1,
        fillColor: colour(type),
        fillOpacity: 0.85,
        className: "event-marker",
        eventId: points.id[i],
        eventType: type,
        fatalities: points.fatalities[i],
      });
      markers.push(marker);
      south = Math.min(south, latlng[0]); north = Math.max(north, latlng[0]);
      west = Math.min(west, latlng[1]); east = Math.max(east, latlng[1]);
    }
    $("map").dataset.points = String(markers.length);
    if (fit && markers.length) {
      map.fitBounds([[south, west], [north, east]], { padding: [30, 30], maxZoom: 6, animate: false });
    }
    if (!markers.length) mapDone();
    clusters.addLayers(markers);
    renderLegend(points.types);
  }

  function renderLegend(types) {
    const all = new Set([...Object.keys(TYPE_COLOURS), ...types]);
    $("legend").innerHTML = [...all].map((t) =>
      `<span class="key" data-type="${esc(t)}"><i style="background:${colour(t)}"></i>${esc(t)}</span>`).join("") +
      `<span class="key size">size: fatalities</span>`;
  }

  // ---- timeline ----------------------------------------------------------------------------
  async function loadTimeline(generation) {
    const params = filterParams();
    params.set("by", "week");
    const stats = await api("/api/stats", params);
    if (generation !== state.generation) return;
    renderTimeline(stats.items.filter((r) => r.key));
  }

  // Every week between the first and last one, so the x axis is time (empty weeks are zero).
  function fillWeeks(rows) {
    if (rows.length < 2) return rows;
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    const first = new Date(rows[0].key + "T00:00:00Z").getTime();
    const last = new Date(rows[rows.length - 1].key + "T00:00:00Z").getTime();
    const weeks = Math.round((last - first) / (7 * 86400000));
    if (weeks > 2000) return rows;  // decades of weekly bars: show only the weeks with events
    const filled = [];
    for (let i = 0; i <= weeks; i++) {
      const key = new Date(first + i * 7 * 86400000).toISOString().slice(0, 10);
      filled.push(byKey[key] || { key, events: 0, fatalities: 0 });
    }
    return filled;
  }

  function renderTimeline(rows) {
    const box = $("timeline");
    rows.sort((a, b) => (a.key < b.key ? -1 : 1));
    box.dataset.weeks = String(rows.length);
    if (!rows.length) {
      box.innerHTML = `<div class="empty">no dated events</div>`;
      return;
    }
    rows = fillWeeks(rows);
    const width = box.clientWidth - 16 || 800;
    const height = 90, top = 14, bottom = 18;
    const max = Math.max(...rows.map((r) => r.events));
    const step = Math.min(40, width / rows.length);
    const barWidth = Math.max(1, step - 1);
    const bars = rows.map((r, i) => {
      if (!r.events) return "";
      const h = Math.max(1, (height - top - bottom) * r.events / max);
      return `<rect class="bar" data-week="${esc(r.key)}" data-events="${r.events}" x="${(i * step).toFixed(2)}" ` +
        `y="${(height - bottom - h).toFixed(2)}" width="${barWidth.toFixed(2)}" height="${h.toFixed(2)}">` +
        `<title>week of ${esc(r.key)}: ${r.events} events, ${r.fatalities} fatalities</title></rect>`;
    });
    const labelEvery = Math.max(1, Math.ceil(72 / step));  // a label is about 65px wide
    const labels = rows.map((r, i) => (i % labelEvery ? "" :
      `<text x="${(i * step).toFixed(2)}" y="${height - 4}">${esc(r.key)}</text>`));
    box.innerHTML = `<svg width="${width}" height="${height}" role="img" aria-label="events per week">` +
      `<text class="max" x="${width - 4}" y="12" text-anchor="end">max ${max}/week</text>` +
      bars.join("") + labels.join("") + `</svg>`;
    box.querySelectorAll("rect.bar").forEach((rect) => rect.addEventListener("click", () => {
      const monday = new Date(rect.dataset.week + "T00:00:00Z");
      const sunday = new Date(monday.getTime() + 6 * 86400000);
      $("filter-since").value = rect.dataset.week;
      $("filter-until").value = sunday.toISOString().slice(0, 10);
      refresh(false);
    }));
  }

  // ---- table -------------------------------------------------------------------------------
  async function loadTable(generation) {
    const params = filterParams();
    params.set("limit", String(PAGE_SIZE));
    params.set("offset", String(state.offset));
    const page = await api("/api/events", params);
    if (generation !== state.generation) return;
    state.total = page.total;
    $("event-count").textContent = `${page.total} event${page.total === 1 ? "" : "s"}`;
    $("event-count").dataset.total = String(page.total);
    const last = Math.min(page.total, page.offset + page.items.length);
    $("page-info").textContent = page.total ? `${page.offset + 1}–${last}` : "";
    $("page-prev").disabled = page.offset <= 0;
    $("page-next").disabled = last >= page.total;
    $("events-body").innerHTML = page.items.map((e) =>
      `<tr data-testid="event-row" tabindex="0" data-event-id="${esc(e.event_id)}" data-event-type="${esc(e.event_type)}"` +
      `${e.event_id === state.selected ? ' class="selected"' : ""}>` +
      `<td>${esc(e.event_date)}</td>` +
      `<td><i class="dot" style="background:${colour(e.event_type)}"></i>${esc(e.event_type)}</td>` +
      `<td>${esc(e.sub_event_type)}</td><td>${esc(e.actor1)}</td><td>${esc(e.actor2)}</td>` +
      `<td>${esc(e.location)}</td><td>${esc(e.country)}</td>` +
      `<td class="num">${esc(e.fatalities)}</td><td class="num">${(e.article_ids || []).length}</td></tr>`).join("");
  }

  // ---- filters -----------------------------------------------------------------------------
  async function loadOptions() {
    const [types, countries] = await Promise.all([
      api("/api/stats", new URLSearchParams({ by: "event_type" })),
      api("/api/stats", new URLSearchParams({ by: "country" })),
    ]);
    fillSelect($("filter-type"), types.items, "all types");
    fillSelect($("filter-country"), countries.items, "all countries");
  }

  function fillSelect(select, rows, allLabel) {
    const current = select.value;
    const keys = rows.filter((r) => r.key).sort((a, b) => b.events - a.events);
    // A chosen value with no events left (or from a shared link) stays selectable.
    const missing = current && !keys.some((r) => r.key === current) ? `<option value="${esc(current)}">${esc(current)}</option>` : "";
    select.innerHTML = `<option value="">${esc(allLabel)}</option>` + missing +
      keys.map((r) => `<option value="${esc(r.key)}">${esc(r.key)} (${r.events})</option>`).join("");
    select.value = current;
  }

  function exportLinks() {
    const params = filterParams();
    const query = [...params].length ? `?${params}` : "";
    $("export-csv").href = `/api/export.csv${query}`;
    $("export-geojson").href = `/api/export.geojson${query}`;
  }

  // The filters live in the URL's #fragment, so a view can be bookmarked or shared.
  function saveFilters() {
    const query = String(filterParams());
    if (query !== location.hash.slice(1)) history.replaceState(null, "", query ? `#${query}` : location.pathname);
  }

  function restoreFilters() {
    const params = new URLSearchParams(location.hash.slice(1));
    for (const [id, key] of [["filter-type", "event_type"], ["filter-country", "country"],
      ["filter-since", "since"], ["filter-until", "until"], ["filter-q", "q"]]) {
      const value = params.get(key);
      if (!value) continue;
      const input = $(id);
      if (input.tagName === "SELECT") {
        const option = document.createElement("option");
        option.value = option.textContent = value;
        input.appendChild(option);
      }
      input.value = value;
    }
  }

  async function refresh(fit) {
    const generation = ++state.generation;
    state.offset = 0;
    exportLinks();
    saveFilters();
    try {
      await Promise.all([loadMap(generation, fit), loadTimeline(generation), loadTable(generation)]);
      if (generation === state.generation) document.body.dataset.generation = String(generation);
    } catch (error) {
      showError(error);
    }
  }

  // ---- event panel -------------------------------------------------------------------------
  // Spans of one article, nested where they nest; a span crossing another is cut at its edge.
  function highlight(text, spans) {
    const placed = [];
    for (const span of spans) {
      let { start, end } = span;
      if (text.slice(start, end) !== span.quote) {
        const found = span.quote ? text.indexOf(span.quote) : -1;  // offsets stale: find the quote
        if (found < 0) continue;
        start = found;
        end = found + span.quote.length;
      }
      if (end <= start) continue;
      const same = placed.find((p) => p.start === start && p.end === end);
      if (same) {
        if (!same.fields.includes(span.field)) same.fields.push(span.field);
      } else {
        placed.push({ start, end, fields: [span.field] });
      }
    }
    placed.sort((a, b) => a.start - b.start || b.end - a.end);
    let html = "";
    let cursor = 0;
    const open = [];
    const closeUntil = (position) => {
      while (open.length && open[open.length - 1].end <= position) {
        const top = open.pop();
        html += esc(text.slice(cursor, top.end)) + "</mark>";
        cursor = top.end;
      }
    };
    for (const span of placed) {
      closeUntil(span.start);
      const parentEnd = open.length ? open[open.length - 1].end : text.length;
      const end = Math.min(span.end, parentEnd);
      if (end <= span.start) continue;
      html += esc(text.slice(cursor, span.start));
      cursor = span.start;
      const fields = span.fields.join(" ");
      const kind = span.fields.every((f) => f === "event") ? "event" : (span.fields.some((f) => f.startsWith("claim")) ? "claim" : "field");
      // Whole sentences (several fields cite them) get a lighter tint so the short spans stand out.
      const long = end - span.start > 60 ? " ev-long" : "";
      html += `<mark data-field="${esc(fields)}" class="ev ev-${kind}${long}" title="${esc(fields)}">`;
      open.push({ end });
    }
    closeUntil(text.length + 1);
    html += esc(text.slice(cursor));
    return html;
  }

  function spansFor(event, article, articleCount) {
    // A span without its article id belongs to the report where its offsets give its quote.
    const text = article.text || "";
    const belongs = (ev) => ev && (ev.article_id ? ev.article_id === article.id
      : articleCount === 1 || text.slice(ev.start, ev.end) === ev.quote);
    const spans = [];
    for (const [field, list] of Object.entries(event.evidence || {})) {
      for (const ev of list) if (belongs(ev)) spans.push({ ...ev, field });
    }
    (event.claims || []).forEach((claim, i) => {
      const ev = claim.evidence;
      const sameArticle = claim.article_id ? claim.article_id === article.id : belongs(ev);
      if (ev && sameArticle) spans.push({ ...ev, field: `claim-${i + 1}` });
    });
    return spans;
  }

  function fmtConfidence(value) {
    return value == null ? "" : `${Math.round(value * 100)}%`;
  }

  function claimNumber(claim) {
    if (claim.number_text) return claim.number_text;
    if (claim.number_low == null) return "unknown";
    if (claim.number_high != null && claim.number_high !== claim.number_low) return `${claim.number_low}–${claim.number_high}`;
    return String(claim.number_low);
  }

  function renderPanel(detail) {
    const event = detail.event;
    const articles = detail.articles || [];
    const byId = Object.fromEntries(articles.map((a) => [a.id, a]));
    $("panel-title").textContent = `${event.event_type || "Event"} · ${event.location || event.country || ""} · ${event.event_date || "undated"}`;
    $("event-panel").dataset.eventId = event.event_id;

    const rows = FIELDS.filter(([key]) => event[key] != null && event[key] !== "").map(([key, label]) => {
      const n = (event.evidence && event.evidence[key] || []).length;
      const corrected = event.corrections && key in event.corrections ? ' <span class="badge">corrected</span>' : "";
      return `<tr data-field="${key}"${n ? ' class="has-evidence"' : ""}><th>${esc(label)}</th>` +
        `<td>${esc(event[key])}${corrected}</td><td class="conf">${fmtConfidence((event.confidence || {})[key])}</td>` +
        `<td>${n ? `<button type="button" class="show-evidence" data-field="${key}">evidence</button>` : ""}</td></tr>`;
    }).join("");

    const claims = (event.claims || []).map((c, i) => {
      const article = byId[c.article_id];
      const source = article ? (article.source || article.title || article.id) : (c.article_id || "");
      return `<tr data-testid="claim-row" data-claim="${i + 1}">` +
        `<td class="num">${esc(claimNumber(c))}</td><td>${esc(c.what)}</td><td>${esc(c.whom_actor || c.whom)}</td>` +
        `<td>${esc(c.claimant)}</td><td>${esc(c.channel)}</td>` +
        `<td>${c.partisan ? '<span class="badge partisan">partisan</span>' : "no"}</td>` +
        `<td>${esc(source)}</td>` +
        `<td>${c.evidence ? `<button type="button" class="show-evidence" data-field="claim-${i + 1}">quote</button>` : ""}</td></tr>`;
    }).join("");

    const sources = articles.map((a) => {
      const label = esc(a.title || a.source || a.url || a.id);
      const meta = [a.source, a.published].filter(Boolean).map(esc).join(" · ");
      const link = a.url ? `<a class="source-link" data-testid="source-link" href="${esc(a.url)}" target="_blank" rel="noopener noreferrer">${label}</a>` : label;
      return `<li>${link}${meta ? ` <span class="meta">${meta}</span>` : ""}</li>`;
    }).join("") || (event.source_urls || []).map((u) =>
      `<li><a class="source-link" data-testid="source-link" href="${esc(u)}" target="_blank" rel="noopener noreferrer">${esc(u)}</a></li>`).join("");

    const texts = articles.map((a) =>
      `<article class="article" data-testid="article" data-article-id="${esc(a.id)}">` +
      `<h4>${esc(a.source || "")} ${a.published ? `· ${esc(a.published)}` : ""}</h4>` +
      `<div class="article-text" data-testid="article-text">${highlight(a.text || "", spansFor(event, a, articles.length))}</div>` +
      `</article>`).join("");

    const history = (event.history || []).map((h) =>
      `<li>${esc(Object.entries(h).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`).join(", "))}</li>`).join("");

    $("panel-body").innerHTML =
      `<h3>Fields</h3><table id="panel-fields" data-testid="panel-fields" class="fields">${rows}</table>` +
      `<h3>Claims <span class="meta">(${(event.claims || []).length}, side by side)</span></h3>` +
      (claims ? `<table id="claims-table" data-testid="claims-table"><thead><tr><th>Number</th><th>What</th><th>Whom</th>` +
        `<th>Claimant</th><th>Channel</th><th>Partisan</th><th>Report</th><th></th></tr></thead><tbody>${claims}</tbody></table>`
        : `<p class="meta">no casualty claims</p>`) +
      `<h3>Sources <span class="meta">(${articles.length})</span></h3><ul id="sources" data-testid="sources">${sources}</ul>` +
      `<h3>Reports, with evidence highlighted</h3>` +
      `<p class="meta key-marks"><mark class="ev ev-field">field</mark> <mark class="ev ev-claim">casualty claim</mark> ` +
      `<mark class="ev ev-event">event sentence</mark> · hover a highlight for its field</p>` +
      `<div id="articles">${texts}</div>` +
      (history ? `<h3>History</h3><ol id="history" class="meta">${history}</ol>` : "");

    $("panel-body").querySelectorAll("button.show-evidence").forEach((button) =>
      button.addEventListener("click", () => focusField(button.dataset.field)));
    $("panel-body").querySelectorAll("table.fields tr.has-evidence").forEach((row) =>
      row.addEventListener("click", (e) => { if (!e.target.closest("button")) focusField(row.dataset.field); }));
  }

  function marksFor(field) {
    return [...$("panel-body").querySelectorAll("mark[data-field]")]
      .filter((m) => m.dataset.field.split(" ").includes(field));
  }

  function markField(field) {
    $("panel-body").querySelectorAll("mark.active").forEach((m) => m.classList.remove("active"));
    const marks = marksFor(field);
    marks.forEach((m) => m.classList.add("active"));
    return marks;
  }

  function focusField(field) {
    const marks = markField(field);
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
  }

  async function openEvent(id) {
    state.selected = id;
    document.querySelectorAll("#events-body tr.selected").forEach((r) => r.classList.remove("selected"));
    const row = document.querySelector(`#events-body tr[data-event-id="${CSS.escape(id)}"]`);
    if (row) row.classList.add("selected");
    try {
      const detail = await api(`/api/events/${encodeURIComponent(id)}`);
      renderPanel(detail);
      $("event-panel").hidden = false;
      document.body.classList.add("panel-open");
      map.invalidateSize({ pan: false });
      const e = detail.event;
      if (e.latitude != null && e.longitude != null) map.panTo([e.latitude, e.longitude], { animate: false });
      $("event-panel").dataset.ready = e.event_id;
    } catch (error) {
      showError(error);
    }
  }

  function closePanel() {
    $("event-panel").hidden = true;
    document.body.classList.remove("panel-open");
    state.selected = null;
    map.invalidateSize();
  }

  // ---- wiring ------------------------------------------------------------------------------
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); refresh(true); });
  $("filter-type").addEventListener("change", () => refresh(false));
  $("filter-country").addEventListener("change", () => refresh(true));
  $("filter-reset").addEventListener("click", () => { $("filters").reset(); refresh(true); });
  $("event-close").addEventListener("click", closePanel);
  $("token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem("strife-token", $("token").value.trim());
    $("token-form").hidden = true;
    loadOptions().catch(showError);
    refresh(true);
  });
  $("events-body").addEventListener("click", (e) => {
    const row = e.target.closest("tr[data-event-id]");
    if (row) openEvent(row.dataset.eventId);
  });
  $("events-body").addEventListener("keydown", (e) => {
    const row = e.target.closest("tr[data-event-id]");
    if (row && e.key === "Enter") openEvent(row.dataset.eventId);
  });
  $("page-prev").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE_SIZE);
    loadTable(state.generation).catch(showError);
  });
  $("page-next").addEventListener("click", () => {
    state.offset += PAGE_SIZE;
    loadTable(state.generation).catch(showError);
  });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closePanel(); });

  window.strife = { openEvent, refresh, highlight, state };
  restoreFilters();
  loadBaseMap();
  loadOptions().catch(showError);
  refresh(true);
})();
