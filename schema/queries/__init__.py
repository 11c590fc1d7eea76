"""The root Query, merged from one class per area of the API."""

from __future__ import annotations

from strawberry.tools import merge_types

from schema.queries.areas import AreaQuery
from schema.queries.catalogs import CatalogQuery
from schema.queries.metrics import MetricQuery
from schema.queries.nodes import NodeQuery
from schema.queries.report import ReportQuery
from schema.queries.search import SearchQuery

Query = merge_types("Query", (NodeQuery, ReportQuery, MetricQuery, AreaQuery, CatalogQuery, SearchQuery))
Query.__strawberry_definition__.description = (  # type: ignore[attr-defined]
    "hiraku: the Digital Agency's annual report (2022-09 – 2023-08) as open data. Every value carries its source."
)
