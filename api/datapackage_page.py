"""The HTML of `GET /export/`: every export with its files, rows and columns, in the home page's style."""

from __future__ import annotations

from html import escape
from typing import Any

from api.home_page import STYLE


def render(listing: dict[str, Any]) -> str:
    parts = [
        '<!doctype html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',
        "<title>hiraku — エクスポート · Exports</title>",
        f"<style>{STYLE}</style>\n</head>\n<body>\n<main>",
        '<p class="muted"><a href="/">hiraku</a></p>',
        "<h1>エクスポート · Exports</h1>",
        f'<p class="lead">{escape(listing["title"])}</p>',
        f'<p>バージョン · Version <span class="version">{escape(listing["version"])}</span> · '
        f"{escape(listing['attribution'])}</p>",
        f'<p>Data Package (Frictionless): <a href="{escape(listing["dataPackage"])}">datapackage.json</a> — '
        "列の型・コードの形・キー・ライセンス · column types, code patterns, keys and licences for tools "
        "(<code>frictionless validate</code>, pandas, R).</p>",
        '<p class="muted">CSV: UTF-8, RFC 4180 (Excel 向けは <code>?bom=1</code>). '
        "Files are generated from the database when downloaded.</p>",
        *(_export(export) for export in listing["exports"]),
        "</main>\n</body>\n</html>\n",
    ]
    return "\n".join(parts)


def _export(export: dict[str, Any]) -> str:
    files = " · ".join(
        f'<a href="{escape(file["url"])}">{escape(file["format"].upper())}</a>' for file in export["files"]
    )
    filters = ", ".join(f"<code>{escape(name)}</code>" for name in export["filters"]) or "—"
    columns = "".join(
        f"<tr><td><code>{escape(field['name'])}</code></td><td>{escape(field['type'])}</td>"
        f"<td>{escape(field.get('description', ''))}</td></tr>"
        for field in export["schema"]["fields"]
    )
    return (
        f'<h2 id="{escape(export["name"])}">{escape(export["title"])}</h2>'
        f"<p>{escape(export['description'])}</p>"
        f"<p>{files} — {export['rows']:,} rows · filters: {filters}</p>"
        f"<details><summary>Columns</summary><table><tr><th>column</th><th>type</th><th>description</th></tr>"
        f"{columns}</table></details>"
    )
