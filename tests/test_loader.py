"""Loader (loaders/loader.py): a value asked for by several resolvers is shared, and one of them being cancelled
(graphql-core cancels the other fields of a list when one fails) leaves the others their value."""

from __future__ import annotations

import asyncio

from loaders.loader import Dispatch, Loader


async def _doubled(keys: list[int]) -> list[int]:
    await asyncio.sleep(0.01)  # a statement under way
    return [key * 2 for key in keys]


async def test_a_cancelled_waiter_leaves_the_others_their_value() -> None:
    loader: Loader[int, int] = Loader(_doubled, Dispatch())

    async def resolve() -> int:
        return await loader.load(21)

    first, second = asyncio.create_task(resolve()), asyncio.create_task(resolve())
    await asyncio.sleep(0)  # both wait on the same key
    first.cancel()
    assert await second == 42
    assert first.cancelled()
    assert await loader.load(21) == 42  # kept for the rest of the request, not asked again


async def test_a_cancelled_waiter_of_many_leaves_the_others_their_values() -> None:
    loader: Loader[int, int] = Loader(_doubled, Dispatch())
    first = asyncio.create_task(asyncio.wait_for(loader.load_many([1, 2]), timeout=10))
    second = asyncio.create_task(asyncio.wait_for(loader.load_many([2, 3]), timeout=10))
    await asyncio.sleep(0)
    first.cancel()
    assert await second == [4, 6]
