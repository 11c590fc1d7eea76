"""ResponseCache: answers kept by (document, variables, operation, extensions, dataset version), served as bytes.

Dashboards and embedded widgets ask the same questions over and over; the data only changes when a dataset is
loaded. A repeated request is answered from memory without parsing, validating, executing or encoding anything.
Only complete answers are kept (HTTP 200, a GraphQL JSON media type, no errors): an error may be transient (a
database outage, a timeout) and must not outlive its cause. The store is bounded by the memory its entries take
(bookkeeping included) and drops the least recently used first; one client address may hold at most a share of
it; it is emptied when the dataset version changes.
"""

from __future__ import annotations

import hashlib
import sys
from collections import OrderedDict
from typing import Any

import orjson
from cachetools import Cache, LRUCache
from prometheus_client import Counter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.caching import GRAPHQL_PARAMETERS, parameters, repeated_parameters
from api.media_types import SERVED, response_media_type
from schema.limits import RESPONSE_CACHE_ENTRY_BYTES, RESPONSE_CACHE_SHARES

RESPONSE_CACHE = Counter(
    "hiraku_response_cache",
    "GraphQL requests by what the response cache did: hit (answered from memory), miss (executed, then kept when "
    "complete), bypass (not cacheable: unknown dataset version, unreadable body).",
    ["result"],
)
HIT = RESPONSE_CACHE.labels("hit")
MISS = RESPONSE_CACHE.labels("miss")
BYPASS = RESPONSE_CACHE.labels("bypass")

READ_EXTENSIONS = ("persistedQuery", "cost")
"""The request extensions the server reads (api/persisted.py, schema/extensions/cost.py): any other leaves the
answer unchanged, so it is left out of the key and cannot make another copy of the same answer."""


class Answer:
    """A kept answer: its response headers and body, exactly sized copies, weighed by the memory they take."""

    __slots__ = ("body", "client", "headers", "size")

    def __init__(self, headers: list[tuple[bytes, bytes]], body: bytes, client: str) -> None:
        # orjson's result keeps the whole buffer it wrote into, some 4 KiB for a 70-byte answer: keep copies.
        self.headers = [(_compact(name), _compact(value)) for name, value in headers]
        self.body = _compact(body)
        self.client = client
        self.size = (
            RESPONSE_CACHE_ENTRY_BYTES
            + _allocated(self.body)
            + _allocated(self.headers)
            + sum(_allocated(pair) + _allocated(pair[0]) + _allocated(pair[1]) for pair in self.headers)
        )


def _compact(data: bytes) -> bytes:
    return memoryview(data).tobytes()


def _allocated(thing: object) -> int:
    """Memory an object takes, rounded up as Python's allocator does."""
    return -(-sys.getsizeof(thing) // 16) * 16


def _size(answer: Answer) -> int:
    return answer.size


class Answers(LRUCache[bytes, Answer]):
    """Answers by key, bounded by memory, the least recently used dropped first; and each client's answers bounded
    by a share of it, that client's own least recently kept dropped first, so that one client asking many distinct
    questions cannot push out everybody else's answers."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(maxsize=max_bytes, getsizeof=_size)
        self.max_entry_bytes = max_bytes // 16
        self.client_bytes = max_bytes // RESPONSE_CACHE_SHARES
        self.kept_by: dict[str, OrderedDict[bytes, None]] = {}
        self.held: dict[str, int] = {}

    def keep(self, key: bytes, answer: Answer) -> None:
        if answer.size > self.max_entry_bytes or Cache.__contains__(self, key):
            return
        client = answer.client
        while self.held.get(client, 0) + answer.size > self.client_bytes and client in self.kept_by:
            del self[next(iter(self.kept_by[client]))]
        self[key] = answer
        self.kept_by.setdefault(client, OrderedDict())[key] = None
        self.held[client] = self.held.get(client, 0) + answer.size

    def __delitem__(self, key: bytes) -> None:
        answer = Cache.__getitem__(self, key)  # without counting it as used
        super().__delitem__(key)
        kept = self.kept_by[answer.client]
        del kept[key]
        self.held[answer.client] -= answer.size
        if not kept:
            del self.kept_by[answer.client], self.held[answer.client]


class ResponseCache:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.answers = Answers(max_bytes)
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
            self.answers = Answers(self.max_bytes)
            self.version = version
        answer = self.answers.get(key)
        if answer is not None:
            HIT.inc()
            await send({"type": "http.response.start", "status": 200, "headers": list(answer.headers)})
            await send({"type": "http.response.body", "body": answer.body})
            return
        MISS.inc()
        await self.app(scope, replay, self._keeping(scope, key, send))

    def _keeping(self, scope: Scope, key: bytes, send: Send) -> Send:
        """Pass the answer on, and keep a copy when it is complete and small enough."""
        headers: list[tuple[bytes, bytes]] | None = None
        chunks: list[bytes] = []

        async def keeping_send(message: Message) -> None:
            nonlocal headers
            if message["type"] == "http.response.start":
                # The view's headers as they are now: the middleware outside adds its own (ETag, Vary, CORS) to
                # this message, and adds them again to an answer sent from here.
                headers = list(message.get("headers", [])) if message["status"] == 200 else None
            elif message["type"] == "http.response.body" and headers is not None:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(scope, key, headers, b"".join(chunks))
            await send(message)

        return keeping_send

    def _keep(self, scope: Scope, key: bytes, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        is_json = any(
            name.lower() == b"content-type" and bytes(value).split(b";")[0].decode("latin-1") in SERVED
            for name, value in headers
        )
        errors = scope.get("state", {}).get("graphql_errors", False)
        if is_json and not errors and len(body) <= self.answers.max_entry_bytes:
            client = scope.get("client")
            self.answers.keep(key, Answer(headers, body, str(client[0]) if client else "unknown"))


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


def _key(scope: Scope, body: bytes) -> bytes | None:
    """A digest of what decides the answer: the document, variables, operation name and the extensions read, the
    header that decides how the body is read, and the media type the answer is in (its content type and the status
    of a request error). None when the request is not an ordinary GraphQL request; the app behind then answers it
    as it may (and refuses it when it must)."""
    media_type = response_media_type(_header(scope, b"accept").decode("latin-1"))
    if media_type is None:
        return None
    request = _get_request(scope.get("query_string", b"")) if scope["method"] == "GET" else _post_request(body)
    if request is None:
        return None
    extensions = request.get("extensions")
    if isinstance(extensions, dict):
        request["extensions"] = {name: extensions[name] for name in READ_EXTENSIONS if name in extensions}
    try:
        # The request in one canonical form, whatever the order of keys and the spacing of the JSON.
        canonical = orjson.dumps(request, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return None
    given = (scope["method"].encode(), _header(scope, b"content-type"), media_type.encode(), canonical)
    return hashlib.sha256(b"\n".join(given)).digest()


def _get_request(query_string: bytes) -> dict[str, Any] | None:
    """The GET request's GraphQL parameters (any other is not read), JSON ones decoded."""
    if repeated_parameters(query_string, GRAPHQL_PARAMETERS):
        return None
    request: dict[str, Any] = {name: value for name, value in parameters(query_string) if name in GRAPHQL_PARAMETERS}
    if not request:
        return None  # GraphiQL's page, and other non-JSON answers, are never kept (see _keep)
    try:
        for name in ("variables", "extensions"):
            if request.get(name):
                request[name] = orjson.loads(request[name])
    except orjson.JSONDecodeError:
        return None
    return request


def _post_request(body: bytes) -> dict[str, Any] | None:
    try:
        request = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(request, dict):
        return None
    return {name: request[name] for name in GRAPHQL_PARAMETERS if name in request}


def _header(scope: Scope, wanted: bytes) -> bytes:
    for name, value in scope["headers"]:
        if name == wanted:
            return bytes(value)
    return b""
