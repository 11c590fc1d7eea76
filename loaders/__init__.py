"""Loaders, one per relation and key, built afresh for every request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from functools import cached_property, partial

from db import areas, catalogs, maps, metrics, milestones, report, texts
from db.dataset import dataset
from db.metrics import ObservationWindow
from db.paging import Slice
from db.types import Executor, Record
from loaders.batch import counts_per_key, many_per_key, one_per_key, one_per_key_priming, pages_per_key, whole_table
from loaders.loader import Dispatch, Loader
from loaders.observations import (
    AreaObservationPage,
    ObservationKey,
    ObservationPage,
    area_observation_counts,
    area_observation_pages,
    observation_by_key,
    observation_counts,
    observation_pages,
)
from loaders.rankings import RankedAreas, RankingKey, area_rankings


class Loaders:
    """Each loader is built on first use: a request needs a few of them, and building all cost a tenth of a lookup."""

    def __init__(self, pool: Executor) -> None:
        self.pool = pool
        self.dispatch = Dispatch()

    @classmethod
    def create(cls, pool: Executor) -> Loaders:
        return cls(pool)

    def keep_finished(self) -> None:
        """For the ordinary executor after a plan stopped: values loaded are kept, keys asked for and not loaded
        are forgotten (their batches may never leave), and batches leave on the loop's next turn again."""
        self.dispatch = Dispatch()
        for loader in vars(self).values():
            if isinstance(loader, Loader):
                loader.keep_finished(self.dispatch)

    @cached_property
    def dataset(self) -> Loader[None, list[Record]]:
        return whole_table(self.dispatch, partial(_load_dataset, self.pool))

    @cached_property
    def focus_area_by_id(self) -> Loader[int, Record | None]:
        return one_per_key(self.dispatch, partial(report.focus_areas_by_ids, self.pool), "id")

    @cached_property
    def focus_area_by_slug(self) -> Loader[str, Record | None]:
        return one_per_key(self.dispatch, partial(report.focus_areas_by_slugs, self.pool), "slug")

    @cached_property
    def initiative_by_id(self) -> Loader[int, Record | None]:
        return one_per_key(self.dispatch, partial(report.initiatives_by_ids, self.pool), "id")

    @cached_property
    def initiative_by_slug(self) -> Loader[str, Record | None]:
        return one_per_key(self.dispatch, partial(report.initiatives_by_slugs, self.pool), "slug")

    @cached_property
    def citation_by_id(self) -> Loader[int, Record | None]:
        return one_per_key(self.dispatch, partial(texts.citations_by_ids, self.pool), "id")

    @cached_property
    def policy_goals(self) -> Loader[None, list[Record]]:
        return whole_table(self.dispatch, partial(texts.policy_goals, self.pool))

    @cached_property
    def mission_statements(self) -> Loader[None, list[Record]]:
        return whole_table(self.dispatch, partial(texts.mission_statements, self.pool))

    @cached_property
    def priority_plan_items(self) -> Loader[None, list[Record]]:
        return whole_table(self.dispatch, partial(texts.priority_plan_items, self.pool))

    @cached_property
    def agency_roles(self) -> Loader[None, list[Record]]:
        return whole_table(self.dispatch, partial(texts.agency_roles, self.pool))

    @cached_property
    def english_titles(self) -> Loader[None, list[Record]]:
        return whole_table(self.dispatch, partial(texts.english_titles, self.pool))

    @cached_property
    def report_sections(self) -> Loader[None, list[Record]]:
        return whole_table(self.dispatch, partial(texts.report_sections, self.pool))

    @cached_property
    def metric_by_id(self) -> Loader[int, Record | None]:
        return one_per_key(self.dispatch, partial(metrics.metrics_by_ids, self.pool), "id")

    @cached_property
    def metric_by_slug(self) -> Loader[str, Record | None]:
        return one_per_key(self.dispatch, partial(metrics.metrics_by_slugs, self.pool), "slug")

    @cached_property
    def metric_pages_by_initiative_id(self) -> Loader[tuple[int, Slice], list[Record]]:
        return pages_per_key(self.dispatch, partial(metrics.metrics_page_by_initiative_ids, self.pool))

    @cached_property
    def metric_count_by_initiative_id(self) -> Loader[int, int]:
        return counts_per_key(
            self.dispatch, partial(metrics.metric_counts_by_initiative_ids, self.pool), "initiative_id"
        )

    @cached_property
    def components_by_metric_id(self) -> Loader[int, list[Record]]:
        return many_per_key(self.dispatch, partial(metrics.metric_components_by_metric_ids, self.pool), "total_id")

    @cached_property
    def latest_observation_by_metric_id(self) -> Loader[int, Record | None]:
        return one_per_key(self.dispatch, partial(metrics.latest_observations_by_metric_ids, self.pool), "metric_id")

    @cached_property
    def latest_citation_by_metric_id(self) -> Loader[int, Record | None]:
        return one_per_key(self.dispatch, partial(metrics.latest_citations_by_metric_ids, self.pool), "metric_id")

    @cached_property
    def observation_pages(self) -> Loader[tuple[int, ObservationPage], list[Record]]:
        return observation_pages(self.pool, self.dispatch)

    @cached_property
    def observation_by_key(self) -> Loader[ObservationKey, Record | None]:
        return observation_by_key(self.pool, self.dispatch)

    @cached_property
    def observation_counts(self) -> Loader[tuple[int, ObservationWindow], int]:
        return observation_counts(self.pool, self.dispatch)

    @cached_property
    def area_observation_pages(self) -> Loader[tuple[str, AreaObservationPage], list[Record]]:
        return area_observation_pages(self.pool, self.dispatch)

    @cached_property
    def area_observation_counts(self) -> Loader[tuple[str, int, dt.date | None, dt.date | None], int]:
        return area_observation_counts(self.pool, self.dispatch)

    @cached_property
    def area_rankings(self) -> Loader[RankingKey, RankedAreas | None]:
        return area_rankings(self.pool, self.dispatch)

    @cached_property
    def area_by_code(self) -> Loader[str, Record | None]:
        return one_per_key_priming(self.dispatch, partial(areas.areas_by_codes, self.pool), "code")

    @cached_property
    def municipality_pages_by_prefecture(self) -> Loader[tuple[str, Slice], list[Record]]:
        return pages_per_key(self.dispatch, partial(areas.municipalities_page_by_prefecture_codes, self.pool))

    @cached_property
    def municipality_count_by_prefecture(self) -> Loader[str, int]:
        return counts_per_key(
            self.dispatch, partial(areas.municipality_counts_by_prefecture_codes, self.pool), "prefecture_code"
        )

    @cached_property
    def breakdowns_by_metric_id(self) -> Loader[int, list[Record]]:
        return many_per_key(self.dispatch, partial(metrics.breakdowns_by_metric_ids, self.pool), "metric_id")

    @cached_property
    def comparisons_by_metric_id(self) -> Loader[int, list[Record]]:
        return many_per_key(self.dispatch, partial(metrics.comparisons_by_metric_ids, self.pool), "metric_id")

    @cached_property
    def targets_by_metric_id(self) -> Loader[int, list[Record]]:
        return many_per_key(self.dispatch, partial(metrics.targets_by_metric_ids, self.pool), "metric_id")

    @cached_property
    def milestones_by_initiative_id(self) -> Loader[int, list[Record]]:
        return many_per_key(self.dispatch, partial(milestones.milestones_by_initiative_ids, self.pool), "initiative_id")

    @cached_property
    def milestones_by_report_section_id(self) -> Loader[int, list[Record]]:
        return many_per_key(
            self.dispatch, partial(milestones.milestones_by_report_section_ids, self.pool), "report_section_id"
        )

    @cached_property
    def milestone_by_key(self) -> Loader[tuple[str, int], Record | None]:
        return _by_pair(self.dispatch, partial(milestones.milestones_by_keys, self.pool), "parent_slug")

    @cached_property
    def catalog_by_id(self) -> Loader[int, Record | None]:
        return one_per_key(self.dispatch, partial(catalogs.catalogs_by_ids, self.pool), "id")

    @cached_property
    def catalog_by_slug(self) -> Loader[str, Record | None]:
        return one_per_key(self.dispatch, partial(catalogs.catalogs_by_slugs, self.pool), "slug")

    @cached_property
    def catalogs_by_initiative_id(self) -> Loader[int, list[Record]]:
        return many_per_key(self.dispatch, partial(catalogs.catalogs_by_initiative_ids, self.pool), "initiative_id")

    @cached_property
    def categories_by_catalog_id(self) -> Loader[int, list[Record]]:
        return many_per_key(self.dispatch, partial(catalogs.catalog_categories_by_catalog_ids, self.pool), "catalog_id")

    @cached_property
    def category_by_id(self) -> Loader[int, Record | None]:
        return one_per_key(self.dispatch, partial(catalogs.catalog_categories_by_ids, self.pool), "id")

    @cached_property
    def service_by_key(self) -> Loader[tuple[str, int], Record | None]:
        return _by_pair(self.dispatch, partial(catalogs.services_by_keys, self.pool), "catalog_slug")

    @cached_property
    def service_pages_by_catalog_id(self) -> Loader[tuple[int, Slice], list[Record]]:
        return pages_per_key(self.dispatch, partial(catalogs.services_page_by_catalog_ids, self.pool))

    @cached_property
    def service_count_by_catalog_id(self) -> Loader[int, int]:
        return counts_per_key(self.dispatch, partial(catalogs.service_counts_by_catalog_ids, self.pool), "catalog_id")

    @cached_property
    def facet_values_by_catalog_id(self) -> Loader[int, list[Record]]:
        return many_per_key(self.dispatch, partial(catalogs.facet_values_by_catalog_ids, self.pool), "catalog_id")

    @cached_property
    def facet_value_by_id(self) -> Loader[int, Record | None]:
        return one_per_key(self.dispatch, partial(catalogs.facet_values_by_ids, self.pool), "id")

    @cached_property
    def municipality_pages_by_entry(self) -> Loader[tuple[int, Slice], list[Record]]:
        return pages_per_key(self.dispatch, partial(catalogs.municipalities_page_by_entry_ids, self.pool))

    @cached_property
    def service_pages_by_area(self) -> Loader[tuple[str, Slice], list[Record]]:
        return pages_per_key(self.dispatch, partial(catalogs.services_page_by_area_codes, self.pool))

    @cached_property
    def municipality_count_by_entry(self) -> Loader[int, int]:
        return counts_per_key(self.dispatch, partial(catalogs.municipality_counts_by_entry_ids, self.pool), "entry_id")

    @cached_property
    def service_count_by_area(self) -> Loader[str, int]:
        return counts_per_key(self.dispatch, partial(catalogs.service_counts_by_area_codes, self.pool), "area_code")

    @cached_property
    def map_levels(self) -> Loader[tuple[int, dt.date | None], dict[str, maps.LevelDates]]:
        return _map_levels(self.pool, self.dispatch)


def _map_levels(pool: Executor, dispatch: Dispatch) -> Loader[tuple[int, dt.date | None], dict[str, maps.LevelDates]]:
    """The levels a metric can be mapped at (for `mapUrl`), for a page of metrics in one statement."""

    async def load(keys: list[tuple[int, dt.date | None]]) -> list[dict[str, maps.LevelDates]]:
        levels: dict[tuple[int, dt.date | None], dict[str, maps.LevelDates]] = {key: {} for key in keys}
        for row in await maps.map_levels_by_keys(pool, keys):
            levels[(row["metric_id"], row["date"])][row["level"]] = maps.LevelDates(row["latest"], row["has_date"])
        return [levels[key] for key in keys]

    return Loader(load, dispatch)


async def _load_dataset(pool: Executor) -> list[Record]:
    row = await dataset(pool)
    return [row] if row else []


def _by_pair(
    dispatch: Dispatch, fetch: Callable[[list[tuple[str, int]]], Awaitable[list[Record]]], slug_column: str
) -> Loader[tuple[str, int], Record | None]:
    """Rows keyed by (parent slug, position), the key of global IDs of positioned items."""

    async def load(keys: list[tuple[str, int]]) -> list[Record | None]:
        rows = await fetch(keys)
        by_key = {(row[slug_column], row["position"]): row for row in rows}
        return [by_key.get(key) for key in keys]

    return Loader(load, dispatch)
