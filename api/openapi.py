"""`GET /openapi.json`: OpenAPI 3.1 for the endpoints beside GraphQL (exports, the data package, maps, the catalogue
entry, health). The export paths, their filters and their row schemas come from the exports themselves
(db/exports.py, api/datapackage.toml), so the description cannot drift from what the server takes."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.datapackage import DESCRIBED
from api.maps import LEVELS
from db.exports import EXPORT_FORMATS, EXPORT_TABLES, ExportTable
from schema.limits import MAX_ARGUMENT_LENGTH, MAX_CHART_AREAS

SLUG = "^[a-z0-9][a-z0-9_-]*$"
AREA = "^([0-9]{2}|[0-9]{5,6})$"
CHART_AREAS = f"^(nation|[0-9]{{2}}|[0-9]{{5,6}})(,(nation|[0-9]{{2}}|[0-9]{{5,6}})){{0,{MAX_CHART_AREAS - 1}}}$"
ERROR = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["message", "extensions"],
                "properties": {
                    "message": {"type": "string", "description": "What was wrong, naming the parameter."},
                    "extensions": {
                        "type": "object",
                        "required": ["code"],
                        "properties": {"code": {"type": "string", "examples": ["BAD_USER_INPUT", "NOT_FOUND"]}},
                    },
                },
            },
        }
    },
}
# Table Schema types as JSON Schema types of the JSON exports' values (null when the cell is empty).
JSON_TYPES = {
    "string": {"type": ["string", "null"]},
    "integer": {"type": ["integer", "null"]},
    "number": {"type": ["number", "null"]},
    "boolean": {"type": ["boolean", "null"]},
    "date": {"type": ["string", "null"], "format": "date"},
    "object": {"type": ["object", "null"]},
    "array": {"type": ["array", "null"]},
}
FILTERS = {
    "metric": {
        "description": "Only this metric (its slug). An unknown slug gives no rows.",
        "schema": {"type": "string", "pattern": SLUG, "maxLength": MAX_ARGUMENT_LENGTH},
        "example": "mynumber-card-issued-rate-soumu",
    },
    "area": {
        "description": "Only this area: a local government code (6 digits with the check digit, or the first 5; "
        "2 digits for a prefecture). A prefecture's code selects the prefecture and its municipalities.",
        "schema": {"type": "string", "pattern": AREA},
        "example": "130001",
    },
}
METRIC = {
    "name": "metric",
    "in": "path",
    "required": True,
    "description": "The metric's slug.",
    "schema": {"type": "string", "pattern": SLUG, "maxLength": MAX_ARGUMENT_LENGTH},
    "example": "mynumber-card-issued-rate-soumu",
}
BOM = {
    "name": "bom",
    "in": "query",
    "description": "1: the file starts with a UTF-8 byte order mark, for Excel.",
    "schema": {"type": "string", "enum": ["0", "1"]},
    "example": "1",
}


def openapi_document(public_url: str) -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/export/": {"get": _export_index()},
        "/export/datapackage.json": {"get": _data_package()},
    }
    for table in EXPORT_TABLES.values():
        for format_, media_type in EXPORT_FORMATS.items():
            paths[f"/export/{table.name}.{format_}"] = {"get": _export(table, format_, media_type)}
    paths["/maps/{metric}.svg"] = {"get": _map()}
    paths["/charts/{metric}.svg"] = {"get": _chart()}
    paths["/catalog.jsonld"] = {"get": _catalog()}
    paths["/healthz"] = {"get": _health("The process is up (says nothing about the database).", 200)}
    paths["/readyz"] = {"get": _health("The database answers (503 when it does not).", 503)}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "hiraku: files, maps, charts and health",
            "version": "1",
            "description": "The endpoints of hiraku beside its GraphQL API (POST or GET /graphql, described by its "
            "schema at /schema.graphql): whole tables as CSV or JSON, their data package, choropleth maps, line "
            "charts, the DCAT catalogue entry and health checks. Every error is JSON: "
            "{errors: [{message, extensions: {code}}]}.",
            "license": {"name": "CC-BY-4.0", "identifier": "CC-BY-4.0"},
        },
        "servers": [{"url": public_url}],
        "paths": paths,
    }


async def openapi(request: Request) -> Response:
    return JSONResponse(openapi_document(request.app.state.public_url), headers={"cache-control": "no-cache"})


def _export(table: ExportTable, format_: str, media_type: str) -> dict[str, Any]:
    described = DESCRIBED["tables"][table.name]
    parameters = [{"name": name, "in": "query", **FILTERS[name]} for name in table.filters]
    if format_ == "csv":
        parameters.append(BOM)
    content: dict[str, Any] = {"schema": {"type": "string"}}
    if format_ == "json":
        properties = {name: {"description": field["description"]} for name, field in described["fields"].items()}
        content = {"schema": {"type": "array", "items": {"type": "object", "properties": properties}}}
    return {
        "summary": f"{described['title']}, as {format_.upper()}",
        "description": f"{described['description']} Streamed from the database; the columns and their types are "
        "in /export/datapackage.json.",
        "operationId": f"export_{table.name}_{format_}",
        "tags": ["exports"],
        "parameters": parameters,
        "responses": {
            "200": {"description": "The table.", "content": {media_type.split(";")[0]: content}},
            **_cached(),
            **_errors(400, 503),
        },
    }


def _export_index() -> dict[str, Any]:
    return {
        "summary": "Every export, with its URLs, rows and columns",
        "description": "HTML for a browser (Accept: text/html), JSON otherwise.",
        "operationId": "export_index",
        "tags": ["exports"],
        "responses": {
            "200": {
                "description": "The exports.",
                "content": {"application/json": {"schema": {"type": "object"}}, "text/html": {}},
            },
            **_cached(),
            **_errors(503),
        },
    }


def _data_package() -> dict[str, Any]:
    return {
        "summary": "The Frictionless Data Package of every export",
        "description": "Column types, code patterns, keys, licence, sources and row counts "
        "(`frictionless validate` reads it).",
        "operationId": "export_data_package",
        "tags": ["exports"],
        "responses": {
            "200": {
                "description": "datapackage.json.",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            **_cached(),
            **_errors(503),
        },
    }


def _map() -> dict[str, Any]:
    return {
        "summary": "A choropleth map of a metric's values by area (SVG)",
        "operationId": "map",
        "tags": ["maps"],
        "parameters": [
            METRIC,
            {
                "name": "date",
                "in": "query",
                "description": "The date to map (YYYY-MM-DD); the latest date with values by default.",
                "schema": {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                "example": "2022-12-31",
            },
            {
                "name": "level",
                "in": "query",
                "description": "Prefectures or municipalities; the finest level with values by default.",
                "schema": {"type": "string", "enum": list(LEVELS)},
                "example": "prefecture",
            },
        ],
        "responses": _svg("The map."),
    }


def _chart() -> dict[str, Any]:
    return {
        "summary": "A line chart of a metric's totals over time for up to eight areas (SVG)",
        "operationId": "chart",
        "tags": ["charts"],
        "parameters": [
            METRIC,
            {
                "name": "area",
                "in": "query",
                "description": f"Up to {MAX_CHART_AREAS} areas, comma-separated: local government codes (6 digits, "
                "the first 5, or 2 for a prefecture) or `nation` for the nation as a whole (the default).",
                "schema": {"type": "string", "pattern": CHART_AREAS},
                "example": "nation,130001,011002",
            },
        ],
        "responses": _svg("The chart."),
    }


def _svg(description: str) -> dict[str, Any]:
    """The answers of a map or chart: the image, 304, and the JSON errors."""
    return {
        "200": {"description": description, "content": {"image/svg+xml": {"schema": {"type": "string"}}}},
        **_cached(),
        **_errors(400, 404, 503),
    }


def _catalog() -> dict[str, Any]:
    return {
        "summary": "The dataset as a DCAT catalogue entry (JSON-LD)",
        "operationId": "catalog",
        "tags": ["catalogue"],
        "responses": {
            "200": {
                "description": "DCAT in JSON-LD.",
                "content": {"application/ld+json": {"schema": {"type": "object"}}},
            },
            **_cached(),
            **_errors(503),
        },
    }


def _health(description: str, failing: int) -> dict[str, Any]:
    status = {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}}
    responses: dict[str, Any] = {"200": {"description": "OK.", "content": {"application/json": {"schema": status}}}}
    if failing != 200:
        responses[str(failing)] = {"description": "Not ready.", "content": {"application/json": {"schema": status}}}
    return {"summary": description, "tags": ["health"], "responses": responses}


def _cached() -> dict[str, Any]:
    return {"304": {"description": "Not modified: the ETag sent in If-None-Match is current."}}


def _errors(*statuses: int) -> dict[str, Any]:
    meanings = {
        400: "A parameter is wrong; the message names it.",
        404: "Nothing to answer.",
        503: "The database cannot answer now, or no dataset is loaded (Retry-After).",
    }
    return {
        str(status): {"description": meanings[status], "content": {"application/json": {"schema": ERROR}}}
        for status in statuses
    }
