/* 数据看板: draws the charts from the JSON the page embeds (#dashboard-data). Without
   JavaScript, or without ECharts, the tables on the page carry the same figures. */
(function () {
  "use strict";

  var ROW_HEIGHT = 28; // px per bar: keeps 31 provinces and 14 cities equally legible

  function init() {
    var source = document.getElementById("dashboard-data");
    if (!source || !window.echarts) return;
    var data = JSON.parse(source.textContent);
    var L = data.labels;
    var charts = [];

    // Every container is shown and sized before any chart is drawn, so that no chart is
    // laid out while its neighbours are still hidden (and then overflows into them).
    function show(id, height) {
      var el = document.getElementById(id);
      if (!el) return;
      el.hidden = false;
      if (height) el.style.height = height + "px";
    }

    function chart(id) {
      var el = document.getElementById(id);
      if (!el) return null;
      var c = echarts.init(el, null, { renderer: "canvas" });
      charts.push(c);
      return c;
    }

    function setOption(c, option) {
      // No animation: the figures are read, not watched (and reduced motion is respected).
      option.animation = false;
      c.setOption(option);
    }

    var rows = data.children.slice();
    var t = data.timeline;
    var hasMap = data.map && rows.length;
    if (hasMap) show("chart-map");
    if (rows.length) show("chart-children", rows.length * ROW_HEIGHT + 60);
    if (t && t.days.length) show("chart-timeline", 280);
    ["by_category", "by_status"].forEach(function (key) {
      var n = data.activities[key].length;
      if (n) show(key === "by_category" ? "chart-category" : "chart-status", n * ROW_HEIGHT + 60);
    });

    // A tooltip is built as DOM nodes holding text, never as an HTML string: unit names are
    // typed by clerks (or created by a notice import), and ECharts sets a string formatter's
    // result as innerHTML, so a name like <img onerror=…> would run in the viewer's session.
    function lines(texts) {
      var box = document.createElement("div");
      texts.forEach(function (text) {
        var line = document.createElement("div");
        line.textContent = text;
        box.appendChild(line);
      });
      return box;
    }

    function tip(row) {
      return lines([
        row.name,
        L.completeness + " " + row.completeness + "%（" + row.received + "/" + row.expected + "）",
        L.timeliness + " " + row.timeliness + "%",
        L.overdue + " " + row.overdue,
      ]);
    }

    if (hasMap) {
      var map = chart("chart-map");
      if (map) {
        var small = map.getWidth() < 500;
        setOption(map, {
          tooltip: {
            trigger: "item",
            formatter: function (p) { return p.data ? tip(p.data.row) : lines([p.name, L.no_data]); },
          },
          series: [{
            type: "map",
            map: data.map.name,
            roam: false,
            layoutCenter: ["50%", "50%"],
            layoutSize: "100%",
            label: { show: data.map.name !== "china" && !small, fontSize: 11 },
            itemStyle: { areaColor: "#f4f5f7", borderColor: "#9aa3ad" },
            emphasis: { label: { show: true }, itemStyle: { areaColor: "#ffd666" } },
            select: { disabled: true },
            data: rows.filter(function (r) { return !r.is_self; }).map(function (r) {
              return { name: r.map_name, value: r.completeness, row: r, url: r.url, itemStyle: { areaColor: r.colour } };
            }),
          }],
        });
        map.on("click", function (p) { if (p.data && p.data.url) window.location.href = p.data.url; });
      }
    }

    if (rows.length) {
      // Worst first, on top: overdue units, then the lowest completeness.
      rows.sort(function (a, b) {
        return (b.overdue > 0) - (a.overdue > 0) || a.completeness - b.completeness ||
          a.name.localeCompare(b.name, "zh");
      });
      var bars = chart("chart-children");
      setOption(bars, {
        tooltip: { trigger: "item", formatter: function (p) { return tip(p.data.row); } },
        grid: { left: 8, right: 64, top: 24, bottom: 8, containLabel: true },
        xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
        yAxis: {
          type: "category",
          inverse: true,
          data: rows.map(function (r) { return r.name; }),
          axisLabel: { interval: 0, width: 112, overflow: "truncate" },
          axisTick: { show: false },
        },
        series: [{
          type: "bar",
          name: L.completeness,
          barMaxWidth: 18,
          barMinHeight: 4, // a late unit at 0% still shows its red
          label: { show: true, position: "right", formatter: function (p) { return p.value + "%"; } },
          data: rows.map(function (r) {
            return { value: r.completeness, row: r, url: r.url, itemStyle: { color: r.colour } };
          }),
        }],
      });
      bars.on("click", function (p) { if (p.data && p.data.url) window.location.href = p.data.url; });
    }

    if (t && t.days.length) {
      var timeline = chart("chart-timeline");
      var series = [
        { type: "bar", name: L.per_day, data: t.counts, itemStyle: { color: "#4b7bec" }, barMaxWidth: 16 },
        { type: "line", name: L.cumulative, data: t.cumulative, yAxisIndex: 1, symbol: "none", itemStyle: { color: "#1b7a34" } },
      ];
      if (t.due) {
        series[0].markLine = {
          symbol: "none",
          lineStyle: { color: "#d9363e", type: "dashed", width: 2 },
          label: { formatter: L.due + " " + t.due.slice(5).replace("-", "/"), color: "#d9363e" },
          data: [{ xAxis: t.due }],
        };
      }
      setOption(timeline, {
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: t.days, axisLabel: { formatter: function (v) { return v.slice(5); } } },
        yAxis: [
          { type: "value", minInterval: 1, name: L.per_day },
          { type: "value", minInterval: 1, max: Math.max(t.expected, 1), name: L.cumulative, splitLine: { show: false } },
        ],
        series: series,
      });
    }

    function hbars(id, pairs, colour) {
      if (!pairs.length) return;
      var sorted = pairs.slice().sort(function (a, b) { return b[1] - a[1]; });
      var c = chart(id);
      setOption(c, {
        // Category names come from data too: text nodes here as well.
        tooltip: { trigger: "item", formatter: function (p) { return lines([p.name, L.activities + " " + p.value]); } },
        grid: { left: 8, right: 40, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: {
          type: "category", inverse: true, axisTick: { show: false },
          data: sorted.map(function (p) { return p[0]; }),
          axisLabel: { interval: 0, width: 112, overflow: "truncate" },
        },
        series: [{
          type: "bar", name: L.activities, barMaxWidth: 18, itemStyle: { color: colour },
          label: { show: true, position: "right" },
          data: sorted.map(function (p) { return p[1]; }),
        }],
      });
    }
    hbars("chart-category", data.activities.by_category, "#4b7bec");
    hbars("chart-status", data.activities.by_status, "#8c6bb1");

    var pending;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 150);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
