"""The HTTP surface over a real socket: GraphQL by POST and GET, GraphiQL, health, readiness and metrics."""

from __future__ import annotations

import re

import httpx

from tests.support import document, graphql


async def test_post_query_returns_report_data(client: httpx.AsyncClient) -> None:
    body = await graphql(client, document("first_initiatives"), {"first": 3})
    assert "errors" not in body
    data = body["data"]
    assert re.fullmatch(r"[0-9a-f]{16}", data["dataset"]["version"])
    assert data["initiatives"]["totalCount"] == 27
    first = data["initiatives"]["nodes"][0]
    assert first["title"] == "マイナンバーカード普及"
    assert first["focusArea"]["name"] == "生活者・事業者・職員にやさしいサービスの提供"
    assert first["source"]["page"] == 20
    assert first["source"]["citationKind"] == "PRIMARY"
    assert first["source"]["attribution"].startswith("出典：デジタル庁")
    assert [n["slug"] for n in data["initiatives"]["nodes"]] == [
        "mynumber-card-adoption",
        "mynumber-card-use",
        "mynaportal",
    ]


async def test_get_query_works_and_japanese_is_sent_as_utf8(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": "{ focusAreas { name } }"})
    assert response.status_code == 200
    assert "生活者・事業者・職員にやさしいサービスの提供" in response.text  # not \\u-escaped
    assert len(response.json()["data"]["focusAreas"]) == 3


async def test_get_refuses_mutations(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": "mutation { x }"})
    assert response.status_code in (400, 405)


async def test_browsers_get_graphiql(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready"}


def _queries_total(metrics_text: str) -> float:
    match = re.search(r'^db_queries_total\{purpose="request"\} (\S+)$', metrics_text, re.MULTILINE)
    assert match, metrics_text
    return float(match.group(1))


async def test_metrics_count_sql_statements(client: httpx.AsyncClient) -> None:
    before = _queries_total((await client.get("/metrics")).text)
    await graphql(client, "{ focusAreas { slug } }")
    after = _queries_total((await client.get("/metrics")).text)
    assert after >= before + 1


async def test_node_resolves_an_initiative_by_its_id(client: httpx.AsyncClient) -> None:
    listed = await graphql(client, document("first_initiatives"), {"first": 1})
    global_id = listed["data"]["initiatives"]["nodes"][0]["id"]
    body = await graphql(client, document("node"), {"id": global_id})
    assert body["data"]["node"] == {
        "id": global_id,
        "__typename": "Initiative",
        "slug": "mynumber-card-adoption",
        "title": "マイナンバーカード普及",
    }


async def test_malformed_and_unknown_ids_are_null_with_a_clear_error(client: httpx.AsyncClient) -> None:
    for bad in ("not-an-id!!", "SW5pdGlhdGl2ZTpub3BlCg", "x" * 500):
        body = await graphql(client, document("node"), {"id": bad})
        assert body["data"] == {"node": None}
        assert body["errors"][0]["extensions"]["code"] in ("BAD_USER_INPUT", "NOT_FOUND")
        assert "ID" in body["errors"][0]["message"]


async def test_nodes_keeps_order_and_nulls_the_unknown(client: httpx.AsyncClient) -> None:
    listed = await graphql(client, document("first_initiatives"), {"first": 2})
    ids = [n["id"] for n in listed["data"]["initiatives"]["nodes"]]
    body = await graphql(client, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [ids[1], "bogus", ids[0]]})
    assert body["data"]["nodes"] == [{"id": ids[1]}, None, {"id": ids[0]}]
    assert body["errors"][0]["path"] == ["nodes", 1]


async def test_introspection_can_be_turned_off(settings: object, loaded_dsn: str) -> None:
    import dataclasses

    from starlette.datastructures import Secret

    from api.app import create_app
    from api.settings import Settings
    from tests.support import running

    assert isinstance(settings, Settings)
    closed = dataclasses.replace(settings, database_url=Secret(loaded_dsn), introspection=False, graphiql=False)
    async with running(create_app(closed)) as url, httpx.AsyncClient(base_url=url) as http:
        body = await graphql(http, "{ __schema { queryType { name } } }")
        assert "data" not in body  # a validation error: nothing was executed
        assert "introspection" in body["errors"][0]["message"].lower()
        assert (await graphql(http, "{ __typename }"))["data"] == {"__typename": "Query"}
        page = await http.get("/graphql", headers={"accept": "text/html"})
        assert "graphiql" not in page.text.lower()


async def test_graphiql_opens_on_an_example_query_that_works(client: httpx.AsyncClient) -> None:
    from api.graphql import EXAMPLE_QUERY

    page = (await client.get("/graphql", headers={"accept": "text/html"})).text
    assert "<title>hiraku GraphiQL</title>" in page
    assert 'metric(slug: "mynaportal-registered-users")' in page
    body = await graphql(client, EXAMPLE_QUERY.read_text(encoding="utf-8"))
    assert "errors" not in body, body
    assert body["data"]["search"]["nodes"][0]["title"] == "防災"


async def test_a_nul_byte_or_an_overlong_slug_is_refused_before_sql(client: httpx.AsyncClient) -> None:
    for slug, message in (("a\u0000b", "`slug` contains an invalid character (NUL)"), ("x" * 201, "longer than 200")):
        body = await graphql(client, "query($s: String!) { metric(slug: $s) { name } }", {"s": slug})
        assert body["data"] == {"metric": None}
        assert message in body["errors"][0]["message"]
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_injection_probes_are_data(client: httpx.AsyncClient) -> None:
    for probe in ("' OR 1=1 --", "1; DROP TABLE metric"):
        body = await graphql(client, "query($s: String!) { metric(slug: $s) { name } }", {"s": probe})
        assert body["data"] == {"metric": None}
        assert [e["extensions"]["code"] for e in body["errors"]] == ["NOT_FOUND"]  # looked up as a slug, not run
    assert (await graphql(client, "{ metrics { totalCount } }"))["data"]["metrics"]["totalCount"] == 82
