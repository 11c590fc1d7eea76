"""Rankings loaded in batches answer exactly as one ranking asked at a time did."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import httpx
import pytest

from tests.support import document, graphql

RATE = 'metric(slug: "mynumber-card-issued-rate-soumu")'


def _digest(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@pytest.mark.parametrize(
    ("name", "digest"),
    [
        # Digests of the answers given when each ranking sent its own three statements (before the batches).
        ("rankings_of_every_metric", "fddb9f308c858980f4183c6578afe8e31a909428e72d40fcb19ffa3e568f9be6"),
        ("rankings_of_one_metric", "8e3638db6d08d71fccb1546388b5a6356a83a5ce7a7cfda2708323821a59e642"),
    ],
)
async def test_rankings_answer_as_they_did_one_at_a_time(client: httpx.AsyncClient, name: str, digest: str) -> None:
    body = await graphql(client, document(name))
    assert "errors" not in body, body
    assert _digest(body) == digest


async def test_each_ranking_of_a_batch_is_its_own(client: httpx.AsyncClient) -> None:
    body = await graphql(client, document("rankings_of_one_metric"))
    rankings: dict[str, Any] = body["data"]["metric"]

    def summary(alias: str) -> tuple[Any, ...]:
        r = rankings[alias]
        firsts = [(e["rank"], e["tied"], e["area"]["code"], e["observation"]["exactValue"]) for e in r["entries"][:3]]
        ties = [(e["rank"], e["area"]["code"], e["observation"]["exactValue"]) for e in r["entries"] if e["tied"]]
        return (r["date"], r["areas"], r["areasWithValue"], r["areasWithoutValue"], firsts, ties[:2])

    assert summary("a") == (
        "2022-12-31", 47, 47, 0,
        [(1, False, "450006", "71.6"), (2, False, "380008", "62.5"), (3, False, "290009", "61.4")],
        [(12, "140007", "58.7"), (12, "320005", "58.7")],
    )  # fmt: skip
    assert summary("b") == (
        "2020-04-01", 1741, 1741, 0,
        [(1, False, "155861", "61.0"), (2, False, "443221", "47.7"), (3, False, "085421", "39.6")],
        [(22, "131024", "25.6"), (22, "272124", "25.6")],
    )  # fmt: skip
    assert summary("c") == (
        "2021-04-01", 62, 62, 0,
        [(1, False, "131024", "40.4"), (2, False, "131032", "39.4"), (3, False, "133825", "38.7")],
        [(8, "131059", "36.5"), (8, "131105", "36.5")],
    )  # fmt: skip
    assert summary("d")[:5] == (
        "2022-12-31", 47, 47, 0,
        [(1, False, "470007", "46.0"), (2, False, "100005", "51.2"), (3, False, "390003", "51.6")],
    )  # fmt: skip
    # Ties share a rank and the next rank skips (1, 2, 2, 4): after a pair at 22 comes 24.
    assert [e["rank"] for e in rankings["b"]["entries"][20:24]] == [21, 22, 22, 24]


async def test_an_alias_answers_as_the_same_ranking_asked_alone(client: httpx.AsyncClient) -> None:
    arguments = [
        "level: PREFECTURE",
        "level: PREFECTURE, ascending: true, first: 5",
        'level: MUNICIPALITY, areaCode: "01", first: 20',
        'level: MUNICIPALITY, date: "2019-04-01", first: 30',
        'level: MUNICIPALITY, areaCode: "47", date: "2022-12-31", ascending: true',
    ]
    fields = "date areas areasWithValue entries { rank tied area { code } observation { exactValue } }"
    aliases = " ".join(f"r{i}: ranking({a}) {{ {fields} }}" for i, a in enumerate(arguments))
    together = (await graphql(client, f"{{ {RATE} {{ {aliases} }} }}"))["data"]["metric"]
    for i, a in enumerate(arguments):
        alone = (await graphql(client, f"{{ {RATE} {{ ranking({a}) {{ {fields} }} }} }}"))["data"]["metric"]
        assert together[f"r{i}"] == alone["ranking"], a
        assert together[f"r{i}"]["entries"], a


async def test_a_date_without_values_fails_only_its_own_ranking(client: httpx.AsyncClient) -> None:
    query = f"""{{ {RATE} {{ good: ranking(level: PREFECTURE) {{ areas }}
        bad: ranking(level: PREFECTURE, date: "2022-12-30") {{ areas }} }} }}"""
    body = await graphql(client, query)
    assert body["data"] == {"metric": None}  # a ranking is not nullable
    [error] = body["errors"]
    assert (error["path"], error["extensions"]["code"]) == (["metric", "bad"], "NOT_FOUND")
    assert error["message"] == (
        "The metric 'mynumber-card-issued-rate-soumu' has no prefecture values on 2022-12-30; the nearest dates "
        "with values are 2022-11-30 and 2022-12-31, of 47 dates from 2017-03-08 to 2022-12-31."
    )


async def test_metrics_without_area_values_rank_nothing_beside_those_with(client: httpx.AsyncClient) -> None:
    query = "{ metrics(first: 100) { nodes { slug ranking(level: MUNICIPALITY, first: 1) { date areasWithValue } } } }"
    nodes = (await graphql(client, query))["data"]["metrics"]["nodes"]
    ranked = {n["slug"]: (n["ranking"]["date"], n["ranking"]["areasWithValue"]) for n in nodes if n["ranking"]["date"]}
    assert ranked == {
        "mynumber-card-issued-soumu": ("2022-12-31", 1741),
        "mynumber-card-issued-rate-soumu": ("2022-12-31", 1741),
        "mynumber-card-population-base-soumu": ("2022-01-01", 1741),  # its own latest date, in the same batch
    }
    assert all(n["ranking"] == {"date": None, "areasWithValue": 0} for n in nodes if n["slug"] not in ranked)
