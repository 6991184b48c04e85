// Charts drawn from their data tables (templates/includes/chart.html), with ECharts.
//
// Each <figure class="chart" data-chart="bar|stacked-bar|line"> holds a <table>: its header
// row names the series (a Bootstrap colour name in data-colour, optional), each body row
// starts with its category's header, and every cell carries its number in data-value, so
// the text shown ("1,234.5万吨") does not matter. The chart goes into a <div aria-hidden>
// added here: screen readers read the table, which is then hidden visually (chart-drawn).
// Readable without colour: decal patterns, a legend and a label on every value.
// No inline styles or handlers (the Content-Security-Policy): the tooltip is drawn on the
// canvas (renderMode "richText") rather than as HTML with style attributes.
(function () {
  "use strict";

  if (!window.echarts) {
    return;
  }

  var charts = [];
  var rootStyle = window.getComputedStyle(document.documentElement);
  var locale = /^zh/i.test(document.documentElement.lang) ? "ZH" : "EN";

  function readTable(table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells, 1);
    var data = {
      series: headers.map(function (th) {
        var colour = th.getAttribute("data-colour");
        return {
          name: th.textContent.trim(),
          colour: colour ? rootStyle.getPropertyValue("--bs-" + colour).trim() : "",
        };
      }),
      labels: [],
      values: [],
      texts: [],
    };
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var cells = Array.prototype.slice.call(row.cells, 1);
      data.labels.push(row.cells[0].textContent.trim());
      data.values.push(
        cells.map(function (cell) {
          var raw = cell.getAttribute("data-value");
          var value = raw === null || raw === "" ? NaN : Number(raw);
          return isNaN(value) ? null : value;
        })
      );
      data.texts.push(
        cells.map(function (cell) {
          return cell.textContent.trim();
        })
      );
    });
    return data;
  }

  function legendRows(seriesCount, width) {
    var perRow = Math.max(1, Math.floor(width / 140));
    return Math.ceil(seriesCount / perRow);
  }

  function chartHeight(data, horizontal, width) {
    var legend = 28 * legendRows(data.series.length, width);
    if (horizontal) {
      return Math.max(220, data.labels.length * (10 + 12 * data.series.length) + 60 + legend);
    }
    return (width < 576 ? 260 : 300) + legend;
  }

  function buildOption(figure, data) {
    var kind = figure.getAttribute("data-chart");
    var horizontal = figure.getAttribute("data-orientation") === "horizontal";
    var unit = figure.getAttribute("data-unit") || "";
    var reference = figure.getAttribute("data-reference");
    var stacked = kind === "stacked-bar";
    var type = kind === "line" ? "line" : "bar";

    function labelText(params) {
      if (params.value === null || params.value === undefined || (stacked && params.value === 0)) {
        return "";
      }
      return data.texts[params.dataIndex][params.seriesIndex];
    }

    var series = data.series.map(function (serie, index) {
      var item = {
        name: serie.name,
        type: type,
        data: data.values.map(function (row) {
          return row[index];
        }),
        label: {
          show: true,
          position: stacked ? "inside" : horizontal ? "right" : "top",
          formatter: labelText,
        },
        labelLayout: { hideOverlap: true },
        emphasis: { focus: "series" },
      };
      if (stacked) {
        item.stack = "total";
      }
      if (type === "line") {
        item.connectNulls = true;
        item.symbolSize = 8;
      }
      if (serie.colour) {
        item.itemStyle = { color: serie.colour };
        item.lineStyle = { color: serie.colour };
      }
      return item;
    });

    if (reference !== null && series.length) {
      var mark = {};
      mark[horizontal ? "xAxis" : "yAxis"] = Number(reference);
      series[0].markLine = {
        silent: true,
        symbol: "none",
        data: [mark],
        // At the top of the chart, clear of the value axis's own labels.
        label: { formatter: reference + unit, position: horizontal ? "start" : "end" },
        lineStyle: { type: "dashed", color: rootStyle.getPropertyValue("--bs-body-color").trim() },
      };
    }

    var categoryAxis = {
      type: "category",
      data: data.labels,
      axisLabel: { hideOverlap: true },
      inverse: horizontal,
    };
    var valueAxis = { type: "value", name: unit, nameGap: 8 };
    var highest = Math.max.apply(
      null,
      data.values.map(function (row) {
        return Math.max.apply(null, row.map(Number));
      })
    );
    if (reference !== null && !(highest > Number(reference))) {
      valueAxis.max = Number(reference); // the line stays in sight when all values are below
    }

    return {
      animation: false,
      aria: { enabled: true, decal: { show: true } },
      legend: { top: 0, data: data.series.map(function (serie) { return serie.name; }) },
      grid: { left: 8, right: horizontal ? 64 : 16, bottom: 8, top: 40, containLabel: true },
      tooltip: {
        trigger: "axis",
        renderMode: "richText",
        axisPointer: { type: "shadow" },
        formatter: function (items) {
          var row = items.length ? items[0].dataIndex : 0;
          return [data.labels[row]]
            .concat(
              items.map(function (item) {
                return item.seriesName + ": " + data.texts[row][item.seriesIndex];
              })
            )
            .join("\n");
        },
      },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: series,
    };
  }

  function layout(entry) {
    var width = entry.element.clientWidth || entry.figure.clientWidth;
    var height = chartHeight(entry.data, entry.horizontal, width);
    if (entry.element.clientHeight !== height) {
      entry.element.style.height = height + "px";
    }
    var top = 12 + 28 * legendRows(entry.data.series.length, width);
    if (entry.figure.hasAttribute("data-reference")) {
      top += 16; // the reference line's label
    }
    entry.chart.setOption({ grid: { top: top } });
    entry.chart.resize();
  }

  function draw(figure) {
    var table = figure.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length) {
      return;
    }
    var data = readTable(table);
    if (!data.labels.length || !data.series.length) {
      return;
    }
    var element = document.createElement("div");
    element.className = "chart-canvas";
    element.setAttribute("aria-hidden", "true");
    figure.insertBefore(element, figure.querySelector("figcaption").nextSibling);
    var horizontal = figure.getAttribute("data-orientation") === "horizontal";
    element.style.height = chartHeight(data, horizontal, figure.clientWidth) + "px";
    var chart = window.echarts.init(element, null, {
      renderer: "canvas",
      locale: locale,
      // Sharp when printed, whatever the screen.
      devicePixelRatio: Math.max(2, window.devicePixelRatio || 1),
    });
    chart.setOption(buildOption(figure, data));
    var entry = { figure: figure, element: element, chart: chart, data: data, horizontal: horizontal };
    charts.push(entry);
    layout(entry);
    figure.classList.add("chart-drawn");
  }

  document.querySelectorAll("figure.chart[data-chart]").forEach(draw);

  function layoutAll() {
    charts.forEach(layout);
  }

  if (window.ResizeObserver) {
    var observer = new window.ResizeObserver(function (entries) {
      entries.forEach(function (resized) {
        charts.forEach(function (entry) {
          if (entry.figure === resized.target) {
            layout(entry);
          }
        });
      });
    });
    charts.forEach(function (entry) {
      observer.observe(entry.figure);
    });
  } else {
    window.addEventListener("resize", layoutAll);
  }
  window.addEventListener("beforeprint", layoutAll);
  window.addEventListener("afterprint", layoutAll);
})();
