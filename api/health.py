"""Health, readiness and Prometheus metrics endpoints."""

from __future__ import annotations

import asyncio

import asyncpg
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.observability import record_pool_usage
from db.dataset import ready
from db.pool import ApiPool, DatabaseUnavailable
from db.replicas import ReadPools
from schema.limits import POOL_ACQUIRE_TIMEOUT_S

REFUSALS = (asyncpg.InvalidAuthorizationSpecificationError, asyncpg.InvalidCatalogNameError)


async def healthz(request: Request) -> Response:
    """The process is up; says nothing about the database."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """200 when the database answers within the acquire timeout, 503 otherwise. With standbys, any server the API
    reads from will do (a standby first, as for any read): the API can answer while one of them does."""
    pool: ApiPool | ReadPools = request.app.state.pool
    try:
        async with asyncio.timeout(POOL_ACQUIRE_TIMEOUT_S):
            await ready(pool)
    except (DatabaseUnavailable, TimeoutError, asyncpg.PostgresError) as error:
        return JSONResponse({"status": "unavailable", "reason": _reason(error)}, status_code=503)
    return JSONResponse({"status": "ready"})


def _reason(error: Exception) -> str:
    """Why the database is not ready, in words: the pool already says it for the database's absence."""
    if isinstance(error, DatabaseUnavailable):
        return str(error)
    if isinstance(error, TimeoutError):
        return f"the database did not answer within {POOL_ACQUIRE_TIMEOUT_S:g} s"
    if isinstance(error, REFUSALS):
        # A wrong role, password or database name: PostgreSQL's own message names which, and holds no secret.
        return f"the database refused the connection: {error}"
    return f"the database answered the readiness check with an error: {error}"


async def metrics(request: Request) -> Response:
    record_pool_usage(request.app.state.pool)
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
