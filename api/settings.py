"""Settings read from the environment: the only module that reads os.environ."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from starlette.config import Config
from starlette.datastructures import Secret


@dataclass(frozen=True)
class Settings:
    """Every setting of hiraku, with its default. See the README's configuration table."""

    database_url: Secret | None
    api_database_url: Secret | None
    api_db_password: Secret | None
    # Admin-style DSNs of streaming-replication standbys, like DATABASE_URL: the API reads from them as hiraku_api.
    database_replica_urls: tuple[Secret, ...]
    host: str
    port: int
    data_dir: Path
    sources_mirror: Path | None
    graphiql: bool
    # Where GraphiQL's browser files lie (`make setup` fetches them there).
    graphiql_assets: Path
    introspection: bool
    pool_max_size: int
    log_level: str
    rate_limit: float
    rate_burst: int
    trust_proxy: bool
    # The proxies whose X-Forwarded-For is believed (uvicorn's list: addresses and networks, or "*").
    forwarded_allow_ips: str
    limit_concurrency: int
    # Sessions the API role may open on the database server (all API processes together).
    api_db_connection_limit: int
    response_cache_mb: int
    max_executions: int
    workers: int
    tracing: bool
    # The address users reach the API at, for the absolute links it gives (downloads, the export index).
    public_url: str

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Settings:
        config = Config(environ=dict(os.environ if environ is None else environ))
        mirror = config("HIRAKU_SOURCES_MIRROR", cast=str, default="")
        data_dir = Path(config("HIRAKU_DATA_DIR", cast=str, default=".data")).absolute()
        host = config("HOST", cast=str, default="127.0.0.1")
        port = config("PORT", cast=int, default=8000)
        return cls(
            database_url=config("DATABASE_URL", cast=Secret, default=None),
            api_database_url=config("HIRAKU_API_DATABASE_URL", cast=Secret, default=None),
            api_db_password=config("HIRAKU_API_DB_PASSWORD", cast=Secret, default=None),
            database_replica_urls=tuple(
                Secret(url.strip()) for url in config("DATABASE_REPLICA_URLS", default="").split(",") if url.strip()
            ),
            host=host,
            port=port,
            data_dir=data_dir,
            sources_mirror=Path(mirror).absolute() if mirror else None,
            graphiql=config("HIRAKU_GRAPHIQL", cast=bool, default=True),
            graphiql_assets=Path(
                config("HIRAKU_GRAPHIQL_ASSETS", cast=str, default=str(data_dir / "graphiql"))
            ).absolute(),
            introspection=config("HIRAKU_INTROSPECTION", cast=bool, default=True),
            pool_max_size=config("HIRAKU_POOL_MAX_SIZE", cast=int, default=20),
            log_level=config("HIRAKU_LOG_LEVEL", cast=str, default="info"),
            rate_limit=config("HIRAKU_RATE_LIMIT", cast=float, default=0.0),
            rate_burst=config("HIRAKU_RATE_BURST", cast=int, default=60),
            trust_proxy=config("HIRAKU_TRUST_PROXY", cast=bool, default=False),
            forwarded_allow_ips=config("FORWARDED_ALLOW_IPS", cast=str, default="127.0.0.1,::1"),
            limit_concurrency=config("HIRAKU_LIMIT_CONCURRENCY", cast=int, default=500),
            api_db_connection_limit=config("HIRAKU_API_DB_CONNECTION_LIMIT", cast=int, default=80),
            response_cache_mb=config("HIRAKU_RESPONSE_CACHE_MB", cast=int, default=64),
            max_executions=config("HIRAKU_MAX_EXECUTIONS", cast=int, default=8),
            workers=config("HIRAKU_WORKERS", cast=int, default=1),
            tracing=config("HIRAKU_TRACING", cast=bool, default=False),
            public_url=public_url(config("HIRAKU_PUBLIC_URL", cast=str, default=""), host, port),
        )


API_ROLE = "hiraku_api"


def public_url(given: str, host: str, port: int) -> str:
    """HIRAKU_PUBLIC_URL without its trailing slash; by default where the server listens (a server listening on
    every address is reached as localhost from the machine itself)."""
    if not given:
        shown = "localhost" if host in ("0.0.0.0", "::") else host  # noqa: S104 (a comparison, not a binding)
        return f"http://{shown}:{port}"
    parts = urlsplit(given)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"HIRAKU_PUBLIC_URL must be an http(s) address such as https://hiraku.example.org, not {given!r}."
        )
    return given.rstrip("/")


def api_dsn(settings: Settings, database_url: str) -> str:
    """The DSN the API connects with: the read-only role on the same server and database."""
    if settings.api_database_url is not None:
        return str(settings.api_database_url)
    return _as_api_role(settings, database_url)


def replica_api_dsns(settings: Settings) -> list[str]:
    """The DSNs the API reads from standbys with: each standby's host and database, as the read-only role (roles
    are replicated with everything else, so the primary's role and password hold there too)."""
    return [_as_api_role(settings, str(url)) for url in settings.database_replica_urls]


def _as_api_role(settings: Settings, database_url: str) -> str:
    parts = urlsplit(database_url)
    password = f":{quote(str(settings.api_db_password), safe='')}" if settings.api_db_password else ""
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{API_ROLE}{password}@{host}"))
