"""`GET /maps/{metric}.svg`: a choropleth of a metric's area values on a date, cacheable by dataset version."""

from __future__ import annotations

import datetime as dt
import os
import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.caching import repeated_parameters, requested_etags, weak_etag
from api.svgmap import MapArea, MapSpec, render
from db import maps
from db.dataset import data_sources, dataset
from db.metrics import metrics_by_slugs
from db.pool import DatabaseUnavailable, QueryTimeout
from db.texts import citations_by_ids
from db.types import Executor, Record
from db.value_dates import area_value_dates, dates_with_values
from schema.errors import BadUserInput
from schema.limits import CACHE_MAX_AGE_S
from schema.strings import checked
from schema.types.source import Source

MEDIA_TYPE = "image/svg+xml; charset=utf-8"
LEVELS = ("prefecture", "municipality")
PARAMETERS = ("date", "level")
BOUNDARIES = "policy-dashboard-boundaries"
# Python's fromisoformat also takes ISO week dates (2022-W52-6) and, from 3.11, basic forms: only YYYY-MM-DD here.
CALENDAR_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DIGITS = re.compile(r"[0-9]+")
# A publication's title inside a citation's document name: 総務省「マイナンバーカード交付状況について」.
QUOTED = re.compile(r"「([^「」]+)」")
CODES = {400: "BAD_REQUEST", 404: "NOT_FOUND", 503: "SERVICE_UNAVAILABLE"}


class MapError(Exception):
    """An expected refusal: a bad parameter (400), nothing to map (404) or no database (503); the message says
    which."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status

    def response(self) -> Response:
        """A JSON error like the API's, never kept by a cache."""
        body = {"errors": [{"message": str(self), "extensions": {"code": CODES[self.status]}}]}
        headers = {"cache-control": "no-store"} | ({"retry-after": "5"} if self.status == 503 else {})
        return JSONResponse(body, status_code=self.status, headers=headers)


async def area_map(request: Request) -> Response:
    """The SVG, or an error naming the parameter or what is missing."""
    query_string = request.scope.get("query_string", b"")
    try:
        if repeated := repeated_parameters(query_string, PARAMETERS):
            raise MapError(400, f"`{repeated[0]}` is given more than once: give each parameter once")
        slug = metric_slug(request.path_params["metric"], "/maps/<metric slug>.svg")
        version = request.app.state.dataset_version.current
        etag = weak_etag(version, request.url.path, query_string) if version else None
        if etag is not None and etag in requested_etags(request.headers):
            return Response(status_code=304, headers={"etag": etag, "cache-control": _cache_control()})
        day = _date(request.query_params.get("date"))
        level = _level(request.query_params.get("level"))
        try:
            svg = render(await _map_spec(request.app.state.pool, slug, day, level))
        except (DatabaseUnavailable, QueryTimeout) as error:
            raise MapError(503, f"the database cannot answer now: {error}") from None
    except MapError as error:
        return error.response()
    headers = {"cache-control": _cache_control()} | ({"etag": etag} if etag else {})
    return Response(svg, media_type=MEDIA_TYPE, headers=headers)


def metric_slug(raw: str, path: str) -> str:
    """The metric's slug, checked as the API's string arguments are (length, NUL, lone surrogates) before SQL."""
    try:
        return checked(raw, "metric")
    except BadUserInput as error:
        raise MapError(400, f"{error.message}: the path is {path}") from None


def _date(raw: str | None) -> dt.date | None:
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw) if CALENDAR_DATE.fullmatch(raw) else _bad_date(raw)
    except ValueError:
        return _bad_date(raw)


def _bad_date(raw: str) -> dt.date:
    raise MapError(400, f"`date` must be a date as YYYY-MM-DD, got {raw[:40]!r}")


def _level(raw: str | None) -> str | None:
    if raw is not None and raw not in LEVELS:
        raise MapError(400, f"`level` must be prefecture or municipality, got {raw[:40]!r}")
    return raw


async def _map_spec(pool: Executor, slug: str, day: dt.date | None, level: str | None) -> MapSpec:
    found = await metrics_by_slugs(pool, [slug])
    if not found:
        raise MapError(404, f"no metric has the slug {slug[:100]!r}")
    metric = found[0]
    levels = await maps.map_levels(pool, metric["id"], day)
    if not levels:
        raise MapError(404, f"the metric {slug!r} has no values by prefecture or municipality, so it has no map")
    chosen = maps.chosen_level(levels, level)
    if chosen is None:
        raise MapError(404, f"the metric {slug!r} has no values by {level}; it has some by {' and '.join(levels)}")
    if day is not None and not levels[chosen].has_date:
        dates = await area_value_dates(pool, metric["id"], chosen, None)
        raise MapError(404, f"the metric {slug!r} has no {chosen} values on {day}; {dates_with_values(day, dates)}")
    day = day or levels[chosen].latest
    rows = await maps.map_areas(pool, metric["id"], chosen, day)
    outlines = await maps.area_shapes_by_level(pool, "prefecture") if chosen == "municipality" else []
    citation_ids = {row["citation_id"] for row in rows if row["citation_id"] is not None}
    return MapSpec(
        metric=await _full_name(pool, metric["name"], citation_ids),
        unit=metric["unit_label"],
        date=day,
        level=chosen,
        areas=[_area(row) for row in rows],
        credits=await _credits(pool, citation_ids),
        outlines=[(row["code"], row["path"]) for row in outlines],
    )


async def _full_name(pool: Executor, name: str, citation_ids: set[int]) -> str:
    """The metric's name with what it counts, when the name alone does not say: a column name such as
    「人口に対する交付枚数率」 is prefixed by the title of the publication its values are cited from
    (「マイナンバーカード交付状況について」 -> 「マイナンバーカード交付状況：人口に対する交付枚数率」). Only a title the
    citations quote is used, so the name is never made up; a name that already starts like it is kept."""
    documents = [row["document"] for row in await citations_by_ids(pool, sorted(citation_ids))]
    titles = {quoted[-1].removesuffix("について") for d in documents if (quoted := QUOTED.findall(d))}
    if len(titles) != 1:
        return name
    subject = titles.pop()
    return name if len(os.path.commonprefix([name, subject])) >= 2 else f"{subject}：{name}"  # noqa: RUF071


def _area(row: Record) -> MapArea:
    name = row["name"] if row["prefecture_name"] is None else f"{row['prefecture_name']} {row['name']}"
    box = None if row["path"] is None else (row["x_min"], row["y_min"], row["x_max"], row["y_max"])
    return MapArea(row["code"], name, row["path"], box, row["value"])


async def _credits(pool: Executor, citation_ids: set[int]) -> list[str]:
    """The boundaries' attribution (CC BY 4.0 asks for it, and for saying they were changed), the data's, and us."""
    sources = {row["slug"]: row for row in await data_sources(pool)}
    boundary = sources.get(BOUNDARIES)
    lines = []
    if boundary is not None:
        lines.append(f"地図：{boundary['attribution']}（CC BY 4.0、hiraku が投影・簡略化）")
    return lines + await data_credits(pool, citation_ids)


async def data_credits(pool: Executor, citation_ids: set[int]) -> list[str]:
    """The 出典 lines of the values drawn (maps and charts), and who drew them."""
    edition = await dataset(pool)
    citations = await citations_by_ids(pool, sorted(citation_ids)) if edition is not None else []
    # Every snapshot file of a series is a citation of its own (a chart over years draws from dozens): files whose
    # names differ only in their digits (dates) are named once, by what their names share.
    owners: dict[tuple[str, str, str], list[Record]] = {}
    for row in citations:
        family = DIGITS.sub("0", row["document"])
        owners.setdefault((row["figure_owner"], row["citation_kind"], family), []).append(row)
    data = []
    for rows in owners.values():
        if edition is None:
            continue
        documents = sorted({row["document"] for row in rows})
        if len(rows) == 1 or (len(documents) == 1 and len({(r["section"], r["page"]) for r in rows}) == 1):
            data.append(Source.from_citation(rows[0], edition).attribution)
            continue
        shared = {**rows[0], "document": _shared_name(documents), "section": None, "page": None}
        data.append(Source.from_citation(shared, edition).attribution)
    return [
        f"データ：{'／'.join(dict.fromkeys(data)) or '（出典なし）'}",
        "作成：hiraku（デジタル庁 年次報告書のデータを公開する GraphQL API）",
    ]


def _shared_name(documents: list[str]) -> str:
    """`a/20170308/x.csv（…）` and `a/20230820/y.csv（…）` as `a/20…（…）（2 件）`: what the names share, with an
    ellipsis where they differ, and how many there are."""
    if len(documents) == 1:
        return documents[0]
    prefix = os.path.commonprefix(documents)  # noqa: RUF071 (names, compared by character on purpose)
    suffix = os.path.commonprefix([d[len(prefix) :][::-1] for d in documents])[::-1]  # noqa: RUF071
    return f"{prefix}…{suffix}（{len(documents)}件）"


def _cache_control() -> str:
    return f"public, max-age={CACHE_MAX_AGE_S}"
