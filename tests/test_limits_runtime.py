"""SECURITY.md items 28–33: errors, timeouts, pools, concurrency, rate limit."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
import uvicorn
from graphql import GraphQLError
from starlette.applications import Starlette
from starlette.datastructures import Secret
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.app import create_app
from api.settings import Settings
from api.timeout import RequestTimeout
from db.pool import DatabaseUnavailable, QueryTimeout, create_api_pool
from schema.errors import NotFound
from schema.extensions.errors import UNEXPECTED, log_errors, public
from schema.limits import (
    POOL_ACQUIRE_TIMEOUT_S,
    POOL_CONNECT_TIMEOUT_S,
    REQUEST_TIMEOUT_S,
    STATEMENT_TIMEOUT_MS,
)
from tests.limits_support import (
    FOCUS_AREAS,
    answered,
    api_role_dsn,
    app_settings,
)
from tests.support import graphql, running

# --- 28–33: failures inside the server and load ----------------------------------------------------------------


def test_28_an_internal_error_is_masked_with_its_path_and_nothing_of_its_text() -> None:
    original = RuntimeError("password=secret dsn=postgresql://admin:secret@db/hiraku SELECT * FROM metric")
    error = GraphQLError(str(original), path=["metric", "name"], original_error=original)
    masked = public(error)
    assert masked.message == UNEXPECTED
    assert masked.extensions == {"code": "INTERNAL_SERVER_ERROR"}
    assert masked.path == ["metric", "name"]
    shown = json.dumps(masked.formatted)
    for secret in ("secret", "postgresql", "SELECT", "RuntimeError"):
        assert secret not in shown


def test_28_public_errors_keep_their_message_and_database_failures_get_stable_codes() -> None:
    not_found = NotFound("no metric 'x'")
    assert public(GraphQLError("no metric 'x'", path=["metric"], original_error=not_found)).message == "no metric 'x'"
    down = public(GraphQLError("x", path=["metric"], original_error=DatabaseUnavailable("OSError dsn=secret")))
    assert down.extensions == {"code": "SERVICE_UNAVAILABLE"} and "secret" not in down.message
    slow = public(GraphQLError("x", path=["metric"], original_error=QueryTimeout("canceling statement")))
    assert slow.extensions == {"code": "QUERY_TIMEOUT"}
    assert slow.message == "The query took too long in the database and was cancelled."


def test_28_many_errors_are_logged_as_one_line_with_one_traceback(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="hiraku.graphql")
    errors = []
    for i in range(200):
        try:
            raise RuntimeError(f"bug {i}")
        except RuntimeError as bug:
            errors.append(GraphQLError(str(bug), path=["metrics", i], original_error=bug))
    log_errors(errors, "Costly")
    records = [r for r in caplog.records if r.name == "hiraku.graphql"]
    assert len(records) == 1
    assert records[0].levelno == logging.ERROR
    assert records[0].getMessage() == "operation=Costly errors=200 kinds=RuntimeError first=RuntimeError"
    assert records[0].exc_info is not None and str(records[0].exc_info[1]) == "bug 0"


async def test_29_a_statement_past_the_timeout_is_cancelled_and_the_connection_stays_healthy(
    settings: Settings, loaded_dsn: str
) -> None:
    pool = await create_api_pool(
        api_role_dsn(settings, loaded_dsn),
        max_size=1,
        connect_timeout_s=POOL_CONNECT_TIMEOUT_S,
        statement_timeout_ms=STATEMENT_TIMEOUT_MS,
        acquire_timeout_s=POOL_ACQUIRE_TIMEOUT_S,
    )
    try:
        backend = await pool.fetchval("SELECT pg_backend_pid()")
        with pytest.raises(QueryTimeout, match="statement timeout"):
            await pool.fetchval(f"SELECT pg_sleep({STATEMENT_TIMEOUT_MS / 1000 + 1})")
        assert await pool.fetchval("SELECT 1") == 1
        assert await pool.fetchval("SELECT pg_backend_pid()") == backend  # the same connection, back in the pool
    finally:
        await pool.close()


async def test_29_a_connection_is_healthy_again_after_arguments_that_fail_to_encode(
    settings: Settings, loaded_dsn: str
) -> None:
    pool = await create_api_pool(
        api_role_dsn(settings, loaded_dsn),
        max_size=1,
        connect_timeout_s=POOL_CONNECT_TIMEOUT_S,
        statement_timeout_ms=300,
        acquire_timeout_s=POOL_ACQUIRE_TIMEOUT_S,
    )
    try:
        for query in (
            "SELECT * FROM unnest($1::text[], $2::integer[])",
            "SELECT * FROM unnest($1::text[], $2::integer[]) AS k (slug, position)",
        ):
            with pytest.raises(asyncpg.DataError, match="out of int32 range"):
                await pool.fetch(query, ["x"], [10**30])
        await asyncio.sleep(0.5)  # past the statement timeout of the pool's only connection
        assert await pool.fetchval("SELECT 1") == 1
    finally:
        await pool.close()


class _TimingOutPool:
    """Stands in for ApiPool when every statement runs past statement_timeout."""

    async def fetchval(self, query: str, *args: object) -> object:
        raise QueryTimeout("canceling statement due to statement timeout")


async def test_29_a_timed_out_dataset_version_read_leaves_get_answers_uncached_not_failed() -> None:
    from api.caching import DatasetVersion

    version = DatasetVersion(_TimingOutPool())  # type: ignore[arg-type]
    assert await version.check() is None  # as when the database is unavailable: answered, without an ETag


async def test_30_a_request_past_the_wall_clock_limit_is_cancelled_with_a_timeout_error() -> None:
    cancelled = asyncio.Event()

    async def slow(request: Request) -> Response:
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return JSONResponse({"late": True})

    async def fast(request: Request) -> Response:
        return JSONResponse({"ok": True})

    app = Starlette(
        routes=[Route("/slow", slow), Route("/fast", fast)], middleware=[Middleware(RequestTimeout, seconds=0.2)]
    )
    async with running(app) as url, httpx.AsyncClient(base_url=url, timeout=30) as http:
        response = await http.get("/slow")
        assert response.status_code == 503
        assert response.json() == {
            "data": None,
            "errors": [
                {
                    "message": "The request took longer than 0.2 s and was stopped.",
                    "extensions": {"code": "REQUEST_TIMEOUT"},
                }
            ],
        }
        assert cancelled.is_set()  # the work was cancelled, not left running
        assert (await http.get("/fast")).json() == {"ok": True}


def test_30_the_app_applies_request_timeout_s(settings: Settings) -> None:
    app = create_app(dataclasses.replace(settings, database_url=Secret("postgresql://nobody@localhost/none")))
    timeouts = [m.kwargs for m in app.user_middleware if m.cls is RequestTimeout]
    assert timeouts == [{"seconds": REQUEST_TIMEOUT_S}]


async def test_31_an_exhausted_pool_fails_after_the_acquire_timeout(settings: Settings, loaded_dsn: str) -> None:
    pool = await create_api_pool(
        api_role_dsn(settings, loaded_dsn),
        max_size=1,
        connect_timeout_s=POOL_CONNECT_TIMEOUT_S,
        statement_timeout_ms=STATEMENT_TIMEOUT_MS,
        acquire_timeout_s=0.2,
    )
    try:
        async with pool.pool.acquire():
            with pytest.raises(DatabaseUnavailable, match=r"no database connection within 0\.2 s"):
                await pool.fetchval("SELECT 1")
        assert await pool.fetchval("SELECT 1") == 1
    finally:
        await pool.close()


async def test_31_requests_beyond_the_pool_get_service_unavailable_and_cheap_ones_still_work(
    settings: Settings, loaded_dsn: str
) -> None:
    # Without the response cache, which would answer the repeated query from memory.
    app = create_app(app_settings(settings, loaded_dsn, pool_max_size=1, response_cache_mb=0))
    async with running(app) as url, httpx.AsyncClient(base_url=url, timeout=REQUEST_TIMEOUT_S) as http:
        assert (await answered(http, FOCUS_AREAS))["focusAreas"]
        async with app.state.pool.pool.acquire():  # the pool's only connection is busy
            waiting = asyncio.create_task(graphql(http, FOCUS_AREAS))
            assert await answered(http, "{ __typename }") == {"__typename": "Query"}
            assert (await http.get("/healthz")).status_code == 200
            body = await waiting
        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == ["SERVICE_UNAVAILABLE"]
        assert body["errors"][0]["message"].startswith("The service is unavailable")
        assert (await answered(http, FOCUS_AREAS))["focusAreas"]  # and it recovers at once


class _Server(uvicorn.Server):
    def capture_signals(self) -> contextlib.AbstractContextManager[None]:  # type: ignore[override]
        return contextlib.nullcontext()


@contextlib.asynccontextmanager
async def serving(config: uvicorn.Config) -> AsyncIterator[uvicorn.Server]:
    server = _Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield server
    finally:
        server.should_exit = True
        await task


def cli_config(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> uvicorn.Config:
    """The uvicorn configuration `hiraku serve` runs with these settings (captured instead of run)."""
    import cli.main

    configs: list[uvicorn.Config] = []

    def capture(self: uvicorn.Server, sockets: object = None) -> None:
        configs.append(self.config)

    monkeypatch.setattr(cli.main._Server, "run", capture)
    cli.main._serve(dataclasses.replace(settings, host="127.0.0.1", port=0, log_level="warning"))
    (config,) = configs
    return config


def port_of(server: uvicorn.Server) -> int:
    port: int = server.servers[0].sockets[0].getsockname()[1]
    return port


async def test_32_uvicorn_answers_503_over_the_concurrency_limit_and_closes_idle_sockets(
    settings: Settings, loaded_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = cli_config(app_settings(settings, loaded_dsn, limit_concurrency=2), monkeypatch)
    assert config.limit_concurrency == 2
    assert config.timeout_keep_alive > 0
    async with serving(config) as server:
        reader, writer = await asyncio.open_connection("127.0.0.1", port_of(server))
        try:
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: hiraku\r\n\r\n")
            await writer.drain()
            assert (await reader.readuntil(b"\r\n\r\n")).startswith(b"HTTP/1.1 200")  # and the socket stays open
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port_of(server)}") as second:
                over = await second.get("/healthz")  # a second connection: the limit of 2 is reached
                assert over.status_code == 503
                assert over.text == "Service Unavailable"
            # read() returns only at EOF: the server closes the idle keep-alive socket by itself.
            rest = await asyncio.wait_for(reader.read(), timeout=config.timeout_keep_alive + 30)
            assert rest == b'{"status":"ok"}'
        finally:
            writer.close()


async def test_33_rate_limit_answers_429_with_retry_after_and_spares_health(
    settings: Settings, loaded_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = cli_config(app_settings(settings, loaded_dsn, rate_limit=1.0, rate_burst=2), monkeypatch)
    assert config.proxy_headers is False  # HIRAKU_TRUST_PROXY is off: X-Forwarded-For is not believed
    async with serving(config) as server, httpx.AsyncClient(base_url=f"http://127.0.0.1:{port_of(server)}") as http:
        cheap = {"query": "{ __typename }"}
        assert (await http.post("/graphql", json=cheap)).status_code == 200
        assert (await http.post("/graphql", json=cheap)).status_code == 200
        limited = await http.post("/graphql", json=cheap, headers={"origin": "https://example.org"})
        assert limited.status_code == 429
        assert limited.headers["retry-after"] == "1"
        assert limited.headers["access-control-allow-origin"] == "*"  # a page can read Retry-After
        assert limited.json() == {
            "errors": [{"message": "Too many requests: slow down.", "extensions": {"code": "RATE_LIMITED"}}]
        }
        # A forged X-Forwarded-For does not buy a new bucket.
        forged = await http.post("/graphql", json=cheap, headers={"x-forwarded-for": "203.0.113.9"})
        assert forged.status_code == 429
        for _ in range(10):
            assert (await http.get("/healthz")).status_code == 200
            assert (await http.get("/readyz")).status_code == 200
            assert (await http.get("/metrics")).status_code == 200
