"""The report through GraphQL: metrics with sources, milestones by due date, catalogues, texts, node(id)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.support import document, graphql


async def _all_milestones(client: httpx.AsyncClient, filter: dict[str, Any]) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        body = await graphql(client, document("milestones_due"), {"filter": filter, "first": 50, "after": after})
        page = body["data"]["milestones"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


async def test_a_metric_answers_with_its_latest_value_and_source(client: httpx.AsyncClient) -> None:
    body = await graphql(client, document("metric_with_source"), {"slug": "mynaportal-registered-users"})
    metric = body["data"]["metric"]
    latest = metric["latest"]
    assert (latest["exactValue"], latest["displayValue"], latest["approximate"]) == ("64100000", "約6,410万人", True)
    assert latest["date"] == "2023-07-31"
    source = latest["source"]
    assert source["page"] == 20
    assert source["section"].endswith("マイナポータル")
    assert "約6,410万人（2023年7月31日時点）" in source["quote"]
    assert source["figureOwner"] == "デジタル庁"
    assert source["citationKind"] == "primary"
    assert source["licence"] == "政府標準利用規約（第2.0版）"
    assert source["attribution"].startswith("出典：デジタル庁「デジタル庁 年次報告書（2022年9月 – 2023年8月）」")
    assert "p.20" in source["attribution"]
    assert source["attributionEn"].startswith("Source: デジタル庁, デジタル庁 年次報告書")
    assert {(c["kind"], c["value"], c["stated"]) for c in metric["comparisons"]} >= {("ratio", 3.6, "前年比で3.6倍超")}
    assert any(c["atLeast"] for c in metric["comparisons"])
    assert metric["initiative"] == {"slug": "mynaportal"}


async def test_a_quoted_national_figure_says_it_is_quoted(client: httpx.AsyncClient) -> None:
    body = await graphql(client, "{ metrics(first: 100) { nodes { slug latest { source { citationKind url } } } } }")
    quoted = [
        m for m in body["data"]["metrics"]["nodes"] if m["latest"] and m["latest"]["source"]["citationKind"] == "quoted"
    ]
    assert quoted, "the national figures quoted by press pages keep citationKind quoted"
    assert all(not m["latest"]["source"]["url"].startswith("https://digital.go.jp") for m in quoted)


async def test_a_breakdown_sums_to_its_total(client: httpx.AsyncClient) -> None:
    query = """{ metric(slug: "analog-regulation-clauses-reviewed") {
        latest { exactValue } components { name latest { exactValue } } } }"""
    metric = (await graphql(client, query))["data"]["metric"]
    assert metric["latest"]["exactValue"] == "9669"
    assert len(metric["components"]) == 9
    assert sum(int(c["latest"]["exactValue"]) for c in metric["components"]) == 9669


async def test_targets_carry_their_period(client: httpx.AsyncClient) -> None:
    body = await graphql(client, document("metric_values"), {"slug": "jgrants-subsidies-in-use"})
    targets = body["data"]["metric"]["targets"]
    assert [(t["exactValue"], t["period"]["fiscalYear"], t["period"]["end"]) for t in targets] == [
        ("1100", 2023, "2024-03-31"),
        ("1560", 2024, "2025-03-31"),
    ]


async def test_milestones_due_by_the_end_of_fy2023(client: httpx.AsyncClient) -> None:
    nodes = await _all_milestones(client, {"dueBefore": "2024-03-31"})
    texts = {n["text"] for n in nodes}
    assert "新しいマイナポータル実証β版の段階的リリース 2023年度末まで" in texts
    assert "各府省庁の57システムがガバメントクラウドの利用を開始 2023年度末まで" in texts
    assert "国家資格のオンライン申請等機能 2024年度" not in texts
    assert all(n["period"]["end"] <= "2024-03-31" for n in nodes)
    beta = next(n for n in nodes if n["text"].startswith("新しいマイナポータル実証β版"))
    assert beta["period"] == {
        "text": "2023年度末まで",
        "start": None,
        "end": "2024-03-31",
        "approximate": False,
        "fiscalYear": 2023,
    }
    assert beta["initiative"] == {"slug": "mynaportal"}
    assert beta["source"]["section"].endswith("マイナポータル > 今後の展開（予定）")


async def test_milestones_by_fiscal_year_and_initiative(client: httpx.AsyncClient) -> None:
    fy2024 = await _all_milestones(client, {"fiscalYear": 2024, "initiative": "mynaportal"})
    assert [n["text"] for n in fy2024] == [
        "国家資格のオンライン申請等機能 2024年度",
        "離職票の取得機能 2024年度",
        "戸籍情報連携機能／戸籍振り仮名申請機能 2024年度",
        "旅券（パスポート）の新規申請機能 2024年度",
    ]
    undated = await _all_milestones(client, {"dated": False, "initiative": "mynaportal"})
    assert "マイナポータルAPIを活用した民間サービスの拡大" in {n["text"] for n in undated}
    assert all(n["period"]["start"] is None and n["period"]["end"] is None for n in undated)


async def test_the_disaster_catalogue_states_141_without_inventing_entries(client: httpx.AsyncClient) -> None:
    query = """{ serviceCatalog(slug: "disaster-prevention-dx-service-map") {
        name statedCount asOf entries { totalCount } source { page quote } } }"""
    catalog = (await graphql(client, query))["data"]["serviceCatalog"]
    assert catalog["statedCount"] == 141
    assert catalog["asOf"] == "2023-08-22"
    assert catalog["entries"]["totalCount"] == 0
    assert catalog["source"]["page"] == 34


async def test_catalogues_give_their_lists_in_full(client: httpx.AsyncClient) -> None:
    query = """{ serviceCatalogs { slug statedCount entries(first: 100) { totalCount nodes { name status } }
                 categories { name children { name } } } }"""
    catalogs = {c["slug"]: c for c in (await graphql(client, query))["data"]["serviceCatalogs"]}
    use_cases = catalogs["business-use-cases"]
    assert use_cases["statedCount"] == use_cases["entries"]["totalCount"] == 8
    points = catalogs["mynumber-act-amendment-points"]["entries"]["nodes"]
    assert len(points) == 6
    fields = catalogs["digital-implementation-catalog"]["categories"]
    assert len(fields) == 11
    assert all(field["children"] for field in fields)
    gss = {n["name"]: n["status"] for n in catalogs["gss-adopting-agencies"]["entries"]["nodes"]}
    assert gss["人事院"] == "done"
    assert gss["宮内庁"] == "planned"


async def test_the_report_texts(client: httpx.AsyncClient) -> None:
    query = """{ policyGoals { title challenge vision } missionStatements { kind title subtitle }
                 priorityPlan { position title subItems { title } } agencyRoles { position text }
                 reportSections { chapter title } }"""
    data = (await graphql(client, query))["data"]
    assert len(data["policyGoals"]) == 6
    assert data["policyGoals"][0]["title"] == "デジタル化による成長戦略"
    kinds = [m["kind"] for m in data["missionStatements"]]
    assert (kinds.count("mission"), kinds.count("vision"), kinds.count("value")) == (1, 2, 4)
    assert [p["position"] for p in data["priorityPlan"]] == list(range(1, 11))
    assert data["priorityPlan"][0]["title"].startswith("マイナンバーカードとデジタル行政サービスで")
    assert len(data["agencyRoles"]) == 10
    assert any(s["chapter"].endswith("デジタル庁の組織づくり") for s in data["reportSections"])


async def test_node_resolves_every_type(client: httpx.AsyncClient) -> None:
    query = """{ focusAreas { id } initiatives(first: 1) { nodes { id } } metrics(first: 1) { nodes { id } }
                 milestones(first: 1) { nodes { id } } serviceCatalogs { id } services(first: 1) { nodes { id } }
                 policyGoals { id } missionStatements { id } priorityPlan { id } reportSections { id } }"""
    data = (await graphql(client, query))["data"]
    ids = [
        data["focusAreas"][0]["id"],
        data["initiatives"]["nodes"][0]["id"],
        data["metrics"]["nodes"][0]["id"],
        data["milestones"]["nodes"][0]["id"],
        data["serviceCatalogs"][0]["id"],
        data["services"]["nodes"][0]["id"],
        data["policyGoals"][0]["id"],
        data["missionStatements"][0]["id"],
        data["priorityPlan"][0]["id"],
        data["reportSections"][0]["id"],
    ]
    body = await graphql(client, "query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }", {"ids": ids})
    assert "errors" not in body
    assert [n["id"] for n in body["data"]["nodes"]] == ids
    assert [n["__typename"] for n in body["data"]["nodes"]] == [
        "FocusArea",
        "Initiative",
        "Metric",
        "Milestone",
        "ServiceCatalog",
        "Service",
        "PolicyGoal",
        "MissionStatement",
        "PriorityPlanItem",
        "ReportSection",
    ]
