"""DatasetVersion, followed in the background; HttpCache: GET answers carry an ETag (dataset version + request)
and Cache-Control, and If-None-Match gets 304; repeated_parameters for the endpoints that refuse them."""

from __future__ import annotations

import asyncio
import hashlib
from collections import Counter
from collections.abc import Iterable
from urllib.parse import parse_qsl

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.media_types import SERVED, response_media_type
from db.dataset import dataset_version
from db.pool import STATEMENT_PURPOSE, ApiPool, DatabaseUnavailable, QueryTimeout
from db.replicas import FALL_BACK, ReadPools

VERSION_TTL_S = 5.0
GRAPHQL_PARAMETERS = ("query", "variables", "operationName", "extensions")
"""The parameters of a GraphQL GET request; any other parameter is ignored."""


class DatasetVersion:
    """The loaded dataset's version, checked in the background every VERSION_TTL_S: it only changes when data is
    loaded, and no request should wait for (or pay a statement for) reading it."""

    def __init__(self, pool: ApiPool | ReadPools) -> None:
        self.pool = pool
        self.current: str | None = None

    async def check(self) -> str | None:
        """Read the version now. While the database cannot answer, the last version read stays current: answers
        kept for it remain right, since a dataset cannot change while the database is away."""
        token = STATEMENT_PURPOSE.set("dataset_version")
        try:
            if isinstance(self.pool, ReadPools):
                self.current = await _replicated_version(self.pool) or self.current
            else:
                self.current = await dataset_version(self.pool) or self.current
        except (DatabaseUnavailable, QueryTimeout):
            pass
        finally:
            STATEMENT_PURPOSE.reset(token)
        return self.current

    async def follow(self) -> None:
        """Check until cancelled (the app's lifespan runs this as a task)."""
        while True:
            await self.check()
            await asyncio.sleep(VERSION_TTL_S)


async def _replicated_version(pools: ReadPools) -> str | None:
    """The primary's version, which a load changes first. A standby that holds another (it has not replayed the
    load yet) or cannot say is left out of reads for a while: answers kept or tagged with this version must not
    come from older data."""
    version = await dataset_version(pools.primary)
    if version is None:
        return None
    standbys = pools.in_rotation()
    for standby, held in zip(standbys, await asyncio.gather(*(_version_on(s.pool) for s in standbys)), strict=True):
        if held != version:
            pools.hold_back(standby, "behind the primary" if held else "its dataset version could not be read")
    return version


async def _version_on(pool: ApiPool) -> str | None:
    try:
        return await dataset_version(pool)
    except (QueryTimeout, *FALL_BACK):
        return None


class HttpCache:
    def __init__(self, app: ASGIApp, max_age: int) -> None:
        self.app = app
        self.max_age = max_age

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope.get("query_string"):
            await self.app(scope, receive, send)
            return
        version = scope["app"].state.dataset_version.current
        if version is None:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        media_type = response_media_type(headers.get("accept"))
        if repeated_parameters(scope["query_string"], GRAPHQL_PARAMETERS):
            # Refused by the view (which of the values would run is not clear): never a 304 for it.
            await self.app(scope, receive, self._no_store(send))
            return
        if media_type is None:
            await self.app(scope, receive, self._no_store(send))
            return
        # The same query answers differently in each media type (content type, and the status of an error).
        etag = weak_etag(version, scope["path"], scope["query_string"], variant=media_type)
        if etag in requested_etags(headers):
            start = [(b"etag", etag.encode()), (b"cache-control", self._cache_control().encode()), (b"vary", b"Accept")]
            await send({"type": "http.response.start", "status": 304, "headers": start})
            await send({"type": "http.response.body", "body": b""})
            return

        async def caching_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer = MutableHeaders(scope=message)
                served = answer.get("content-type", "").split(";")[0] in SERVED
                complete = message["status"] == 200 and not scope.get("state", {}).get("graphql_errors", False)
                if served and complete:
                    answer["etag"] = etag
                    answer["cache-control"] = self._cache_control()
                    answer.add_vary_header("Accept")
                else:
                    # Errors (4xx included, which browsers could otherwise keep by heuristics) must not outlive
                    # their cause.
                    answer["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, caching_send)

    @staticmethod
    def _no_store(send: Send) -> Send:
        async def no_store_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["cache-control"] = "no-store"
            await send(message)

        return no_store_send

    def _cache_control(self) -> str:
        return f"public, max-age={self.max_age}"


def weak_etag(version: str, path: str, query_string: bytes, variant: str = "") -> str:
    """Weak ETag over the dataset version, the path and the request's parameters, whatever the order of their
    names (and the negotiated media type, when there is a choice): the answers of /graphql, /export and /maps only
    change when a dataset is loaded. Values of a repeated name keep their order: the last one is the one read."""
    pairs = sorted(parameters(query_string), key=lambda pair: pair[0])
    parts = (version, path, pairs, variant) if variant else (version, path, pairs)
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def parameters(query_string: bytes) -> list[tuple[str, str]]:
    """The query string's (name, value) pairs in order, decoded as Starlette decodes them."""
    return parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)


def repeated_parameters(query_string: bytes, read: Iterable[str]) -> list[str]:
    """The names among `read` given more than once: an endpoint runs one of the values (Starlette keeps the last),
    so a repeated parameter is refused rather than guessed at."""
    counts = Counter(name for name, _ in parameters(query_string))
    return [name for name in read if counts[name] > 1]


def requested_etags(headers: Headers) -> set[str]:
    """The ETags of If-None-Match."""
    return {tag.strip() for tag in headers.get("if-none-match", "").split(",") if tag.strip()}
