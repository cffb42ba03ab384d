/* County page charts: draws the figures of the page's tables with ECharts (served by lvzhi, no CDN).
   The data comes from the data-chart attribute; without JavaScript the tables carry the same figures. */
(() => {
  const holder = document.getElementById("county-chart-data");
  if (!holder || typeof window.echarts === "undefined") return;
  const data = JSON.parse(holder.getAttribute("data-chart") || "{}");
  const font = { fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif" };

  const lists = document.getElementById("chart-lists");
  if (lists && data.townships) {
    const chart = window.echarts.init(lists);
    const series = Object.values(data.lists).map((l) => ({
      name: l.label,
      type: "bar",
      stack: "items",
      data: l.items,
    }));
    series.push({ name: "个性事项", type: "bar", data: data.local });
    chart.setOption({
      textStyle: font,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 10, top: 40, bottom: 60 },
      xAxis: { type: "category", data: data.townships, axisLabel: { rotate: 30 } },
      yAxis: { type: "value", name: "事项数" },
      series,
    });
    window.addEventListener("resize", () => chart.resize());
  }

  const departments = document.getElementById("chart-departments");
  if (departments && data.departments) {
    const chart = window.echarts.init(departments);
    const rows = data.departments.slice().reverse();
    chart.setOption({
      textStyle: font,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 200, right: 30, top: 10, bottom: 30 },
      xAxis: { type: "value", name: "配合事项" },
      yAxis: { type: "category", data: rows.map((d) => d.name) },
      series: [{ type: "bar", data: rows.map((d) => d.items), label: { show: true, position: "right" } }],
    });
    window.addEventListener("resize", () => chart.resize());
  }
})();
