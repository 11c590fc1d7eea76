"""Milestones through GraphQL: every one cites its sentence, chapter 1's マイナンバー steps and the other dated
steps are there with their periods, and every period of a wording is kept.

Expected texts and dates are read from the printed report here (../shared/seed), not from the seed files."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.report_text import flat, read_report_text
from tests.support import document, graphql

ALL_MILESTONES = """query($after: String) { milestones(first: 100, after: $after) {
    nodes { id text status initiative { slug } section { slug } source { section page quote } }
    pageInfo { hasNextPage endCursor } } }"""


@pytest.fixture(scope="module")
def report_text() -> str:
    return read_report_text()


async def _every_milestone(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        page = (await graphql(client, ALL_MILESTONES, {"after": after}))["data"]["milestones"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


async def _sections(client: httpx.AsyncClient) -> dict[str, Any]:
    body = await graphql(client, document("report_section_milestones"))
    assert "errors" not in body, body
    return {s["slug"]: s for s in body["data"]["reportSections"]}


async def test_every_milestone_cites_its_sentence_in_the_report(client: httpx.AsyncClient, report_text: str) -> None:
    nodes = await _every_milestone(client)
    assert len(nodes) >= 95
    for node in nodes:
        source = node["source"]
        assert source["quote"], f"{node['text']!r} has no quote"
        assert flat(source["quote"]) in report_text, source["quote"]
        assert flat(node["text"]) in flat(source["quote"])
        assert source["section"] and source["page"]
        assert (node["initiative"] is None) != (node["section"] is None)


# (section slug, the sentence as printed, the period as printed, start, end, status)
CHAPTER_1 = [
    (
        "mynumber-linkage-review",
        "個別データの点検が必要とされた機関は、原則として11月末までに点検を実施する予定です。",
        "11月末まで",
        None,
        "2023-11-30",
        "PLANNED",
    ),
    (
        "mynumber-card-online-procedures",
        "2023年2月に引越し手続きのオンライン申請を全自治体で開始しました。",
        "2023年2月",
        "2023-02-01",
        "2023-02-28",
        "DONE",
    ),
    (
        "mynumber-card-smartphone",
        "スマートフォンに電子証明書を搭載するサービスを、2023年5月にAndroid端末で開始しました。",
        "2023年5月",
        "2023-05-01",
        "2023-05-31",
        "DONE",
    ),
]


@pytest.mark.parametrize(("slug", "sentence", "printed", "start", "end", "status"), CHAPTER_1)
async def test_chapter_1_steps_are_milestones_of_their_section(
    client: httpx.AsyncClient,
    report_text: str,
    slug: str,
    sentence: str,
    printed: str,
    start: str | None,
    end: str,
    status: str,
) -> None:
    assert flat(sentence) in report_text
    section = (await _sections(client))[slug]
    assert section["chapter"] == "1. 1年の総括 > デジタルの利便性を広げる取組"
    assert section["source"]["page"] == 11
    [milestone] = section["milestones"]
    assert (milestone["text"], milestone["status"], milestone["position"]) == (sentence, status, 1)
    assert milestone["period"]["text"] == printed and printed in sentence
    assert (milestone["period"]["start"], milestone["period"]["end"]) == (start, end)
    assert milestone["initiative"] is None and milestone["section"] == {"slug": slug}
    assert (milestone["source"]["page"], milestone["source"]["section"]) == (11, section["source"]["section"])
    assert sentence in milestone["source"]["quote"]


async def test_the_review_due_in_november_says_why_2023(client: httpx.AsyncClient) -> None:
    query = """{ reportSections { slug milestones { period { fiscalYear } source { note } } } }"""
    sections = {s["slug"]: s for s in (await graphql(client, query))["data"]["reportSections"]}
    [review] = sections["mynumber-linkage-review"]["milestones"]
    assert review["period"]["fiscalYear"] == 2023
    assert "2023年11月" in review["source"]["note"]


@pytest.mark.parametrize(
    ("slug", "sentence"),
    [
        ("mynumber-system", "住民票を持つ日本国内の全住民に付番される12桁の番号です。"),
        ("mynumber-card-merits-and-safety", "万が一、紛失・盗難の場合は、24時間365日体制で利用を停止できます。"),
        (
            "mynumber-linkage-review",
            "マイナンバー情報総点検においては、マイナポータルで閲覧可能となっている全ての情報について総点検を行います。",
        ),
    ],
)
async def test_chapter_1_passages_are_report_sections(
    client: httpx.AsyncClient, report_text: str, slug: str, sentence: str
) -> None:
    assert flat(sentence) in report_text
    section = (await _sections(client))[slug]
    assert sentence in section["text"]
    assert all(flat(paragraph) in report_text for paragraph in section["text"].split("\n"))
    assert section["source"]["page"] == 11


# (initiative, the item as printed, the period as printed, start, end, status, the section it is printed under)
OTHER_STEPS = [
    (
        "data-infrastructure",
        "機関間の情報連携や変更手続等の省略を可能にするための制度的な措置（2023年内に結論）",
        "2023年内",
        "2023-01-01",
        "2023-12-31",
        "PLANNED",
        "データ整備 > ベースレジストリの整備",
    ),
    (
        "data-infrastructure",
        "基幹システム更改を見据えた全体設計と移行期の速やかな提供（2023年内に工程表策定）",
        "2023年内",
        "2023-01-01",
        "2023-12-31",
        "PLANNED",
        "データ整備 > ベースレジストリの整備",
    ),
    (
        "ai",
        "「働き方改革促進のための生成AI活用ワークショップ」を視察する河野大臣（2023年6月26日実施）",
        "2023年6月26日",
        "2023-06-26",
        "2023-06-26",
        "DONE",
        "安全・安心で強靱なデジタル基盤の実現 > AI",
    ),
]


@pytest.mark.parametrize(("slug", "text", "printed", "start", "end", "status", "under"), OTHER_STEPS)
async def test_dated_steps_outside_the_outlook_lists_follow_them(
    client: httpx.AsyncClient,
    report_text: str,
    slug: str,
    text: str,
    printed: str,
    start: str,
    end: str,
    status: str,
    under: str,
) -> None:
    assert flat(text) in report_text
    body = await graphql(client, document("initiative_milestones"), {"slug": slug})
    milestones = body["data"]["initiative"]["milestones"]
    [step] = [m for m in milestones if m["text"] == text]
    outlook = [m for m in milestones if m["source"]["section"].endswith("今後の展開（予定）")]
    assert step["position"] > len(outlook)
    assert (step["status"], step["period"]["text"], step["period"]["start"], step["period"]["end"]) == (
        status,
        printed,
        start,
        end,
    )
    assert step["source"]["section"].endswith(under)
    assert step["source"]["quote"] == text


async def test_a_section_milestone_is_found_by_its_id(client: httpx.AsyncClient) -> None:
    [milestone] = (await _sections(client))["mynumber-card-smartphone"]["milestones"]
    body = await graphql(
        client, "query($id: ID!) { node(id: $id) { ... on Milestone { text } } }", {"id": milestone["id"]}
    )
    assert body["data"]["node"] == {"text": milestone["text"]}
