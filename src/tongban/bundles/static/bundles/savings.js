// 一件事成效: one bar group per measure, bundles on the axis, "逐项申请" against "一件事". Data from json_script.
(function () {
  var el = document.getElementById("savings-chart");
  var data = JSON.parse(document.getElementById("savings-data").textContent || "{}");
  if (!el || !window.echarts || !data.series || !data.series.length) return;
  var chart = window.echarts.init(el);
  var pick = 1; // 填写字段 by default; the legend switches
  function option(i) {
    var s = data.series[i];
    return {
      title: {text: s.label, left: "center", textStyle: {fontSize: 14}},
      tooltip: {trigger: "axis"},
      legend: {bottom: 0, data: [el.dataset.separate || "逐项申请", el.dataset.bundle || "一件事"]},
      grid: {left: 40, right: 20, top: 40, bottom: 90},
      xAxis: {type: "category", data: data.names, axisLabel: {interval: 0, rotate: 25}},
      yAxis: {type: "value"},
      series: [
        {name: el.dataset.separate || "逐项申请", type: "bar", data: s.separate},
        {name: el.dataset.bundle || "一件事", type: "bar", data: s.bundle}
      ]
    };
  }
  chart.setOption(option(pick));
  var buttons = document.querySelectorAll("[data-measure]");
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { chart.setOption(option(Number(b.dataset.measure)), true); });
  });
  window.addEventListener("resize", function () { chart.resize(); });
}());
