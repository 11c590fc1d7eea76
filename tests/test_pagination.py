"""Cursor pagination of the initiatives connection: every row once, both ways, and clear range errors."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

from schema.limits import MAX_PAGE_SIZE
from tests.support import document, graphql


async def _page(client: httpx.AsyncClient, **variables: Any) -> Any:
    body = await graphql(client, document("initiative_page"), variables)
    assert "errors" not in body, body
    return body["data"]["initiatives"]


async def test_walking_forward_and_backward_yields_every_initiative_once(client: httpx.AsyncClient) -> None:
    forward: list[int] = []
    after = None
    while True:
        page = await _page(client, first=4, after=after)
        forward += [e["node"]["position"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    backward: list[int] = []
    before = None
    while True:
        page = await _page(client, last=5, before=before)
        backward = [e["node"]["position"] for e in page["edges"]] + backward
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]
    assert forward == list(range(1, 28))
    assert backward == forward


async def test_filter_by_focus_area(client: httpx.AsyncClient) -> None:
    page = await _page(client, first=100, filter={"focusArea": "secure-resilient-infrastructure"})
    assert page["totalCount"] == 4
    assert [e["node"]["slug"] for e in page["edges"]] == [
        "gss",
        "government-cloud",
        "international-strategy",
        "ai",
    ]


@pytest.mark.parametrize("size", [0, -1, MAX_PAGE_SIZE + 1])
async def test_page_size_outside_the_range_is_an_error_naming_it(client: httpx.AsyncClient, size: int) -> None:
    body = await graphql(client, document("initiative_page"), {"first": size})
    assert body["data"] is None
    assert body["errors"][0]["message"] == f"`first` must be between 1 and {MAX_PAGE_SIZE}, got {size}"
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_the_largest_page_is_allowed(client: httpx.AsyncClient) -> None:
    page = await _page(client, last=MAX_PAGE_SIZE)
    assert len(page["edges"]) == 27


async def test_a_foreign_cursor_is_rejected(client: httpx.AsyncClient) -> None:
    body = await graphql(client, document("initiative_page"), {"first": 2, "after": "bm9wZQ"})
    assert body["errors"][0]["message"] == "`after` is not a valid cursor for this list"


OBSERVATIONS_AFTER = """query($after: String) {
  metric(slug: "mynumber-card-issued-rate-soumu") { observations(first: 2, after: $after) { nodes { date } } }
}"""


@pytest.mark.parametrize(
    "key",
    [
        f"2020-01-01|{2**31}",  # beyond the integer ids
        "2020-01-01|99999999999999999999",
        "2020-01-01|-5",
        "2020-01-01|0",
        "2020-01-01|+5",
        "2020-01-01|",
        "2020-13-01|5",
    ],
)
async def test_a_forged_observation_cursor_is_refused(client: httpx.AsyncClient, key: str) -> None:
    after = base64.urlsafe_b64encode(f"v1:observation:{key}".encode()).decode().rstrip("=")
    body = await graphql(client, OBSERVATIONS_AFTER, {"after": after})
    assert body["errors"][0]["message"] == "`after` is not a valid cursor for this list"
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_the_largest_observation_id_a_cursor_may_hold_is_read(client: httpx.AsyncClient) -> None:
    after = base64.urlsafe_b64encode(f"v1:observation:2020-01-01|{2**31 - 1}".encode()).decode().rstrip("=")
    body = await graphql(client, OBSERVATIONS_AFTER, {"after": after})
    assert "errors" not in body, body
    assert body["data"]["metric"]["observations"]["nodes"]
