"""Refusal: a request /graphql will not run, answered as a GraphQL error (`{"errors": [...]}` with a stable
`extensions.code`) and a 4xx status, never as plain text."""

from __future__ import annotations

from typing import Any

import orjson
from cross_web import HTTPException
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from api.media_types import JSON, SERVED, content_type, response_media_type
from schema.limits import MAX_BODY_BYTES

ACCEPTED_BODIES = "POST takes application/json; GET takes ?query=&variables= in the URL."
CODES = {
    400: "BAD_REQUEST",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}

# Errors of the server, not of the request: their answers keep `"data": null` and a 2xx status.
SERVER_CODES = frozenset({"INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE", "QUERY_TIMEOUT"})


class Refusal(Exception):
    """The request is not a GraphQL request this server runs; `message` says what was wrong."""

    def __init__(self, status: int, message: str, code: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "BAD_REQUEST")
        self.headers = headers or {}

    def response(self, media_type: str) -> Response:
        """The answer, in the negotiated media type (application/json when the client accepts none of ours)."""
        body = {"errors": [{"message": self.message, "extensions": {"code": self.code}}]}
        headers = {**self.headers, "content-type": content_type(media_type)}
        return Response(orjson.dumps(body), status_code=self.status, headers=headers)


def not_acceptable() -> Refusal:
    return Refusal(406, "The Accept header allows none of the media types served: " + ", ".join(SERVED) + ".")


def unsupported_media_type(given: str) -> Refusal:
    what = f"Content-Type {given!r} is not supported" if given else "The request has no Content-Type"
    return Refusal(415, f"{what}. {ACCEPTED_BODIES}")


def method_not_allowed(message: str, allow: str) -> Refusal:
    return Refusal(405, message, headers={"allow": allow})


def from_http_exception(error: HTTPException) -> Refusal:
    """Strawberry's refusals (plain-text reasons) as GraphQL errors, with a clearer message where it helps."""
    cause = error.__cause__
    if isinstance(cause, InvalidOperationTypeError):
        # GET is for queries only (a link must not change anything): 405, as the spec recommends.
        return method_not_allowed(f"{error.reason}: send mutations by POST.", "POST")
    if isinstance(cause, MissingQueryError):
        return Refusal(400, "The request has no `query` (the GraphQL document, as a string).")
    if error.status_code == 405:
        return method_not_allowed(error.reason, "GET, POST")
    if error.reason == "Batching is not enabled":
        return Refusal(400, "A JSON array (a batch of operations) is not supported: send one object per request.")
    return Refusal(error.status_code if 400 <= error.status_code < 500 else 400, error.reason)


def decode_json(text: str | bytes, what: str) -> Any:
    """`text` decoded, or a Refusal naming `what` and what is wrong with it. orjson refuses what JSON cannot carry
    as text (lone UTF-16 surrogates, invalid UTF-8) and nesting beyond 1024 levels, before anything else sees it."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:
        reason = str(error)
        if "UTF-8" in reason:
            message = f"{what} is not UTF-8."
        elif "surrogate" in reason:
            message = f"{what} contains a lone UTF-16 surrogate (at character {error.pos}), which is not text."
        elif "depth limit" in reason:
            message = f"{what} is nested more than 1024 levels deep."
        elif not text:
            message = f"{what} is empty."
        else:
            message = f"{what} is not valid JSON: {reason}."
        raise Refusal(400, message) from None


def is_request_error(result: ExecutionResult) -> bool:
    """Whether the request failed before execution (document parsing, validation, variable coercion, cost,
    persisted query): no data, and errors without a path, as opposed to field errors of an execution."""
    errors = result.errors or []
    return (
        result.data is None
        and bool(errors)
        and all(error.path is None for error in errors)
        and not any((error.extensions or {}).get("code") in SERVER_CODES for error in errors)
    )


def as_request_error(result: ExecutionResult, response: GraphQLHTTPResponse) -> GraphQLHTTPResponse:
    """The answer without a `data` entry (GraphQL spec: a request error is reported before execution begins, and
    there is no data). Errors raised after validation without a code of their own are variable values that could
    not be coerced: the client's input."""
    response = {key: value for key, value in response.items() if key != "data"}  # type: ignore[assignment]
    if not isinstance(result, PreExecutionError):
        for error in response.get("errors") or []:
            extensions = error.setdefault("extensions", {}) if isinstance(error, dict) else {}
            if extensions.get("code") in (None, "GRAPHQL_VALIDATION_FAILED"):
                extensions["code"] = "BAD_USER_INPUT"
    return response


class PlainRefusals:
    """Starlette refuses a method /graphql does not take (405) and a body over the limit (413) in plain text before
    the view sees the request: those answers become GraphQL errors like the view's."""

    def __init__(self, app: ASGIApp, path: str) -> None:
        self.app = app
        self.path = path
        self.messages = {
            405: "/graphql takes GET and POST.",
            413: f"The request body is larger than {MAX_BODY_BYTES // 1024} KiB: send a shorter document, or persist "
            "it (the persistedQuery extension) and send its hash.",
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        replaced = False

        async def replacing_send(message: Message) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start" and message["status"] in self.messages:
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/plain"):
                    replaced = True
                    status = message["status"]
                    body = orjson.dumps(
                        {"errors": [{"message": self.messages[status], "extensions": {"code": CODES[status]}}]}
                    )
                    media_type = response_media_type(Headers(scope=scope).get("accept")) or JSON
                    headers["content-type"] = content_type(media_type)
                    headers["content-length"] = str(len(body))
                    await send(message)
                    await send({"type": "http.response.body", "body": body})
                    return
            if replaced and message["type"] == "http.response.body":
                return  # the plain text, already replaced
            await send(message)

        await self.app(scope, receive, replacing_send)
