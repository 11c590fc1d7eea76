"""`areaCode`, the one name of a code argument: the older names (`code`, `prefecture`, `municipalityCode`) answer
the same for one release, are marked deprecated, and giving both names (or neither, where a code is needed) is a
BAD_USER_INPUT error that names both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from schema.limits import RANKING_COSTS, RANKING_PAGE_SIZE
from tests.limits_support import post
from tests.support import graphql

RATE = 'metric(slug: "mynumber-card-issued-rate-soumu")'

# (the query with the new name, the same with the older name); each answers with data.
PAIRS = [
    (
        '{ prefecture(areaCode: "13") { code name } }',
        '{ prefecture(code: "13") { code name } }',
    ),
    (
        '{ municipality(areaCode: "01100") { code name prefecture { name } } }',
        '{ municipality(code: "01100") { code name prefecture { name } } }',
    ),
    (
        '{ municipalities(first: 3, filter: {areaCode: "13"}) { totalCount nodes { code } } }',
        '{ municipalities(first: 3, filter: {prefecture: "13"}) { totalCount nodes { code } } }',
    ),
    (
        f'{{ {RATE} {{ ranking(level: MUNICIPALITY, areaCode: "13", first: 3) {{ areas entries {{ rank }} }} }} }}',
        f'{{ {RATE} {{ ranking(level: MUNICIPALITY, prefecture: "13", first: 3) {{ areas entries {{ rank }} }} }} }}',
    ),
]


def _data(body: dict[str, Any]) -> Any:
    assert "errors" not in body, body
    return body["data"]


@pytest.mark.parametrize(("new", "old"), PAIRS)
async def test_an_older_name_answers_as_area_code_does(client: httpx.AsyncClient, new: str, old: str) -> None:
    answer = _data(await graphql(client, new))
    assert answer == _data(await graphql(client, old))
    assert all(value for value in answer.values())  # something was found, not two equal nulls


async def test_the_older_names_answer_through_variables_too(client: httpx.AsyncClient) -> None:
    new = "query($c: LocalGovCode) { municipalities(first: 1, filter: {areaCode: $c}) { totalCount } }"
    old = "query($c: LocalGovCode!) { municipalities(first: 1, filter: {prefecture: $c}) { totalCount } }"
    tokyo = _data(await graphql(client, new, {"c": "130001"}))
    assert tokyo == _data(await graphql(client, old, {"c": "130001"})) == {"municipalities": {"totalCount": 62}}


def _error(body: dict[str, Any]) -> tuple[str, str]:
    [error] = body["errors"]
    return error["extensions"]["code"], error["message"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('{ prefecture(areaCode: "13", code: "13") { name } }', "Give `areaCode` or `code`, not both"),
        ('{ municipality(areaCode: "01100", code: "01100") { name } }', "Give `areaCode` or `code`, not both"),
        ("{ prefecture { name } }", "Give `areaCode` (or its deprecated name `code`)"),
        ("{ municipality { name } }", "Give `areaCode` (or its deprecated name `code`)"),
        (
            '{ municipalities(filter: {areaCode: "13", prefecture: "13"}) { totalCount } }',
            "Give `filter.areaCode` or `filter.prefecture`, not both",
        ),
        (
            '{ services(filter: {areaCode: "011002", municipalityCode: "011002"}) { totalCount } }',
            "Give `filter.areaCode` or `filter.municipalityCode`, not both",
        ),
        (
            f'{{ {RATE} {{ ranking(level: MUNICIPALITY, areaCode: "13", prefecture: "13") {{ areas }} }} }}',
            "Give `areaCode` or `prefecture`, not both",
        ),
    ],
)
async def test_both_names_or_neither_is_an_error_naming_both(
    client: httpx.AsyncClient, query: str, message: str
) -> None:
    code, text = _error(await graphql(client, query))
    assert code == "BAD_USER_INPUT"
    assert text.startswith(message), text


async def test_a_ranking_error_names_the_argument_as_given(client: httpx.AsyncClient) -> None:
    for name in ("areaCode", "prefecture"):
        body = await graphql(client, f'{{ {RATE} {{ ranking(level: PREFECTURE, {name}: "13") {{ areas }} }} }}')
        assert _error(body) == (
            "BAD_USER_INPUT",
            f"`{name}` narrows a ranking of municipalities; a ranking of prefectures takes none",
        )


ARGS = "fields { name args(includeDeprecated: true) { name isDeprecated deprecationReason } }"
INTROSPECTION = f"""{{
  query: __type(name: "Query") {{ {ARGS} }}
  metric: __type(name: "Metric") {{ {ARGS} }}
  municipalityFilter: __type(name: "MunicipalityFilter") {{
    inputFields(includeDeprecated: true) {{ name isDeprecated deprecationReason }} }}
  serviceFilter: __type(name: "ServiceFilter") {{
    inputFields(includeDeprecated: true) {{ name isDeprecated deprecationReason }} }}
  hidden: __type(name: "MunicipalityFilter") {{ inputFields {{ name }} }}
}}"""

DEPRECATED = {"isDeprecated": True, "deprecationReason": "Use `areaCode`."}
CURRENT = {"isDeprecated": False, "deprecationReason": None}


async def test_introspection_marks_the_older_names_deprecated(client: httpx.AsyncClient) -> None:
    data = _data(await graphql(client, INTROSPECTION))

    def args(type_name: str, field: str) -> dict[str, Any]:
        [found] = [f for f in data[type_name]["fields"] if f["name"] == field]
        return {a["name"]: {k: a[k] for k in ("isDeprecated", "deprecationReason")} for a in found["args"]}

    def inputs(type_name: str) -> dict[str, Any]:
        return {
            f["name"]: {k: f[k] for k in ("isDeprecated", "deprecationReason")} for f in data[type_name]["inputFields"]
        }

    for field in ("prefecture", "municipality"):
        assert args("query", field) == {"areaCode": CURRENT, "code": DEPRECATED}
    ranking = args("metric", "ranking")
    assert (ranking["areaCode"], ranking["prefecture"]) == (CURRENT, DEPRECATED)
    filters = inputs("municipalityFilter")
    assert (filters["areaCode"], filters["prefecture"]) == (CURRENT, DEPRECATED)
    services = inputs("serviceFilter")
    assert (services["areaCode"], services["municipalityCode"]) == (CURRENT, DEPRECATED)
    # Without `includeDeprecated` a tool sees only the new name.
    assert "prefecture" not in {f["name"] for f in data["hidden"]["inputFields"]}


def test_the_schema_file_prints_the_older_names_deprecated() -> None:
    printed = (Path(__file__).resolve().parent.parent / "schema.graphql").read_text(encoding="utf-8")
    deprecated = '@deprecated(reason: "Use `areaCode`.")'
    for line in (
        f"code: LocalGovCode = null {deprecated}",
        f"prefecture: LocalGovCode = null {deprecated}",
        f"municipalityCode: LocalGovCode = null {deprecated}",
    ):
        assert line in printed, line
    assert printed.count(deprecated) == 5  # prefecture(code), municipality(code), ranking, two filters


async def test_a_ranking_under_either_name_is_priced_once(client: httpx.AsyncClient) -> None:
    """Aliases asking the same ranking by `prefecture` and by `areaCode` are one load, so one price for the
    ranking; each alias still counts its page (RANKING_PAGE_SIZE ranks by default)."""

    async def cost(arguments: list[str]) -> Any:
        aliases = " ".join(f"r{i}: ranking(level: MUNICIPALITY, {a}) {{ areas }}" for i, a in enumerate(arguments))
        body = (await post(client, {"query": f"{{ {RATE} {{ {aliases} }} }}", "extensions": {"cost": True}})).json()
        return body["extensions"]["cost"]["nodes"]

    one = await cost(['areaCode: "13"'])
    assert one >= RANKING_COSTS["MUNICIPALITY"]
    assert await cost(['areaCode: "13"', 'prefecture: "13"']) == one + RANKING_PAGE_SIZE
    assert await cost(['areaCode: "13"', 'prefecture: "14"']) == one + RANKING_PAGE_SIZE + RANKING_COSTS["MUNICIPALITY"]
