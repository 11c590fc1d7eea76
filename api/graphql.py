"""The /graphql endpoint: Strawberry's ASGI app with a fresh context (pool + loaders) per request."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from schema import build_schema
from schema.context import Context

EXAMPLE_QUERY = Path(__file__).with_name("example_query.graphql")


class GraphQLApp(GraphQL[Context, None]):
    @cached_property
    def graphql_ide_html(self) -> str:
        """Strawberry's GraphiQL page, opening on an example query over hiraku's data."""
        page = super().graphql_ide_html
        start = page.index("const EXAMPLE_QUERY = `") + len("const EXAMPLE_QUERY = `")
        end = page.index("`;", start)
        example = EXAMPLE_QUERY.read_text(encoding="utf-8").replace("`", "")
        page = page[:start] + example + page[end:]
        return page.replace("<title>Strawberry GraphiQL</title>", "<title>hiraku GraphiQL</title>")

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        return Context.for_request(request.app.state.pool)

    def encode_json(self, data: object) -> str:
        # Japanese text as UTF-8, not \u escapes: a third of the size, and readable in curl.
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    async def get_root_value(self, request: Request | WebSocket) -> None:
        return None


def graphql_app(*, graphiql: bool, introspection: bool, **options: Any) -> GraphQLApp:
    return GraphQLApp(
        build_schema(introspection=introspection),
        graphql_ide="graphiql" if graphiql else None,
        allow_queries_via_get=True,
        **options,
    )
