"""DataLoaders, one per relation and key, built afresh for every request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from functools import cached_property, partial

from strawberry.dataloader import DataLoader

from db import areas, catalogs, maps, metrics, milestones, report, texts
from db.dataset import dataset
from db.metrics import ObservationWindow
from db.paging import Slice
from db.types import Executor, Record
from loaders.batch import counts_per_key, many_per_key, one_per_key, one_per_key_priming, pages_per_key, whole_table
from loaders.observations import (
    AreaObservationPage,
    ObservationPage,
    area_observation_counts,
    area_observation_pages,
    observation_counts,
    observation_pages,
)
from loaders.rankings import RankedAreas, RankingKey, area_rankings


class Loaders:
    """Each loader is built on first use: a request needs a few of them, and building all cost a tenth of a lookup."""

    def __init__(self, pool: Executor) -> None:
        self.pool = pool

    @classmethod
    def create(cls, pool: Executor) -> Loaders:
        return cls(pool)

    @cached_property
    def dataset(self) -> DataLoader[None, list[Record]]:
        return whole_table(partial(_load_dataset, self.pool))

    @cached_property
    def focus_area_by_id(self) -> DataLoader[int, Record | None]:
        return one_per_key(partial(report.focus_areas_by_ids, self.pool), "id")

    @cached_property
    def focus_area_by_slug(self) -> DataLoader[str, Record | None]:
        return one_per_key(partial(report.focus_areas_by_slugs, self.pool), "slug")

    @cached_property
    def initiative_by_id(self) -> DataLoader[int, Record | None]:
        return one_per_key(partial(report.initiatives_by_ids, self.pool), "id")

    @cached_property
    def initiative_by_slug(self) -> DataLoader[str, Record | None]:
        return one_per_key(partial(report.initiatives_by_slugs, self.pool), "slug")

    @cached_property
    def citation_by_id(self) -> DataLoader[int, Record | None]:
        return one_per_key(partial(texts.citations_by_ids, self.pool), "id")

    @cached_property
    def policy_goals(self) -> DataLoader[None, list[Record]]:
        return whole_table(partial(texts.policy_goals, self.pool))

    @cached_property
    def mission_statements(self) -> DataLoader[None, list[Record]]:
        return whole_table(partial(texts.mission_statements, self.pool))

    @cached_property
    def priority_plan_items(self) -> DataLoader[None, list[Record]]:
        return whole_table(partial(texts.priority_plan_items, self.pool))

    @cached_property
    def report_sections(self) -> DataLoader[None, list[Record]]:
        return whole_table(partial(texts.report_sections, self.pool))

    @cached_property
    def metric_by_id(self) -> DataLoader[int, Record | None]:
        return one_per_key(partial(metrics.metrics_by_ids, self.pool), "id")

    @cached_property
    def metric_by_slug(self) -> DataLoader[str, Record | None]:
        return one_per_key(partial(metrics.metrics_by_slugs, self.pool), "slug")

    @cached_property
    def metric_pages_by_initiative_id(self) -> DataLoader[tuple[int, Slice], list[Record]]:
        return pages_per_key(partial(metrics.metrics_page_by_initiative_ids, self.pool))

    @cached_property
    def metric_count_by_initiative_id(self) -> DataLoader[int, int]:
        return counts_per_key(partial(metrics.metric_counts_by_initiative_ids, self.pool), "initiative_id")

    @cached_property
    def components_by_metric_id(self) -> DataLoader[int, list[Record]]:
        return many_per_key(partial(metrics.metric_components_by_metric_ids, self.pool), "total_id")

    @cached_property
    def latest_observation_by_metric_id(self) -> DataLoader[int, Record | None]:
        return one_per_key(partial(metrics.latest_observations_by_metric_ids, self.pool), "metric_id")

    @cached_property
    def latest_citation_by_metric_id(self) -> DataLoader[int, Record | None]:
        return one_per_key(partial(metrics.latest_citations_by_metric_ids, self.pool), "metric_id")

    @cached_property
    def observation_pages(self) -> DataLoader[tuple[int, ObservationPage], list[Record]]:
        return observation_pages(self.pool)

    @cached_property
    def observation_counts(self) -> DataLoader[tuple[int, ObservationWindow], int]:
        return observation_counts(self.pool)

    @cached_property
    def area_observation_pages(self) -> DataLoader[tuple[str, AreaObservationPage], list[Record]]:
        return area_observation_pages(self.pool)

    @cached_property
    def area_observation_counts(self) -> DataLoader[tuple[str, int, dt.date | None, dt.date | None], int]:
        return area_observation_counts(self.pool)

    @cached_property
    def area_rankings(self) -> DataLoader[RankingKey, RankedAreas | None]:
        return area_rankings(self.pool)

    @cached_property
    def area_by_code(self) -> DataLoader[str, Record | None]:
        return one_per_key_priming(partial(areas.areas_by_codes, self.pool), "code")

    @cached_property
    def municipality_pages_by_prefecture(self) -> DataLoader[tuple[str, Slice], list[Record]]:
        return pages_per_key(partial(areas.municipalities_page_by_prefecture_codes, self.pool))

    @cached_property
    def municipality_count_by_prefecture(self) -> DataLoader[str, int]:
        return counts_per_key(partial(areas.municipality_counts_by_prefecture_codes, self.pool), "prefecture_code")

    @cached_property
    def comparisons_by_metric_id(self) -> DataLoader[int, list[Record]]:
        return many_per_key(partial(metrics.comparisons_by_metric_ids, self.pool), "metric_id")

    @cached_property
    def targets_by_metric_id(self) -> DataLoader[int, list[Record]]:
        return many_per_key(partial(metrics.targets_by_metric_ids, self.pool), "metric_id")

    @cached_property
    def milestones_by_initiative_id(self) -> DataLoader[int, list[Record]]:
        return many_per_key(partial(milestones.milestones_by_initiative_ids, self.pool), "initiative_id")

    @cached_property
    def milestone_by_key(self) -> DataLoader[tuple[str, int], Record | None]:
        return _by_pair(partial(milestones.milestones_by_keys, self.pool), "initiative_slug")

    @cached_property
    def catalog_by_id(self) -> DataLoader[int, Record | None]:
        return one_per_key(partial(catalogs.catalogs_by_ids, self.pool), "id")

    @cached_property
    def catalog_by_slug(self) -> DataLoader[str, Record | None]:
        return one_per_key(partial(catalogs.catalogs_by_slugs, self.pool), "slug")

    @cached_property
    def catalogs_by_initiative_id(self) -> DataLoader[int, list[Record]]:
        return many_per_key(partial(catalogs.catalogs_by_initiative_ids, self.pool), "initiative_id")

    @cached_property
    def categories_by_catalog_id(self) -> DataLoader[int, list[Record]]:
        return many_per_key(partial(catalogs.catalog_categories_by_catalog_ids, self.pool), "catalog_id")

    @cached_property
    def category_by_id(self) -> DataLoader[int, Record | None]:
        return one_per_key(partial(catalogs.catalog_categories_by_ids, self.pool), "id")

    @cached_property
    def service_by_key(self) -> DataLoader[tuple[str, int], Record | None]:
        return _by_pair(partial(catalogs.services_by_keys, self.pool), "catalog_slug")

    @cached_property
    def service_pages_by_catalog_id(self) -> DataLoader[tuple[int, Slice], list[Record]]:
        return pages_per_key(partial(catalogs.services_page_by_catalog_ids, self.pool))

    @cached_property
    def service_count_by_catalog_id(self) -> DataLoader[int, int]:
        return counts_per_key(partial(catalogs.service_counts_by_catalog_ids, self.pool), "catalog_id")

    @cached_property
    def facet_values_by_catalog_id(self) -> DataLoader[int, list[Record]]:
        return many_per_key(partial(catalogs.facet_values_by_catalog_ids, self.pool), "catalog_id")

    @cached_property
    def facet_value_by_id(self) -> DataLoader[int, Record | None]:
        return one_per_key(partial(catalogs.facet_values_by_ids, self.pool), "id")

    @cached_property
    def municipality_pages_by_entry(self) -> DataLoader[tuple[int, Slice], list[Record]]:
        return pages_per_key(partial(catalogs.municipalities_page_by_entry_ids, self.pool))

    @cached_property
    def service_pages_by_area(self) -> DataLoader[tuple[str, Slice], list[Record]]:
        return pages_per_key(partial(catalogs.services_page_by_area_codes, self.pool))

    @cached_property
    def municipality_count_by_entry(self) -> DataLoader[int, int]:
        return counts_per_key(partial(catalogs.municipality_counts_by_entry_ids, self.pool), "entry_id")

    @cached_property
    def service_count_by_area(self) -> DataLoader[str, int]:
        return counts_per_key(partial(catalogs.service_counts_by_area_codes, self.pool), "area_code")

    @cached_property
    def map_levels(self) -> DataLoader[tuple[int, dt.date | None], dict[str, maps.LevelDates]]:
        return _map_levels(self.pool)


def _map_levels(pool: Executor) -> DataLoader[tuple[int, dt.date | None], dict[str, maps.LevelDates]]:
    """The levels a metric can be mapped at (for `mapUrl`), for a page of metrics in one statement."""

    async def load(keys: list[tuple[int, dt.date | None]]) -> list[dict[str, maps.LevelDates]]:
        levels: dict[tuple[int, dt.date | None], dict[str, maps.LevelDates]] = {key: {} for key in keys}
        for row in await maps.map_levels_by_keys(pool, keys):
            levels[(row["metric_id"], row["date"])][row["level"]] = maps.LevelDates(row["latest"], row["has_date"])
        return [levels[key] for key in keys]

    return DataLoader(load_fn=load)


async def _load_dataset(pool: Executor) -> list[Record]:
    row = await dataset(pool)
    return [row] if row else []


def _by_pair(
    fetch: Callable[[list[tuple[str, int]]], Awaitable[list[Record]]], slug_column: str
) -> DataLoader[tuple[str, int], Record | None]:
    """Rows keyed by (parent slug, position), the key of global IDs of positioned items."""

    async def load(keys: list[tuple[str, int]]) -> list[Record | None]:
        rows = await fetch(keys)
        by_key = {(row[slug_column], row["position"]): row for row in rows}
        return [by_key.get(key) for key in keys]

    return DataLoader(load_fn=load)
