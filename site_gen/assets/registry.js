/* LLM Registry site script: sortable, filterable index tables and lineage diagrams.
 *
 * Tables: a <div class="llmr-table" data-filters="Column:how;..."> placed before a Markdown
 * table turns it into a filterable, sortable table. "how" is list (comma-separated values),
 * year (first four characters), size (parameter-count buckets of the counts in the cell's
 * data-sizes, else of its text) or value (the cell as is). A cell's data-sort attribute is its
 * sort key (release dates as yyyymmdd, the largest size as a count); keys that are numbers on
 * both sides compare as numbers, others as text, and empty cells sort last either way.
 *
 * Diagrams: <pre class="llmr-diagram"> blocks hold Mermaid text; the vendored Mermaid is
 * loaded from this site (never a CDN) only when a page has one, in strict security mode; the
 * nodes' kind classes are coloured by diagrams.css (site_gen/diagram_style.py).
 */
(function () {
  "use strict";

  var SCRIPT_URL = document.currentScript ? document.currentScript.src : "";
  var MERMAID_URL = SCRIPT_URL.replace(/registry\.js(\?.*)?$/, "vendor/mermaid/mermaid.min.js");
  var SIZE_BUCKETS = [
    ["under 1B", 0, 1e9],
    ["1B to 10B", 1e9, 1e10],
    ["10B to 100B", 1e10, 1e11],
    ["100B and more", 1e11, Infinity]
  ];
  var UNITS = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

  function parseCount(text) {
    var m = /^\s*([\d.]+)\s*([KMBT]?)/i.exec(text);
    return m ? parseFloat(m[1]) * (UNITS[(m[2] || "").toUpperCase()] || 1) : NaN;
  }

  function cellValues(cell, how) {
    var text = cell.textContent.trim();
    if (!text) return [];
    if (how === "year") return [text.slice(0, 4)];
    if (how === "size") {
      var out = [];
      var counts = cell.dataset.sizes ? cell.dataset.sizes.split(" ").map(Number) : text.split(",").map(parseCount);
      counts.forEach(function (n) {
        SIZE_BUCKETS.forEach(function (b) {
          if (n >= b[1] && n < b[2] && out.indexOf(b[0]) < 0) out.push(b[0]);
        });
      });
      return out;
    }
    if (how === "list") {
      var links = cell.querySelectorAll("a");
      if (links.length) return Array.prototype.map.call(links, function (a) { return a.textContent.trim(); });
      return text.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    }
    return [text];
  }

  var NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

  function sortKey(cell) {
    var key = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    return NUMBER.test(key) ? Number(key) : key.toLowerCase();
  }

  function compareKeys(x, y) {
    if (typeof x === "number" && typeof y === "number") return x - y;
    x = String(x);
    y = String(y);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  function setupTable(marker) {
    var holder = marker.nextElementSibling;
    var table = holder && (holder.tagName === "TABLE" ? holder : holder.querySelector("table"));
    if (!table || table.dataset.llmrReady) return;
    table.dataset.llmrReady = "1";
    table.dataset.llmrSortable = "true";
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent.trim(); });
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var controls = document.createElement("form");
    controls.className = "llmr-filters";
    controls.setAttribute("role", "search");
    controls.addEventListener("submit", function (e) { e.preventDefault(); });
    var status = document.createElement("p");
    status.className = "llmr-status";
    status.setAttribute("aria-live", "polite");

    var text = document.createElement("input");
    text.type = "search";
    text.placeholder = "Filter rows";
    text.setAttribute("aria-label", "Filter rows by any text");
    text.dataset.filter = "text";
    controls.appendChild(text);

    var filters = [];
    (marker.dataset.filters || "").split(";").forEach(function (spec) {
      var parts = spec.split(":");
      var column = headers.indexOf(parts[0]);
      if (column < 0) return;
      var how = parts[1] || "value";
      var seen = {};
      rows.forEach(function (row) {
        cellValues(row.cells[column], how).forEach(function (v) { seen[v] = true; });
      });
      var values = Object.keys(seen).sort();
      if (how === "size") values = SIZE_BUCKETS.map(function (b) { return b[0]; }).filter(function (b) { return seen[b]; });
      if (how === "year") values.reverse();
      if (!values.length) return;
      var select = document.createElement("select");
      select.dataset.filter = parts[0];
      select.setAttribute("aria-label", "Filter by " + parts[0]);
      var any = document.createElement("option");
      any.value = "";
      any.textContent = parts[0] + ": all";
      select.appendChild(any);
      values.forEach(function (v) {
        var o = document.createElement("option");
        o.value = v;
        o.textContent = v;
        select.appendChild(o);
      });
      controls.appendChild(select);
      filters.push({ select: select, column: column, how: how });
    });

    function apply() {
      var needle = text.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var ok = !needle || row.textContent.toLowerCase().indexOf(needle) >= 0;
        filters.forEach(function (f) {
          if (ok && f.select.value) ok = cellValues(row.cells[f.column], f.how).indexOf(f.select.value) >= 0;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      status.textContent = shown + " of " + rows.length + " shown";
    }
    controls.addEventListener("input", apply);
    controls.addEventListener("change", apply);

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      th.setAttribute("aria-sort", "none");
      th.tabIndex = 0;
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[column]), y = sortKey(b.cells[column]);
          if (x === "" || y === "") return (x === "") - (y === "");
          var order = compareKeys(x, y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });

    marker.appendChild(controls);
    marker.appendChild(status);
    apply();
  }

  var mermaidLoading = null;
  function loadMermaid() {
    if (window.mermaid && !(window.mermaid instanceof Element)) return Promise.resolve(window.mermaid);
    if (!mermaidLoading) {
      mermaidLoading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = MERMAID_URL;
        s.onload = function () { resolve(window.mermaid); };
        s.onerror = function () { reject(new Error("could not load " + MERMAID_URL)); };
        document.head.appendChild(s);
      });
    }
    return mermaidLoading;
  }

  /* The configuration with every key of Mermaid's own made "secure": a directive
   * (%%{init: ...}%%) in a diagram can change none of them. The generator never writes one
   * (registry.lineage_format.mermaid_text breaks any in entry text), so this is a second
   * fence, not the first. */
  function locked(mermaid, config) {
    var keys = Object.keys(mermaid.mermaidAPI.getConfig())
      .concat(Object.keys(config), ["htmlLabels", "wrap", "dompurifyConfig"]);
    config.secure = keys.filter(function (key, i) { return keys.indexOf(key) === i; });
    return config;
  }

  function setupDiagrams() {
    var blocks = document.querySelectorAll("pre.llmr-diagram");
    if (!blocks.length) return;
    var nodes = Array.prototype.map.call(blocks, function (pre) {
      var div = document.createElement("div");
      div.className = "llmr-diagram-rendered";
      div.textContent = pre.textContent;
      pre.replaceWith(div);
      return div;
    });
    loadMermaid().then(function (mermaid) {
      // Colours come from the site's stylesheet (diagrams.css), per colour scheme, so one theme
      // serves both and a diagram follows the scheme toggle without being drawn again.
      // Straight edges: on curved ones Mermaid puts a label at the curve's middle, not where
      // the layout made room for it, and labels of converging edges overlapped. Labels up to
      // 400 px wide stay on one line (at 200 px, dates broke inside: "(2023-05-" / "05)").
      mermaid.initialize(locked(mermaid, {
        startOnLoad: false,
        securityLevel: "strict",
        htmlLabels: false, /* labels are SVG text, never HTML (Mermaid 11 reads the global key) */
        theme: "default",
        flowchart: { htmlLabels: false, useMaxWidth: true, curve: "linear", wrappingWidth: 400 }
      }));
      return mermaid.run({ nodes: nodes });
    }).then(function () {
      nodes.forEach(function (n) { n.dataset.rendered = "true"; });
    }).catch(function (err) {
      nodes.forEach(function (n) {
        n.dataset.rendered = "error";
        n.insertAdjacentText("beforeend", " (diagram could not be drawn: " + err.message + ")");
      });
    });
  }

  function init() {
    document.querySelectorAll(".llmr-table").forEach(setupTable);
    setupDiagrams();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
