// Shared by the draft page and the coach's report: cutting a letter into pieces at the findings'
// offsets. Python offsets count code points; JavaScript strings count UTF-16 units.
"use strict";

window.tonecheckMarks = (function () {
  const SEVERITY_RANK = { error: 3, warning: 2, suggestion: 1 };

  function unitOffsets(text) {
    const offsets = [0];
    let unit = 0;
    for (const ch of text) { unit += ch.length; offsets.push(unit); }
    return offsets;
  }

  // [{start, end, over: [[finding, index], ...] (worst first)}] covering the whole text in order.
  function pieces(text, findings, units) {
    const spans = findings.map((f, i) => [f, i]).filter(([f]) => f.end > f.start && units[f.end] !== undefined);
    const cuts = new Set([0, text.length]);
    for (const [f] of spans) { cuts.add(units[f.start]); cuts.add(units[f.end]); }
    const points = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k], b = points[k + 1];
      const over = spans.filter(([f]) => units[f.start] <= a && units[f.end] >= b);
      over.sort(([x], [y]) => SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity]);
      out.push({ start: a, end: b, over: over });
    }
    return out;
  }

  // A <mark> for a piece covered by findings, its text set as text.
  function mark(text, piece) {
    const node = document.createElement("mark");
    const cats = [...new Set(piece.over.map(([f]) => "cat-" + f.category))];
    node.className = cats.join(" ") + " sev-" + piece.over[0][0].severity;
    node.title = piece.over.map(([f]) => f.code + " (" + f.severity + "): " + f.message).join("\n");
    node.textContent = text.slice(piece.start, piece.end);
    return node;
  }

  return { unitOffsets: unitOffsets, pieces: pieces, mark: mark };
})();
