"""The backup and restore drill: a restore into a fresh database matches the backup; differences are named."""

import json
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from noivu.core.backup import Target, read_manifest, verify

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="sao lưu bằng pg_dump: chỉ trên PostgreSQL"
)


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    (root / "uploads" / "2026").mkdir(parents=True)
    (root / "uploads" / "2026" / "quyet-dinh.pdf").write_bytes(b"%PDF-1.7 quyet dinh so 12/QD-UBND")
    (root / "bang-luong.xlsx").write_bytes(bytes(range(256)) * 40)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def restored_name():
    name = f"test_noivu_restore_{uuid.uuid4().hex[:8]}"
    yield name
    target = Target.from_settings(connection.settings_dict)
    with target.other("postgres").connect(autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@on_postgresql
def test_a_backup_restored_into_a_fresh_database_has_every_row_and_file(
    transactional_db, people, media, tmp_path, restored_name
):
    backup_dir = tmp_path / "backup"
    call_command("backup", str(backup_dir))

    manifest = read_manifest(backup_dir)
    assert manifest["tables"]["personnel_person"] == 3
    assert manifest["files"]["uploads/2026/quyet-dinh.pdf"]["size"] == 33
    assert len(manifest["samples"]["personnel_person"]["rows"]) == 3

    restored_media = tmp_path / "restored-media"
    call_command("restore", str(backup_dir), into=restored_name, media_root=str(restored_media))

    target = Target.from_settings(connection.settings_dict).other(restored_name)
    with target.connect() as conn:
        names = {row[0] for row in conn.execute("SELECT full_name FROM personnel_person")}
        applied = conn.execute("SELECT count(*) FROM django_migrations").fetchone()
    assert names == {"Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Dũng"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_migrations")
        assert applied == cursor.fetchone()
    assert (restored_media / "bang-luong.xlsx").read_bytes() == (media / "bang-luong.xlsx").read_bytes()

    # The same check names every difference once the restored copy is changed.
    an = people["an"].pk
    with target.connect(autocommit=True) as conn:
        conn.execute("UPDATE personnel_person SET full_name = 'Nguyễn Văn Ăn' WHERE id = %s", [an])
        conn.execute("DELETE FROM personnel_assignment")
    (restored_media / "uploads" / "2026" / "quyet-dinh.pdf").write_bytes(b"%PDF-1.7 sua doi")
    (restored_media / "bang-luong.xlsx").unlink()
    differences = verify(manifest, target, restored_media)
    assert f"bảng personnel_person, id = {an}: khác nội dung" in differences
    assert any(
        difference == "bảng personnel_assignment: 0 dòng, bản sao lưu có 3" for difference in differences
    )
    assert "tệp uploads/2026/quyet-dinh.pdf: khác nội dung" in differences
    assert "tệp bang-luong.xlsx: thiếu" in differences


@on_postgresql
def test_a_restore_refuses_a_database_that_holds_tables_and_a_backup_refuses_a_used_folder(
    db, media, tmp_path
):
    backup_dir = tmp_path / "backup"
    call_command("backup", str(backup_dir))
    with pytest.raises(CommandError, match="đã có nội dung"):
        call_command("backup", str(backup_dir))
    with pytest.raises(CommandError, match=r"đã có \d+ bảng: phục hồi chỉ vào một cơ sở dữ liệu trống"):
        call_command("restore", str(backup_dir), media_root=str(tmp_path / "empty"))
    assert Path(backup_dir / "manifest.json").is_file()
    assert (
        json.loads((backup_dir / "manifest.json").read_text())["database"] == connection.settings_dict["NAME"]
    )


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal of other databases")
def test_a_backup_of_another_database_than_postgresql_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="sao lưu chỉ hỗ trợ PostgreSQL"):
        call_command("backup", str(tmp_path / "backup"))


@on_postgresql
def test_a_restore_refuses_a_folder_that_is_not_a_backup_before_creating_any_database(db, tmp_path):
    name = f"test_noivu_restore_{uuid.uuid4().hex[:8]}"
    with pytest.raises(CommandError, match="không phải một bản sao lưu: thiếu manifest.json"):
        call_command("restore", str(tmp_path), into=name)
    with Target.from_settings(connection.settings_dict).other("postgres").connect() as conn:
        assert not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
