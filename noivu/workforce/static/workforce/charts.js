// Draws the forecast's charts from the JSON its page embeds: headcount against quota over the years (lines),
// the age pyramid (men to the left, women to the right) and the ranks, each pyramid for the year chosen.
(() => {
  const colours = ["#485fc7", "#48c78e", "#ffb70f", "#f14668", "#3e8ed0", "#00d1b2"];
  const draw = () => {
    const source = document.getElementById("workforce-charts");
    if (typeof Chart === "undefined" || !source) return;
    const data = JSON.parse(source.textContent);
    const locale = document.documentElement.lang;
    const headcount = document.getElementById("headcount-chart");
    if (headcount) {
      new Chart(headcount, {
        type: "line",
        data: {
          labels: data.headcount.labels,
          datasets: data.headcount.datasets.map((set, index) => ({
            label: set.label, data: set.values, borderColor: colours[Math.floor(index / 2) % colours.length],
            borderDash: set.dashed ? [6, 4] : [], spanGaps: true,
          })),
        },
        options: { locale, responsive: true, maintainAspectRatio: false, scales: { y: { ticks: { precision: 0 } } } },
      });
    }
    const ages = document.getElementById("age-chart");
    const agesChart = ages && new Chart(ages, {
      type: "bar",
      data: {
        labels: data.ages.bands,
        datasets: [
          { label: data.ages.labels.men, data: data.ages.men[0].map((v) => -v), backgroundColor: colours[0] },
          { label: data.ages.labels.women, data: data.ages.women[0], backgroundColor: colours[3] },
        ],
      },
      options: {
        locale, indexAxis: "y", responsive: true, maintainAspectRatio: false,
        scales: { x: { stacked: true, ticks: { callback: (v) => Math.abs(v) } }, y: { stacked: true, reverse: true } },
        plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${Math.abs(c.raw)}` } } },
      },
    });
    const ranks = document.getElementById("rank-chart");
    const ranksChart = ranks && new Chart(ranks, {
      type: "bar",
      data: { labels: data.ranks.ranks,
        datasets: [{ label: data.ranks.label, data: data.ranks.values[0], backgroundColor: colours[4] }] },
      options: { locale, indexAxis: "y", responsive: true, maintainAspectRatio: false },
    });
    document.querySelectorAll("select.pyramid-year").forEach((select) => {
      const years = data[select.dataset.chart].years;
      years.forEach((label, index) => select.add(new Option(label, String(index))));
      select.addEventListener("change", () => {
        const year = Number(select.value);
        if (select.dataset.chart === "ages" && agesChart) {
          agesChart.data.datasets[0].data = data.ages.men[year].map((v) => -v);
          agesChart.data.datasets[1].data = data.ages.women[year];
          agesChart.update();
        } else if (ranksChart) {
          ranksChart.data.datasets[0].data = data.ranks.values[year];
          ranksChart.update();
        }
      });
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
