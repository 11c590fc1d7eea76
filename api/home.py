"""`GET /`: what hiraku serves and where to find it, as HTML for browsers and JSON for everyone else; and
`GET /schema.graphql`, the schema as SDL."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from strawberry.schema.base import BaseSchema

from api.home_page import render
from db.exports import EXPORT_FORMATS, EXPORT_TABLES
from schema.context import Context
from schema.limits import CACHE_MAX_AGE_S

QUERY = Path(__file__).with_name("home.graphql")
ABOUT = {
    "ja": "デジタル庁 年次報告書（2022年9月 – 2023年8月）のデータを公開する、読み取り専用の GraphQL API。"
    "どの値にも出典があります。",
    "en": "A public, read-only GraphQL API over the Japanese Digital Agency's annual report "
    "(September 2022 – August 2023). Every value says where it comes from.",
}
DOCS = {
    "ja": "使い方は hiraku のソースの README.md と docs/ にあります。",
    "en": "How to run and use hiraku: README.md and docs/ in its source.",
}


class Home:
    """The home page and the SDL. What the page says about the dataset is read through the API's own schema, once
    per dataset version."""

    def __init__(self, schema: BaseSchema, *, graphiql: bool, introspection: bool) -> None:
        self.schema = schema
        self.graphiql = graphiql
        self.introspection = introspection
        self.query = QUERY.read_text(encoding="utf-8")
        self.docs = _docs(graphiql=graphiql, introspection=introspection)
        self.kept: tuple[str, dict[str, Any]] | None = None

    async def page(self, request: Request) -> Response:
        facts = await self.facts(request)
        known = facts["dataset"] is not None
        headers = {"vary": "Accept", "cache-control": f"public, max-age={CACHE_MAX_AGE_S}" if known else "no-store"}
        if wants_html(request.headers.get("accept", "")):
            return HTMLResponse(render(facts), headers=headers)
        return JSONResponse(facts, headers=headers)

    async def sdl(self, request: Request) -> Response:
        return PlainTextResponse(self.printed_schema, headers={"cache-control": "no-cache"})

    @cached_property
    def printed_schema(self) -> str:
        """The SDL, printed once: the schema does not change while the process runs."""
        return self.schema.as_str() + "\n"

    async def facts(self, request: Request) -> dict[str, Any]:
        """The page's content: the dataset (None with the reason while it cannot be read) and the links."""
        version: str | None = request.app.state.dataset_version.current
        if version is not None and self.kept is not None and self.kept[0] == version:
            return self.kept[1]
        result = await self.schema.execute(
            self.query, context_value=Context.for_request(request.app.state.pool, request.app.state.public_url)
        )
        data = result.data or {}
        problem = None
        if result.errors or not data.get("dataset"):
            reason = result.errors[0].message if result.errors else "no dataset is loaded"
            problem = f"The dataset cannot be read now, so its version is unknown: {reason}"
        dataset = None if problem else data["dataset"]
        facts: dict[str, Any] = {
            "name": "hiraku",
            "about": ABOUT,
            "dataset": dataset,
            "datasetProblem": problem,
            "links": self.links(data.get("metrics")),
            "docs": self.docs,
        }
        if version is not None and dataset is not None and dataset["version"] == version:
            self.kept = (version, facts)
        return facts

    def links(self, metrics: dict[str, Any] | None) -> dict[str, Any]:
        nodes = (metrics or {}).get("nodes") or []
        return {
            "graphql": "/graphql",
            "graphiql": "/graphql" if self.graphiql else None,
            "schema": "/schema.graphql" if self.introspection else None,
            "catalog": "/catalog.jsonld",
            "openapi": "/openapi.json",
            "exportIndex": "/export/",
            "dataPackage": "/export/datapackage.json",
            "exports": [
                {"table": table, **{format_: f"/export/{table}.{format_}" for format_ in EXPORT_FORMATS}}
                for table in EXPORT_TABLES
            ],
            # The metrics fit in one page of 100 today; beyond it, a metric's map is still at Metric.mapUrl.
            # Relative, like the other links here (mapUrl is absolute, on HIRAKU_PUBLIC_URL).
            "maps": [{"metric": m["slug"], "name": m["name"], "url": _path(m["mapUrl"])} for m in nodes if m["mapUrl"]],
            "graphiqlLicences": "/graphiql/licences" if self.graphiql else None,
            "health": "/healthz",
            "readiness": "/readyz",
            "metrics": "/metrics",
        }


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _docs(*, graphiql: bool, introspection: bool) -> dict[str, str]:
    if not introspection:
        return DOCS
    where = {"ja": "GraphiQL の Docs、/schema.graphql", "en": "GraphiQL's Docs panel, /schema.graphql"}
    if not graphiql:
        where = {"ja": "/schema.graphql", "en": "/schema.graphql"}
    return {
        "ja": f"スキーマの全フィールドに説明があります（{where['ja']}）。{DOCS['ja']}",
        "en": f"Every type and field of the schema is described ({where['en']}). {DOCS['en']}",
    }


def wants_html(accept: str) -> bool:
    """True when the client prefers HTML to JSON (a browser); a tie, `*/*` or no Accept at all gets JSON."""
    weights: dict[str, float] = {}
    for item in accept.split(","):
        media_type, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[media_type.lower()] = max(weight, weights.get(media_type.lower(), 0.0))

    def quality(media_type: str) -> float:
        # The most specific range that matches decides (RFC 9110, 12.5.1).
        for candidate in (media_type, f"{media_type.split('/')[0]}/*", "*/*"):
            if candidate in weights:
                return weights[candidate]
        return 0.0

    return quality("text/html") > quality("application/json")
