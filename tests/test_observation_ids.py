"""Observation.id: a global ID from the observation's natural key, resolved back by node(id:) and nodes(ids:)."""

from __future__ import annotations

import asyncpg
import httpx
import orjson
import pytest

from schema.node import MAX_ID_LENGTH, decode_id, encode_id
from schema.types.observation import canonical_dimensions, observation_key_text, parse_observation_key
from tests.limits_support import answered, sql_statements
from tests.support import graphql

# Written down once: an ID must keep naming the same value in later datasets (it holds no row number).
STABLE_IDS = {
    "T2JzZXJ2YXRpb246bXludW1iZXItY2FyZC1pc3N1ZWQtc291bXU6bmF0aW9uOjIwMjItMTItMzE": ("71905789", None, []),
    "T2JzZXJ2YXRpb246bXludW1iZXItY2FyZC1pc3N1ZWQtc291bXU6MTMxMDE2OjIwMjItMTItMzE": ("41802", "131016", []),
    "T2JzZXJ2YXRpb246bXludW1iZXItY2FyZC1pc3N1ZWQtc291bXU6bmF0aW9uOjIwMjItMTItMzE6eyJhZ2VfZ3JvdXAiOiIyMO-9njI0Iiwic2V4"
    "Ijoi5aWzIn0": (
        "1833886",
        None,
        [{"name": "age_group", "value": "20～24"}, {"name": "sex", "value": "女"}],
    ),
}
FIELDS = "id date exactValue areaCode dimensions { name value }"
NODES = f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on Observation {{ {FIELDS} }} }} }}"


async def test_ids_written_down_resolve_to_the_same_values(client: httpx.AsyncClient) -> None:
    nodes = (await answered(client, NODES, {"ids": list(STABLE_IDS)}))["nodes"]
    for node, (global_id, (value, area, dimensions)) in zip(nodes, STABLE_IDS.items(), strict=True):
        assert (node["id"], node["date"], node["exactValue"]) == (global_id, "2022-12-31", value)
        assert (node["areaCode"], node["dimensions"]) == (area, dimensions)


async def test_every_place_an_observation_appears_gives_an_id_that_resolves_back(client: httpx.AsyncClient) -> None:
    query = f"""{{ metric(slug: "mynumber-card-issued-rate-soumu") {{
        latest {{ {FIELDS} }}
        observations(last: 3) {{ nodes {{ {FIELDS} }} }}
        women: observations(last: 3, dimensions: [{{name: "sex", value: "女"}}, {{name: "age_group", value: "全体"}}])
            {{ nodes {{ {FIELDS} }} }}
        ranking(level: PREFECTURE, first: 3) {{ entries {{ observation {{ {FIELDS} }} }} }} }}
      municipality(code: "131016") {{ observations(metric: "mynumber-card-issued-rate-soumu", last: 3) {{
        nodes {{ {FIELDS} }} }} }} }}"""
    data = await answered(client, query)
    metric = data["metric"]
    observations = [metric["latest"], *metric["observations"]["nodes"], *metric["women"]["nodes"]]
    observations += [entry["observation"] for entry in metric["ranking"]["entries"]]
    observations += data["municipality"]["observations"]["nodes"]
    assert len(observations) == 13 and len({o["id"] for o in observations}) == 13 - 1  # latest is the last total
    resolved = (await answered(client, NODES, {"ids": [o["id"] for o in observations]}))["nodes"]
    assert resolved == observations
    one = await answered(client, f'{{ node(id: "{observations[5]["id"]}") {{ ... on Observation {{ {FIELDS} }} }} }}')
    assert one["node"] == observations[5]


async def test_every_observation_has_an_id_of_its_own_that_reads_back(loaded_dsn: str) -> None:
    # The database's unique index observation_one_value (metric, area or nation, date, breakdown) makes the key
    # unique; this checks that the ID made from it is too, fits the length IDs may have, and parses back.
    conn = await asyncpg.connect(loaded_dsn)
    try:
        rows = await conn.fetch(
            "SELECT m.slug, o.area_code, o.date, o.dimensions FROM observation AS o "
            "JOIN metric AS m ON m.id = o.metric_id"
        )
    finally:
        await conn.close()
    assert len(rows) == 190_565
    ids = set()
    for slug, area_code, date, dimensions in rows:
        key = (slug, area_code, date, canonical_dimensions(orjson.loads(dimensions)))
        global_id = encode_id("Observation", observation_key_text(key))
        assert len(global_id) <= MAX_ID_LENGTH
        assert parse_observation_key(decode_id(global_id)[1]) == key
        ids.add(global_id)
    assert len(ids) == len(rows)


async def test_an_id_of_nothing_is_null_with_not_found(client: httpx.AsyncClient) -> None:
    missing = encode_id("Observation", "mynumber-card-issued-soumu:nation:1999-12-31")
    body = await graphql(client, NODES, {"ids": [missing, next(iter(STABLE_IDS))]})
    assert body["data"]["nodes"][0] is None and body["data"]["nodes"][1]["exactValue"] == "71905789"
    [error] = body["errors"]
    assert (error["path"], error["extensions"]["code"]) == (["nodes", 0], "NOT_FOUND")
    assert "no Observation" in error["message"] and "1999-12-31" in error["message"]


@pytest.mark.parametrize(
    "key",
    [
        "mynumber-card-issued-soumu",
        "mynumber-card-issued-soumu:nation",
        "mynumber-card-issued-soumu:nation:2022-02-30",
        "mynumber-card-issued-soumu:nation:2022W011",
        "mynumber-card-issued-soumu:nation:2022-12-31:sex=女",
        'mynumber-card-issued-soumu:nation:2022-12-31:{"sex":1}',
        ":nation:2022-12-31",
    ],
)
async def test_a_malformed_id_is_a_clear_error(client: httpx.AsyncClient, key: str) -> None:
    body = await graphql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": encode_id("Observation", key)})
    assert body["data"]["node"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"].startswith("not a valid Observation ID")


async def test_many_ids_take_one_statement(uncached_client: httpx.AsyncClient) -> None:
    page = '{ metric(slug: "mynumber-card-issued-soumu") { observations(first: 100) { nodes { id } } } }'
    ids = [n["id"] for n in (await answered(uncached_client, page))["metric"]["observations"]["nodes"]]

    async def statements(asked: list[str]) -> float:
        before = await sql_statements(uncached_client)
        assert len((await answered(uncached_client, NODES, {"ids": asked}))["nodes"]) == len(asked)
        return await sql_statements(uncached_client) - before

    assert await statements(ids[:3]) == await statements(ids) == 1
