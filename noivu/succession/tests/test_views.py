"""The pages: the pools with their checks, a candidate added and refused on the pool page, the training
hours and the record's training kind kept after the move."""

import pytest

from noivu.succession.models import PoolCandidate

pytestmark = pytest.mark.django_db


def test_the_pool_page_adds_a_candidate_and_shows_a_refusal(client, pool, staff, hr_a):
    client.force_login(hr_a)
    url = f"/succession/pools/{pool.pk}/"
    for person in staff[:3]:
        response = client.post(url, {"step": "add", "person": person.pk, "added_on": "2026-11-30"})
        assert response.status_code == 302
    refused = client.post(url, {"step": "add", "person": staff[3].pk, "added_on": "2026-11-30"})
    assert refused.status_code == 200
    assert "tối đa 3 người" in refused.content.decode()
    assert PoolCandidate.objects.count() == 3
    page = client.get(url).content.decode()
    assert "Cần bồi dưỡng thêm" in page and "Bồi dưỡng lãnh đạo, quản lý cấp phòng" in page
    index = client.get("/succession/").content.decode()
    assert "Trưởng phòng" in index and "3/3" in index


def test_the_training_page_and_the_record_kind(client, staff, hr_a):
    client.force_login(hr_a)
    added = client.post(
        f"/api/v1/dossier/{staff[0].pk}/training",
        {"name": "Bồi dưỡng kỹ năng số", "start_date": "2026-03-02", "end_date": "2026-03-06", "periods": 40},
        content_type="application/json",
    )
    assert added.status_code == 201, added.content
    page = client.get("/succession/training/", {"year": 2026}).content.decode()
    assert "Nguyễn Văn An" in page and "Số tiết bồi dưỡng năm 2026" in page
    record = client.get(f"/persons/{staff[0].pk}/").content.decode()
    assert "Bồi dưỡng kỹ năng số" in record
