// Draws each payroll chart (a canvas with data-chart naming the JSON its page embeds) as grouped bars.
(() => {
  const colours = ["#485fc7", "#48c78e", "#ffb70f", "#f14668"];
  const draw = () => {
    if (typeof Chart === "undefined") return;
    document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      const source = document.getElementById(canvas.dataset.chart);
      if (!source || canvas.dataset.drawn) return;
      canvas.dataset.drawn = "1";
      const data = JSON.parse(source.textContent);
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: data.datasets.map((set, index) => ({
            label: set.label, data: set.values, backgroundColor: colours[index % colours.length],
          })),
        },
        options: {
          locale: document.documentElement.lang,
          responsive: true,
          maintainAspectRatio: false,
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
