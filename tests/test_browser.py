"""The home page and GraphiQL in a real browser (Debian's Chromium, driven by Playwright): they render, the example
query runs and shows data, and no request leaves the server."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import pytest_asyncio
from playwright.async_api import Browser, Page, Request, Response, async_playwright
from starlette.datastructures import Secret

from api.app import create_app
from api.settings import Settings
from tests.support import graphql, running

# Debian's package (`apt-get install chromium`); Playwright's own browser downloads are never used.
CHROMIUM = os.environ.get("HIRAKU_TEST_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 30_000


@dataclass
class Traffic:
    """Every request a page made, the ones that failed or answered an error, and the page's script errors."""

    requested: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("request", lambda request: self.requested.append(request.url))
        page.on("requestfailed", lambda request: self.failed.append(_failure(request)))
        page.on("response", self._answered)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _answered(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def assert_all_local(self, base_url: str) -> None:
        origin = urlsplit(base_url)[:2]
        elsewhere = [url for url in self.requested if urlsplit(url)[:2] != origin and not url.startswith("data:")]
        assert not elsewhere, f"requests left the server: {elsewhere}"
        assert not self.failed, f"requests failed: {self.failed}"
        assert not self.errors, f"script errors: {self.errors}"


def _failure(request: Request) -> str:
    return f"{request.url} ({request.failure})"


@pytest_asyncio.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    if not (os.access(CHROMIUM, os.X_OK) or shutil.which(CHROMIUM)):
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}: install it with `sudo apt-get install chromium` "
            "(Debian, Ubuntu; `.ci/run` does), or point HIRAKU_TEST_CHROMIUM at a Chromium or Chrome binary."
        )
    async with async_playwright() as playwright:
        # Playwright starts it with a fresh, temporary profile each time.
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, timeout=WAIT_MS)
        try:
            yield launched
        finally:
            await launched.close()


@pytest_asyncio.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    opened = await context.new_page()
    opened.set_default_timeout(WAIT_MS)
    try:
        yield opened
    finally:
        await context.close()


def _screenshots(tmp_path: Path) -> Path:
    """Where the pictures go for a person to look at: HIRAKU_TEST_SCREENSHOTS, or the test's own folder."""
    return Path(os.environ.get("HIRAKU_TEST_SCREENSHOTS", tmp_path))


async def test_the_home_page_shows_the_version_and_its_links(
    page: Page, base_url: str, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    version = (await graphql(client, "{ dataset { version } }"))["data"]["dataset"]["version"]
    traffic = Traffic()
    traffic.watch(page)
    await page.goto(f"{base_url}/")
    await page.get_by_text(version).wait_for()
    for name in ("GraphiQL で試す · Try it in GraphiQL", "スキーマ · Schema (SDL)", "CSV"):
        assert await page.get_by_role("link", name=name).first.is_visible(), name
    assert await page.locator('a[href^="/maps/"]').count() > 0
    await page.screenshot(path=_screenshots(tmp_path) / "hiraku-home.png", full_page=True)
    await page.get_by_role("link", name="GraphiQL で試す · Try it in GraphiQL").click()
    await page.locator(".graphiql-container .graphiql-editors").wait_for()
    traffic.assert_all_local(base_url)


async def test_graphiql_runs_the_example_query_with_no_request_leaving_the_server(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    traffic = Traffic()
    traffic.watch(page)
    await page.goto(f"{base_url}/graphql")
    await page.get_by_role("button", name="Execute query (Ctrl-Enter)").click()
    result = page.locator(".graphiql-response")
    await result.get_by_text("マイナンバーカード普及").wait_for()
    assert '"version"' in await result.inner_text()
    explorer = page.get_by_role("button", name="Show GraphiQL Explorer")
    await explorer.click()
    await page.locator(".graphiql-explorer-root").wait_for()
    await page.screenshot(path=_screenshots(tmp_path) / "hiraku-graphiql.png")
    traffic.assert_all_local(base_url)


async def test_graphiql_without_its_files_says_how_to_get_them(
    page: Page, settings: Settings, loaded_dsn: str, tmp_path: Path
) -> None:
    bare = dataclasses.replace(
        settings, database_url=Secret(loaded_dsn), api_database_url=None, graphiql_assets=tmp_path
    )
    async with running(create_app(bare)) as url:
        await page.goto(f"{url}/graphql")
        notice = page.get_by_role("heading", name="GraphiQL cannot start")
        await notice.wait_for()
        assert "make setup" in await page.locator(".hiraku-notice").inner_text()
