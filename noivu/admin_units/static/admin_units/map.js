// The units of a scope on a Leaflet map without tiles: polygons coloured by verdict or by plan group.
(function () {
  var element = document.getElementById("unit-map");
  if (!element || !window.L) return;
  var VERDICT = { must_arrange: "#c0392b", exemptible: "#e6a23c", compliant: "#2e8b57", no_data: "#9e9e9e", no_standard: "#9e9e9e" };
  var PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#393b79"];
  var map = L.map(element, { attributionControl: false, zoomSnap: 0.25 });
  var mode = element.dataset.colour;
  var layer = null;
  function colour(feature) {
    var p = feature.properties;
    if (mode === "group") return p.group ? PALETTE[(p.group - 1) % PALETTE.length] : "#dddddd";
    return VERDICT[p.verdict] || "#9e9e9e";
  }
  function style(feature) {
    return { color: "#333333", weight: 1, fillOpacity: 0.65, fillColor: colour(feature) };
  }
  function tooltip(feature) {
    var p = feature.properties;
    var text = "<strong>" + p.name + "</strong><br>" + p.verdict_label +
      "<br>" + element.dataset.labelArea + ": " + p.area_pct + " · " + element.dataset.labelPopulation + ": " + p.population_pct;
    if (p.group) text += "<br>" + element.dataset.labelGroup + " " + p.group;
    return text;
  }
  fetch(element.dataset.url, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      if (!data.features.length) { element.hidden = true; return; }
      layer = L.geoJSON(data, {
        style: style,
        onEachFeature: function (feature, shape) { shape.bindTooltip(tooltip(feature), { sticky: true }); },
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      if (data.approximate) document.getElementById("map-note").hidden = false;
    });
  document.querySelectorAll("[data-colour]").forEach(function (button) {
    if (button === element) return;
    button.addEventListener("click", function () {
      mode = button.dataset.colour;
      document.querySelectorAll("button[data-colour]").forEach(function (other) {
        var on = other === button;
        other.classList.toggle("is-link", on);
        other.classList.toggle("is-selected", on);
        other.setAttribute("aria-pressed", on ? "true" : "false");
      });
      document.getElementById("map-legend").hidden = mode === "group";
      if (layer) layer.setStyle(style);
    });
  });
})();
