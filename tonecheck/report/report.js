"use strict";
(function () {
  var table = document.getElementById("letters");
  if (!table) return;
  var tbody = table.tBodies[0];

  function key(row, column, numeric) {
    var value = row.cells[column].getAttribute("data-sort");
    if (!numeric) return value.toLowerCase();
    return value === "" ? null : parseFloat(value);
  }

  // Sort the rows by one column; empty cells always go last; ties keep the input order.
  function sortBy(th) {
    var headers = Array.prototype.slice.call(th.parentNode.children);
    var column = headers.indexOf(th);
    var numeric = th.getAttribute("data-type") === "num";
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = key(a, column, numeric), y = key(b, column, numeric);
      var order = 0;
      if (x === null || y === null || x === "" || y === "") {
        order = (x === null || x === "") - (y === null || y === "");
      } else if (x !== y) {
        order = (x < y ? -1 : 1) * dir;
      }
      return order || a.getAttribute("data-index") - b.getAttribute("data-index");
    });
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    rows.forEach(function (row) { tbody.appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.querySelector("button").addEventListener("click", function () { sortBy(th); });
  });

  // Filters hide rows and never reorder them, so a sort made before or after a filter holds.
  var form = document.getElementById("filters");
  function value(id) { var el = document.getElementById(id); return el ? el.value : ""; }
  function applyFilters() {
    var tone = value("f-tone"), length = value("f-length"), missing = value("f-missing");
    var code = value("f-code"), search = value("f-search").trim().toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(tbody.rows, function (row) {
      var codes = (row.getAttribute("data-codes") || "").split(" ");
      var ok = (!tone || row.getAttribute("data-tone") === tone) &&
        (!length || row.getAttribute("data-length") === length) &&
        (!missing || (row.getAttribute("data-missing") || "").split(" ").indexOf(missing) >= 0) &&
        (!code || codes.indexOf(code) >= 0) &&
        (!search || row.getAttribute("data-source").toLowerCase().indexOf(search) >= 0 ||
          codes.some(function (c) { return c.toLowerCase() === search; }));
      row.hidden = !ok;
      var section = document.getElementById("letter-" + row.getAttribute("data-index"));
      if (section) section.hidden = !ok;
      if (ok) shown += 1;
    });
    var out = document.getElementById("shown");
    if (out) out.textContent = shown + " of " + tbody.rows.length + " letters shown";
  }
  if (form) {
    form.addEventListener("input", applyFilters);
    form.addEventListener("change", applyFilters);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    applyFilters();
  }

  function order() {
    return Array.prototype.map.call(tbody.rows, function (r) { return r.getAttribute("data-index"); }).join(",");
  }

  // For tests in a headless browser: open the page as report.html#selftest.
  if (window.location.hash === "#selftest") {
    var button = document.querySelector("#col-score button");
    button.click();
    document.body.setAttribute("data-selftest-asc", order());
    button.click();
    document.body.setAttribute("data-selftest-desc", order());
    // then a filter: the sorted order stays, less the rows it hides
    document.getElementById("f-tone").value = "cool_cordial";
    applyFilters();
    document.body.setAttribute("data-selftest-filtered", Array.prototype.filter.call(tbody.rows,
      function (r) { return !r.hidden; }).map(function (r) { return r.getAttribute("data-index"); }).join(","));
  }
})();
