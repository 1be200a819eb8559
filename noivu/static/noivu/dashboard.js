// Draws the dashboard's chart of persons by category and gender from the JSON the page embeds.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("chart-data");
  const canvas = document.getElementById("persons-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.datasets.map((set, index) => ({
        label: set.label,
        data: set.values,
        backgroundColor: ["#485fc7", "#f14668"][index % 2],
      })),
    },
    options: {
      // The page's language, not the browser's, so that the axis and tooltips read like the table beside it.
      locale: document.documentElement.lang,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
});
