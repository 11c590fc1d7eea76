"""DataLoaders, one per relation and key, built afresh for every request."""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg
from strawberry.dataloader import DataLoader

from db import report
from db.dataset import dataset
from db.types import Record
from loaders.batch import keyed


@dataclass(frozen=True)
class Loaders:
    focus_area_by_id: DataLoader[int, Record | None]
    focus_area_by_slug: DataLoader[str, Record | None]
    initiative_by_slug: DataLoader[str, Record | None]
    dataset: DataLoader[None, Record | None]

    @classmethod
    def create(cls, pool: asyncpg.Pool) -> Loaders:
        async def load_focus_areas_by_id(ids: list[int]) -> list[Record | None]:
            return keyed(ids, await report.focus_areas_by_ids(pool, ids), "id")

        async def load_focus_areas_by_slug(slugs: list[str]) -> list[Record | None]:
            return keyed(slugs, await report.focus_areas_by_slugs(pool, slugs), "slug")

        async def load_initiatives_by_slug(slugs: list[str]) -> list[Record | None]:
            return keyed(slugs, await report.initiatives_by_slugs(pool, slugs), "slug")

        async def load_dataset(keys: list[None]) -> list[Record | None]:
            row = await dataset(pool)
            return [row for _ in keys]

        return cls(
            focus_area_by_id=DataLoader(load_fn=load_focus_areas_by_id),
            focus_area_by_slug=DataLoader(load_fn=load_focus_areas_by_slug),
            initiative_by_slug=DataLoader(load_fn=load_initiatives_by_slug),
            dataset=DataLoader(load_fn=load_dataset),
        )
