"""The /graphql endpoint: Strawberry's ASGI app with a fresh context per request and persisted queries."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.types import ExecutionResult

from api.graphiql import graphiql_page
from api.observability import EXECUTION_SECONDS, EXECUTIONS_WAITING, operation_label
from api.persisted import PersistedQueries, PersistedQueryError
from schema import build_schema
from schema.context import Context
from schema.limits import MAX_PERSISTED_QUERIES

EXAMPLE_QUERY = Path(__file__).with_name("example_query.graphql")


class GraphQLApp(GraphQL[Context, None]):
    def __init__(self, *args: Any, max_executions: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.persisted = PersistedQueries(MAX_PERSISTED_QUERIES)
        # Execution is CPU-bound: beyond a few at once, more only interleave, which keeps every request's objects
        # alive longer (memory, garbage collection) and makes all of them late. The others wait their turn, in
        # order, within the request's time limit.
        self.executions = asyncio.Semaphore(max_executions)

    @cached_property
    def graphql_ide_html(self) -> str:
        """GraphiQL with the explorer plugin, its files served by hiraku (api/graphiql.py), opening on an example
        query over hiraku's data."""
        return graphiql_page(EXAMPLE_QUERY.read_text(encoding="utf-8"))

    def encode_json(self, data: object) -> bytes:
        # Japanese text as UTF-8, not \u escapes: a third of the size, and readable in curl. orjson is about ten
        # times faster than the json module on large answers.
        try:
            return orjson.dumps(data)
        except orjson.JSONEncodeError:
            # A lone surrogate echoed from the request cannot be UTF-8: send that answer with escapes.
            return json.dumps(data, separators=(",", ":")).encode()

    def should_render_graphql_ide(self, request: Any) -> bool:
        """GraphiQL for a browser's plain GET only, never for a request that carries a query or a hash."""
        asks_html = "text/html" in request.headers.get("accept", "")
        params = request.query_params
        return request.method == "GET" and asks_html and params.get("query") is None and not params.get("extensions")

    def parse_json(self, data: str | bytes) -> Any:
        try:
            parsed = super().parse_json(data)
        except UnicodeDecodeError as error:
            raise HTTPException(400, "The request body is not UTF-8") from error
        if not isinstance(parsed, dict | list):
            raise HTTPException(400, "The request body must be a JSON object")
        return parsed

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        return Context.for_request(request.app.state.pool)

    async def get_root_value(self, request: Request | WebSocket) -> None:
        return None

    async def execute_operation(  # type: ignore[override]
        self, request: Request, request_data: GraphQLRequestData | list[GraphQLRequestData], **kwargs: Any
    ) -> Any:
        if isinstance(request_data, GraphQLRequestData):
            try:
                query = self.persisted.resolve(request_data.query, request_data.extensions)
            except PersistedQueryError as refused:
                return ExecutionResult(data=None, errors=[refused.error])
            request_data = dataclasses.replace(request_data, query=query)
        operation = operation_label(getattr(request_data, "operation_name", None), getattr(request_data, "query", None))
        with EXECUTIONS_WAITING.track_inprogress():
            await self.executions.acquire()
        try:
            with EXECUTION_SECONDS.labels(operation).time():
                return await super().execute_operation(request=request, request_data=request_data, **kwargs)
        finally:
            self.executions.release()

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        if result.errors:
            # Answers with errors are not cached by browsers or CDNs (see api/caching.py).
            request.state.graphql_errors = True
        return await super().process_result(request, result)


def graphql_app(
    *, graphiql: bool, introspection: bool, max_executions: int, tracing: bool = False, **options: Any
) -> GraphQLApp:
    return GraphQLApp(
        build_schema(introspection=introspection, tracing=tracing),
        graphql_ide="graphiql" if graphiql else None,
        allow_queries_via_get=True,
        max_executions=max_executions,
        **options,
    )
