"""DataLoaders, one per relation and key, built afresh for every request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

from strawberry.dataloader import DataLoader

from db import areas, catalogs, metrics, milestones, report, texts
from db.dataset import dataset
from db.metrics import ObservationWindow
from db.paging import Slice
from db.types import Executor, Record
from loaders.batch import counts_per_key, many_per_key, one_per_key, pages_per_key, whole_table
from loaders.observations import (
    AreaObservationPage,
    ObservationPage,
    area_observation_counts,
    area_observation_pages,
    observation_counts,
    observation_pages,
)


@dataclass(frozen=True)
class Loaders:
    dataset: DataLoader[None, list[Record]]
    focus_area_by_id: DataLoader[int, Record | None]
    focus_area_by_slug: DataLoader[str, Record | None]
    initiative_by_id: DataLoader[int, Record | None]
    initiative_by_slug: DataLoader[str, Record | None]
    citation_by_id: DataLoader[int, Record | None]
    policy_goals: DataLoader[None, list[Record]]
    mission_statements: DataLoader[None, list[Record]]
    priority_plan_items: DataLoader[None, list[Record]]
    report_sections: DataLoader[None, list[Record]]
    metric_by_id: DataLoader[int, Record | None]
    metric_by_slug: DataLoader[str, Record | None]
    metric_pages_by_initiative_id: DataLoader[tuple[int, Slice], list[Record]]
    metric_count_by_initiative_id: DataLoader[int, int]
    components_by_metric_id: DataLoader[int, list[Record]]
    latest_observation_by_metric_id: DataLoader[int, Record | None]
    latest_citation_by_metric_id: DataLoader[int, Record | None]
    observation_pages: DataLoader[tuple[int, ObservationPage], list[Record]]
    observation_counts: DataLoader[tuple[int, ObservationWindow], int]
    area_observation_pages: DataLoader[tuple[str, AreaObservationPage], list[Record]]
    area_observation_counts: DataLoader[tuple[str, int, dt.date | None, dt.date | None], int]
    area_by_code: DataLoader[str, Record | None]
    municipality_pages_by_prefecture: DataLoader[tuple[str, Slice], list[Record]]
    municipality_count_by_prefecture: DataLoader[str, int]
    comparisons_by_metric_id: DataLoader[int, list[Record]]
    targets_by_metric_id: DataLoader[int, list[Record]]
    milestones_by_initiative_id: DataLoader[int, list[Record]]
    milestone_by_key: DataLoader[tuple[str, int], Record | None]
    catalog_by_id: DataLoader[int, Record | None]
    catalog_by_slug: DataLoader[str, Record | None]
    catalogs_by_initiative_id: DataLoader[int, list[Record]]
    categories_by_catalog_id: DataLoader[int, list[Record]]
    category_by_id: DataLoader[int, Record | None]
    service_by_key: DataLoader[tuple[str, int], Record | None]
    service_pages_by_catalog_id: DataLoader[tuple[int, Slice], list[Record]]
    service_count_by_catalog_id: DataLoader[int, int]
    facet_values_by_catalog_id: DataLoader[int, list[Record]]
    facet_value_by_id: DataLoader[int, Record | None]
    municipality_pages_by_entry: DataLoader[tuple[int, Slice], list[Record]]
    service_pages_by_area: DataLoader[tuple[str, Slice], list[Record]]
    municipality_count_by_entry: DataLoader[int, int]
    service_count_by_area: DataLoader[str, int]

    @classmethod
    def create(cls, pool: Executor) -> Loaders:
        async def load_dataset() -> list[Record]:
            row = await dataset(pool)
            return [row] if row else []

        return cls(
            dataset=whole_table(load_dataset),
            focus_area_by_id=one_per_key(partial(report.focus_areas_by_ids, pool), "id"),
            focus_area_by_slug=one_per_key(partial(report.focus_areas_by_slugs, pool), "slug"),
            initiative_by_id=one_per_key(partial(report.initiatives_by_ids, pool), "id"),
            initiative_by_slug=one_per_key(partial(report.initiatives_by_slugs, pool), "slug"),
            citation_by_id=one_per_key(partial(texts.citations_by_ids, pool), "id"),
            policy_goals=whole_table(partial(texts.policy_goals, pool)),
            mission_statements=whole_table(partial(texts.mission_statements, pool)),
            priority_plan_items=whole_table(partial(texts.priority_plan_items, pool)),
            report_sections=whole_table(partial(texts.report_sections, pool)),
            metric_by_id=one_per_key(partial(metrics.metrics_by_ids, pool), "id"),
            metric_by_slug=one_per_key(partial(metrics.metrics_by_slugs, pool), "slug"),
            metric_pages_by_initiative_id=pages_per_key(partial(metrics.metrics_page_by_initiative_ids, pool)),
            metric_count_by_initiative_id=counts_per_key(
                partial(metrics.metric_counts_by_initiative_ids, pool), "initiative_id"
            ),
            components_by_metric_id=many_per_key(partial(metrics.metric_components_by_metric_ids, pool), "total_id"),
            latest_observation_by_metric_id=one_per_key(
                partial(metrics.latest_observations_by_metric_ids, pool), "metric_id"
            ),
            latest_citation_by_metric_id=one_per_key(
                partial(metrics.latest_citations_by_metric_ids, pool), "metric_id"
            ),
            observation_pages=observation_pages(pool),
            observation_counts=observation_counts(pool),
            area_observation_pages=area_observation_pages(pool),
            area_observation_counts=area_observation_counts(pool),
            area_by_code=one_per_key(partial(areas.areas_by_codes, pool), "code"),
            municipality_pages_by_prefecture=pages_per_key(
                partial(areas.municipalities_page_by_prefecture_codes, pool)
            ),
            municipality_count_by_prefecture=counts_per_key(
                partial(areas.municipality_counts_by_prefecture_codes, pool), "prefecture_code"
            ),
            comparisons_by_metric_id=many_per_key(partial(metrics.comparisons_by_metric_ids, pool), "metric_id"),
            targets_by_metric_id=many_per_key(partial(metrics.targets_by_metric_ids, pool), "metric_id"),
            milestones_by_initiative_id=many_per_key(
                partial(milestones.milestones_by_initiative_ids, pool), "initiative_id"
            ),
            milestone_by_key=_by_pair(partial(milestones.milestones_by_keys, pool), "initiative_slug"),
            catalog_by_id=one_per_key(partial(catalogs.catalogs_by_ids, pool), "id"),
            catalog_by_slug=one_per_key(partial(catalogs.catalogs_by_slugs, pool), "slug"),
            catalogs_by_initiative_id=many_per_key(partial(catalogs.catalogs_by_initiative_ids, pool), "initiative_id"),
            categories_by_catalog_id=many_per_key(
                partial(catalogs.catalog_categories_by_catalog_ids, pool), "catalog_id"
            ),
            category_by_id=one_per_key(partial(catalogs.catalog_categories_by_ids, pool), "id"),
            service_by_key=_by_pair(partial(catalogs.services_by_keys, pool), "catalog_slug"),
            service_pages_by_catalog_id=pages_per_key(partial(catalogs.services_page_by_catalog_ids, pool)),
            service_count_by_catalog_id=counts_per_key(
                partial(catalogs.service_counts_by_catalog_ids, pool), "catalog_id"
            ),
            facet_values_by_catalog_id=many_per_key(partial(catalogs.facet_values_by_catalog_ids, pool), "catalog_id"),
            facet_value_by_id=one_per_key(partial(catalogs.facet_values_by_ids, pool), "id"),
            municipality_pages_by_entry=pages_per_key(partial(catalogs.municipalities_page_by_entry_ids, pool)),
            service_pages_by_area=pages_per_key(partial(catalogs.services_page_by_area_codes, pool)),
            municipality_count_by_entry=counts_per_key(
                partial(catalogs.municipality_counts_by_entry_ids, pool), "entry_id"
            ),
            service_count_by_area=counts_per_key(partial(catalogs.service_counts_by_area_codes, pool), "area_code"),
        )


def _by_pair(
    fetch: Callable[[list[tuple[str, int]]], Awaitable[list[Record]]], slug_column: str
) -> DataLoader[tuple[str, int], Record | None]:
    """Rows keyed by (parent slug, position), the key of global IDs of positioned items."""

    async def load(keys: list[tuple[str, int]]) -> list[Record | None]:
        rows = await fetch(keys)
        by_key = {(row[slug_column], row["position"]): row for row in rows}
        return [by_key.get(key) for key in keys]

    return DataLoader(load_fn=load)
