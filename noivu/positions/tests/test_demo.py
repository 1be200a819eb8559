"""The demo's projects: every project that was sent for appraisal or approved holds no more people than
its agency's approved quota, so that the demo's approved plans are ones the checks would let through."""

import datetime as dt
import io

import polars as pl
import pytest
from django.core.management import call_command

from noivu.positions.demo import _within
from noivu.positions.frames import validate_projects
from noivu.positions.models import PositionProject, ProjectStatus

AS_OF = dt.date(2026, 11, 28)


def test_a_plan_over_its_quota_gives_up_professional_posts_first_and_keeps_the_head():
    plan = [
        ("CC.LD.01", 1, "01.002"),
        ("CC.LD.02", 2, "01.002"),
        ("CC.CM.01", 9, "01.003"),
        ("CC.DC.01", 2, ""),
    ]
    assert _within(plan, 10) == [
        ("CC.LD.01", 1, "01.002"),
        ("CC.LD.02", 2, "01.002"),
        ("CC.CM.01", 5, "01.003"),
        ("CC.DC.01", 2, ""),
    ]
    assert _within(plan, 3) == [("CC.LD.01", 1, "01.002"), ("CC.LD.02", 2, "01.002")]
    assert _within(plan, 1) == [("CC.LD.01", 1, "01.002")]
    assert _within(plan, None) == plan


@pytest.mark.django_db
def test_the_demo_approves_no_project_over_its_agency_quota():
    call_command(
        "demo", size="small", persons=400, as_of=AS_OF, password="Mat-khau-demo-1", stdout=io.StringIO()
    )
    sent = PositionProject.objects.unrestricted().exclude(status=ProjectStatus.DRAFT)
    approved = sent.filter(status=ProjectStatus.APPROVED)
    assert approved.exists()
    findings, _rules, _inputs = validate_projects(sent, AS_OF)
    over = findings.filter(pl.col("check") == "within_quota")
    assert over.is_empty(), over.select("project_id", "actual", "limit").to_dicts()[:10]
    drafts = PositionProject.objects.unrestricted().filter(status=ProjectStatus.DRAFT)
    assert drafts.exists()
