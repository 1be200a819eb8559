// The communes of a province shaded by their incidents, and the places of worship as points, on a Leaflet
// map without tiles (government networks are often closed).
(function () {
  var element = document.getElementById("religion-map");
  if (!element || !window.L) return;
  var SHADES = ["#fff5f0", "#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d"];
  var POINT = { religious: "#2b5797", belief: "#e67e22" };
  var map = L.map(element, { attributionControl: false, zoomSnap: 0.25 });
  function escape(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  fetch(element.dataset.url, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var communes = data.features.filter(function (f) { return f.properties.kind === "commune"; });
      var places = data.features.filter(function (f) { return f.properties.kind !== "commune"; });
      var most = Math.max.apply(null, communes.map(function (f) { return f.properties.incidents; }).concat([1]));
      function shade(count) {
        if (!count) return SHADES[0];
        return SHADES[Math.min(SHADES.length - 1, 1 + Math.floor((count / most) * (SHADES.length - 2)))];
      }
      var area = L.geoJSON(communes, {
        style: function (f) { return { color: "#555555", weight: 1, fillOpacity: 0.7, fillColor: shade(f.properties.incidents) }; },
        onEachFeature: function (f, shape) {
          shape.bindTooltip("<strong>" + escape(f.properties.name) + "</strong><br>" +
            escape(element.dataset.labelIncidents) + ": " + f.properties.incidents, { sticky: true });
        },
      }).addTo(map);
      var points = L.geoJSON(places, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 5, weight: 1, color: "#ffffff", fillOpacity: 0.95,
            fillColor: POINT[f.properties.kind] || "#333333" });
        },
        onEachFeature: function (f, marker) {
          var p = f.properties;
          marker.bindPopup("<strong><a href=\"" + element.dataset.recordUrl + p.id + "/\">" + escape(p.name) +
            "</a></strong><br>" + escape(p.kind_label) + (p.religion ? " · " + escape(p.religion) : "") +
            (p.address ? "<br>" + escape(p.address) : ""));
        },
      }).addTo(map);
      // Zoom to where there is something to see: the places and the communes with incidents.
      var bounds = points.getBounds();
      area.eachLayer(function (shape) {
        if (shape.feature.properties.incidents) bounds.extend(shape.getBounds());
      });
      if (!bounds.isValid()) bounds = area.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds.pad(0.15));
      else element.hidden = true;
      if (data.approximate) document.getElementById("map-note").hidden = false;
      if (data.period) document.getElementById("map-period").textContent = data.period;
      if (data.missing) {
        var note = document.getElementById("map-missing");
        note.textContent = note.dataset.template.replace("%(n)s", data.missing);
        note.hidden = false;
      }
    });
})();
