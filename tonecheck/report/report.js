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
  }
})();
