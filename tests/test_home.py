"""The home page (HTML for browsers, JSON for clients) and the SDL at /schema.graphql."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import httpx
import pytest
from starlette.datastructures import Secret

from api.app import create_app
from api.home import wants_html
from api.settings import Settings
from db.embedded import EmbeddedCluster
from db.exports import EXPORT_TABLES
from tests.support import graphql, running

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
SCHEMA = Path(__file__).parent.parent / "schema.graphql"


async def _dataset(client: httpx.AsyncClient) -> dict[str, str]:
    body = await graphql(client, "{ dataset { version licence title } }")
    dataset: dict[str, str] = body["data"]["dataset"]
    return dataset


async def test_a_browser_gets_a_page_saying_what_the_data_is_with_its_links(client: httpx.AsyncClient) -> None:
    dataset = await _dataset(client)
    response = await client.get("/", headers={"accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "Accept" in response.headers["vary"]
    page = response.text
    for text in (dataset["version"], dataset["licence"], dataset["title"], "2022-09-01", "2023-08-31"):
        assert text in page
    for href in (
        "/graphql",
        "/schema.graphql",
        "/export/observations.csv",
        "/maps/mynumber-card-issued-rate-soumu.svg",
    ):
        assert f'href="{href}' in page
    # Nothing is loaded from elsewhere: no script, no external style sheet, font or image.
    assert "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//[^"]*\.(css|js|woff2?)"', page)


async def test_a_client_gets_the_same_as_json(client: httpx.AsyncClient) -> None:
    dataset = await _dataset(client)
    for accept in ("application/json", "*/*", None):
        headers = {"accept": accept} if accept else {}
        response = await client.get("/", headers=headers)
        assert response.headers["content-type"] == "application/json", accept
        body = response.json()
        assert body["dataset"]["version"] == dataset["version"]
        assert body["datasetProblem"] is None
    assert body["dataset"]["periodStart"] == "2022-09-01"
    assert {source["slug"] for source in body["dataset"]["sources"]} >= {"policy-dashboard-boundaries"}
    links = body["links"]
    assert links["graphiql"] == links["graphql"] == "/graphql"
    assert [e["table"] for e in links["exports"]] == list(EXPORT_TABLES)
    assert links["exports"][0] == {
        "table": "initiatives",
        "csv": "/export/initiatives.csv",
        "json": "/export/initiatives.json",
    }
    assert "mynumber-card-issued-rate-soumu" in {m["metric"] for m in links["maps"]}


async def test_every_link_but_the_whole_exports_answers(client: httpx.AsyncClient) -> None:
    links = (await client.get("/")).json()["links"]
    urls = [links["schema"], links["graphiqlLicences"], links["health"], links["readiness"], links["maps"][0]["url"]]
    urls.append(links["exports"][0]["csv"])  # initiatives: a small table
    for url in urls:
        assert (await client.get(url)).status_code == 200, url
    graphiql = await client.get(links["graphiql"], headers={"accept": BROWSER})
    assert "<title>hiraku GraphiQL</title>" in graphiql.text


async def test_the_schema_is_served_as_sdl_the_same_as_the_committed_file(client: httpx.AsyncClient) -> None:
    response = await client.get("/schema.graphql")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == SCHEMA.read_text(encoding="utf-8")


async def test_without_introspection_or_graphiql_the_page_links_neither(settings: Settings, loaded_dsn: str) -> None:
    closed = dataclasses.replace(
        settings, database_url=Secret(loaded_dsn), api_database_url=None, introspection=False, graphiql=False
    )
    async with running(create_app(closed)) as url, httpx.AsyncClient(base_url=url) as http:
        links = (await http.get("/")).json()["links"]
        assert links["schema"] is links["graphiql"] is links["graphiqlLicences"] is None
        assert (await http.get("/schema.graphql")).status_code == 404
        assert (await http.get("/graphiql/licences")).status_code == 404
        page = (await http.get("/", headers={"accept": BROWSER})).text
        assert 'href="/schema.graphql"' not in page
        assert "GraphiQL" not in page


async def test_while_the_database_is_down_the_page_answers_that_the_version_is_unknown(
    settings: Settings, tmp_path: Path
) -> None:
    cluster = EmbeddedCluster(tmp_path / "never-started", durable=False)
    app = create_app(dataclasses.replace(settings, database_url=Secret(cluster.dsn("hiraku")), api_database_url=None))
    async with running(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as http:
        response = await http.get("/")
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
        body = response.json()
        assert body["dataset"] is None
        assert "version is unknown" in body["datasetProblem"]
        assert body["links"]["graphql"] == "/graphql"
        page = (await http.get("/", headers={"accept": BROWSER})).text
        assert "バージョン不明" in page
        assert 'href="/graphql"' in page


@pytest.mark.parametrize(
    ("accept", "html"),
    [
        (BROWSER, True),
        ("text/html", True),
        ("text/*", True),
        ("application/json", False),
        ("*/*", False),
        ("", False),
        ("application/json, text/html;q=0.5", False),
        ("text/html;q=0.5, application/json;q=0.4", True),
        ("text/html;q=0, */*", False),
        ("text/html;q=nonsense, application/json;q=0.1", False),
    ],
)
def test_html_goes_to_clients_that_prefer_it_to_json(accept: str, html: bool) -> None:
    assert wants_html(accept) is html
