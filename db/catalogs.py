"""Named queries over catalogues, their categories and their entries (services)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from db.paging import Slice
from db.search import like_literal
from db.sql import sql
from db.types import Executor, Record


@dataclass(frozen=True)
class ServiceFilter:
    catalog: str | None = None
    category: str | None = None
    # (facet name, value) pairs that an entry must all have.
    facets: tuple[tuple[str, str], ...] = ()
    municipality: str | None = None
    # Words in search form (db.search.search_form).
    search: str | None = None

    def arguments(self) -> tuple[object, ...]:
        pattern = f"%{like_literal(self.search)}%" if self.search else None
        pairs = [f"{name}\t{value}" for name, value in self.facets]
        return (self.catalog, self.category, pairs, self.municipality, pattern)


async def catalogs(db: Executor) -> list[Record]:
    return list(await db.fetch(sql("catalogs")))


async def catalogs_by_slugs(db: Executor, slugs: Sequence[str]) -> list[Record]:
    return list(await db.fetch(sql("catalogs_by_slugs"), list(slugs)))


async def catalogs_by_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("catalogs_by_ids"), list(ids)))


async def catalogs_by_initiative_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("catalogs_by_initiative_ids"), list(ids)))


async def catalog_categories_by_catalog_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("catalog_categories_by_catalog_ids"), list(ids)))


async def catalog_categories_by_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("catalog_categories_by_ids"), list(ids)))


async def services_page(db: Executor, page: Slice, where: ServiceFilter) -> list[Record]:
    """A page of catalogue entries, nearest first, each row with its `rank` and the filtered `total`."""
    return list(await db.fetch(sql("services_page"), *page.arguments(), *where.arguments()))


async def services_page_by_catalog_ids(db: Executor, ids: Sequence[int], page: Slice) -> list[Record]:
    """The same page of entries of each catalogue, rows tagged with `parent_id`."""
    arguments = (page.after, page.before, page.limit, page.backward)
    return list(await db.fetch(sql("services_page_by_catalog_ids"), list(ids), *arguments))


async def services_count(db: Executor, where: ServiceFilter) -> int:
    count: int = await db.fetchval(sql("services_count"), *where.arguments())
    return count


async def services_by_keys(db: Executor, keys: Sequence[tuple[str, int]]) -> list[Record]:
    return list(await db.fetch(sql("services_by_keys"), [k[0] for k in keys], [k[1] for k in keys]))


async def service_counts_by_catalog_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("services_count_by_catalog_ids"), list(ids)))


async def facet_values_by_catalog_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("facet_values_by_catalog_ids"), list(ids)))


async def facet_values_by_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("facet_values_by_ids"), list(ids)))


async def municipalities_page_by_entry_ids(db: Executor, ids: Sequence[int], page: Slice) -> list[Record]:
    arguments = (page.after, page.before, page.limit, page.backward)
    return list(await db.fetch(sql("municipalities_page_by_entry_ids"), list(ids), *arguments))


async def services_page_by_area_codes(db: Executor, codes: Sequence[str], page: Slice) -> list[Record]:
    arguments = (page.after, page.before, page.limit, page.backward)
    return list(await db.fetch(sql("services_page_by_area_codes"), list(codes), *arguments))


async def municipality_counts_by_entry_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("municipality_counts_by_entry_ids"), list(ids)))


async def service_counts_by_area_codes(db: Executor, codes: Sequence[str]) -> list[Record]:
    return list(await db.fetch(sql("service_counts_by_area_codes"), list(codes)))
