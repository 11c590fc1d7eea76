"""GET /export/{table}.csv|.json: whole tables for spreadsheets and scripts, streamed from a database cursor."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable
from typing import Any, TypeVar
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from api.caching import requested_etags, weak_etag
from api.export_formats import csv_chunks, json_chunks
from db.areacode import AreaCodeError, normalise
from db.dataset import dataset
from db.exports import EXPORT_FORMATS, EXPORT_TABLES, ExportTable, export_rows
from db.pool import ApiPool, DatabaseUnavailable, QueryTimeout
from db.stream import RowStream
from schema.limits import CACHE_MAX_AGE_S, EXPORT_BATCH_ROWS, MAX_ARGUMENT_LENGTH, MAX_CONCURRENT_EXPORTS

SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")
RETRY_AFTER_S = 5
T = TypeVar("T")


class ExportError(Exception):
    def __init__(self, status: int, message: str, code: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code

    def response(self) -> Response:
        body = {"errors": [{"message": str(self), "extensions": {"code": self.code}}]}
        headers = {"retry-after": str(RETRY_AFTER_S)} if self.status == 503 else None
        return JSONResponse(body, status_code=self.status, headers=headers)


class Exports:
    """The endpoint, with what it keeps per process: the slots of exports running at once, and the licence
    headers of the loaded dataset version (read once per version)."""

    def __init__(self, max_running: int = MAX_CONCURRENT_EXPORTS) -> None:
        self.slots = asyncio.Semaphore(max_running)
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
        if self.slots.locked():
            raise ExportError(503, "Too many exports are running: try again in a few seconds.", "SERVICE_UNAVAILABLE")
        await self.slots.acquire()
        try:
            headers |= await self._licence(request, version)
            rows = await opened(export_rows(_primary(request.app.state.pool), table, filters))
        except BaseException:
            self.slots.release()
            raise
        headers["content-disposition"] = f'attachment; filename="{_file_name(table, filters, version, format_)}"'
        batches = rows.batches(EXPORT_BATCH_ROWS)
        body = csv_chunks(rows.columns, batches, bom=bom) if format_ == "csv" else json_chunks(rows.columns, batches)
        return _Streamed(body, rows, self.slots, headers=headers, media_type=EXPORT_FORMATS[format_])

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


class _Streamed(StreamingResponse):
    """Closes its body and its rows however the response ends (finished, client gone, timed out), so that the
    connection and the export slot come back at once rather than when the generator is collected."""

    def __init__(self, body: AsyncIterator[bytes], rows: RowStream, slots: asyncio.Semaphore, **kwargs: Any) -> None:
        super().__init__(self._closed_before_the_end(body, rows), **kwargs)
        self.chunks, self.rows, self.slots = body, rows, slots

    @staticmethod
    async def _closed_before_the_end(body: AsyncIterator[bytes], rows: RowStream) -> AsyncIterator[bytes]:
        """The body, then the transaction ended before the response's last message: once a client holds the whole
        file, the export's statements are all done (and counted) and its connection is back in the pool."""
        async for chunk in body:
            yield chunk
        await rows.aclose()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            try:
                await self.body_iterator.aclose()  # type: ignore[attr-defined]
                await self.chunks.aclose()  # type: ignore[attr-defined]
                await self.rows.aclose()
            finally:
                self.slots.release()


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
