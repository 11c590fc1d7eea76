"""GET /export/datapackage.json and GET /export/ over a real server: the package passes `frictionless validate`
over every file, the full observations included; its descriptions cover every column of every export; the
index lists each export with absolute URLs, rows and columns, as HTML for browsers and JSON otherwise."""

from __future__ import annotations

import asyncio
import copy
import dataclasses
from pathlib import Path
from typing import Any

import httpx
import pytest
from frictionless import Package, validate
from starlette.datastructures import Secret

from api.app import create_app
from api.datapackage import DESCRIBED
from api.settings import Settings, public_url
from db.embedded import EmbeddedCluster
from db.exports import EXPORT_TABLES, export_columns
from db.pool import create_api_pool
from tests.limits_support import api_role_dsn
from tests.support import graphql, running

CODE_COLUMNS = {
    "observations": ["area_code"],
    "prefectures": ["code"],
    "municipalities": ["code", "prefecture_code"],
}


async def package_of(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.get("/export/datapackage.json")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    package: dict[str, Any] = response.json()
    return package


async def test_frictionless_finds_every_export_valid(client: httpx.AsyncClient, base_url: str) -> None:
    """What an open-data user runs: `frictionless validate <url of datapackage.json>`. It reads every file from the
    server (all 190,565 observations), checks types, patterns, enums, keys, foreign keys and the row counts."""
    report = await asyncio.to_thread(validate, f"{base_url}/export/datapackage.json")
    errors = [(task.name, error.type, error.note) for task in report.tasks for error in task.errors]
    assert report.valid, errors[:20]
    assert {task.name for task in report.tasks} == set(EXPORT_TABLES)
    assert next(task for task in report.tasks if task.name == "observations").stats["rows"] == 190_565


async def test_a_package_that_misstates_the_file_fails_validation(client: httpx.AsyncClient, base_url: str) -> None:
    """The check can fail: a wrong row count or a code typed as a number is caught."""
    package = await package_of(client)
    prefectures = next(r for r in package["resources"] if r["name"] == "prefectures")
    prefectures = copy.deepcopy(prefectures) | {"path": f"{base_url}/export/prefectures.csv"}
    prefectures["stats"]["rows"] = 46
    report = await asyncio.to_thread(Package({"resources": [prefectures]}).validate)
    assert [error.type for task in report.tasks for error in task.errors] == ["row-count"]


async def test_codes_are_strings_with_their_pattern_and_keys_are_declared(client: httpx.AsyncClient) -> None:
    """pandas and spreadsheets read 011002 as the number 11002 unless told: the schema tells them."""
    resources = {r["name"]: r for r in (await package_of(client))["resources"]}
    for table, columns in CODE_COLUMNS.items():
        fields = {f["name"]: f for f in resources[table]["schema"]["fields"]}
        for column in columns:
            assert fields[column]["type"] == "string"
            assert fields[column]["constraints"]["pattern"] == "[0-9]{6}"
    assert resources["municipalities"]["schema"]["primaryKey"] == ["code"]
    assert resources["municipalities"]["schema"]["foreignKeys"] == [
        {"fields": ["prefecture_code"], "reference": {"resource": "prefectures", "fields": ["code"]}}
    ]
    observation_fields = {f["name"]: f for f in resources["observations"]["schema"]["fields"]}
    assert observation_fields["value"]["type"] == "number"
    assert observation_fields["date"]["type"] == "date"
    assert observation_fields["dimensions"]["type"] == "object"
    assert resources["observations"]["licenses"][0]["name"] == "CC-BY-4.0"


async def test_every_column_of_every_export_is_described(settings: Settings, loaded_dsn: str) -> None:
    """The columns come from the exports' queries; the descriptions from api/datapackage.toml. A column added to a
    query without a description, or a description left for a column that is gone, fails here."""
    pool = await create_api_pool(
        api_role_dsn(settings, loaded_dsn),
        max_size=1,
        connect_timeout_s=5,
        statement_timeout_ms=10_000,
        acquire_timeout_s=5,
    )
    try:
        for table in EXPORT_TABLES.values():
            columns = [name for name, _ in await export_columns(pool, table)]
            described = DESCRIBED["tables"][table.name]["fields"]
            assert sorted(described) == sorted(columns), table.name
            assert all(field.get("description") for field in described.values()), table.name
    finally:
        await pool.close()


async def test_the_index_lists_every_export_with_absolute_urls(client: httpx.AsyncClient, settings: Settings) -> None:
    response = await client.get("/export/", headers={"accept": "application/json"})
    assert response.status_code == 200 and "Accept" in response.headers["vary"]
    listing = response.json()
    public = settings.public_url
    assert listing["dataPackage"] == f"{public}/export/datapackage.json"
    exports = {e["name"]: e for e in listing["exports"]}
    assert list(exports) == list(EXPORT_TABLES)
    assert exports["observations"]["rows"] == 190_565 and exports["municipalities"]["rows"] == 1_741
    assert [f["url"] for f in exports["observations"]["files"]] == [
        f"{public}/export/observations.csv",
        f"{public}/export/observations.json",
    ]
    assert exports["observations"]["filters"] == ["metric", "area"]
    prefectures = await client.get(exports["prefectures"]["files"][0]["url"].removeprefix(public))
    assert prefectures.status_code == 200 and prefectures.text.count("\r\n") == 1 + exports["prefectures"]["rows"]


async def test_a_browser_gets_the_index_as_a_page(client: httpx.AsyncClient) -> None:
    response = await client.get("/export/", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "datapackage.json" in response.text and "190,565 rows" in response.text
    assert "<code>prefecture_code</code>" in response.text
    redirected = await client.get("/export", follow_redirects=True)
    assert redirected.status_code == 200 and str(redirected.url).endswith("/export/")


async def test_the_package_is_cached_by_dataset_version(client: httpx.AsyncClient) -> None:
    first = await client.get("/export/datapackage.json")
    assert first.headers["x-dataset-version"] == first.json()["version"]
    again = await client.get("/export/datapackage.json", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304
    page = await client.get("/export/", headers={"accept": "text/html", "if-none-match": first.headers["etag"]})
    assert page.status_code == 200  # the page and the JSON have ETags of their own


async def test_the_home_page_links_the_index_and_the_package(client: httpx.AsyncClient) -> None:
    links = (await client.get("/", headers={"accept": "application/json"})).json()["links"]
    assert (links["exportIndex"], links["dataPackage"]) == ("/export/", "/export/datapackage.json")


async def test_without_the_database_both_say_so(settings: Settings, tmp_path: Path) -> None:
    cluster = EmbeddedCluster(tmp_path / "never-started", durable=False)
    app = create_app(dataclasses.replace(settings, database_url=Secret(cluster.dsn("hiraku")), api_database_url=None))
    async with running(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        for path in ("/export/datapackage.json", "/export/"):
            response = await client.get(path)
            assert response.status_code == 503 and "retry-after" in response.headers
            assert response.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"


async def test_graphql_gives_the_same_downloads_with_absolute_urls(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    query = "{ dataset { dataPackageUrl downloads { table format mediaType url rows filters } } }"
    body = await graphql(client, query)
    assert "errors" not in body, body
    dataset = body["data"]["dataset"]
    assert dataset["dataPackageUrl"] == f"{settings.public_url}/export/datapackage.json"
    rows = {r["name"]: r["stats"]["rows"] for r in (await package_of(client))["resources"]}
    downloads = dataset["downloads"]
    assert [(d["table"], d["format"]) for d in downloads] == [(t, f) for t in EXPORT_TABLES for f in ("csv", "json")]
    for download in downloads:
        assert download["rows"] == rows[download["table"]], download
        assert download["url"] == f"{settings.public_url}/export/{download['table']}.{download['format']}"
    observations = next(d for d in downloads if d["table"] == "observations" and d["format"] == "json")
    assert (observations["mediaType"], observations["filters"]) == ("application/json", ["metric", "area"])


def test_the_public_url_is_where_the_server_listens_unless_given() -> None:
    every_address = "0.0.0.0"  # noqa: S104 (a setting's value, not a binding)
    assert public_url("", "127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert public_url("", every_address, 8080) == "http://localhost:8080"
    assert public_url("https://hiraku.example.org/", every_address, 8000) == "https://hiraku.example.org"
    assert public_url("https://example.org/hiraku", every_address, 8000) == "https://example.org/hiraku"
    for wrong in ("hiraku.example.org", "ftp://example.org", "https://example.org/?a=1"):
        with pytest.raises(ValueError, match="HIRAKU_PUBLIC_URL"):
            public_url(wrong, "127.0.0.1", 8000)
