"""The app's English catalogue is complete, and its pages read in English."""

import gettext
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from noivu.core.rules import table_infos
from noivu.core.tests.test_language import _catalogue_problems

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    assert _catalogue_problems(CATALOGUE) == []
    with CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    assert catalogue.gettext("Báo cáo định kỳ") == "Periodic reports"


def test_the_rule_tables_have_english_titles():
    for table in ("religion_procedures", "religion_counting"):
        assert table_infos()[table].title_en


@pytest.mark.django_db
def test_the_periodic_report_reads_in_english(hr_a):
    client = Client()
    client.force_login(hr_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("religion:periodic"), {"kind": "quarter", "quarter": "3", "year": "2025"})
    html = page.content.decode()
    assert "quarter III of 2025" in html and "II. Administrative procedures handled" in html
    assert "Tình hình chung" not in html
