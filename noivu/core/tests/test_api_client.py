"""A Python client generated from the live OpenAPI document works, as docs/api.md shows it.

openapi-python-client (a development dependency) writes the client offline from the document the
server serves; the client then lists persons with a personal token over real HTTP. It checks what a
client's author meets: a package name pip accepts, short function names, typed answers.
"""

import importlib
import subprocess
import sys
import tomllib
import urllib.request
from pathlib import Path

import pytest

from noivu.accounts.models import ApiToken

GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.fixture
def generated_client(live_server, tmp_path: Path):
    """The client generated from ``/api/v1/openapi.json`` of the live server, importable as
    ``noivu_api_client``; removed from the imported modules afterwards."""
    if not GENERATOR.exists():
        pytest.skip("openapi-python-client is not installed (pip install -e '.[dev]')")
    # No post-generation hooks: they would run ruff over the client, which the test does not need.
    config = tmp_path / "client.yaml"
    # Workbook, document and scanned-paper downloads are read as files (the generator knows none of
    # these types), as docs/api.md shows.
    config.write_text(
        "post_hooks: []\ncontent_type_overrides:\n"
        "  application/vnd.openxmlformats-officedocument.spreadsheetml.sheet: application/octet-stream\n"
        "  application/vnd.openxmlformats-officedocument.wordprocessingml.document:"
        " application/octet-stream\n"
        "  application/pdf: application/octet-stream\n"
        "  image/jpeg: application/octet-stream\n"
        "  image/png: application/octet-stream\n",
        encoding="utf-8",
    )
    # Read from the live server here rather than by the generator, whose five-second timeout a busy
    # test machine can exceed.
    document = tmp_path / "openapi.json"
    with urllib.request.urlopen(f"{live_server.url}/api/v1/openapi.json", timeout=60) as answer:
        document.write_bytes(answer.read())
    done = subprocess.run(
        [str(GENERATOR), "generate", "--path", str(document), "--config", str(config), "--fail-on-warning"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    project = tmp_path / "noivu-api-client"
    sys.path.insert(0, str(project))
    try:
        yield project
    finally:
        sys.path.remove(str(project))
        for name in [name for name in sys.modules if name.split(".")[0] == "noivu_api_client"]:
            del sys.modules[name]


def test_a_generated_client_lists_persons_with_a_token(
    transactional_db, live_server, people, hr_a, generated_client
):
    metadata = tomllib.loads((generated_client / "pyproject.toml").read_text(encoding="utf-8"))
    assert metadata["tool"]["poetry"]["name"] == "noivu-api-client"  # a name pip accepts

    package = importlib.import_module("noivu_api_client")
    list_persons = importlib.import_module("noivu_api_client.api.persons.list_persons")
    search_persons = importlib.import_module("noivu_api_client.api.persons.search_persons")
    _, token = ApiToken.issue(hr_a, "máy khách sinh tự động")

    with package.AuthenticatedClient(base_url=live_server.url, token=token) as client:
        page = list_persons.sync(client=client, q="nguyen van")
        found = search_persons.sync(client=client, q="tran thi binh")
    with package.AuthenticatedClient(base_url=live_server.url, token="nv_khong_hop_le") as stranger:
        refused = list_persons.sync_detailed(client=stranger)

    assert [person.full_name for person in page.items] == ["Nguyễn Văn An"]
    assert page.count == 1
    assert page.items[0].organization.code == "T01-SNV"
    assert [person.full_name for person in found.items] == ["Trần Thị Bình"]
    assert refused.status_code == 401
