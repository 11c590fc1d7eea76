"""ResponseCache: answers kept by (document, variables, operation, extensions, dataset version), served as bytes.

Dashboards and embedded widgets ask the same questions over and over; the data only changes when a dataset is
loaded. A repeated request is answered from memory without parsing, validating, executing or encoding anything.
Only complete answers are kept (HTTP 200, a GraphQL JSON media type, no errors): an error may be transient (a
database outage, a timeout) and must not outlive its cause. The store is bounded by bytes and drops the least
recently used first; it is emptied when the dataset version changes.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

import orjson
from cachetools import LRUCache
from prometheus_client import Counter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.media_types import SERVED, response_media_type

RESPONSE_CACHE = Counter(
    "hiraku_response_cache",
    "GraphQL requests by what the response cache did: hit (answered from memory), miss (executed, then kept when "
    "complete), bypass (not cacheable: unknown dataset version, unreadable body).",
    ["result"],
)
HIT = RESPONSE_CACHE.labels("hit")
MISS = RESPONSE_CACHE.labels("miss")
BYPASS = RESPONSE_CACHE.labels("bypass")

Key = tuple[Any, ...]


class Answer:
    """A kept answer: its response headers and body, weighed by its size."""

    __slots__ = ("body", "headers", "size")

    def __init__(self, headers: list[tuple[bytes, bytes]], body: bytes, key_size: int) -> None:
        self.headers = headers
        self.body = body
        self.size = len(body) + key_size + sum(len(name) + len(value) for name, value in headers)


def _size(answer: Answer) -> int:
    return answer.size


class ResponseCache:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_entry_bytes = max_bytes // 16
        self.answers: LRUCache[Key, Answer] = LRUCache(maxsize=max_bytes, getsizeof=_size)
        self.version: str | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "POST"):
            await self.app(scope, receive, send)
            return
        body, more = await _read_body(receive) if scope["method"] == "POST" else (b"", False)
        replay = _replaying(body, more, receive)
        version = scope["app"].state.dataset_version.current
        key = _key(scope, body) if version is not None and not more else None
        if key is None:
            BYPASS.inc()
            await self.app(scope, replay, send)
            return
        if version != self.version:
            # A new dataset: every kept answer is out of date.
            self.answers.clear()
            self.version = version
        key = (version, *key)
        answer = self.answers.get(key)
        if answer is not None:
            HIT.inc()
            await send({"type": "http.response.start", "status": 200, "headers": answer.headers})
            await send({"type": "http.response.body", "body": answer.body})
            return
        MISS.inc()
        await self.app(scope, replay, self._keeping(scope, key, send))

    def _keeping(self, scope: Scope, key: Key, send: Send) -> Send:
        """Pass the answer on, and keep a copy when it is complete and small enough."""
        start: Message | None = None
        chunks: list[bytes] = []
        key_size = sum(len(part) if isinstance(part, str | bytes) else len(repr(part)) for part in key)

        async def keeping_send(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message if message["status"] == 200 else None
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(scope, key, start, b"".join(chunks), key_size)
            await send(message)

        return keeping_send

    def _keep(self, scope: Scope, key: Key, start: Message, body: bytes, key_size: int) -> None:
        headers = [(bytes(name), bytes(value)) for name, value in start.get("headers", [])]
        is_json = any(
            name.lower() == b"content-type" and value.split(b";")[0].decode("latin-1") in SERVED
            for name, value in headers
        )
        errors = scope.get("state", {}).get("graphql_errors", False)
        answer = Answer(headers, body, key_size)
        if is_json and not errors and answer.size <= self.max_entry_bytes:
            self.answers[key] = answer


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    """The whole body (Starlette's max_body_size bounds it), and whether the client went away mid-way."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks), True
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), False


def _replaying(body: bytes, disconnected: bool, receive: Receive) -> Receive:
    """The body once more for the app behind, then the connection's own messages."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            if disconnected:
                return {"type": "http.disconnect"}
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _key(scope: Scope, body: bytes) -> Key | None:
    """What decides the answer: the document, variables, operation name and extensions (persisted query hash,
    cost), the header that decides how the body is read, and the media type the answer is in (its content type
    and the status of a request error). None when the request is not an ordinary GraphQL request; the app behind
    then answers it as it may."""
    media_type = response_media_type(_header(scope, b"accept").decode("latin-1"))
    if media_type is None:
        return None
    if scope["method"] == "GET":
        # GraphiQL's page and other non-JSON answers are never kept (see _keep); the parameters are the request.
        params = tuple(sorted(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)))
        return ("GET", params, media_type) if params else None
    try:
        request = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(request, dict):
        return None
    try:
        # The whole request in one canonical form: query, variables, operationName and extensions.
        canonical = orjson.dumps(request, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return None
    return ("POST", _header(scope, b"content-type"), media_type, canonical)


def _header(scope: Scope, wanted: bytes) -> bytes:
    for name, value in scope["headers"]:
        if name == wanted:
            return bytes(value)
    return b""
