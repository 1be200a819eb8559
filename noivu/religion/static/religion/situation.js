// Draws each monthly series with its forecast and uncertainty band from the JSON the page embeds.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Chart === "undefined") return;
  document.querySelectorAll("canvas[data-series]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.series);
    if (!source) return;
    const data = JSON.parse(source.textContent);
    const texts = JSON.parse(document.getElementById("chart-texts").textContent);
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: texts.upper, data: data.upper, borderWidth: 0, pointRadius: 0, fill: "+1",
            backgroundColor: "rgba(72, 95, 199, 0.18)" },
          { label: texts.lower, data: data.lower, borderWidth: 0, pointRadius: 0, fill: false },
          { label: data.label, data: data.observed, borderColor: "#363636", backgroundColor: "#363636",
            pointRadius: 2, tension: 0.1 },
          { label: texts.forecast, data: data.mean, borderColor: "#485fc7", borderDash: [6, 4],
            pointRadius: 2 },
        ],
      },
      options: {
        locale: document.documentElement.lang,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { labels: { filter: (item) => item.datasetIndex !== 1 } } },
      },
    });
  });
});
