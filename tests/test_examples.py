"""The clients in examples/ and every query of docs/cookbook.md and the README, run against the live server."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
COOKBOOK = ROOT / "docs" / "cookbook.md"
README = ROOT / "README.md"
RUN_TIMEOUT_S = 60  # each client sends a handful of requests; a hang must fail the test, not CI's whole job


@dataclass(frozen=True)
class Block:
    """A fenced code block of a Markdown file, with the heading it sits under."""

    heading: str
    language: str
    text: str


def fenced_blocks(markdown: str) -> list[Block]:
    blocks, heading = [], ""
    for match in re.finditer(r"^(#+ [^\n]*)$|^```(\w*)\n(.*?)^```$", markdown, re.MULTILINE | re.DOTALL):
        if match.group(1):
            heading = match.group(1).lstrip("# ")
        else:
            blocks.append(Block(heading, match.group(2), match.group(3)))
    return blocks


def cookbook_queries() -> list[tuple[Block, dict[str, Any]]]:
    """Each graphql block with the json block right after it as its variables."""
    blocks = fenced_blocks(COOKBOOK.read_text(encoding="utf-8"))
    queries = []
    for i, block in enumerate(blocks):
        if block.language == "graphql":
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            variables = json.loads(following.text) if following and following.language == "json" else {}
            queries.append((block, variables))
        elif block.language == "json":
            assert i > 0 and blocks[i - 1].language == "graphql", f"json block not after a query: {block.heading}"
    return queries


def readme_example_section() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## An example query\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL)
    assert match, "README.md has no section '## An example query'"
    return match.group(1)


def assert_answered(body: Any) -> None:
    """No errors, and every top-level field has something in it."""
    assert "errors" not in body, body["errors"]
    assert body.get("data"), body
    for field, value in body["data"].items():
        assert value not in (None, [], {}), f"{field} is empty: {body}"


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"`{tool}` is not on PATH: the examples need it (CI provides bash, curl and Node 20)")
    return path


async def run(args: list[str], base_url: str) -> str:
    """Runs a command with HIRAKU_URL set; its stdout. Asynchronous: the server answers from this event loop."""
    process = await asyncio.create_subprocess_exec(
        *args,
        cwd=ROOT,
        env={**os.environ, "HIRAKU_URL": base_url},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        stdout, stderr = await asyncio.wait_for(process.communicate(), RUN_TIMEOUT_S)
    except TimeoutError:
        process.kill()
        await process.wait()
        pytest.fail(f"{args} did not finish within {RUN_TIMEOUT_S} s")
    out, err = stdout.decode(), stderr.decode()
    assert process.returncode == 0, f"{args} exited with {process.returncode}\nstdout:\n{out}\nstderr:\n{err}"
    return out


def json_lines(output: str) -> list[Any]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


async def test_curl_example_posts_gets_and_pages(base_url: str) -> None:
    require("curl")
    out = await run([require("bash"), str(EXAMPLES / "curl.sh")], base_url)
    assert "search 「ぼうさい」: 8 matches" in out
    assert "  防災\n" in out
    assert "マイナポータルの利用者登録数: 約6,410万人 on 2023-07-31 (p.20)" in out
    assert "出典：デジタル庁「デジタル庁 年次報告書（2022年9月 – 2023年8月）」" in out
    assert "東京都: 62 municipalities in 3 pages, from 千代田区 to 小笠原村" in out


async def test_python_example_shows_the_licence_and_pages(base_url: str) -> None:
    out = await run([sys.executable, str(EXAMPLES / "python_client.py")], base_url)
    assert "公金受取口座の登録件数: 約5,700万件 on 2023-07-31" in out
    assert "p.20: 「公金受取口座の登録件数は" in out
    assert "dataset licence: 政府標準利用規約（第2.0版）; 出典：デジタル庁" in out
    assert "北海道: 179 municipalities (町 129, 市 34, 村 15, 政令市 1)" in out
    assert "first 札幌市 (011002), last 羅臼町 (016942)" in out


async def test_python_example_takes_another_prefecture(base_url: str) -> None:
    out = await run([sys.executable, str(EXAMPLES / "python_client.py"), "47000"], base_url)
    assert "沖縄県: 41 municipalities" in out


async def test_js_example_searches_ranks_and_pages(base_url: str) -> None:
    node = require("node")
    version = (await run([node, "--version"], base_url)).strip()
    major = int(version.lstrip("v").split(".")[0])
    assert major >= 18, f"node {version}: the example needs Node 18+ for fetch (CI has Node 20)"
    out = await run([node, str(EXAMPLES / "js_client.mjs")], base_url)
    assert "search 「ぼうさい」: 8 matches" in out
    assert "INITIATIVE: 防災 (in TITLE)" in out
    assert "1. 姫島村 (大分県) 95.4%" in out
    assert "札幌市: 47 values, 7.4% on 2017-03-08 to 56.8% on 2022-12-31" in out
    assert "出典：総務省" in out


async def test_a_failing_client_exits_non_zero() -> None:
    # A closed port: each example must report the failure through its exit status, or CI would pass on errors.
    clients = [
        [require("bash"), "examples/curl.sh"],
        [sys.executable, "examples/python_client.py"],
        [require("node"), "examples/js_client.mjs"],
    ]
    for args in clients:
        process = await asyncio.create_subprocess_exec(
            *args,
            cwd=ROOT,
            env={**os.environ, "HIRAKU_URL": "http://127.0.0.1:9"},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        assert await asyncio.wait_for(process.wait(), RUN_TIMEOUT_S) != 0, args


COOKBOOK_QUERIES = cookbook_queries()


def test_the_cookbook_has_its_recipes() -> None:
    # Guards the parsing: a change of fence or heading style must not leave the tests below with nothing to run.
    assert len(COOKBOOK_QUERIES) >= 12
    assert [b for b in fenced_blocks(COOKBOOK.read_text(encoding="utf-8")) if b.language == "sh"]


@pytest.mark.parametrize(
    ("block", "variables"), COOKBOOK_QUERIES, ids=[f"{i}-{b.heading}" for i, (b, _) in enumerate(COOKBOOK_QUERIES)]
)
async def test_cookbook_query_runs(client: httpx.AsyncClient, block: Block, variables: dict[str, Any]) -> None:
    response = await client.post("/graphql", json={"query": block.text, "variables": variables})
    assert response.status_code == 200, response.text
    assert_answered(response.json())


async def test_cookbook_shell_examples_run(base_url: str) -> None:
    bash = require("bash")
    require("curl")
    scripts = [b for b in fenced_blocks(COOKBOOK.read_text(encoding="utf-8")) if b.language == "sh"]
    assert scripts
    for block in scripts:
        answers = json_lines(await run([bash, "-euo", "pipefail", "-c", block.text], base_url))
        assert answers, block.heading
        for body in answers:
            assert_answered(body)


async def test_readme_example_queries_run(client: httpx.AsyncClient, base_url: str) -> None:
    bash = require("bash")
    require("curl")
    section = readme_example_section()
    host = urlsplit(base_url).netloc
    commands = [b.text for b in fenced_blocks(section) if b.language == "sh" and "curl" in b.text]
    assert commands, "no curl example in the README's example section"
    for command in commands:
        assert "localhost:8000" in command, command  # the address rewritten to the test server's
        for body in json_lines(await run([bash, "-c", command.replace("localhost:8000", host)], base_url)):
            assert_answered(body)
    for block in fenced_blocks(section):
        if block.language == "graphql":
            assert_answered((await client.post("/graphql", json={"query": block.text})).json())
