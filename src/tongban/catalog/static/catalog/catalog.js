/* 事项清单 pages: the guide's print button, the editor's "add a row" buttons, the dashboard charts.
   Small page-local script (docs/adr/0005): no build step, no globals beyond what the vendored libraries define. */
(function () {
  "use strict";

  // 办事指南: 打印
  document.querySelectorAll("[data-g-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // 编辑器: add a row to a formset from its <template>, renumbering __prefix__ and TOTAL_FORMS.
  document.querySelectorAll("[data-formset-add]").forEach(function (button) {
    button.addEventListener("click", function () {
      var prefix = button.getAttribute("data-formset-add");
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var template = document.getElementById(prefix + "-empty");
      var rows = document.getElementById(prefix + "-rows");
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var added = rows.lastElementChild;
      var first = added && added.querySelector("input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
    });
  });

  // 编辑器: grey out a row marked for deletion.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.matches && box.matches("input[type=checkbox][name$='-DELETE']")) {
      var row = box.closest(".c-row");
      if (row) { row.classList.toggle("c-row-deleted", box.checked); }
    }
  });

  // 事项指标: ECharts from the json_script data.
  var source = document.getElementById("catalogue-figures");
  if (source && window.echarts) {
    var data = JSON.parse(source.textContent);
    var palette = ["#0b4ea2", "#2f9e44", "#f08c00", "#c8161d", "#7048e8", "#1098ad", "#868e96", "#d6336c"];
    var rates = document.getElementById("chart-rates");
    if (rates) {
      // Horizontal bars: one band per department (there may be dozens, with long names), best first.
      rates.style.height = Math.max(320, 90 + data.departments.length * 50) + "px";
      var chart = echarts.init(rates, null, { renderer: "svg" });
      chart.setOption({
        color: palette,
        aria: { enabled: true },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return v + "%"; } },
        legend: { top: 0 },
        grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
        yAxis: { type: "category", data: data.departments, inverse: true, axisLabel: { width: 180, overflow: "truncate" } },
        series: data.series.map(function (s) {
          return { name: s.name, type: "bar", data: s.data, barMaxWidth: 12, barGap: "15%", emphasis: { focus: "series" } };
        })
      });
      window.addEventListener("resize", function () { chart.resize(); });
    }
    var types = document.getElementById("chart-types");
    if (types) {
      var counts = {};
      data.types.forEach(function (t) { counts[t.name] = t.value; });
      var pie = echarts.init(types, null, { renderer: "svg" });
      pie.setOption({
        color: palette,
        aria: { enabled: true },
        tooltip: { trigger: "item", formatter: "{b}：{c}（{d}%）" },
        legend: { bottom: 0, formatter: function (name) { return name + " " + counts[name]; } },
        series: [{ name: data.labels.by_type, type: "pie", radius: ["40%", "70%"], center: ["50%", "42%"],
                   itemStyle: { borderColor: "#fff", borderWidth: 2 }, label: { show: false }, data: data.types }]
      });
      window.addEventListener("resize", function () { pie.resize(); });
    }
  }
})();

// 办事指南首页: open the tab named in the address (#pane-personal …), so entry links land on the right tab.
(function () {
  "use strict";
  var hash = window.location.hash;
  if (!hash || !/^#pane-[a-z]+$/.test(hash) || !window.bootstrap) { return; }
  var button = document.querySelector('[data-bs-target="' + hash + '"]');
  if (button) { window.bootstrap.Tab.getOrCreateInstance(button).show(); }
})();
