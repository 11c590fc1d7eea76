"""GraphiQL's page and its files, served by hiraku from the pinned npm packages; the step that fetches them."""

from __future__ import annotations

import dataclasses
import gzip
import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
from starlette.datastructures import Secret

from api.app import create_app
from api.graphiql_assets import read_manifest, sri
from api.settings import Settings
from tests.support import running

ROOT = Path(__file__).parent.parent
FETCH = ROOT / "scripts" / "fetch_graphiql_assets.py"
HTML = {"accept": "text/html"}


def _references(page: str) -> list[tuple[str, str]]:
    """(URL, integrity) of every script and style sheet the page loads."""
    return re.findall(r'(?:src|href)="([^"]+)" integrity="([^"]+)"', page)


async def test_the_page_loads_every_file_from_hiraku_with_its_integrity(client: httpx.AsyncClient) -> None:
    page = (await client.get("/graphql", headers=HTML)).text
    assert "unpkg" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    pinned = {(f"graphiql/assets/{p.folder}/{name}", sri) for p in read_manifest() for name, sri in p.files.items()}
    assert set(_references(page)) == pinned
    assert "GraphiQLPluginExplorer.explorerPlugin()" in page


async def test_each_file_is_served_whole_with_its_type_and_cached_for_good(client: httpx.AsyncClient) -> None:
    page = (await client.get("/graphql", headers=HTML)).text
    for url, integrity in _references(page):
        response = await client.get(f"/{url}", headers={"accept-encoding": "identity"})
        assert response.status_code == 200, url
        kind = "text/javascript" if url.endswith(".js") else "text/css"
        assert response.headers["content-type"] == f"{kind}; charset=utf-8"
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert sri(response.content, "sha384") == integrity
        zipped = await client.get(f"/{url}", headers={"accept-encoding": "gzip"})
        assert zipped.headers["content-encoding"] == "gzip"
        assert int(zipped.headers["content-length"]) < len(response.content)
        assert zipped.content == response.content  # httpx decodes it


async def test_the_licences_are_served(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphiql/licences")
    assert response.status_code == 200
    text = response.text
    for package in read_manifest():
        assert f"== {package.name} {package.version} (MIT)" in text
    assert text.count("Permission is hereby granted") == 4  # react, react-dom, graphiql, graphiql-explorer
    assert "ships no LICENSE file" in text


async def test_a_file_outside_the_manifest_is_not_served(client: httpx.AsyncClient) -> None:
    for path in (
        "graphiql@3.8.3/LICENSE",
        "graphiql@3.8.3/graphiql.min.js.map",
        ".tarballs",
        "..%2F..%2Fpyproject.toml",
    ):
        response = await client.get(f"/graphiql/assets/{path}")
        assert response.status_code == 404, path
        assert "No GraphiQL file" in response.text


async def test_without_its_files_graphiql_says_how_to_get_them(
    settings: Settings, loaded_dsn: str, tmp_path: Path
) -> None:
    bare = dataclasses.replace(
        settings, database_url=Secret(loaded_dsn), api_database_url=None, graphiql_assets=tmp_path
    )
    async with running(create_app(bare)) as url, httpx.AsyncClient(base_url=url) as http:
        page = await http.get("/graphql", headers=HTML)
        assert page.status_code == 200
        assert "make setup" in page.text
        asset = await http.get("/graphiql/assets/graphiql@3.8.3/graphiql.min.js")
        assert asset.status_code == 404
        assert "run `make setup`" in asset.text
        assert "is not installed on this server" in (await http.get("/graphiql/licences")).text
        assert (await http.get("/")).status_code == 200


def _fetch(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, FETCH, *map(str, args)], capture_output=True, text=True, timeout=120)


def test_the_fetch_step_checks_the_tarballs_then_takes_only_the_listed_files(
    settings: Settings, tmp_path: Path
) -> None:
    # The cache `make setup` filled is laid out as a mirror (<host>/<path>): no network is needed here.
    mirror = settings.graphiql_assets / ".tarballs"
    into = tmp_path / "graphiql"
    fetched = _fetch("--into", into, "--mirror", mirror)
    assert fetched.returncode == 0, fetched.stderr
    assert "fetched 10 files of 5 packages, integrity verified" in fetched.stdout
    files = sorted(str(p.relative_to(into)) for p in into.rglob("*") if p.is_file() and ".tarballs" not in p.parts)
    assert files == sorted(f"{p.folder}/{name}" for p in read_manifest() for name in p.taken())
    # Filled: nothing is read, not even the mirror.
    again = _fetch("--into", into, "--mirror", tmp_path / "no-such-mirror")
    assert again.returncode == 0, again.stderr
    assert "10 files of 5 packages, checksums verified" in again.stdout


def test_an_altered_tarball_is_refused_before_anything_is_extracted(settings: Settings, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    shutil.copytree(settings.graphiql_assets / ".tarballs", mirror)
    react = next(mirror.rglob("react-18.2.0.tgz"))
    react.write_bytes(gzip.compress(b"not react"))
    into = tmp_path / "graphiql"
    fetched = _fetch("--into", into, "--mirror", mirror)
    assert fetched.returncode == 1
    assert "react@18.2.0: the tarball from the mirror" in fetched.stderr
    assert "is not the pinned one" in fetched.stderr
    assert not any(p.is_file() for p in into.rglob("*"))


def test_an_altered_file_is_fetched_again(settings: Settings, tmp_path: Path) -> None:
    into = tmp_path / "graphiql"
    shutil.copytree(settings.graphiql_assets, into)
    script = into / "react@18.2.0" / "umd" / "react.production.min.js"
    original = script.read_bytes()
    script.write_bytes(b"alert(1)")
    fetched = _fetch("--into", into)
    assert fetched.returncode == 0, fetched.stderr
    assert script.read_bytes() == original
