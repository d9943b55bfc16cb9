// Sorts the rows of each `table.sortable` by the column whose heading is
// selected: numbers (`th.num`) most first, text in alphabetical order, then
// the other way on a second selection. A cell's `data-v` is its sort key
// when given. Without this script the tables keep their first order.
(function () {
  "use strict";
  function sort(table, column, th) {
    var numeric = th.classList.contains("num");
    var first = numeric ? "descending" : "ascending";
    var order = th.getAttribute("aria-sort") === first ? (numeric ? "ascending" : "descending") : first;
    var sign = order === "ascending" ? 1 : -1;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
      var cell = row.cells[column];
      var v = cell ? (cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent.trim()) : "";
      return { row: row, i: i, empty: v === "", key: numeric ? Number(v) : v.toLowerCase() };
    });
    rows.sort(function (a, b) {
      if (a.empty !== b.empty) return a.empty ? 1 : -1;
      if (a.key < b.key) return -sign;
      if (a.key > b.key) return sign;
      return a.i - b.i;
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (r) { fragment.appendChild(r.row); });
    body.appendChild(fragment);
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", order);
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      button.title = "Sort by " + th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sort(table, column, th); });
    });
  });
})();
