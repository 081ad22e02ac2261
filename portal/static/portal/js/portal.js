/* Small progressive enhancements of every public page (no inline script: CSP 'self').
 * - the menu button of small screens opens and closes the main navigation;
 * - tables in the page body get one label per cell (their column heading) so the CSS
 *   can show each row as a card at phone widths instead of a table wider than the screen;
 * - a select with data-follows="<id of another select>" and data-source="<url>" reloads
 *   its options from <url>?unit=<value> whenever the other select changes.
 */
(function () {
  "use strict";

  function menu() {
    var band = document.querySelector(".nav-band");
    var button = band && band.querySelector(".menu-toggle");
    if (!button) return;
    button.hidden = false;
    band.classList.add("js-menu");
    button.addEventListener("click", function () {
      var open = band.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function cards() {
    var tables = document.querySelectorAll("main table:not(.chart-table):not(.no-cards)");
    Array.prototype.forEach.call(tables, function (table) {
      var heads = table.querySelectorAll("thead th");
      if (!heads.length) return;
      var labels = Array.prototype.map.call(heads, function (th) { return th.textContent.trim(); });
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (labels[i] && cell.colSpan < 2 && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", labels[i]);
        });
      });
      table.classList.add("cards");
    });
  }

  function follow(select) {
    var leader = document.getElementById(select.getAttribute("data-follows"));
    var source = select.getAttribute("data-source");
    if (!leader || !source) return;
    function reload() {
      var chosen = select.value;
      var url = source + (source.indexOf("?") < 0 ? "?" : "&") + "unit=" + encodeURIComponent(leader.value);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          var first = select.options[0];
          select.innerHTML = "";
          if (first && first.value === "") select.appendChild(first);
          data.results.forEach(function (item) {
            var option = document.createElement("option");
            option.value = String(item.id);
            option.textContent = item.label;
            if (option.value === chosen) option.selected = true;
            select.appendChild(option);
          });
        });
    }
    leader.addEventListener("change", reload);
    if (leader.value) reload();
  }

  document.addEventListener("DOMContentLoaded", function () {
    menu();
    cards();
    Array.prototype.forEach.call(document.querySelectorAll("select[data-follows]"), follow);
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
