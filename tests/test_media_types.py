"""Which media type an Accept header gets from /graphql."""

from __future__ import annotations

import pytest

from api.media_types import GRAPHQL_RESPONSE, JSON, response_media_type


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),  # no Accept header: a legacy client (the spec's audits ask for application/json)
        ("", JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        ("application/json", JSON),
        ("application/graphql-response+json", GRAPHQL_RESPONSE),
        ("application/graphql-response+json, application/json;q=0.9", GRAPHQL_RESPONSE),  # the spec's advice
        ("application/json, application/graphql-response+json", GRAPHQL_RESPONSE),
        ("application/json, application/graphql-response+json;q=0.5", JSON),
        ("application/graphql-response+json, */*", GRAPHQL_RESPONSE),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", JSON),  # a browser
        ("application/json;q=0, */*", GRAPHQL_RESPONSE),  # the most specific range decides
        ("APPLICATION/JSON; charset=utf-8", JSON),
        ("application/json;q=abc, application/graphql-response+json;q=0.1", GRAPHQL_RESPONSE),
        ("text/html", None),
        ("application/xml, text/plain;q=0.5", None),
        ("application/json;q=0, application/graphql-response+json;q=0", None),
        ("*/*;q=0", None),
    ],
)
def test_the_accept_header_picks_the_media_type(accept: str | None, expected: str | None) -> None:
    assert response_media_type(accept) == expected
