// tonecheck's draft page. Plain JavaScript, no build step. Every piece of the letter is put into
// the page as text (textContent / createTextNode), never as HTML, so a draft holding "<script>" or
// an <img onerror> is shown as those characters and runs nothing.
"use strict";

(function () {
  const DEBOUNCE_MS = 250;
  const ELEMENTS = [
    ["thanks", "Thanks", "TC401", "Thank them for their time, e.g. \u201cThank you for taking the time to meet with me.\u201d"],
    ["pleasure", "It was a pleasure (recommended)", "TC404", "Say it was good to meet, e.g. \u201cIt was a pleasure to meet you and the team.\u201d"],
    ["learned_detail", "A specific detail", "TC402", "Name one thing you learned or discussed: a project, plan, tool or challenge."],
    ["continued_interest", "Continued interest", "TC403", "Say you remain interested, e.g. \u201cI remain very interested in the position.\u201d"],
  ];
  const DROP_IN = new Set(["hyperbole", "enthusiasm"]);
  const LEAVE_OUT = "(leave this out)";

  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  let timer = 0;
  let sequence = 0;
  let checked = { text: null, units: null, result: null };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else if (key.startsWith("data-") || key.startsWith("aria-") || key === "role" || key === "tabindex" || key === "type" || key === "id") node.setAttribute(key, String(value));
      else node[key] = value;
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function setStatus(message) { $("status").textContent = message; }

  const unitOffsets = window.tonecheckMarks.unitOffsets;

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(check, delay === undefined ? DEBOUNCE_MS : delay);
  }

  async function check() {
    const text = draft.value;
    const mine = ++sequence;
    if (!text.trim()) { clear(); return; }
    setStatus("Checking…");
    try {
      const response = await fetch("/api/lint", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: text, source: "draft" }),
      });
      const data = await response.json();
      if (mine !== sequence) return; // a newer check is on its way
      if (!response.ok) { setStatus(data.error ? data.error.message : "The check failed."); return; }
      show(data.text, data.results[0]);
      setStatus("Checked.");
    } catch (err) {
      if (mine === sequence) setStatus("Could not reach the tonecheck server.");
    }
  }

  async function upload(file) {
    const form = new FormData();
    form.append("file", file, file.name);
    const mine = ++sequence;
    setStatus("Reading " + file.name + "…");
    try {
      const response = await fetch("/api/lint", { method: "POST", body: form });
      const data = await response.json();
      if (mine !== sequence) return;
      if (!response.ok) { setStatus(data.error ? data.error.message : "The file could not be read."); return; }
      draft.value = data.text;
      show(data.text, data.results[0]);
      setStatus("Opened " + file.name + ".");
    } catch (err) {
      if (mine === sequence) setStatus("Could not reach the tonecheck server.");
    }
  }

  function clear() {
    checked = { text: null, units: null, result: null };
    $("marked").replaceChildren(el("p", { class: "empty" }, "Your draft, with what stands out marked, appears here."));
    $("checklist").replaceChildren();
    $("findings").replaceChildren();
    $("findings-count").textContent = "";
    $("drivers").replaceChildren();
    $("stats").replaceChildren();
    $("length").textContent = "";
    $("score-num").textContent = "–";
    $("score-line").textContent = "No draft checked yet.";
    $("gauge-fill").setAttribute("stroke-dasharray", "0 200");
    setStatus("");
  }

  function dropIn(finding) {
    if (!DROP_IN.has(finding.category) || finding.end <= finding.start) return null;
    const s = finding.suggestion;
    if (s === null || s === undefined || /\.\.\.|\u2026|\[/.test(s)) return null;
    return s === LEAVE_OUT ? "" : s;
  }

  function show(text, result) {
    checked = { text: text, units: unitOffsets(text), result: result };
    renderMarked(text, result.findings);
    renderFindings(result.findings);
    renderChecklist(result);
    renderScore(result);
    renderLength(result);
    document.body.dataset.checked = String(Number(document.body.dataset.checked || "0") + 1);
  }

  function spanText(finding) {
    const u = checked.units;
    return checked.text.slice(u[finding.start], u[finding.end]);
  }

  function renderMarked(text, findings) {
    const out = el("div", { class: "letter" });
    for (const piece of window.tonecheckMarks.pieces(text, findings, checked.units)) {
      if (!piece.over.length) { out.append(document.createTextNode(text.slice(piece.start, piece.end))); continue; }
      const index = piece.over[0][1];
      const covering = piece.over.map(([f]) => f);
      const mark = window.tonecheckMarks.mark(text, piece);
      mark.removeAttribute("title"); // the tooltip says it, for keyboard users too
      mark.tabIndex = 0;
      mark.dataset.finding = String(index);
      mark.dataset.code = piece.over[0][0].code;
      mark.setAttribute("aria-describedby", "tip");
      mark.addEventListener("mouseenter", () => showTip(mark, covering));
      mark.addEventListener("focus", () => showTip(mark, covering));
      mark.addEventListener("mouseleave", hideTip);
      mark.addEventListener("blur", hideTip);
      mark.addEventListener("click", () => focusFinding(index));
      mark.addEventListener("keydown", (event) => { if (event.key === "Enter") focusFinding(index); });
      out.append(mark);
    }
    $("marked").replaceChildren(out);
  }

  function showTip(mark, findings) {
    const tip = $("tip");
    tip.replaceChildren(...findings.map((f) => el("div", { class: "tip-item" },
      el("strong", {}, f.code + " " + f.severity), " ", f.message,
      f.suggestion ? el("div", { class: "tip-try" }, "Try: " + (f.suggestion === LEAVE_OUT ? "leave it out" : (f.suggestion || "remove it"))) : null)));
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const host = $("marked").parentElement.getBoundingClientRect();
    tip.style.left = Math.max(0, box.left - host.left) + "px";
    tip.style.top = (box.bottom - host.top + 6) + "px";
  }

  function hideTip() { $("tip").hidden = true; }

  function focusFinding(index) {
    const item = document.querySelector('#findings [data-finding="' + index + '"]');
    if (item) { item.focus(); item.scrollIntoView({ block: "nearest" }); }
  }

  function selectInDraft(start, end) {
    const u = checked.units;
    if (draft.value !== checked.text) return;
    draft.focus();
    draft.setSelectionRange(u[start], u[end]);
  }

  function apply(finding, replacement) {
    if (draft.value !== checked.text) { setStatus("The draft changed since the check; checking again."); schedule(0); return; }
    const u = checked.units;
    const start = u[finding.start], end = u[finding.end];
    draft.focus();
    draft.setSelectionRange(start, end);
    // insertText keeps the edit in the text box's own undo history (Ctrl+Z undoes it).
    let done = false;
    try { done = document.execCommand("insertText", false, replacement); } catch (err) { done = false; }
    if (!done || draft.value === checked.text) {
      draft.setRangeText(replacement, start, end, "end");
      draft.dispatchEvent(new Event("input"));
    }
    setStatus("Applied: \u201c" + spanText(finding) + "\u201d \u2192 \u201c" + replacement + "\u201d (Ctrl+Z undoes it).");
    schedule(0);
  }

  function renderFindings(findings) {
    const list = $("findings");
    const items = findings.map((f, index) => {
      const where = f.end > f.start ? "\u201c" + spanText(f) + "\u201d" : "the whole letter";
      const item = el("li", { class: "finding sev-" + f.severity + " cat-" + f.category, tabindex: "-1", "data-finding": index, "data-code": f.code },
        el("div", { class: "finding-head" }, el("span", { class: "badge" }, f.severity), " ", el("code", {}, f.code), " ", f.name, " · ", where),
        el("p", {}, f.message));
      if (f.suggestion) item.append(el("p", { class: "try" }, "Try: " + (f.suggestion === LEAVE_OUT ? "leave it out" : f.suggestion || "remove it")));
      const row = el("div", { class: "finding-actions" });
      if (f.end > f.start) {
        const show = el("button", { type: "button", class: "show" }, "Show in draft");
        show.addEventListener("click", () => selectInDraft(f.start, f.end));
        row.append(show);
      }
      const replacement = dropIn(f);
      if (replacement !== null) {
        const label = replacement ? "Apply \u201c" + replacement + "\u201d" : "Apply: remove it";
        const button = el("button", { type: "button", class: "apply", "data-code": f.code }, label);
        button.addEventListener("click", () => apply(f, replacement));
        row.append(button);
      }
      if (row.childNodes.length) item.append(row);
      return item;
    });
    list.replaceChildren(...items);
    $("findings-count").textContent = "(" + findings.length + ")";
    if (!findings.length) list.append(el("li", { class: "none" }, "Nothing to flag."));
  }

  function renderChecklist(result) {
    const items = ELEMENTS.map(([name, label, code, advice]) => {
      const present = Boolean(result.elements && result.elements[name]);
      const evidence = result.evidence ? result.evidence[name] : null;
      const item = el("li", { class: present ? "present" : "missing", "data-element": name, "data-present": present },
        el("span", { class: "tick", "aria-hidden": "true" }, present ? "\u2713" : "\u2717"), " ",
        el("strong", {}, label), present ? " \u2014 found" : " \u2014 missing");
      if (present && evidence) {
        const quote = el("button", { type: "button", class: "evidence", title: "Show this sentence in the draft" }, "\u201c" + evidence.text + "\u201d");
        quote.addEventListener("click", () => selectInDraft(evidence.start, evidence.end));
        item.append(el("div", {}, quote));
      } else if (!present) {
        const finding = result.findings.find((f) => f.code === code);
        item.append(el("p", { class: "advice" }, "Add: " + (finding && finding.suggestion ? finding.suggestion : advice)));
      }
      return item;
    });
    $("checklist").replaceChildren(...items);
  }

  function renderScore(result) {
    const svg = $("gauge");
    if (result.score === null || result.score === undefined) {
      $("score-num").textContent = "n/a";
      $("score-line").textContent = "The tone model is not installed.";
      return;
    }
    const score = Math.round(result.score);
    $("score-num").textContent = String(score);
    $("gauge-fill").setAttribute("stroke-dasharray", score + " 200"); // a gap past the end: no dot repeated at 100
    svg.setAttribute("class", "tone-" + result.tone);
    const tone = result.tone.replace("_", " ");
    $("score-line").textContent = "Reads " + tone + ", score " + score + " of 100 (higher is cooler and more cordial).";
    const drivers = (result.tone_drivers || []).map((d) => {
      const item = el("li", {}, d.description + " (toward " + d.toward.replace("_", " ") + ")");
      if (d.start !== null && d.end !== null && d.end > d.start) {
        const show = el("button", { type: "button", class: "show" }, "show");
        show.addEventListener("click", () => selectInDraft(d.start, d.end));
        item.append(" ", show);
      }
      return item;
    });
    $("drivers").replaceChildren(...drivers);
  }

  function renderLength(result) {
    const verdicts = { ok: "Length is fine.", too_short: "Too short: add a specific detail and a sentence of interest.", too_long: "Too long: keep the thanks, one detail and your interest; cut the rest." };
    $("length").textContent = verdicts[result.length] || "";
    $("length").className = "length-" + result.length;
    const s = result.stats || {};
    const pairs = [["words", s.words], ["sentences", s.sentences], ["paragraphs", s.paragraphs], ["reading grade", s.reading_grade]];
    $("stats").replaceChildren(...pairs.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v === undefined || v === null ? "–" : String(v))]));
  }

  async function copyDraft() {
    try {
      await navigator.clipboard.writeText(draft.value);
      setStatus("Copied the draft to the clipboard.");
    } catch (err) {
      draft.select();
      setStatus(document.execCommand("copy") ? "Copied the draft to the clipboard." : "Select the text and copy it with Ctrl+C.");
    }
  }

  draft.addEventListener("input", () => schedule());
  $("copy").addEventListener("click", copyDraft);
  $("file").addEventListener("change", (event) => { const f = event.target.files[0]; if (f) upload(f); event.target.value = ""; });
  draft.addEventListener("dragover", (event) => { event.preventDefault(); draft.classList.add("dropping"); });
  draft.addEventListener("dragleave", () => draft.classList.remove("dropping"));
  draft.addEventListener("drop", (event) => {
    draft.classList.remove("dropping");
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (!file) return;
    event.preventDefault();
    upload(file);
  });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hideTip(); });
  if (draft.value.trim()) schedule(0);
})();
