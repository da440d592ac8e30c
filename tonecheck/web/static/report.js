// The coach's report: one small row per letter from /api/report/rows, filtered, searched and
// sorted here; a letter's findings are fetched only when it is opened. All text is set as text.
"use strict";

(function () {
  const PAGE = 500; // rows put in the table at once; "Show more" adds the next
  const ELEMENTS = ["thanks", "pleasure", "learned_detail", "continued_interest"];
  const LABELS = { thanks: "thanks", pleasure: "pleasure", learned_detail: "a specific detail", continued_interest: "continued interest" };
  const $ = (id) => document.getElementById(id);
  let rows = [];
  let sortKey = "index", sortDir = 1, limit = PAGE;

  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function value(row, key) {
    if (key.startsWith("el-")) return row.elements ? (row.elements[key.slice(3)] ? 1 : 0) : null;
    if (key === "codes") return row.codes.join(" ");
    const v = row[key];
    return v === undefined || v === "" ? null : v;
  }

  function compare(a, b) {
    const x = value(a, sortKey), y = value(b, sortKey);
    if (x === null && y === null) return a.index - b.index;
    if (x === null) return 1; // empty values last, whichever way
    if (y === null) return -1;
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return order * sortDir || a.index - b.index;
  }

  function matches(row) {
    const tone = $("f-tone").value, length = $("f-length").value, missing = $("f-missing").value;
    const code = $("f-code").value, search = $("f-search").value.trim().toLowerCase();
    if (tone === "(error)" ? row.status === "ok" : tone && row.tone !== tone) return false;
    if (length && row.length !== length) return false;
    if (missing && !(row.elements && row.elements[missing] === false)) return false;
    if (code && !row.codes.includes(code)) return false;
    if (search && !row.source.toLowerCase().includes(search) && !row.codes.some((c) => c.toLowerCase() === search)) return false;
    return true;
  }

  function shownRows() { return rows.filter(matches).sort(compare); }

  function cell(text, className) { return el("td", className, text === null || text === undefined ? "" : String(text)); }

  function tick(row, name) {
    if (!row.elements) return cell("", "");
    const present = row.elements[name];
    const td = el("td", present ? "yes" : "no", present ? "\u2713" : "\u2717");
    td.setAttribute("aria-label", (present ? "has " : "missing ") + LABELS[name]);
    return td;
  }

  function render() {
    const shown = shownRows();
    const body = $("rows");
    const out = shown.slice(0, limit).map((row) => {
      const tr = el("tr", row.status === "ok" ? "" : "failed");
      tr.dataset.index = String(row.index);
      tr.dataset.source = row.source;
      const open = el("button", "open", "Open");
      open.type = "button";
      open.setAttribute("aria-label", "Open " + row.source);
      open.addEventListener("click", () => openLetter(row.index));
      const openCell = el("td", "", open);
      tr.append(
        cell(row.index + 1, "num"), cell(row.source, ""),
        cell(row.score, "num"), cell(row.status === "ok" ? row.tone : "error: " + row.error, ""),
        cell(row.length, ""), cell(row.words, "num"),
        ...ELEMENTS.map((name) => tick(row, name)),
        cell(row.status === "ok" ? row.errors : null, "num"), cell(row.status === "ok" ? row.warnings : null, "num"),
        cell(row.codes.join(" "), "codes"), openCell);
      return tr;
    });
    body.replaceChildren(...out);
    $("shown").textContent = shown.length + " of " + rows.length + " letters shown" + (shown.length > limit ? " (the first " + limit + " in the table)" : "");
    $("more").hidden = shown.length <= limit;
    for (const th of document.querySelectorAll("th[data-key]")) {
      th.setAttribute("aria-sort", th.dataset.key === sortKey ? (sortDir > 0 ? "ascending" : "descending") : "none");
    }
  }

  function letterView(data) {
    const r = data.result;
    const box = el("article", "detail-letter");
    box.append(el("h2", "", r.source));
    if (r.status !== "ok") { box.append(el("p", "", "Could not analyse (" + r.error.kind + "): " + r.error.message)); return box; }
    box.append(el("p", "", "Score " + Math.round(r.score) + " of 100, reads " + String(r.tone).replace("_", " ") +
      (r.tone_drivers && r.tone_drivers.length ? ", mainly because of: " + r.tone_drivers.map((d) => d.description).join("; ") : "") + "."));
    const missing = ELEMENTS.filter((n) => r.elements && !r.elements[n]).map((n) => LABELS[n]);
    box.append(el("p", "", missing.length ? "Missing: " + missing.join(", ") + "." : "Has every element."));
    box.append(el("p", "", "Length " + String(r.length).replace("_", " ") + ": " + r.stats.words + " words, " + r.stats.sentences + " sentences, reading grade " + r.stats.reading_grade + "."));
    if (data.text !== null) {
      const units = window.tonecheckMarks.unitOffsets(data.text);
      const letter = el("div", "marked");
      for (const piece of window.tonecheckMarks.pieces(data.text, r.findings, units)) {
        letter.append(piece.over.length ? window.tonecheckMarks.mark(data.text, piece) : document.createTextNode(data.text.slice(piece.start, piece.end)));
      }
      box.append(letter);
    } else {
      box.append(el("p", "hint", "The letter itself is not shown: its file is no longer where the report says, or it changed."));
    }
    const list = el("ol", "findings");
    for (const f of r.findings) {
      const item = el("li", "finding sev-" + f.severity + " cat-" + f.category,
        el("div", "finding-head", el("span", "badge", f.severity), " ", el("code", "", f.code), " " + f.name + (f.match ? " \u00b7 \u201c" + f.match + "\u201d" : "")),
        el("p", "", f.message));
      if (f.suggestion) item.append(el("p", "try", "Try: " + f.suggestion));
      list.append(item);
    }
    if (!r.findings.length) list.append(el("li", "", "No findings."));
    box.append(list);
    return box;
  }

  async function fetchLetter(index) {
    const response = await fetch("/api/report/letters/" + index);
    return response.json();
  }

  async function openLetter(index) {
    const detail = $("detail");
    const data = await fetchLetter(index);
    detail.replaceChildren(letterView(data));
    detail.dataset.index = String(index);
    detail.focus();
  }

  async function printShown() {
    const area = $("print-area");
    const shown = shownRows().slice(0, limit);
    $("shown").textContent = "Loading " + shown.length + " letters to print…";
    const views = [];
    for (const row of shown) views.push(letterView(await fetchLetter(row.index)));
    area.replaceChildren(...views);
    render();
    window.print();
  }

  async function start() {
    const response = await fetch("/api/report/rows");
    const data = await response.json();
    rows = data.rows;
    const s = data.summary;
    $("summary").textContent = s.report + ": " + s.letters + " letters, " + s.analysed + " analysed, " + s.errors +
      " could not be analysed" + (s.mean_score === null ? "." : "; mean score " + s.mean_score + ".");
    const codes = [...new Set(rows.flatMap((r) => r.codes))].sort();
    $("f-code").append(...codes.map((c) => { const o = el("option", "", c); o.value = c; return o; }));
    for (const th of document.querySelectorAll("th[data-key]")) {
      th.querySelector("button").addEventListener("click", () => {
        const key = th.dataset.key;
        sortDir = key === sortKey ? -sortDir : 1;
        sortKey = key;
        render();
      });
    }
    for (const id of ["f-tone", "f-length", "f-missing", "f-code"]) $(id).addEventListener("change", () => { limit = PAGE; render(); });
    $("f-search").addEventListener("input", () => { limit = PAGE; render(); });
    $("filters").addEventListener("submit", (event) => event.preventDefault());
    $("more").addEventListener("click", () => { limit += PAGE; render(); });
    $("print-shown").addEventListener("click", printShown);
    render();
  }

  start();
})();
