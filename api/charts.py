"""`GET /charts/{metric}.svg?area=CODE[,CODE…]`: a line chart of a metric's totals over time for up to eight
areas (`nation` for the nation as a whole, the default), cacheable by dataset version like the maps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from starlette.requests import Request
from starlette.responses import Response

from api.caching import repeated_parameters, requested_etags, weak_etag
from api.maps import MEDIA_TYPE, MapError, data_credits, metric_slug
from api.svgchart import ChartSpec, Series, render
from db.areacode import AreaCodeError, normalise
from db.areas import areas_by_codes
from db.charts import chart_series
from db.metrics import metrics_by_slugs
from db.pool import DatabaseUnavailable, QueryTimeout
from db.types import Executor, Record
from schema.limits import CACHE_MAX_AGE_S, MAX_CHART_AREAS

NATION = "nation"


async def line_chart(request: Request) -> Response:
    """The SVG, or a JSON error naming the parameter or what has no values."""
    query_string = request.scope.get("query_string", b"")
    try:
        if repeated := repeated_parameters(query_string, ("area",)):
            raise MapError(400, f"`{repeated[0]}` is given more than once: list the areas in one, comma-separated")
        slug = metric_slug(request.path_params["metric"], "/charts/<metric slug>.svg")
        version = request.app.state.dataset_version.current
        etag = weak_etag(version, request.url.path, query_string) if version else None
        headers = {"cache-control": f"public, max-age={CACHE_MAX_AGE_S}"}
        if etag is not None:
            headers["etag"] = etag
            if etag in requested_etags(request.headers):
                return Response(status_code=304, headers=headers)
        areas = _areas(request.query_params.get("area"))
        try:
            svg = render(await _chart_spec(request.app.state.pool, slug, areas))
        except (DatabaseUnavailable, QueryTimeout) as error:
            raise MapError(503, f"the database cannot answer now: {error}") from None
    except MapError as error:
        return error.response()
    return Response(svg, media_type=MEDIA_TYPE, headers=headers)


def _areas(raw: str | None) -> list[str]:
    """The codes asked for, 6-digit and in the order given, `nation` kept as it is; the nation by default."""
    if raw is None or raw == "":
        return [NATION]
    given = raw.split(",")
    if len(given) > MAX_CHART_AREAS:
        raise MapError(400, f"`area` lists {len(given)} areas: a chart draws at most {MAX_CHART_AREAS}")
    codes: list[str] = []
    for item in given:
        item = item.strip()
        try:
            code = item if item == NATION else normalise(item[:20])
        except AreaCodeError as error:
            raise MapError(400, f"`area`: {error} (or `nation` for the nation as a whole)") from None
        if code in codes:
            raise MapError(400, f"`area` lists {item!r} twice")
        codes.append(code)
    return codes


async def _chart_spec(pool: Executor, slug: str, areas: list[str]) -> ChartSpec:
    found = await metrics_by_slugs(pool, [slug])
    if not found:
        raise MapError(404, f"no metric has the slug {slug[:100]!r}")
    metric = found[0]
    codes = [code for code in areas if code != NATION]
    names = _names(await areas_by_codes(pool, codes)) if codes else {}
    if unknown := [code for code in codes if code not in names]:
        raise MapError(404, f"no area has the code {unknown[0]}")
    rows = await chart_series(pool, metric["id"], codes, NATION in areas)
    points: dict[str, list[tuple[dt.date, Decimal]]] = {}
    for row in rows:
        points.setdefault(row["area_code"] or NATION, []).append((row["date"], row["value"]))
    if missing := [code for code in areas if code not in points]:
        shown = "、".join("the nation" if code == NATION else f"{names[code]} ({code})" for code in missing)
        raise MapError(404, f"the metric {slug!r} has no totals for {shown}")
    series = [Series("全国" if code == NATION else names[code], points[code]) for code in areas]
    cited = {row["citation_id"] for row in rows if row["citation_id"] is not None}
    return ChartSpec(metric["name"], metric["unit_label"], series, await data_credits(pool, cited))


def _names(rows: list[Record]) -> dict[str, str]:
    """Each area's name; a municipality's with its prefecture's (there are two 府中市)."""
    names = {row["code"]: row["name"] for row in rows}
    return {
        row["code"]: f"{names.get(row['prefecture_code'], '')} {row['name']}".strip()
        if row["level"] == "municipality"
        else row["name"]
        for row in rows
    }
