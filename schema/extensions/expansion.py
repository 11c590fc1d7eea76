"""FragmentExpansion: refuse, before validation, a document whose fragments spread into too many selections.

A fragment spread twice, whose body spreads the next fragment twice, and so on, doubles the document at every
step: 30 such fragments are some 250 tokens but a billion selections once spread. Every walk that follows spreads
(Strawberry's depth and alias limiters, the node-count estimate) would do that work without yielding to the event
loop, so the size is computed here first, each fragment once, in time linear in the document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from strawberry.extensions import SchemaExtension

from schema.limits import MAX_EXPANDED_SELECTIONS


class FragmentExpansion(SchemaExtension):
    """Runs before Strawberry validates (and before the rules that follow spreads): a refusal set here is the
    validation's result, so nothing else walks the document."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if context.pre_execution_errors is None and document is not None:
            size = expanded_selections(document)
            if size > MAX_EXPANDED_SELECTIONS:
                message = (
                    f"This document has {size} selections once its fragments are spread where they are used; "
                    f"the limit is {MAX_EXPANDED_SELECTIONS}. Spread fewer fragments, or each fragment fewer times."
                )
                context.pre_execution_errors = [GraphQLError(message, extensions={"code": "GRAPHQL_VALIDATION_FAILED"})]
        yield


def expanded_selections(document: DocumentNode) -> int:
    """Fields, inline fragments and spreads of every operation with each spread replaced by its fragment's
    selections, as often as it is spread. A spread of an unknown fragment or of one that spreads itself counts as
    one selection (validation refuses both)."""
    bodies: dict[str, tuple[int, Counter[str]]] = {}
    for definition in document.definitions:
        if isinstance(definition, FragmentDefinitionNode):
            bodies[definition.name.value] = _selections(definition.selection_set)
    sizes = _fragment_sizes(bodies)
    total = 0
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            own, spreads = _selections(definition.selection_set)
            total += own + sum(times * sizes.get(name, 0) for name, times in spreads.items())
    return total


def _selections(selection_set: SelectionSetNode) -> tuple[int, Counter[str]]:
    """The selections of a body, nested ones included, and how often it spreads each fragment."""
    own = 0
    spreads: Counter[str] = Counter()
    pending = [selection_set]
    while pending:
        for selection in pending.pop().selections:
            own += 1
            if isinstance(selection, FragmentSpreadNode):
                spreads[selection.name.value] += 1
            elif isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set is not None:
                pending.append(selection.selection_set)
    return own, spreads


def _fragment_sizes(bodies: dict[str, tuple[int, Counter[str]]]) -> dict[str, int]:
    """Each fragment's expanded size, computed once: a depth-first walk over the spreads with an explicit stack
    (a chain of a few hundred fragments fits in the token limit and would exhaust Python's recursion limit)."""
    sizes: dict[str, int] = {}
    on_path: set[str] = set()
    for start in bodies:
        stack = [start]
        while stack:
            name = stack[-1]
            if name in sizes:
                stack.pop()
                continue
            own, spreads = bodies[name]
            waiting = [s for s in spreads if s in bodies and s not in sizes and s not in on_path]
            if waiting and name not in on_path:
                on_path.add(name)
                stack.extend(waiting)
                continue
            # Every spread is known now, but those that lead back into the path (a cycle): they count nothing.
            sizes[name] = own + sum(times * sizes.get(spread, 0) for spread, times in spreads.items())
            on_path.discard(name)
            stack.pop()
    return sizes
