"""GraphiQL without the internet: its page, and its pinned browser files and their licences served by hiraku."""

from __future__ import annotations

import asyncio
import gzip
import json
from dataclasses import dataclass
from html import escape
from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from api.graphiql_assets import Package, read_manifest, sri

PAGE = Path(__file__).with_name("graphiql.html")
# Relative to /graphql, so that the page also works behind a proxy that serves hiraku under a path.
ASSETS_URL = "graphiql/assets"
MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
# Each URL names the package's exact version, so its content never changes.
IMMUTABLE = "public, max-age=31536000, immutable"
MISSING = (
    '<div class="hiraku-notice"><h1>GraphiQL cannot start</h1>'
    "<p>Its files are not installed on this server, or do not match their pinned checksums. Whoever runs the "
    "server: run <code>make setup</code> (it fetches them once from the npm registry and checks them), then "
    "restart. The Docker image has them.</p>"
    "<p>GraphiQL のファイルがこのサーバーにありません。<code>make setup</code> を実行してから再起動してください。</p>"
    '<p>The API itself works: send queries to this URL with any HTTP client. <a href=".">Home page</a></p></div>'
)


def graphiql_page(example_query: str) -> str:
    """The GraphiQL page with the explorer plugin, loading its files from hiraku with Subresource Integrity, and
    opening on the example query."""
    packages = read_manifest()
    styles, scripts = [], []
    for package in packages:
        for name, integrity in package.files.items():
            url = escape(f"{ASSETS_URL}/{package.folder}/{name}")
            if name.endswith(".css"):
                styles.append(f'<link rel="stylesheet" href="{url}" integrity="{integrity}" />')
            else:
                scripts.append(f'<script src="{url}" integrity="{integrity}"></script>')
    page = PAGE.read_text(encoding="utf-8")
    return (
        page.replace("__STYLES__", "\n    ".join(styles))
        .replace("__SCRIPTS__", "\n    ".join(scripts))
        .replace("__EXAMPLE_QUERY__", escape(example_query, quote=False))
        .replace("__MISSING__", _script_literal(MISSING))
    )


def _script_literal(text: str) -> str:
    """A JavaScript string literal that cannot close the <script> element it stands in."""
    return json.dumps(text, ensure_ascii=False).replace("</", "<\\/")


@dataclass(frozen=True)
class _Asset:
    body: bytes
    gzipped: bytes
    media_type: str


class GraphiQLAssets:
    """`GET /graphiql/assets/<package>@<version>/<file>`: only the files the manifest lists, read from `folder` and
    checked once, kept in memory with a gzipped copy; `GET /graphiql/licences`: their licences."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.packages = read_manifest()
        self.files = {f"{p.folder}/{name}": (p, name) for p in self.packages for name in p.files}
        self.loaded: dict[str, _Asset] = {}

    async def asset(self, request: Request) -> Response:
        path = request.path_params["path"]
        if path not in self.files:
            return PlainTextResponse(f"No GraphiQL file is called {path[:200]!r}.", status_code=404)
        asset = self.loaded.get(path) or await asyncio.to_thread(self._load, path)
        if asset is None:
            return PlainTextResponse(
                f"{path} is not installed on this server (or does not match its pinned checksum): run `make setup`.",
                status_code=404,
                headers={"cache-control": "no-store"},
            )
        headers = {"cache-control": IMMUTABLE, "vary": "Accept-Encoding", "x-content-type-options": "nosniff"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["content-encoding"] = "gzip"
            return Response(asset.gzipped, media_type=asset.media_type, headers=headers)
        return Response(asset.body, media_type=asset.media_type, headers=headers)

    async def licences(self, request: Request) -> Response:
        parts = ["GraphiQL's browser files, served by hiraku from the npm packages below, and their licences.\n"]
        for package in self.packages:
            parts.append(self._licence(package))
        # Not immutable: the text says when a licence file is not installed yet.
        return PlainTextResponse("\n".join(parts), headers={"cache-control": "no-cache"})

    def _load(self, path: str) -> _Asset | None:
        package, name = self.files[path]
        file = self.folder / package.folder / name
        expected = package.files[name]
        try:
            body = file.read_bytes()
        except OSError:
            return None
        if sri(body, expected.partition("-")[0]) != expected:
            return None
        asset = _Asset(body, gzip.compress(body, compresslevel=9, mtime=0), MEDIA_TYPES[Path(name).suffix])
        self.loaded[path] = asset
        return asset

    def _licence(self, package: Package) -> str:
        lines = [f"== {package.name} {package.version} ({package.licence}) {package.tarball}"]
        if package.licence_note:
            lines.append(package.licence_note)
        if package.licence_file:
            try:
                lines.append((self.folder / package.folder / package.licence_file).read_text(encoding="utf-8"))
            except OSError:
                lines.append(f"({package.licence_file} is not installed on this server: run `make setup`.)")
        return "\n".join(lines) + "\n"
