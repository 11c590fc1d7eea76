"""Running a plan level by level: every resolver of a level is called before any batch leaves, so a level's keys
always share one statement per loader, whatever the timing.

A level is every object at one depth of the answer. Its attribute reads are done at once; its resolved fields
are called for every object, and the resulting coroutines are driven by hand (`send`) rather than as tasks: each
runs until it waits on a future, while the loaders hold their batches (loaders/loader.py). When every one of them
waits, the held batches leave together and, once all the futures the resolvers wait on are done, each is
resumed. A resolver that awaits a second loader (a metric by slug, then its observations) does so in the next
round, again together with the others. Statements outside loaders run in tasks of their own (db/own_tasks.py).
Values are then completed into plain dicts and lists in the order of the selection, and the objects they hold
become the next level.

Anything that does not go exactly as the ordinary executor would answer it without errors (a resolver raising, a
null in a non-null field, a value a scalar refuses, an object of an unexpected type) stops the plan with
`Fallback`; the ordinary executor then answers the whole operation, errors and partial data included.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from types import CoroutineType
from typing import Any

from graphql import Undefined
from graphql.execution.values import get_argument_values
from strawberry.types.arguments import convert_arguments

from loaders.loader import Dispatch
from schema.plan.compile import Field, Output, Selection, Unplannable, runtime_selection

Level = list[tuple[Any, Selection, dict[str, Any]]]


class Fallback(Exception):
    """The ordinary executor answers this operation."""


class PlanInfo:
    """What a resolver is given as `info` on the plan: the request's context, which is all that hiraku's resolvers
    use of Info. Anything else they asked for would raise, and the ordinary executor would answer."""

    __slots__ = ("context",)

    def __init__(self, context: Any) -> None:
        self.context = context


class Run:
    """One request's execution of a plan."""

    def __init__(self, executor: Any, dispatch: Dispatch) -> None:
        self.executor = executor  # graphql-core's execution context: variables, schema and Strawberry's config
        self.dispatch = dispatch
        self.info = PlanInfo(executor.context_value)
        self.arguments: dict[Field, dict[str, Any]] = {}

    async def answer(self, selection: Selection, root: Any) -> dict[str, Any]:
        data: dict[str, Any] = dict.fromkeys(selection.names)
        level: Level = [(root, selection, data)]
        while level:
            level = await self._level(level)
        return data

    async def _level(self, level: Level) -> Level:
        next_level: Level = []
        calls: list[tuple[Field, Any, dict[str, Any]]] = []
        for value, selection, answer in level:
            for field in selection.reads:
                if field.typename is not None:
                    answer[field.name] = field.typename
                    continue
                try:
                    read = field.read(value)  # type: ignore[misc]
                except Exception as error:
                    raise Fallback from error
                output = field.output
                if read is not None and output.serialize is not None:  # a scalar or an enum: most of an answer
                    answer[field.name] = _leaf(output.serialize, read)
                else:
                    _complete(output, read, answer, field.name, next_level)
            for field in selection.resolved:
                calls.append((field, value, answer))
        if calls:
            results = await self._resolve(calls)
            for (field, _value, answer), result in zip(calls, results, strict=True):
                _complete(field.output, result, answer, field.name, next_level)
        return next_level

    async def _resolve(self, calls: list[tuple[Field, Any, dict[str, Any]]]) -> list[Any]:
        results: list[Any] = [None] * len(calls)
        running: list[tuple[int, Coroutine[Any, Any, Any]]] = []
        waiting: list[tuple[int, Coroutine[Any, Any, Any], asyncio.Future[Any]]] = []
        try:
            with self.dispatch.holding():
                for index, (field, value, _answer) in enumerate(calls):
                    result = self._call(field, value)
                    if type(result) is CoroutineType:
                        running.append((index, result))
                    else:
                        results[index] = result
            while running:
                # Loads made while the resolvers run here are held, and leave together once every resolver waits
                # (loads made by tasks a resolver starts, as asyncio.gather does, leave on the loop's next turn).
                with self.dispatch.holding():
                    for index, coroutine in running:
                        future = _advance(coroutine, results, index)
                        if future is not None:
                            waiting.append((index, coroutine, future))
                running = []
                if waiting:
                    await asyncio.wait({future for _, _, future in waiting})
                    running = [(index, coroutine) for index, coroutine, _ in waiting]
                    waiting = []
        except BaseException:
            _abandon(running, waiting)
            raise
        return results

    def _call(self, field: Field, value: Any) -> Any:
        kwargs = self.arguments.get(field)
        if kwargs is None:
            kwargs = self.arguments[field] = self._arguments(field)
        try:
            if field.object_parameter is not None:
                kwargs = {**kwargs, field.object_parameter: value}
            if field.passes_self:
                return field.resolver(value, **kwargs)  # type: ignore[misc]
            return field.resolver(**kwargs)  # type: ignore[misc]
        except Exception as error:
            raise Fallback from error

    def _arguments(self, field: Field) -> dict[str, Any]:
        """The field's arguments as the resolver takes them, worked out once per request: graphql-core's values
        (literals and variables), converted by Strawberry (input types, enums, Python names)."""
        executor = self.executor
        definition, node, strawberry_field = field.definition, field.node, field.strawberry_field
        if definition is None or node is None or strawberry_field is None:
            raise Fallback("a resolved field without its definition")
        try:
            values = (
                get_argument_values(definition, node, executor.variable_values, None, executor.hide_suggestions)
                if definition.args or node.arguments
                else {}
            )
            kwargs = convert_arguments(
                values,
                strawberry_field.arguments,
                scalar_registry=executor.scalar_registry,
                config=executor.strawberry_config,
            )
        except Exception as error:
            raise Fallback from error
        if field.info_parameter is not None:
            kwargs[field.info_parameter] = self.info
        return kwargs


def _advance(coroutine: Coroutine[Any, Any, Any], results: list[Any], index: int) -> asyncio.Future[Any] | None:
    """Run a resolver until it returns (its value goes to `results`) or waits on a future not done yet."""
    while True:
        try:
            yielded = coroutine.send(None)
        except StopIteration as stop:
            results[index] = stop.value
            return None
        except Exception as error:
            raise Fallback from error
        if yielded is None:  # a bare yield (asyncio.sleep(0)): go on
            continue
        if getattr(yielded, "_asyncio_future_blocking", None) is None:
            coroutine.close()
            raise Fallback(f"a resolver awaited {type(yielded).__name__}, not an asyncio future")
        # What asyncio's Task does with a future it is handed: note that it has been seen.
        yielded._asyncio_future_blocking = False
        if not yielded.done():
            return yielded  # type: ignore[no-any-return]


def _abandon(
    running: list[tuple[int, Coroutine[Any, Any, Any]]],
    waiting: list[tuple[int, Coroutine[Any, Any, Any], asyncio.Future[Any]]],
) -> None:
    """Close the resolvers left when the plan stops (an error, a fallback, the request's time limit). What they
    were waiting for is left to finish: cancelling a statement under way can reach the connection's next one."""
    for _index, coroutine in running:
        coroutine.close()
    for _index, coroutine, future in waiting:
        coroutine.close()
        future.add_done_callback(_seen)


def _seen(future: asyncio.Future[Any]) -> None:
    """An error nobody waits for any more is not reported as an exception never retrieved."""
    if not future.cancelled():
        future.exception()


def _complete(output: Output, value: Any, container: Any, key: Any, next_level: Level) -> None:
    if value is None:
        if output.non_null:
            raise Fallback("null in a non-null field")
        container[key] = None
        return
    if output.item is not None:
        if not isinstance(value, list | tuple):
            raise Fallback("a list field's value is not a list")
        items: list[Any] = [None] * len(value)
        container[key] = items
        item = output.item
        for position, element in enumerate(value):
            _complete(item, element, items, position, next_level)
        return
    if output.serialize is not None:
        container[key] = _leaf(output.serialize, value)
        return
    selection = output.selection
    if selection is None:
        try:
            selection = runtime_selection(output, value)
        except Unplannable as error:
            raise Fallback from error
        if selection is None:
            raise Fallback("an object of an unexpected type")
    if selection.is_type_of is not None and not _is_type_of(selection, value):
        raise Fallback("an object of an unexpected type")
    answer: dict[str, Any] = dict.fromkeys(selection.names)
    container[key] = answer
    next_level.append((value, selection, answer))


def _leaf(serialize: Callable[[Any], Any], value: Any) -> Any:
    try:
        serialized = serialize(value)
    except Exception as error:
        raise Fallback from error
    if serialized is None or serialized is Undefined:
        raise Fallback("a value its scalar refuses")
    return serialized


def _is_type_of(selection: Selection, value: Any) -> bool:
    """The type's check, once per Python class (Strawberry's checks look at the class alone)."""
    cls = type(value)
    known = selection.checked.get(cls)
    if known is None:
        known = selection.checked[cls] = selection.is_type_of(value, None) is True  # type: ignore[misc]
    return known
