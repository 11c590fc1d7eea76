"""Loader: a DataLoader whose batches leave when the request's executor says so.

Strawberry's DataLoader sends a batch on the event loop's next turn. The keys asked for in one turn share a
statement, which made the number of statements depend on timing: when the rows of a level arrived in two turns
(a busy machine), their children's keys were sent as two statements. The plan executor (schema/plan) instead
*holds* the batches while it runs a level's resolvers and sends them only once every resolver of the level waits
on a loader, so a level's keys always share one statement. The ordinary executor (introspection, answers
with errors) keeps the next-turn behaviour of DataLoader, which this class otherwise follows (a cache of futures
per key, results set in key order, one exception for the whole batch when the batch function fails).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Hashable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Dispatch:
    """When one request's batches are sent: on the loop's next turn (the ordinary executor), or when released."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self.held: list[Loader[Any, Any]] | None = None
        # Running batches are referenced until they finish (the loop keeps only weak references to tasks).
        self.sending: set[asyncio.Task[None]] = set()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
        return self._loop

    @contextmanager
    def holding(self) -> Iterator[None]:
        """Batches started inside wait, and leave together (each in its own task) at the end; if the block fails,
        they never leave (the executor that stopped starts again with loaders of its own)."""
        self.held = []
        try:
            yield
        except BaseException:
            self.held = None
            raise
        held, self.held = self.held, None
        for loader in held:
            loader.send()

    def schedule(self, loader: Loader[Any, Any]) -> None:
        if self.held is not None:
            self.held.append(loader)
        else:
            self.loop.call_soon(loader.send)

    def start(self, sending: Coroutine[Any, Any, None]) -> None:
        task = self.loop.create_task(sending)
        self.sending.add(task)
        task.add_done_callback(self.sending.discard)


class Loader(Generic[K, V]):
    """Values by key, loaded in batches by `load_fn` (one value per key, in key order) and kept for the request."""

    __slots__ = ("cache", "dispatch", "futures", "keys", "load_fn")

    def __init__(self, load_fn: Callable[[list[K]], Awaitable[Sequence[V]]], dispatch: Dispatch) -> None:
        self.load_fn = load_fn
        self.dispatch = dispatch
        self.cache: dict[K, asyncio.Future[V]] = {}
        self.keys: list[K] = []
        self.futures: list[asyncio.Future[V]] = []

    def load(self, key: K) -> asyncio.Future[V]:
        future = self.cache.get(key)
        if future is None or future.cancelled():
            future = self.cache[key] = self.dispatch.loop.create_future()
            if not self.keys:
                self.dispatch.schedule(self)
            self.keys.append(key)
            self.futures.append(future)
        return self._shared(future)

    def _shared(self, future: asyncio.Future[V]) -> asyncio.Future[V]:
        """What a resolver waits on. The ordinary executor runs fields as tasks and cancels the other fields of a
        list when one fails; a task cancelled while it waits cancels the future it waits on, which other fields may
        be waiting on too (the same key): they would get CancelledError instead of the value. So there each waits
        on a shield of the shared future. The plan executor never cancels a resolver (a plan that stops closes
        them), and saves the shield's cost."""
        if future.done() or self.dispatch.held is not None:
            return future
        return asyncio.shield(future)

    def load_many(self, keys: Sequence[K]) -> Awaitable[list[V]]:
        return asyncio.gather(*map(self.load, keys))

    def prime(self, key: K, value: V) -> None:
        """Keep a value found by another batch, so that asking for it sends no statement."""
        if key in self.cache:
            future = self.cache[key]
            if future.done() or future not in self.futures:
                return
            # Asked for in a batch not sent yet: answered now, and taken out of that batch.
            index = self.futures.index(future)
            del self.keys[index], self.futures[index]
            future.set_result(value)
            return
        future = self.cache[key] = self.dispatch.loop.create_future()
        future.set_result(value)

    def keep_finished(self, dispatch: Dispatch) -> None:
        self.dispatch = dispatch
        self.cache = {key: future for key, future in self.cache.items() if future.done() and not future.cancelled()}
        self.keys, self.futures = [], []

    def send(self) -> None:
        """Start the batch: the keys are taken when its task first runs, so that (as with DataLoader) the keys asked
        for until then join it."""
        self.dispatch.start(self._load())

    async def _load(self) -> None:
        keys, futures = self.keys, self.futures
        self.keys, self.futures = [], []
        if not keys or all(future.cancelled() for future in futures):
            return
        try:
            values = list(await self.load_fn(keys))
            if len(values) != len(keys):
                raise RuntimeError(f"a batch of {len(keys)} keys was answered with {len(values)} values")
        except Exception as error:  # every caller of the batch gets the error, as with DataLoader
            for future in futures:
                if not future.done():
                    future.set_exception(error)
            return
        for future, value in zip(futures, values, strict=True):
            if future.done():
                continue
            if isinstance(value, BaseException):
                future.set_exception(value)
            else:
                future.set_result(value)
