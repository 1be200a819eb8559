from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse


@pytest.mark.django_db
def test_vietnamese_by_default_even_for_an_english_browser(client, hr_a):
    client.force_login(hr_a)
    html = client.get(
        reverse("reports:dashboard"), headers={"Accept-Language": "en-US,en;q=0.9"}
    ).content.decode()
    assert "Tổng quan" in html
    assert "Overview" not in html


@pytest.mark.django_db
def test_the_switcher_turns_the_interface_to_english_and_keeps_dates_dd_mm_yyyy(client, hr_a, people):
    client.force_login(hr_a)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get(reverse("reports:dashboard")).content.decode()
    assert "Overview" in html
    detail = client.get(reverse("personnel:detail", args=[people["an"].pk])).content.decode()
    assert "Date of birth" in detail and "17/05/1985" in detail


def _catalogue_problems(path) -> list[str]:
    """The entries of a gettext catalogue that are fuzzy or have an empty translation."""
    problems = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        parts: dict[str, str] = {}
        key = ""
        for line in lines:
            if line.startswith(("msgid", "msgstr")):
                key, _, rest = line.partition(" ")
                parts[key] = rest.strip().strip('"')
            elif line.startswith('"') and key:
                parts[key] += line.strip().strip('"')
        if parts.get("msgid") == "":
            continue  # the header
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        empty = any(value == "" for name, value in parts.items() if name.startswith("msgstr"))
        if fuzzy or empty:
            problems.append(("fuzzy: " if fuzzy else "untranslated: ") + parts.get("msgid", ""))
    return problems


def english_catalogues() -> list[Path]:
    """The shared English catalogue and that of every app with a ``locale/`` of its own."""
    own = [config for config in apps.get_app_configs() if config.name.startswith("noivu.")]
    roots = [settings.BASE_DIR, *(Path(config.path) for config in own)]
    return [path for root in roots if (path := root / "locale" / "en" / "LC_MESSAGES" / "django.po").exists()]


def test_every_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    catalogues = english_catalogues()
    assert settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po" in catalogues
    assert len(catalogues) > 1  # the apps' own catalogues are checked too
    problems = {str(path): _catalogue_problems(path) for path in catalogues}
    assert {path: found for path, found in problems.items() if found} == {}


def test_the_catalogue_check_finds_untranslated_and_fuzzy_entries(tmp_path):
    sample = tmp_path / "django.po"
    sample.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        'msgid "Tìm"\nmsgstr "Search"\n\n'
        'msgid "Tháng"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Năm"\nmsgstr "Name"\n\n'
        '#~ msgid "Cũ"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    assert _catalogue_problems(sample) == ["untranslated: Tháng", "fuzzy: Năm"]
