"""The /graphql endpoint: Strawberry's ASGI app with a fresh context per request and persisted queries."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError
from starlette.datastructures import ImmutableMultiDict
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.http.types import QueryParams
from strawberry.schema.exceptions import CannotGetOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.unset import UNSET

from api.caching import GRAPHQL_PARAMETERS
from api.graphiql import graphiql_page
from api.http_errors import (
    Refusal,
    as_request_error,
    decode_json,
    from_http_exception,
    is_request_error,
    not_acceptable,
    unsupported_media_type,
)
from api.media_types import GRAPHQL_RESPONSE, JSON, content_type, response_media_type
from api.observability import EXECUTION_SECONDS, EXECUTIONS_WAITING, REFUSED, operation_label
from api.persisted import PersistedQueries, PersistedQueryError
from schema import build_schema
from schema.context import Context
from schema.limits import PERSISTED_QUERIES_BYTES

EXAMPLE_QUERY = Path(__file__).with_name("example_query.graphql")


class GraphQLApp(GraphQL[Context, None]):
    def __init__(self, *args: Any, max_executions: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.persisted = PersistedQueries(PERSISTED_QUERIES_BYTES)
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

    async def run(  # type: ignore[override]
        self, request: Request | WebSocket, context: Context = UNSET, root_value: None = UNSET
    ) -> Response | WebSocket:
        """Strawberry's handling, answered in the negotiated media type with the GraphQL-over-HTTP status codes;
        whatever Strawberry or this view refuses is a GraphQL error with a code, never plain text."""
        if not isinstance(request, Request):
            return await super().run(request, context, root_value)
        media_type = response_media_type(request.headers.get("accept")) or JSON
        try:
            response = await super().run(request, context, root_value)
        except Refusal as refused:
            return refused.response(media_type)
        except HTTPException as error:
            return from_http_exception(error).response(media_type)
        if response.headers.get("content-type") == JSON:  # an answer to a GraphQL request, not GraphiQL's page
            response.headers["content-type"] = content_type(media_type)
            if media_type == GRAPHQL_RESPONSE and getattr(request.state, "graphql_request_error", False):
                # A request error (nothing was executed) is the request's fault; legacy application/json clients
                # keep getting 200, as the spec asks of servers during the transition.
                response.status_code = 400
        return response

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData | list[GraphQLRequestData]:
        if response_media_type(request.headers.get("accept")) is None:
            raise not_acceptable()
        if request.method == "POST":
            given = request.content_type or ""
            media_type, params = parse_content_type(given)
            if media_type != JSON or params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
                raise unsupported_media_type(given)
        data = await super().parse_http_body(request)
        if isinstance(data, GraphQLRequestData):
            if not isinstance(data.operation_name, str | None):
                raise Refusal(400, "The GraphQL operation's `operationName` must be a string or null, if provided.")
            if data.operation_name == "":
                # The spec: an empty parameter is the same as none (a GET form sends empty fields).
                data = dataclasses.replace(data, operation_name=None)
        return data

    def parse_json(self, data: str | bytes) -> Any:
        parsed = decode_json(data, "The request body")
        if not isinstance(parsed, dict | list):
            raise Refusal(400, "The request body must be a JSON object.")
        return parsed

    def parse_query_params(self, params: QueryParams) -> dict[str, Any]:
        if isinstance(params, ImmutableMultiDict):
            for name in GRAPHQL_PARAMETERS:
                if (count := len(params.getlist(name))) > 1:
                    raise Refusal(400, f"The `{name}` parameter is given {count} times: give each parameter once.")
        parsed = dict(params)
        for name in ("variables", "extensions"):
            if parsed.get(name):
                parsed[name] = decode_json(str(parsed[name]), f"The `{name}` parameter")
        return parsed

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        return Context.for_request(request.app.state.pool, request.app.state.public_url)

    async def get_root_value(self, request: Request | WebSocket) -> None:
        return None

    async def execute_operation(  # type: ignore[override]
        self, request: Request, request_data: GraphQLRequestData | list[GraphQLRequestData], **kwargs: Any
    ) -> Any:
        if not isinstance(request_data, GraphQLRequestData):
            return await super().execute_operation(request=request, request_data=request_data, **kwargs)
        try:
            persisted = self.persisted.resolve(request_data.query, request_data.extensions)
        except PersistedQueryError as refused:
            return ExecutionResult(data=None, errors=[refused.error])
        request_data = dataclasses.replace(request_data, query=persisted.query)
        with EXECUTIONS_WAITING.track_inprogress():
            await self.executions.acquire()
        started = time.perf_counter()
        result: Any = None
        try:
            result = await super().execute_operation(request=request, request_data=request_data, **kwargs)
        except HTTPException as error:
            if not isinstance(error.__cause__, CannotGetOperationTypeError):
                result = error  # refused: the view answers it
                raise
            # Which operation to run cannot be told (GraphQL's GetOperation()): a request error like a validation
            # error, with the code clients know from Apollo.
            code = {"code": "OPERATION_RESOLUTION_FAILURE"}
            result = PreExecutionError(data=None, errors=[GraphQLError(error.reason, extensions=code)])
        finally:
            self.executions.release()
            # Only an operation that ran may name a metric or be remembered by its hash; a refused one (it does
            # not parse, validate, resolve or fit the limits) is counted as `refused` and forgotten. One that was
            # interrupted (the time limit, the client gone) keeps a name it already has.
            ran = isinstance(result, ExecutionResult) and not is_request_error(result)
            if result is None or ran:
                label = operation_label(request_data.operation_name, persisted.query, ran=ran)
            else:
                label = REFUSED
            EXECUTION_SECONDS.labels(label).observe(time.perf_counter() - started)
        if ran:
            self.persisted.remember(persisted)
        return result

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        if result.errors:
            # Answers with errors are not cached by browsers or CDNs (see api/caching.py).
            request.state.graphql_errors = True
        response = await super().process_result(request, result)
        if is_request_error(result):
            request.state.graphql_request_error = True
            return as_request_error(result, response)
        return response


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
