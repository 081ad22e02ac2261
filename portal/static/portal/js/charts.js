/* Turns data tables into charts: <table data-chart="bar|line|pie|doughnut">.
 *
 * Progressive enhancement: the table stays on the page (the data readable without
 * JavaScript and by screen readers); the chart is drawn in a canvas placed before it.
 * Table shape: caption = title; thead = [label column, series names…];
 * tbody rows = <th>label</th><td>value</td>…  Chart.js is loaded from our own static
 * files only when a page has such a table (its URL is this script's data-chartjs).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var palette = ["--blue", "--red", "--gold", "--muted", "--link", "--red-dark"];

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function number(text) {
    var value = parseFloat(String(text).replace(/[,，\s%]/g, ""));
    return isNaN(value) ? null : value;
  }

  function readTable(table) {
    var heads = table.querySelectorAll("thead th");
    var names = Array.prototype.slice.call(heads, 1).map(function (th) {
      return th.textContent.trim();
    });
    var labels = [];
    var series = names.map(function () { return []; });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var cells = row.querySelectorAll("th, td");
      labels.push(cells[0].textContent.trim());
      series.forEach(function (values, i) {
        values.push(cells[i + 1] ? number(cells[i + 1].textContent) : null);
      });
    });
    return { labels: labels, names: names, series: series };
  }

  function draw(table) {
    var kind = table.getAttribute("data-chart") || "bar";
    var data = readTable(table);
    var caption = table.querySelector("caption");
    var box = document.createElement("div");
    var canvas = document.createElement("canvas");
    box.className = "chart-canvas";
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", caption ? caption.textContent.trim() : "");
    box.appendChild(canvas);
    table.parentNode.insertBefore(box, table);
    var round = kind === "pie" || kind === "doughnut";
    var colours = palette.map(function (name) { return cssVar(name, "#0b3a75"); });
    var chart = new window.Chart(canvas, {
      type: kind,
      data: {
        labels: data.labels,
        datasets: data.series.map(function (values, i) {
          return {
            label: data.names[i],
            data: values,
            backgroundColor: round ? colours : colours[i % colours.length],
            borderColor: round ? "#fff" : colours[i % colours.length]
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        font: { family: cssVar("--font", "sans-serif") },
        plugins: { legend: { display: round || data.series.length > 1 } },
        scales: round ? {} : { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
    table.setAttribute("data-chart-ready", "true");
    return chart;
  }

  function drawAll() {
    document.querySelectorAll("table[data-chart]:not([data-chart-ready])").forEach(draw);
  }

  function start() {
    if (!document.querySelector("table[data-chart]")) { return; }
    if (window.Chart) { drawAll(); return; }
    var loader = document.createElement("script");
    loader.src = script && script.getAttribute("data-chartjs");
    loader.onload = drawAll;
    document.head.appendChild(loader);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
