"""The application factory: routes, middleware, and the database pool opened in the lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import Route, request_response
from starlette.types import ASGIApp
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from api.caching import DatasetVersion, HttpCache
from api.catalog import Catalog
from api.charts import line_chart
from api.datapackage import ExportCatalogue
from api.exports import Exports
from api.graphiql import GraphiQLAssets
from api.graphql import graphql_app
from api.health import healthz, metrics, readyz
from api.home import Home
from api.http_errors import PlainRefusals
from api.limits import API_IDLE_IN_TRANSACTION_MS
from api.maps import area_map
from api.openapi import openapi
from api.ratelimit import RateLimit
from api.response_cache import ResponseCache
from api.settings import Settings, api_dsn, replica_api_dsns
from api.timeout import RequestTimeout
from db.pool import ApiPool, create_api_pool
from db.replicas import ReadPools
from schema.limits import (
    CACHE_MAX_AGE_S,
    MAX_BODY_BYTES,
    POOL_ACQUIRE_TIMEOUT_S,
    POOL_CONNECT_TIMEOUT_S,
    REQUEST_TIMEOUT_S,
    STATEMENT_TIMEOUT_MS,
)


def create_app(settings: Settings) -> Starlette:
    """The hiraku ASGI app. It starts even while the database is down; /readyz tells when it is back."""
    if settings.database_url is None and settings.api_database_url is None:
        raise ValueError("DATABASE_URL (or HIRAKU_API_DATABASE_URL) is needed to serve")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        open_pool = functools.partial(
            create_api_pool,
            max_size=settings.pool_max_size,
            connect_timeout_s=POOL_CONNECT_TIMEOUT_S,
            statement_timeout_ms=STATEMENT_TIMEOUT_MS,
            acquire_timeout_s=POOL_ACQUIRE_TIMEOUT_S,
            idle_in_transaction_ms=API_IDLE_IN_TRANSACTION_MS,
        )
        primary = await open_pool(api_dsn(settings, str(settings.database_url or "")))
        pool: ApiPool | ReadPools = primary
        if settings.database_replica_urls:
            # Each standby gets a pool of its own, as large as the primary's.
            standbys = [await open_pool(dsn, target="replica") for dsn in replica_api_dsns(settings)]
            pool = ReadPools(primary, standbys)
        app.state.pool = pool
        app.state.dataset_version = version = DatasetVersion(pool)
        following = asyncio.create_task(version.follow())
        try:
            yield
        finally:
            following.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await following
            await pool.close()

    view = graphql_app(
        graphiql=settings.graphiql,
        introspection=settings.introspection,
        max_executions=settings.max_executions,
        tracing=settings.tracing,
    )
    graphql: ASGIApp = view
    if settings.response_cache_mb > 0:
        graphql = ResponseCache(graphql, max_bytes=settings.response_cache_mb * 1024 * 1024)
    graphql = HttpCache(graphql, CACHE_MAX_AGE_S)
    home = Home(view.schema, graphiql=settings.graphiql, introspection=settings.introspection)
    exports = ExportCatalogue(home)
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics),
        # Whole tables and maps compress ten- to twentyfold (repeated sources and units, path data); answers to
        # GraphQL are left alone, so that the response cache sends its bytes as they are.
        # Before /export/{file}, which would take datapackage.json for a table's name.
        Route("/catalog.jsonld", Catalog(home).entry, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/export/", exports.index, methods=["GET"]),
        Route("/export/datapackage.json", exports.package, methods=["GET"]),
        Route("/export/{file}", GZipMiddleware(Exports(), minimum_size=1024, compresslevel=6), methods=["GET"]),
        Route(
            "/charts/{metric}.svg",
            GZipMiddleware(request_response(line_chart), minimum_size=1024, compresslevel=6),
            methods=["GET"],
        ),
        Route(
            "/maps/{metric}.svg",
            GZipMiddleware(request_response(area_map), minimum_size=1024, compresslevel=6),
            methods=["GET"],
        ),
    ]
    routes.append(Route("/", home.page, methods=["GET"]))
    if settings.introspection:
        routes.append(Route("/schema.graphql", home.sdl, methods=["GET"]))
    if settings.graphiql:
        assets = GraphiQLAssets(settings.graphiql_assets)
        routes.append(Route("/graphiql/assets/{path:path}", assets.asset, methods=["GET"]))
        routes.append(Route("/graphiql/licences", assets.licences, methods=["GET"]))
    middleware = [
        # Open data: any page may call the API. No cookies or credentials are involved, so CSRF has no target.
        Middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
            # Exports and maps name their file, version and licence in headers that pages should be able to read.
            expose_headers=[
                "ETag",
                "Retry-After",
                "Content-Disposition",
                "Link",
                "X-Dataset-Version",
                "X-Dataset-Attribution",
            ],
            max_age=86_400,
        ),
        Middleware(RequestTimeout, seconds=REQUEST_TIMEOUT_S),
        # /graphql answers every refusal as a GraphQL error, the router's 405 and the body limit's 413 included:
        # the limit sits inside it (Starlette's own `max_body_size` would answer outside every middleware).
        Middleware(PlainRefusals, path="/graphql"),
        Middleware(RequestBodyLimitMiddleware, max_body_size=MAX_BODY_BYTES),
    ]
    if settings.rate_limit > 0:
        middleware.insert(1, Middleware(RateLimit, rate=settings.rate_limit, burst=settings.rate_burst))
    if settings.trust_proxy:
        # The client is the right-most address in X-Forwarded-For that is not one of the trusted proxies (uvicorn's
        # logic): a client writes the left-most entries itself. Every limit by client reads the address it sets.
        middleware.insert(0, Middleware(ProxyHeadersMiddleware, trusted_hosts=settings.forwarded_allow_ips))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.public_url = settings.public_url
    return app
