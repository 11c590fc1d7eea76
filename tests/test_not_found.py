"""Lookups by slug, code or ID answer null with a NOT_FOUND error at their path that names what was not found."""

from __future__ import annotations

import httpx
import pytest

from schema.node import encode_id
from tests.support import graphql


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            '{ metric(slug: "nope") { name } }',
            "metric",
            'No metric with slug "nope". The metrics\' slugs are listed by { metrics { nodes { slug } } }.',
        ),
        (
            '{ initiative(slug: "nope") { title } }',
            "initiative",
            'No initiative with slug "nope". The initiatives\' slugs are listed by { initiatives { nodes { slug } } }.',
        ),
        (
            '{ serviceCatalog(slug: "nope") { name } }',
            "serviceCatalog",
            'No catalogue with slug "nope". The catalogues\' slugs are listed by { serviceCatalogs { slug } }.',
        ),
        (
            '{ prefecture(areaCode: "480002") { name } }',
            "prefecture",
            'No prefecture with code "480002". The prefectures\' codes are listed by { prefectures { code } }.',
        ),
        (
            '{ municipality(areaCode: "99999") { name } }',
            "municipality",
            'No municipality with code "999997". '
            "The municipalities' codes are listed by { municipalities { nodes { code } } }.",
        ),
    ],
    ids=["metric", "initiative", "serviceCatalog", "prefecture", "municipality"],
)
async def test_an_unknown_key_is_null_with_an_error_naming_it(
    client: httpx.AsyncClient, query: str, field: str, message: str
) -> None:
    body = await graphql(client, query)
    assert body["data"] == {field: None}
    assert [(e["message"], e["path"], e["extensions"]["code"]) for e in body["errors"]] == [
        (message, [field], "NOT_FOUND")
    ]


@pytest.mark.parametrize("code", ["13", "13000", "130001"])
async def test_a_prefecture_code_given_for_a_municipality_says_so(client: httpx.AsyncClient, code: str) -> None:
    body = await graphql(client, "query($c: LocalGovCode!) { municipality(areaCode: $c) { name } }", {"c": code})
    assert body["data"] == {"municipality": None}
    [error] = body["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert error["message"] == (
        'No municipality with code "130001": it is the code of a prefecture, 東京都; ask '
        'prefecture(areaCode: "130001"), or municipalities(filter: {areaCode: "130001"}) for its municipalities.'
    )


async def test_a_municipality_code_given_for_a_prefecture_says_so(client: httpx.AsyncClient) -> None:
    body = await graphql(client, '{ prefecture(areaCode: "011002") { name } }')
    assert body["data"] == {"prefecture": None}
    assert [e["message"] for e in body["errors"]] == [
        'No prefecture with code "011002": it is the code of a municipality, 札幌市; '
        'ask municipality(areaCode: "011002").'
    ]


async def test_the_metric_of_a_municipalitys_observations_is_named_the_same_way(client: httpx.AsyncClient) -> None:
    body = await graphql(client, '{ municipality(areaCode: "011002") { observations(metric: "nope") { totalCount } } }')
    assert body["data"] == {"municipality": None}
    [error] = body["errors"]
    assert error["path"] == ["municipality", "observations"]
    assert error["message"].startswith('No metric with slug "nope".')


async def test_an_id_of_nothing_names_what_it_stands_for(client: httpx.AsyncClient) -> None:
    global_id = encode_id("Initiative", "no-such")
    body = await graphql(client, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [global_id]})
    assert body["data"] == {"nodes": [None]}
    [error] = body["errors"]
    assert (error["path"], error["extensions"]["code"]) == (["nodes", 0], "NOT_FOUND")
    assert error["message"] == f'No object with ID "{global_id}": there is no Initiative "no-such".'


async def test_a_long_or_quoted_value_is_echoed_short_and_pasteable(client: httpx.AsyncClient) -> None:
    body = await graphql(client, "query($s: String!) { metric(slug: $s) { name } }", {"s": 'a"b' + "x" * 150})
    message = body["errors"][0]["message"]
    assert message.startswith('No metric with slug "a\\"b' + "x" * 97 + '". The metrics')


async def test_several_misses_give_one_error_each_and_keep_the_hits(client: httpx.AsyncClient) -> None:
    query = '{ a: metric(slug: "nope") { name } b: metric(slug: "mynaportal-registered-users") { slug } }'
    body = await graphql(client, query)
    assert body["data"] == {"a": None, "b": {"slug": "mynaportal-registered-users"}}
    assert [e["path"] for e in body["errors"]] == [["a"]]
