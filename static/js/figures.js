/* Draw every plotly figure on the page from its JSON data block; no inline script anywhere.
 *
 * Markup (see dashboard/templatetags/dashboard.py):
 *   <div id="X" data-figure-target [data-click-links]></div>
 *   <script type="application/json" data-figure data-target="X">{"data": [...], "layout": {...}}</script>
 * With data-click-links, clicking a point whose customdata starts with a URL ("/...") opens it.
 */
(function () {
  "use strict";

  function linkOf(point) {
    var c = point && point.customdata;
    if (Array.isArray(c)) { c = c[0]; }
    return (typeof c === "string" && c.charAt(0) === "/") ? c : null;
  }

  /* The figure's plotted data (spec.csv, built with the figure in dashboard/figures.py) as a CSV download. */
  function csvCell(value) {
    if (value === null || value === undefined) { return ""; }
    var text = String(value);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csvLink(target, table) {
    if (!table || !table.columns) { return; }
    var lines = [table.columns.map(csvCell).join(",")];
    for (var i = 0; i < table.rows.length; i++) { lines.push(table.rows[i].map(csvCell).join(",")); }
    var link = document.createElement("a");
    link.className = "chart-csv";
    link.href = URL.createObjectURL(new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv" }));
    link.download = target.id + ".csv";
    link.textContent = "Download this chart's data (CSV, " + table.rows.length + " rows)";
    var figure = target.closest("figure") || target.parentNode;
    var alt = figure.querySelector(".chart-alt");
    figure.insertBefore(link, alt || null);
  }

  function draw(block) {
    var target = document.getElementById(block.getAttribute("data-target"));
    if (!target || typeof Plotly === "undefined") { return; }
    var spec;
    try { spec = JSON.parse(block.textContent); } catch (e) { target.textContent = "This chart could not be read."; return; }
    var config = Object.assign({ responsive: true, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"] },
                               spec.config || {});
    Plotly.newPlot(target, spec.data || [], spec.layout || {}, config).then(function (gd) {
      target.setAttribute("data-drawn", "1");
      csvLink(target, spec.csv);
      if (target.hasAttribute("data-click-links")) {
        gd.on("plotly_click", function (event) {
          var url = event && event.points && linkOf(event.points[0]);
          if (url) { window.location.assign(url); }
        });
      }
    });
  }

  function drawAll() {
    var blocks = document.querySelectorAll('script[type="application/json"][data-figure]');
    for (var i = 0; i < blocks.length; i++) { draw(blocks[i]); }
  }

  /* Submit a filter form as soon as one of its [data-autosubmit] controls changes. */
  function autoSubmit() {
    var controls = document.querySelectorAll("[data-autosubmit]");
    for (var i = 0; i < controls.length; i++) {
      controls[i].addEventListener("change", function (event) {
        if (event.target.form) { event.target.form.requestSubmit ? event.target.form.requestSubmit() : event.target.form.submit(); }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(); autoSubmit(); });
  } else { drawAll(); autoSubmit(); }
})();
