"""`hiraku data import catalogue`: entries with taxonomy, facets and municipalities; all or nothing; filters."""

from __future__ import annotations

import asyncio
import dataclasses
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from starlette.datastructures import Secret

from api.app import create_app
from api.settings import Settings
from seeds.catalog_imports import CatalogImportError, read_catalog_import
from seeds.sources import FetchResult
from tests.cli_support import hiraku
from tests.support import graphql, running, throwaway_database
from tests.test_imports import _mirror_without_series

FIXTURE = Path(__file__).parent / "fixtures" / "catalogue-illustrative.csv"
CATALOG = "disaster-prevention-dx-service-map"
ENTRIES = """query($filter: ServiceFilter, $first: Int, $after: String) {
  services(filter: $filter, first: $first, after: $after) {
    totalCount nodes { name attributes targetUsers facets { name values } categories { name }
      municipalities(first: 10) { nodes { code } } }
    pageInfo { hasNextPage endCursor } } }"""


@pytest_asyncio.fixture(scope="module")
async def imported(
    settings: Settings, server_dsn: str, fetched: list[FetchResult], tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[str, dict[str, str]]]:
    """A database into which the illustrative fixture was imported through the command line."""
    root = tmp_path_factory.mktemp("catalogue")
    mirror = _mirror_without_series(fetched, root / "mirror")
    async with throwaway_database(server_dsn) as dsn:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env |= {"DATABASE_URL": dsn, "HIRAKU_DATA_DIR": str(root / "data"), "HIRAKU_SOURCES_MIRROR": str(mirror)}
        result = await asyncio.to_thread(hiraku, ["data", "import", "catalogue", str(FIXTURE)], env)
        assert result.returncode == 0, result.stderr
        assert "4 entries valid" in result.stderr
        yield dsn, env


@pytest_asyncio.fixture(scope="module")
async def catalogue_client(
    settings: Settings, imported: tuple[str, dict[str, str]]
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(dataclasses.replace(settings, database_url=Secret(imported[0]), api_database_url=None))
    async with running(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        yield client


async def _names(client: httpx.AsyncClient, filter: dict[str, Any]) -> list[str]:
    body = await graphql(client, ENTRIES, {"filter": {"catalog": CATALOG, **filter}, "first": 100})
    assert "errors" not in body, body
    return [n["name"].removeprefix("ILLUSTRATIVE ") for n in body["data"]["services"]["nodes"]]


async def test_the_catalogue_keeps_its_stated_count_beside_what_is_loaded(catalogue_client: httpx.AsyncClient) -> None:
    query = f"""{{ serviceCatalog(slug: "{CATALOG}") {{ statedCount statedCountText asOf entries {{ totalCount }}
        categories {{ name children {{ name }} }} facets {{ name values }} }} }}"""
    catalog = (await graphql(catalogue_client, query))["data"]["serviceCatalog"]
    assert (catalog["statedCount"], catalog["statedCountText"], catalog["asOf"]) == (141, "計 141 件", "2023-08-22")
    assert catalog["entries"]["totalCount"] == 4
    assert catalog["categories"] == [
        {"name": "避難", "children": [{"name": "避難所運営"}, {"name": "備蓄"}]},
        {"name": "情報伝達", "children": []},
        {"name": "被災者支援", "children": []},
    ]
    assert catalog["facets"] == [
        {"name": "フェーズ", "values": ["発災後", "発災前", "平時"]},
        {"name": "提供形態", "values": ["アプリ", "Web"]},
    ]


async def test_an_entry_carries_everything_its_row_gives(catalogue_client: httpx.AsyncClient) -> None:
    body = await graphql(catalogue_client, ENTRIES, {"filter": {"catalog": CATALOG}, "first": 1})
    entry = body["data"]["services"]["nodes"][0]
    assert entry["attributes"] == {"key": "ill-001", "published_id": "A-1", "price": "無償"}
    assert entry["targetUsers"] == ["住民", "自治体"]
    assert entry["facets"] == [{"name": "フェーズ", "values": ["発災後"]}, {"name": "提供形態", "values": ["アプリ"]}]
    assert [m["code"] for m in entry["municipalities"]["nodes"]] == ["011002", "131016"]


async def test_filters_combine(catalogue_client: httpx.AsyncClient) -> None:
    assert await _names(catalogue_client, {"category": "避難"}) == ["避難所受付アプリ", "備蓄管理", "被災者台帳"]
    after = {"facets": [{"name": "フェーズ", "value": "発災後"}]}
    assert await _names(catalogue_client, after) == ["避難所受付アプリ", "防災情報配信", "被災者台帳"]
    assert await _names(catalogue_client, {"category": "避難", **after}) == ["避難所受付アプリ", "被災者台帳"]
    combined = {"category": "避難", **after, "areaCode": "01303"}
    assert await _names(catalogue_client, combined) == ["被災者台帳"]
    both = {"facets": [{"name": "フェーズ", "value": "発災前"}, {"name": "提供形態", "value": "Web"}]}
    assert await _names(catalogue_client, both) == ["防災情報配信"]
    assert await _names(catalogue_client, {"search": "ｅｘａｍｐｌｅ ltd"}) == ["備蓄管理", "被災者台帳"]


async def test_the_older_name_municipality_code_filters_as_area_code_does(
    catalogue_client: httpx.AsyncClient,
) -> None:
    used = await _names(catalogue_client, {"areaCode": "011002"})
    assert used and await _names(catalogue_client, {"municipalityCode": "011002"}) == used


async def test_filtered_pages_walk_every_entry_once(catalogue_client: httpx.AsyncClient) -> None:
    filter = {"catalog": CATALOG, "facets": [{"name": "フェーズ", "value": "発災後"}], "areaCode": "011002"}
    seen: list[str] = []
    after = None
    while True:
        page = (await graphql(catalogue_client, ENTRIES, {"filter": filter, "first": 1, "after": after}))["data"]
        seen += [n["name"] for n in page["services"]["nodes"]]
        assert page["services"]["totalCount"] == 3
        if not page["services"]["pageInfo"]["hasNextPage"]:
            break
        after = page["services"]["pageInfo"]["endCursor"]
    assert seen == ["ILLUSTRATIVE 避難所受付アプリ", "ILLUSTRATIVE 防災情報配信", "ILLUSTRATIVE 被災者台帳"]


async def test_services_of_a_municipality_and_search(catalogue_client: httpx.AsyncClient) -> None:
    query = '{ municipality(areaCode: "131016") { services(first: 10) { nodes { name } } } }'
    body = await graphql(catalogue_client, query)
    assert "errors" not in body, body
    nodes = body["data"]["municipality"]["services"]["nodes"]
    assert [n["name"] for n in nodes] == [
        "ILLUSTRATIVE 避難所受付アプリ",
        "ILLUSTRATIVE 備蓄管理",
        "ILLUSTRATIVE 被災者台帳",
    ]
    found = (await graphql(catalogue_client, '{ search(query: "被災者台帳") { nodes { kind title } } }'))["data"]
    assert found["search"]["nodes"][0] == {"kind": "SERVICE", "title": "ILLUSTRATIVE 被災者台帳"}


async def test_again_is_a_no_op_and_a_bad_code_changes_nothing(
    catalogue_client: httpx.AsyncClient, imported: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    _, env = imported
    before = await _names(catalogue_client, {})
    again = await asyncio.to_thread(hiraku, ["data", "import", "catalogue", str(FIXTURE)], env)
    assert again.returncode == 0
    assert "was imported before" in again.stderr
    bad = tmp_path / "bad.csv"
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    bad.write_text(
        "\n".join(
            [
                lines[0],
                lines[1].replace("ill-001", "ill-101"),
                lines[2].replace("011002", "011003").replace("ill-002", "ill-102"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    failed = await asyncio.to_thread(hiraku, ["data", "import", "catalogue", str(bad)], env)
    assert failed.returncode == 1
    assert "1 problem(s), nothing imported" in failed.stderr
    assert "line 3: field 'municipalities': '011003' has a wrong check digit" in failed.stderr
    assert await _names(catalogue_client, {}) == before


def test_only_the_required_columns_and_a_missing_one_named_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "required.csv"
    path.write_text(
        "catalog,name,source_document,source_url\n"
        f"{CATALOG},ILLUSTRATIVE 最小の行,ILLUSTRATIVE test fixture,https://example.org/illustrative\n",
        encoding="utf-8",
    )
    [entry] = read_catalog_import(path, {CATALOG}, set())
    # The documented defaults: the key is the name; no categories, facets, users, municipalities or date.
    assert (entry.key, entry.provider, entry.url, entry.categories, entry.facets) == (
        "ILLUSTRATIVE 最小の行",
        None,
        None,
        (),
        (),
    )
    assert (entry.target_users, entry.municipalities, entry.attributes, entry.citation[2]) == ((), (), (), None)

    path.write_text("catalog,name\n" + path.read_text(encoding="utf-8").splitlines()[1] + "\n", encoding="utf-8")
    with pytest.raises(CatalogImportError) as raised:
        read_catalog_import(path, {CATALOG}, set())
    assert str(raised.value).startswith(f"{path}: 1 problem(s), nothing imported:")
    assert raised.value.problems == ["line 1: missing required column(s) source_document, source_url"]
