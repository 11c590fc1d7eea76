"""`GET /export/datapackage.json`: a Frictionless Data Package that tells tools what every export holds (types,
codes as strings with their pattern, keys, licence, sources), and `GET /export/`: the list of the exports, as HTML
for browsers and JSON for everyone else."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from api.caching import requested_etags, weak_etag
from api.datapackage_page import render
from api.exports import ExportError, opened, version_of
from api.home import Home, wants_html
from db.exports import EXPORT_FORMATS, EXPORT_TABLES, ExportTable, export_columns, export_row_count
from db.pool import ApiPool
from schema.limits import CACHE_MAX_AGE_S

DESCRIBED = tomllib.loads(Path(__file__).with_name("datapackage.toml").read_text(encoding="utf-8"))
# Table Schema types of the PostgreSQL types the exports' queries return; a JSON cell's type is in the TOML file.
FIELD_TYPES = {
    "text": "string",
    "varchar": "string",
    "int2": "integer",
    "int4": "integer",
    "int8": "integer",
    "numeric": "number",
    "float4": "number",
    "float8": "number",
    "bool": "boolean",
    "date": "date",
    "_text": "array",
}
CSV_DIALECT = {"header": True, "delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\r\n"}


class ExportCatalogue:
    """The package and the index, built once per dataset version (column types from the exports' own queries,
    row counts by running them)."""

    def __init__(self, home: Home) -> None:
        self.home = home
        self.kept: tuple[str, dict[str, Any]] | None = None

    async def package(self, request: Request) -> Response:
        try:
            version, package = await self._package(request)
        except ExportError as error:
            return error.response()
        headers = _cache_headers(request, version)
        if headers["etag"] in requested_etags(request.headers):
            return Response(status_code=304, headers=headers)
        return JSONResponse(package, headers=headers, media_type="application/json")

    async def index(self, request: Request) -> Response:
        try:
            version, package = await self._package(request)
        except ExportError as error:
            return error.response()
        headers = _cache_headers(request, version) | {"vary": "Accept"}
        html = wants_html(request.headers.get("accept", ""))
        headers["etag"] = weak_etag(version, request.url.path, b"html" if html else b"json")
        if headers["etag"] in requested_etags(request.headers):
            return Response(status_code=304, headers=headers)
        listing = _index(package, request.app.state.public_url)
        if html:
            return HTMLResponse(render(listing), headers=headers)
        return JSONResponse(listing, headers=headers)

    async def _package(self, request: Request) -> tuple[str, dict[str, Any]]:
        version = await version_of(request)
        if self.kept is not None and self.kept[0] == version:
            return self.kept
        facts = await self.home.facts(request)
        dataset = facts["dataset"]
        if dataset is None:
            raise ExportError(503, facts["datasetProblem"] or "No dataset is loaded yet.", "SERVICE_UNAVAILABLE")
        pool: ApiPool = getattr(request.app.state.pool, "primary", request.app.state.pool)
        resources = [await _resource(pool, table, dataset) for table in EXPORT_TABLES.values()]
        package = _descriptor(dataset, resources)
        if dataset["version"] == version:
            self.kept = (version, package)
        return version, package


async def _resource(pool: ApiPool, table: ExportTable, dataset: dict[str, Any]) -> dict[str, Any]:
    described = DESCRIBED["tables"][table.name]
    columns = await opened(export_columns(pool, table))
    rows = await opened(export_row_count(pool, table))
    schema: dict[str, Any] = {
        "fields": [_field(name, type_name, described["fields"].get(name, {})) for name, type_name in columns],
        "missingValues": [""],
    }
    if "primary_key" in described:
        schema["primaryKey"] = described["primary_key"]
    if "foreign_keys" in described:
        schema["foreignKeys"] = [
            {"fields": key["fields"], "reference": {"resource": key["resource"], "fields": key["reference"]}}
            for key in described["foreign_keys"]
        ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "title": described["title"],
        "description": described["description"],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": CSV_DIALECT,
        "schema": schema,
        # Frictionless checks the file against this count (`frictionless validate`); bytes are not known before
        # the file is generated.
        "stats": {"rows": rows},
        "licenses": _licences(dataset),
        "filters": list(table.filters),
    }


def _field(name: str, type_name: str, described: dict[str, Any]) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": described.get("type") or FIELD_TYPES.get(type_name, "any")}
    if "description" in described:
        field["description"] = described["description"]
    if "format" in described:
        field["format"] = described["format"]
    if field["type"] == "boolean":
        field |= {"trueValues": ["true"], "falseValues": ["false"]}
    constraints = {key: described[key] for key in ("pattern", "enum") if key in described}
    if constraints:
        field["constraints"] = constraints
    return field


def _licences(dataset: dict[str, Any]) -> list[dict[str, str]]:
    licence = {"title": dataset["licence"], "path": dataset["url"]}
    if dataset["compatibleLicence"]:
        licence = {
            "name": dataset["compatibleLicence"],
            "path": dataset["compatibleLicenceUrl"],
            "title": f"{dataset['licence']} ({dataset['compatibleLicence']} compatible)",
        }
    return [licence]


def _descriptor(dataset: dict[str, Any], resources: list[dict[str, Any]]) -> dict[str, Any]:
    described = DESCRIBED["package"]
    sources = [{"title": dataset["title"], "path": dataset["url"]}]
    sources += [
        {"title": source["title"], "path": source["url"]} for source in dataset["sources"] if source["available"]
    ]
    return {
        "profile": "tabular-data-package",
        "name": described["name"],
        "title": described["title"],
        "description": described["description"],
        "version": dataset["version"],
        "created": dataset["loadedAt"],
        "homepage": dataset["url"],
        "licenses": _licences(dataset),
        "sources": sources,
        "attribution": dataset["attribution"],
        "attributionEn": dataset["attributionEn"],
        "resources": resources,
    }


def _index(package: dict[str, Any], public_url: str) -> dict[str, Any]:
    """The exports with absolute URLs, for people and for scripts that do not read data packages."""
    exports = f"{public_url}/export/"
    return {
        "title": package["title"],
        "version": package["version"],
        "licenses": package["licenses"],
        "attribution": package["attribution"],
        "dataPackage": exports + "datapackage.json",
        "exports": [
            {
                "name": resource["name"],
                "title": resource["title"],
                "description": resource["description"],
                "rows": resource["stats"]["rows"],
                "bytes": None,
                "filters": resource["filters"],
                "files": [
                    {"format": format_, "mediaType": media_type, "url": f"{exports}{resource['name']}.{format_}"}
                    for format_, media_type in EXPORT_FORMATS.items()
                ],
                "schema": resource["schema"],
            }
            for resource in package["resources"]
        ],
    }


def _cache_headers(request: Request, version: str) -> dict[str, str]:
    return {
        "etag": weak_etag(version, request.url.path, b""),
        "cache-control": f"public, max-age={CACHE_MAX_AGE_S}",
        "x-dataset-version": version,
    }
