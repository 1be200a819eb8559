"""The static files the pages name are found, and of the npm packages only the files the pages use."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders

from noivu.core.assets import VendorFinder

PACKAGE = Path(__file__).resolve().parents[2]
STATIC_TAG = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]\s*%}""")


def test_every_static_file_a_template_names_is_found():
    named = {
        name
        for template in PACKAGE.rglob("templates/**/*.html")
        for name in STATIC_TAG.findall(template.read_text())
    }
    assert "vendor/bulma/bulma.min.css" in named and "vendor/leaflet/leaflet.js" in named
    missing = sorted(name for name in named if not finders.find(name))
    assert not missing, f"add them to VENDOR_STATIC in noivu/settings.py (or the app's static/): {missing}"


def test_the_vendor_finder_serves_the_named_files_of_a_package_and_no_other():
    finder = VendorFinder()
    assert finder.check() == []
    found = finder.find("vendor/bulma/bulma.min.css")
    assert isinstance(found, str) and found.endswith("node_modules/bulma/css/bulma.min.css")
    assert finder.find("vendor/bulma/bulma.min.css", find_all=True) == [found]
    assert finder.find("vendor/bulma/bulma.css") == []  # in the package, not used by a page
    assert finder.find("vendor/bulma/../../package.json") == []
    listed = {f"{storage.prefix}/{path}" for path, storage in finder.list([])}
    assert {"vendor/leaflet/images/layers.png", "vendor/htmx/htmx.min.js"} <= listed
    assert {name for name in listed if name.startswith("vendor/bulma/")} == {"vendor/bulma/bulma.min.css"}
