"""GET /export/{table}.csv|.json: whole tables for spreadsheets and scripts, streamed from a database cursor."""

from __future__ import annotations

import asyncio
import logging
import re
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.types import Message, Receive, Scope, Send

from api.caching import requested_etags, weak_etag
from api.clients import client_key
from api.export_formats import csv_chunks, json_chunks
from api.limits import EXPORT_MIN_RATE, EXPORT_STALL_S, MAX_EXPORTS_PER_CLIENT
from db.areacode import AreaCodeError, normalise
from db.dataset import dataset
from db.exports import EXPORT_FORMATS, EXPORT_TABLES, ExportTable, export_rows
from db.pool import ApiPool, DatabaseUnavailable, QueryTimeout
from db.stream import RowStream
from schema.limits import CACHE_MAX_AGE_S, EXPORT_BATCH_ROWS, MAX_ARGUMENT_LENGTH, MAX_CONCURRENT_EXPORTS

SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")
RETRY_AFTER_S = 5
T = TypeVar("T")
logger = logging.getLogger("hiraku.exports")


class ExportError(Exception):
    def __init__(self, status: int, message: str, code: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code

    def response(self) -> Response:
        body = {"errors": [{"message": str(self), "extensions": {"code": self.code}}]}
        headers = {"retry-after": str(RETRY_AFTER_S)} if self.status in (429, 503) else None
        return JSONResponse(body, status_code=self.status, headers=headers)


class Exports:
    """The endpoint, with what it keeps per process: the slots of exports running at once (in all, and by client
    address), and the licence headers of the loaded dataset version (read once per version)."""

    def __init__(self, max_running: int = MAX_CONCURRENT_EXPORTS) -> None:
        self.slots = asyncio.Semaphore(max_running)
        self.running_by_client: Counter[str] = Counter()
        self.licence: tuple[str, dict[str, str]] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await self.respond(request)
        except ExportError as error:
            response = error.response()
        await response(scope, receive, send)

    async def respond(self, request: Request) -> Response:
        table, format_ = _table_and_format(request.path_params["file"])
        filters, bom = _parameters(request, table, format_)
        version = await version_of(request)
        headers = {
            "etag": weak_etag(version, request.url.path, request.scope.get("query_string", b"")),
            "cache-control": f"public, max-age={CACHE_MAX_AGE_S}",
            "x-dataset-version": version,
        }
        if headers["etag"] in requested_etags(request.headers):
            return Response(status_code=304, headers=headers)
        client = client_key(request.client.host) if request.client else "unknown"
        if self.running_by_client[client] >= MAX_EXPORTS_PER_CLIENT:
            raise ExportError(
                429,
                f"{MAX_EXPORTS_PER_CLIENT} exports from your address are running already: "
                "start the next when one has finished.",
                "RATE_LIMITED",
            )
        if self.slots.locked():
            raise ExportError(503, "Too many exports are running: try again in a few seconds.", "SERVICE_UNAVAILABLE")
        await self.slots.acquire()
        self.running_by_client[client] += 1

        def release() -> None:
            self.slots.release()
            self.running_by_client[client] -= 1
            if self.running_by_client[client] <= 0:
                del self.running_by_client[client]

        try:
            headers |= await self._licence(request, version)
            rows = await opened(export_rows(_primary(request.app.state.pool), table, filters))
        except BaseException:
            release()
            raise
        headers["content-disposition"] = f'attachment; filename="{_file_name(table, filters, version, format_)}"'
        batches = rows.batches(EXPORT_BATCH_ROWS)
        body = csv_chunks(rows.columns, batches, bom=bom) if format_ == "csv" else json_chunks(rows.columns, batches)
        return _Streamed(body, rows, release, headers=headers, media_type=EXPORT_FORMATS[format_])

    async def _licence(self, request: Request, version: str) -> dict[str, str]:
        if self.licence is None or self.licence[0] != version:
            edition = await opened(dataset(request.app.state.pool))
            if edition is None:
                raise ExportError(503, "No dataset is loaded yet: run `hiraku data load`.", "SERVICE_UNAVAILABLE")
            links = [f'<{edition["url"]}>; rel="cite-as"']
            if edition["compatible_licence_url"]:
                links.insert(0, f'<{edition["compatible_licence_url"]}>; rel="license"')
            headers = {"link": ", ".join(links), "x-dataset-attribution": quote(edition["attribution"])}
            self.licence = (version, headers)
        return self.licence[1]


class _TooSlow(Exception):
    """The client did not take the previous part of an export in time."""


class _Streamed(StreamingResponse):
    """Closes its body and its rows however the response ends (finished, client gone, too slow, timed out), so that
    the connection and the export slot come back at once rather than when the generator is collected. A client
    that reads more slowly than EXPORT_MIN_RATE (waited for at least EXPORT_STALL_S a part) is cut off: without
    that, four clients that never read held every slot and four database transactions for EXPORT_TIMEOUT_S."""

    def __init__(self, body: AsyncIterator[bytes], rows: RowStream, release: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(self._closed_before_the_end(body, rows), **kwargs)
        self.chunks, self.rows, self.release = body, rows, release

    @staticmethod
    async def _closed_before_the_end(body: AsyncIterator[bytes], rows: RowStream) -> AsyncIterator[bytes]:
        """The body, then the transaction ended before the response's last message: once a client holds the whole
        file, the export's statements are all done (and counted) and its connection is back in the pool."""
        async for chunk in body:
            yield chunk
        await rows.aclose()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, _paced(send))
        except _TooSlow as slow:
            # Returning with the answer unfinished makes the server close the connection: the client sees a cut
            # transfer, never a complete-looking file.
            client = scope.get("client") or ("a client",)
            logger.warning("%s to %s cut off: %s", scope["path"], client[0], slow)
        finally:
            try:
                await self.body_iterator.aclose()  # type: ignore[attr-defined]
                await self.chunks.aclose()  # type: ignore[attr-defined]
                await self.rows.aclose()
            finally:
                self.release()


def _paced(send: Send) -> Send:
    """`send`, given as long as its client needs to take the previous part at EXPORT_MIN_RATE (at least
    EXPORT_STALL_S): the server's send waits while the client has not read what was sent before."""
    previous = 0

    async def paced(message: Message) -> None:
        nonlocal previous
        seconds = max(EXPORT_STALL_S, previous / EXPORT_MIN_RATE)
        try:
            async with asyncio.timeout(seconds):
                await send(message)
        except TimeoutError as error:
            raise _TooSlow(
                f"it had not taken the previous part within {seconds:g} s (under {EXPORT_MIN_RATE // 1024} KiB/s)"
            ) from error
        previous = len(message.get("body", b""))

    return paced


def _table_and_format(file: str) -> tuple[ExportTable, str]:
    name, _, format_ = file.rpartition(".")
    if name not in EXPORT_TABLES or format_ not in EXPORT_FORMATS:
        files = ", ".join(f"{table}.{ext}" for table in EXPORT_TABLES for ext in EXPORT_FORMATS)
        raise ExportError(404, f"No export is called {file!r}. The exports are: {files}.", "NOT_FOUND")
    return EXPORT_TABLES[name], format_


def _parameters(request: Request, table: ExportTable, format_: str) -> tuple[dict[str, str], bool]:
    """The filters and the BOM flag, each checked before any SQL; anything else is an error naming it."""
    allowed = {*table.filters, *(("bom",) if format_ == "csv" else ())}
    filters: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name not in allowed:
            takes = ", ".join(f"`{n}`" for n in sorted(allowed)) or "none"
            raise ExportError(
                400, f"`{name}` is not a parameter of {table.name}.{format_} (it takes: {takes}).", "BAD_USER_INPUT"
            )
        if name in filters:
            raise ExportError(400, f"`{name}` is given more than once.", "BAD_USER_INPUT")
        filters[name] = _checked(name, value)
    bom = filters.pop("bom", "0") == "1"
    return filters, bom


def _checked(name: str, value: str) -> str:
    if name == "bom":
        if value not in ("0", "1"):
            raise ExportError(400, f"`bom` must be 1 or 0, not {value[:20]!r}.", "BAD_USER_INPUT")
        return value
    if name == "area":
        try:
            return normalise(value[:MAX_ARGUMENT_LENGTH])
        except AreaCodeError as error:
            raise ExportError(400, f"`area`: {error}", "BAD_USER_INPUT") from error
    if len(value) > MAX_ARGUMENT_LENGTH or not SLUG.fullmatch(value):
        raise ExportError(
            400,
            f"`metric` must be a metric's slug (lower-case letters, digits and hyphens), not {value[:40]!r}.",
            "BAD_USER_INPUT",
        )
    return value


async def version_of(request: Request) -> str:
    version_state = request.app.state.dataset_version
    version: str | None = version_state.current or await version_state.check()
    if version is None:
        raise ExportError(503, "The database cannot be reached, or no dataset is loaded yet.", "SERVICE_UNAVAILABLE")
    return version


async def opened(awaitable: Awaitable[T]) -> T:
    try:
        return await awaitable
    except DatabaseUnavailable as error:
        raise ExportError(
            503, "The database cannot be reached right now: try again shortly.", "SERVICE_UNAVAILABLE"
        ) from error
    except QueryTimeout as error:
        raise ExportError(503, "The export took too long to start: try again shortly.", "QUERY_TIMEOUT") from error


def _primary(pool: Any) -> ApiPool:
    """With standbys (db.replicas.ReadPools), exports read from the primary, whose pool holds the cursor."""
    primary: ApiPool = getattr(pool, "primary", pool)
    return primary


def _file_name(table: ExportTable, filters: dict[str, str], version: str, format_: str) -> str:
    parts = ["hiraku", table.name, *(f"{name}-{filters[name]}" for name in table.filters if name in filters), version]
    return "-".join(parts) + f".{format_}"
