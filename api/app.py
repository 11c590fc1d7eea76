"""The application factory: routes, and the database pool opened in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.routing import Route

from api.graphql import graphql_app
from api.health import healthz, metrics, readyz
from api.settings import Settings, api_dsn
from db.pool import create_api_pool
from schema.limits import POOL_ACQUIRE_TIMEOUT_S, POOL_CONNECT_TIMEOUT_S, STATEMENT_TIMEOUT_MS


def create_app(settings: Settings) -> Starlette:
    """The hiraku ASGI app. It starts even while the database is down; /readyz tells when it is back."""
    if settings.database_url is None and settings.api_database_url is None:
        raise ValueError("DATABASE_URL (or HIRAKU_API_DATABASE_URL) is needed to serve")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        dsn = api_dsn(settings, str(settings.database_url or ""))
        pool = await create_api_pool(
            dsn,
            max_size=settings.pool_max_size,
            connect_timeout_s=POOL_CONNECT_TIMEOUT_S,
            statement_timeout_ms=STATEMENT_TIMEOUT_MS,
            acquire_timeout_s=POOL_ACQUIRE_TIMEOUT_S,
        )
        app.state.pool = pool
        try:
            yield
        finally:
            await pool.close()

    graphql = graphql_app(graphiql=settings.graphiql, introspection=settings.introspection)
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics),
    ]
    return Starlette(routes=routes, lifespan=lifespan)
