"""Accessibility checks in the browser tests: axe-core (npm package ``axe-core``, served from node_modules,
never from a CDN) against WCAG 2.1 A and AA."""

from typing import Any

from django.conf import settings
from playwright.sync_api import Page

AXE_SCRIPT = settings.NODE_MODULES / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; return its WCAG 2.1 AA violations, each as
    ``{id, help, targets}`` so that a failing assertion says what to fix and where."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [
        {"id": v["id"], "help": v["help"], "targets": [node["target"] for node in v["nodes"]][:5]}
        for v in result["violations"]
    ]
