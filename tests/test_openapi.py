"""GET /openapi.json over a real server: a valid OpenAPI 3.1 document (openapi-spec-validator) that names every
endpoint beside GraphQL, and whose every parameter the server treats as documented: the example is answered as
described, a value outside the documented pattern or list is refused with the documented error."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from starlette.routing import Route

from api.app import create_app
from api.settings import Settings
from tests.limits_support import app_settings

# Not described here: GraphQL (its schema describes it), the pages and files of people's browsers, Prometheus.
ELSEWHERE = {
    "/graphql",
    "/",
    "/schema.graphql",
    "/metrics",
    "/openapi.json",
    "/graphiql/assets/{path:path}",
    "/graphiql/licences",
    "/export/{file}",
}


async def document(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.get("/openapi.json")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def operations(openapi: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(path, item["get"]) for path, item in openapi["paths"].items()]


def url(path: str, parameters: dict[str, str]) -> str:
    """The request for `parameters` (path parameters put in place, the others as the query)."""
    query = {}
    for name, value in parameters.items():
        if "{" + name + "}" in path:
            path = path.replace("{" + name + "}", quote(value, safe=""))
        else:
            query[name] = value
    return path + ("?" + "&".join(f"{n}={quote(v, safe='')}" for n, v in query.items()) if query else "")


def examples(operation: dict[str, Any]) -> dict[str, str]:
    return {p["name"]: p["example"] for p in operation.get("parameters", [])}


async def test_the_document_is_valid_openapi_3_1(client: httpx.AsyncClient, settings: Settings) -> None:
    openapi = await document(client)
    validate(openapi)
    assert openapi["openapi"] == "3.1.0" and openapi["servers"] == [{"url": settings.public_url}]


async def test_every_endpoint_beside_graphql_is_described(client: httpx.AsyncClient, settings: Settings) -> None:
    openapi = await document(client)
    app = create_app(app_settings(settings, "postgresql://unused"))
    served = {route.path for route in app.routes if isinstance(route, Route)}
    assert served - ELSEWHERE <= set(openapi["paths"])
    exports = {path for path in openapi["paths"] if path.startswith("/export/") and path.count(".") == 1}
    assert len(exports) == 14 + 1  # 7 tables × CSV and JSON, and datapackage.json


async def test_every_example_is_answered_as_described(client: httpx.AsyncClient) -> None:
    for path, operation in operations(await document(client)):
        response = await client.get(url(path, examples(operation)))
        assert response.status_code == 200, (path, response.text[:300])
        media_type = response.headers["content-type"].split(";")[0]
        content = operation["responses"]["200"]["content"]
        assert media_type in content, (path, media_type)
        schema = content[media_type].get("schema")
        if schema is not None and media_type.endswith("json"):
            Draft202012Validator(schema).validate(response.json())


@pytest.mark.parametrize("wrong", ["Nope!", "x" * 201])
async def test_a_value_outside_what_is_documented_is_refused_as_documented(
    client: httpx.AsyncClient, wrong: str
) -> None:
    checked = 0
    for path, operation in operations(await document(client)):
        for parameter in operation.get("parameters", []):
            schema = parameter["schema"]
            if not ({"pattern", "enum"} & set(schema)):
                continue
            given = examples(operation) | {parameter["name"]: wrong}
            response = await client.get(url(path, given))
            status = str(response.status_code)
            assert status in operation["responses"] and status.startswith("4"), (path, parameter["name"], status)
            Draft202012Validator(operation["responses"][status]["content"]["application/json"]["schema"]).validate(
                response.json()
            )
            checked += 1
    assert checked >= 12
