"""hiraku from Python with httpx: a metric with its source and licence, then every municipality of a prefecture.

Usage: HIRAKU_URL=http://127.0.0.1:8000 python examples/python_client.py [PREFECTURE_CODE]
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from typing import Any

import httpx

ENDPOINT = os.environ.get("HIRAKU_URL", "http://127.0.0.1:8000").rstrip("/") + "/graphql"
MAX_PAGES = 20  # a bound on the loop, whatever the server says about hasNextPage

METRIC = """
query Metric($slug: String!) {
  dataset { licence attribution }
  metric(slug: $slug) {
    name
    latest { displayValue date source { page quote attribution } }
  }
}
"""

MUNICIPALITIES = """
query Municipalities($code: LocalGovCode!, $first: Int!, $after: String) {
  prefecture(areaCode: $code) {
    name
    municipalities(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { code name kindLabel }
    }
  }
}
"""


class GraphQLError(Exception):
    """The server answered, with errors (GraphQL errors come with HTTP status 200)."""


def execute(client: httpx.Client, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """POSTs a document with its variables; returns `data`, or raises on HTTP or GraphQL errors."""
    response = client.post(ENDPOINT, json={"query": query, "variables": variables})
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    if body.get("errors"):
        raise GraphQLError("; ".join(f"{e.get('extensions', {}).get('code')}: {e['message']}" for e in body["errors"]))
    data: dict[str, Any] = body["data"]
    return data


def municipalities(client: httpx.Client, prefecture_code: str, page_size: int = 50) -> tuple[str, list[dict[str, Any]]]:
    """A prefecture's name and all its municipalities, following `endCursor` until `hasNextPage` is false."""
    name, found, after = "", [], None
    for _ in range(MAX_PAGES):
        data = execute(client, MUNICIPALITIES, {"code": prefecture_code, "first": page_size, "after": after})
        if data["prefecture"] is None:
            raise LookupError(f"no prefecture {prefecture_code}")
        name, page = data["prefecture"]["name"], data["prefecture"]["municipalities"]
        found.extend(page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]  # opaque: passed back as it came
    return name, found


def main() -> int:
    prefecture_code = sys.argv[1] if len(sys.argv) > 1 else "01000"  # 北海道
    with httpx.Client(timeout=10) as client:
        data = execute(client, METRIC, {"slug": "public-funds-account-registrations"})
        metric, latest = data["metric"], data["metric"]["latest"]
        source = latest["source"]
        print(f"{metric['name']}: {latest['displayValue']} on {latest['date']}")
        if source["quote"]:  # figures read from other documents than the report have no quote or page
            print(f"  p.{source['page']}: 「{source['quote']}」")
        # The licence asks for a credit line wherever the data is shown: print it with the value.
        print(f"  {source['attribution']}")
        print(f"  dataset licence: {data['dataset']['licence']}; {data['dataset']['attribution']}")

        prefecture, found = municipalities(client, prefecture_code)
        summary = ", ".join(f"{kind} {count}" for kind, count in Counter(m["kindLabel"] for m in found).most_common())
        print(f"{prefecture}: {len(found)} municipalities ({summary})")
        print(f"  first {found[0]['name']} ({found[0]['code']}), last {found[-1]['name']} ({found[-1]['code']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
