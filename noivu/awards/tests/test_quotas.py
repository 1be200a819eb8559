"""Quotas set by an organisation (hạn mức khen thưởng): since 2024 no national quota exists, so a quota is a
row of its own with its citation; the eligible candidates are ranked by the stated order and equals are
ordered women first (Nghị định 152/2025/NĐ-CP Điều 4), the places rounded down, equals at the limit marked."""

import datetime as dt

import polars as pl
import pytest

from noivu.awards import engine

pytestmark = pytest.mark.django_db


def screening(rows: list[tuple[int, str, bool]]) -> engine.Screening:
    results = pl.DataFrame(
        rows, schema={"person_id": pl.Int64, "title": pl.String, "eligible": pl.Boolean}, orient="row"
    ).with_columns(pl.lit(None, pl.String).alias("failed"))
    return engine.Screening(results, pl.DataFrame(), {}, {})


KEYS = pl.DataFrame(
    [
        (1, 0, 2.0, False),  # hoàn thành xuất sắc, two initiatives
        (2, 0, 1.0, True),  # as 3 and 4 but a woman: ahead of them
        (3, 0, 1.0, False),
        (4, 0, 1.0, False),
        (5, 1, 5.0, True),  # hoàn thành tốt: after every HTXS whatever the initiatives
        (6, 0, 0.0, True),
    ],
    schema={"person_id": pl.Int64, "rank": pl.Int32, "merit": pl.Float64, "female": pl.Boolean},
    orient="row",
)


def test_the_quota_ranks_by_the_stated_order_women_first_and_marks_equals_at_the_limit():
    rows = [(k, "LDTT", True) for k in range(1, 11)] + [(k, "CSTDCS", True) for k in range(1, 7)]
    quota = engine.Quota("CSTDCS", 35, "LDTT", "Quyết định 12/2025/QĐ-UBND, Điều 5", "UBND tỉnh A")
    ranked = engine.rank_within_quota(screening(rows), "person_id", KEYS, quota, dt.date(2026, 1, 15))
    # 35 % of the 10 found Lao động tiên tiến is 3.5: 3 places.
    assert (ranked.base, ranked.places) == (10, 3)
    frame = ranked.frame
    assert frame["person_id"].to_list() == [1, 2, 3, 4, 6, 5]
    assert frame.filter(pl.col("within"))["person_id"].to_list() == [1, 2, 3]
    # 3 and 4 are equal on every key, one within and one beyond: the council chooses between them.
    assert frame.filter(pl.col("tied"))["person_id"].to_list() == [3, 4]
    assert ranked.tie_break.legal_basis.citation == "152/2025/NĐ-CP, Điều 4"
    assert ranked.tie_break.legal_basis.confidence == "verified"
    # Before 1/7/2025 the same preference rests on Nghị định 98/2023, not read: marked unverified.
    earlier = engine.rank_within_quota(screening(rows), "person_id", KEYS, quota, dt.date(2025, 3, 1))
    assert earlier.tie_break.legal_basis.confidence == "unverified"


def test_a_quota_of_those_screened_counts_every_person_screened():
    rows = [(k, "CSTDCS", k <= 4) for k in range(1, 21)]
    quota = engine.Quota("CSTDCS", 15, "", "Quy chế thi đua của Bộ", "Bộ Nội vụ")
    ranked = engine.rank_within_quota(screening(rows), "person_id", KEYS, quota, dt.date(2026, 1, 15))
    # 15 % of the 20 persons screened = 3 places among the 4 eligible.
    assert (ranked.base, ranked.places) == (20, 3)
    assert ranked.frame.filter(pl.col("within"))["person_id"].to_list() == [1, 2, 3]
    assert ranked.frame.filter(pl.col("tied"))["person_id"].to_list() == [3, 4]
    # 25 %: 5 places for 4 candidates, all within and none tied.
    wide = engine.Quota("CSTDCS", 25, "", "Quy chế thi đua của Bộ", "Bộ Nội vụ")
    ranked = engine.rank_within_quota(screening(rows), "person_id", KEYS, wide, dt.date(2026, 1, 15))
    assert ranked.places == 5 and ranked.frame["within"].all() and not ranked.frame["tied"].any()


def test_an_administrator_sets_a_quota_and_the_screening_ranks_within_it(client, tree, people, hr_a):
    from conftest import make_person, make_rating, make_user
    from noivu.awards import actions
    from noivu.awards.models import AwardQuota
    from noivu.core.permissions import Role
    from noivu.personnel.models import Gender

    admin = make_user("admin_a", Role.SYSTEM_ADMIN, tree["province_a"])
    cuong = make_person(tree["dept_a"], "Lê Văn Cường", cccd_number="001086012399")
    hoa = make_person(tree["dept_a"], "Phạm Thị Hoa", gender=Gender.FEMALE, cccd_number="001186012398")
    for person, rating in ((people["an"], "HTXS"), (people["binh"], "HTXS"), (cuong, "HTXS"), (hoa, "HTT")):
        make_rating(person, 2025, rating)
    actions.do_record_initiative(
        person=cuong,
        title="Số hóa hồ sơ",
        level="grassroots",
        recognised_on=dt.date(2025, 6, 1),
        acting_user=hr_a,
    )
    url = f"/awards/units/{tree['province_a'].pk}/quotas/"
    body = {
        "title": "CSTDCS",
        "percent": "50",
        "of_title": "LDTT",
        "document": "Quyết định 12/2025/QĐ-UBND",
        "article": "Điều 5",
        "effective_from": "01/01/2025",
    }
    client.force_login(hr_a)
    assert client.post(url, body).status_code == 403
    client.force_login(admin)
    assert client.post(url, body).status_code == 302
    refused = client.post(url, {**body, "effective_from": "01/06/2024"}).content.decode()
    assert "Đã có hạn mức hiệu lực từ 01/01/2025" in refused
    client.force_login(hr_a)
    page = client.get(
        f"/awards/units/{tree['province_a'].pk}/eligibility/?year=2025&decided_on=15/01/2026"
    ).content.decode()
    section = page.split('id="title-CSTDCS"')[1].split("</section>")[0]
    # Lao động tiên tiến: all four; 50 % of 4 = 2 places among An, Bình and Cường (HTXS). Cường's initiative
    # puts him first; Bình before An, equal on both, as a woman (Nghị định 152/2025 Điều 4).
    assert "tối đa 50% của 4 = 2 suất (Quyết định 12/2025/QĐ-UBND, Điều 5)" in section
    names = section.split('class="candidates"')[1]
    assert names.index("Lê Văn Cường") < names.index("Trần Thị Bình") < names.index("Nguyễn Văn An")
    assert names.count("trong hạn mức") == 2 and names.count("ngoài hạn mức") == 1
    assert "152/2025/NĐ-CP, Điều 4" in section
    # A later quota closes the earlier one on the day before.
    actions.do_set_quota(
        organization=tree["province_a"],
        title="CSTDCS",
        percent=30,
        of_title="LDTT",
        document="Quyết định 3/2026/QĐ-UBND",
        effective_from=dt.date(2026, 1, 1),
        acting_user=admin,
    )
    first = AwardQuota.objects.get(document="Quyết định 12/2025/QĐ-UBND")
    assert first.effective_to == dt.date(2025, 12, 31)
    assert engine.quotas_on(tree["dept_a"], dt.date(2026, 1, 15))["CSTDCS"].percent == 30
