/* 数据铁笼: the lot page's charts (ECharts, data from json_script "trading-charts"). Page-local, no globals. */
(function () {
  "use strict";
  var source = document.getElementById("trading-charts");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var charts = [];
  var L = data.labels;
  var fmt = function (v) { return Number(v).toLocaleString("zh-CN", { maximumFractionDigits: 2 }); };

  var bidsEl = document.getElementById("chart-bids");
  if (bidsEl) {
    var b = data.bids;
    bidsEl.style.height = Math.max(260, 80 + b.bidders.length * 34) + "px";
    var bars = echarts.init(bidsEl, null, { renderer: "svg" });
    bars.setOption({
      aria: { enabled: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: fmt },
      grid: { left: 8, right: 48, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: "value",
               // Start below the lowest bid so the winner's bar shows; reach the ceiling price when there is one.
               min: function (v) { return Math.max(0, Math.floor(v.min - (Math.max(v.max, b.ceiling || 0) - v.min) * 0.6 - 1)); },
               max: function (v) { return Math.ceil(Math.max(v.max, b.ceiling || 0) * 1.002); },
               axisLabel: { formatter: function (v) { return (v / 10000).toFixed(0) + L.wan; } } },
      yAxis: { type: "category", data: b.bidders, inverse: true, axisLabel: { width: 200, overflow: "truncate" } },
      series: [{
        type: "bar", barMaxWidth: 18,
        data: b.prices.map(function (p, i) {
          return { value: p, itemStyle: { color: b.winner[i] ? "#c8161d" : (b.valid[i] ? "#0b4ea2" : "#adb5bd") } };
        }),
        markLine: b.ceiling ? { symbol: "none", label: { formatter: L.ceiling }, lineStyle: { color: "#f08c00", type: "dashed" },
                                data: [{ xAxis: b.ceiling }] } : undefined
      }]
    });
    charts.push(bars);
  }

  var screensEl = document.getElementById("chart-screens");
  if (screensEl && data.screens.names.length) {
    var s = data.screens, n = s.names.length, width = 100 / n;
    var option = { aria: { enabled: true }, tooltip: { trigger: "item" }, grid: [], xAxis: [], yAxis: [], series: [] };
    s.names.forEach(function (name, i) {
      option.grid.push({ left: (i * width + 2) + "%", width: (width - 4) + "%", top: 16, bottom: 48, containLabel: true });
      option.xAxis.push({ type: "category", gridIndex: i, data: [name], axisLabel: { interval: 0, rotate: 30, fontSize: 10 } });
      option.yAxis.push({ type: "value", gridIndex: i, scale: true, axisLabel: { fontSize: 9 } });
      if (s.boxes[i]) {
        option.series.push({ type: "boxplot", xAxisIndex: i, yAxisIndex: i, name: L.market, data: [s.boxes[i]],
                             itemStyle: { color: "#e7f0fb", borderColor: "#0b4ea2" } });
      }
      option.series.push({ type: "scatter", xAxisIndex: i, yAxisIndex: i, name: L.own, symbolSize: 12,
                           itemStyle: { color: "#c8161d" }, data: [[0, s.own[i]]],
                           tooltip: { formatter: function (p) { return name + "：" + Number(p.value[1]).toFixed(4); } } });
    });
    var box = echarts.init(screensEl, null, { renderer: "svg" });
    box.setOption(option);
    charts.push(box);
  }

  var netEl = document.getElementById("chart-network");
  if (netEl) {
    var net = data.network;
    var colours = { co: "#adb5bd", flag: "#c8161d", relation: "#7048e8" };
    var graph = echarts.init(netEl, null, { renderer: "svg" });
    graph.setOption({
      aria: { enabled: true },
      tooltip: { formatter: function (p) {
        if (p.dataType === "edge") { return p.data.label; }
        return p.data.name + "<br>" + L.entries + " " + p.data.entries + " · " + L.wins + " " + p.data.wins;
      } },
      legend: { data: [L.winner, L.bidder], top: 0 },
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true,
        force: { repulsion: 900, edgeLength: [140, 260], gravity: 0.08 },
        categories: [{ name: L.winner, itemStyle: { color: "#c8161d" } }, { name: L.bidder, itemStyle: { color: "#0b4ea2" } }],
        label: { show: true, position: "right", fontSize: 11 },
        data: net.nodes.map(function (node) {
          return { id: node.id, name: node.name, entries: node.entries, wins: node.wins, category: node.winner ? 0 : 1,
                   symbolSize: 14 + Math.min(node.entries, 30) };
        }),
        links: net.links.map(function (link) {
          return { source: link.source, target: link.target, label: link.label,
                   lineStyle: { color: colours[link.kind], width: link.kind === "co" ? Math.min(1 + link.value / 2, 6) : 2.5,
                                type: link.kind === "relation" ? "dashed" : "solid", curveness: link.kind === "co" ? 0 : 0.2 } };
        })
      }]
    });
    charts.push(graph);
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
