"""The home page's HTML: one small page in Japanese and English, with no script, font or image from elsewhere."""

from __future__ import annotations

from html import escape
from typing import Any

STYLE = """
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Hiragino Sans", "Noto Sans CJK JP", sans-serif;
       color: #1b1f23; background: #fafbfc; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.9rem; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 0.5rem; padding-bottom: 0.25rem; border-bottom: 1px solid #d0d7de; }
p.lead { margin: 0.25rem 0; color: #424a53; }
a { color: #0b5cad; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0; }
dt { font-weight: 600; color: #424a53; }
dd { margin: 0; }
code, .version { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.92em; }
.version { background: #eef1f4; padding: 0.05rem 0.4rem; border-radius: 4px; }
.problem { background: #fff4e5; border-left: 4px solid #d97706; padding: 0.6rem 0.9rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0.6rem; margin: 1rem 0 0; }
.actions a { background: #0b5cad; color: #fff; padding: 0.45rem 0.9rem; border-radius: 6px; text-decoration: none; }
.actions a.secondary { background: #fff; color: #0b5cad; border: 1px solid #0b5cad; }
table { border-collapse: collapse; }
table.sources { width: 100%; }
td, th { text-align: left; padding: 0.3rem 0.6rem 0.3rem 0; border-bottom: 1px solid #eaeef2; vertical-align: top; }
ul.maps { columns: 2 18rem; padding-left: 1.2rem; }
.muted { color: #57606a; font-size: 0.92em; }
footer { margin-top: 2.5rem; color: #57606a; font-size: 0.9em; }
"""


def render(facts: dict[str, Any]) -> str:
    links = facts["links"]
    parts = [
        '<!doctype html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',
        f'<link rel="alternate" type="application/ld+json" href="{escape(links["catalog"])}" title="DCAT">',
        "<title>hiraku — デジタル庁 年次報告書のデータ / The Digital Agency's annual report as data</title>",
        f"<style>{STYLE}</style>\n</head>\n<body>\n<main>",
        "<h1>hiraku</h1>",
        f'<p class="lead">{escape(facts["about"]["ja"])}</p>',
        f'<p class="lead" lang="en">{escape(facts["about"]["en"])}</p>',
        _actions(links),
        _dataset(facts["dataset"], facts["datasetProblem"]),
        _exports(links["exports"], links["exportIndex"], links["dataPackage"]),
        _maps(links["maps"]),
        _sources(facts["dataset"]),
        "<h2>ドキュメント · Docs</h2>",
        f'<p>{escape(facts["docs"]["ja"])}<br><span lang="en">{escape(facts["docs"]["en"])}</span></p>',
        _footer(links),
        "</main>\n</body>\n</html>\n",
    ]
    return "\n".join(part for part in parts if part)


def _a(href: str, text: str, css: str = "") -> str:
    return f'<a href="{escape(href)}"{f" class={css!r}" if css else ""}>{escape(text)}</a>'


def _actions(links: dict[str, Any]) -> str:
    buttons = []
    if links["graphiql"]:
        buttons.append(_a(links["graphiql"], "GraphiQL で試す · Try it in GraphiQL"))
    if links["schema"]:
        buttons.append(_a(links["schema"], "スキーマ · Schema (SDL)", "secondary"))
    return f'<p class="actions">{"".join(buttons)}</p>' + (
        f'<p class="muted">GraphQL endpoint: <code>POST {escape(links["graphql"])}</code> '
        "(<code>application/json</code>); <code>GET /graphql?query=…</code> too.</p>"
    )


def _dataset(dataset: dict[str, Any] | None, problem: str | None) -> str:
    head = "<h2>データ · The data</h2>"
    if dataset is None:
        return f'{head}<p class="problem">データセットを読めません（バージョン不明）。<br>{escape(problem or "")}</p>'
    rows = [
        ("報告書 · Report", _a(dataset["url"], dataset["title"]) + f" — {escape(dataset['publisher'])}"),
        ("対象期間 · Period", f"{escape(dataset['periodStart'])} – {escape(dataset['periodEnd'])}"),
        ("バージョン · Version", f'<span class="version">{escape(dataset["version"])}</span>'),
        ("読み込み · Loaded", escape(_minute(dataset["loadedAt"]))),
        ("ライセンス · Licence", _licence(dataset)),
        (
            "出典 · Credit",
            f'{escape(dataset["attribution"])}<br><span lang="en">{escape(dataset["attributionEn"])}</span>',
        ),
    ]
    return head + "<dl>" + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows) + "</dl>"


def _minute(timestamp: str) -> str:
    """`2023-09-01T12:34:56.789+00:00` as `2023-09-01 12:34 UTC` (the API sends UTC)."""
    return f"{timestamp[:10]} {timestamp[11:16]} UTC" if timestamp.endswith("+00:00") else timestamp


def _licence(dataset: dict[str, Any]) -> str:
    text = escape(dataset["licence"])
    if dataset["compatibleLicence"]:
        compatible = dataset["compatibleLicence"]
        url = dataset["compatibleLicenceUrl"]
        text += f" (compatible: {_a(url, compatible) if url else escape(compatible)})"
    if dataset["licenceNote"]:
        text += f'<br><span class="muted">{escape(dataset["licenceNote"])}</span>'
    return text


def _exports(exports: list[dict[str, str]], index: str, package: str) -> str:
    rows = "".join(
        f"<tr><td><code>{escape(e['table'])}</code></td><td>{_a(e['csv'], 'CSV')} · {_a(e['json'], 'JSON')}</td></tr>"
        for e in exports
    )
    return (
        "<h2>エクスポート · Exports</h2>"
        '<p class="muted">表をまるごと CSV（Excel 向けは <code>?bom=1</code>）か JSON で。 '
        "Whole tables as CSV or JSON.</p>"
        f"<table>{rows}</table>"
        f"<p>{_a(index, '一覧と列の説明 · All exports, their rows and columns')} · "
        f"{_a(package, 'Data Package (datapackage.json)')}</p>"
    )


def _maps(maps: list[dict[str, str]]) -> str:
    if not maps:
        return '<h2>地図 · Maps</h2><p class="muted">No map can be listed while the dataset cannot be read.</p>'
    items = "".join(f"<li>{_a(m['url'], m['name'])}</li>" for m in maps)
    return (
        "<h2>地図 · Maps</h2>"
        '<p class="muted">地域別の値のコロプレス図（SVG）。 Choropleth maps (SVG) of the metrics with values by '
        "area.</p>"
        f'<ul class="maps">{items}</ul>'
    )


def _sources(dataset: dict[str, Any] | None) -> str:
    if dataset is None:
        return ""
    rows = []
    for source in dataset["sources"]:
        state = "" if source["available"] else f'<br><span class="problem">{escape(source["problem"] or "")}</span>'
        rows.append(
            f"<tr><td>{_a(source['url'], source['title'])}{state}</td>"
            f"<td>{escape(source['licence'])}</td><td>{escape(source['attribution'])}</td></tr>"
        )
    return (
        "<h2>出典 · Sources</h2>"
        '<table class="sources"><tr><th>データ · Source</th><th>ライセンス · Licence</th><th>表示 · Credit</th></tr>'
        + "".join(rows)
        + "</table>"
    )


def _footer(links: dict[str, Any]) -> str:
    items = [
        _a(links["catalog"], "DCAT (catalog.jsonld)"),
        _a(links["openapi"], "OpenAPI (files, maps, health)"),
        _a(links["health"], "/healthz"),
        _a(links["readiness"], "/readyz"),
        _a(links["metrics"], "/metrics"),
    ]
    if links["graphiqlLicences"]:
        items.append(_a(links["graphiqlLicences"], "GraphiQL's licences"))
    return f"<footer>{' · '.join(items)}</footer>"
