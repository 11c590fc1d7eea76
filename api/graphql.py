"""The /graphql endpoint: Strawberry's ASGI app with a fresh context (pool + loaders) per request."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from schema import build_schema
from schema.context import Context


class GraphQLApp(GraphQL[Context, None]):
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
