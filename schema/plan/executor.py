"""PlanExecutor: graphql-core's execution context, answering each operation by its plan when it has one.

graphql-core still does what comes before the fields: choosing the operation, coercing the variables (with their
errors), collecting the root fields. Then the operation's plan (compiled once per document, operation and values
of the variables its @skip/@include depend on) answers it, or the ordinary executor does, from the start and with
loaders of its own, when there is no plan or the plan stops (schema/plan/run.py says when). Both are counted in
`hiraku_graphql_plan_total{path}`.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import Any, cast

from graphql import GraphQLObjectType, OperationDefinitionNode, Visitor, visit
from graphql.execution.collect_fields import GroupedFieldSet
from graphql.language import DirectiveNode, VariableNode
from graphql.pyutils import AwaitableOrValue
from prometheus_client import Counter
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.context import Context
from schema.plan.compile import Compiler, Selection, Unplannable
from schema.plan.run import Fallback, Run

PLANS = Counter(
    "hiraku_graphql_plan",
    "Operations answered by their execution plan (plan) or by the ordinary executor (fallback).",
    ["path"],
)
ANSWERED_BY_PLAN = PLANS.labels("plan")
ANSWERED_BY_FALLBACK = PLANS.labels("fallback")


class _Plans:
    """The plans of one operation, by the values of the variables its @skip/@include depend on."""

    __slots__ = ("by_conditions", "condition_variables")

    def __init__(self, condition_variables: tuple[str, ...]) -> None:
        self.condition_variables = condition_variables
        self.by_conditions: dict[tuple[Any, ...], Selection | None] = {}


# By the operation's identity, for as long as its document lives (the store of valid documents keeps those seen
# often). Not a WeakKeyDictionary: AST nodes are frozen dataclasses, equal when their text is, and two documents
# can share an operation's text while their fragments differ.
_PLANS: dict[int, tuple[weakref.ref[OperationDefinitionNode], _Plans]] = {}


def _plans_of(operation: OperationDefinitionNode, condition_variables: Callable[[], tuple[str, ...]]) -> _Plans:
    key = id(operation)
    kept = _PLANS.get(key)
    if kept is not None and kept[0]() is operation:
        return kept[1]

    def forget(reference: weakref.ref[OperationDefinitionNode]) -> None:
        if _PLANS.get(key, (None,))[0] is reference:
            del _PLANS[key]

    plans = _Plans(condition_variables())
    _PLANS[key] = (weakref.ref(operation, forget), plans)
    return plans


class PlanExecutor(StrawberryGraphQLCoreExecutionContext):
    def execute_collected_root_fields(
        self,
        root_type: GraphQLObjectType,
        root_value: Any,
        grouped_field_set: GroupedFieldSet,
        serially: bool,
        new_defer_usages: Sequence[Any],
    ) -> AwaitableOrValue[dict[str, Any]]:
        plan = None
        # Strawberry's extensions with a resolve hook (the tracing of HIRAKU_TRACING) need the ordinary executor.
        hooks = self.middleware_manager is not None and self.middleware_manager.middlewares
        if not serially and not new_defer_usages and not hooks:
            plan = self._plan(root_type, grouped_field_set)
        context = self.context_value
        if plan is None or not isinstance(context, Context):
            ANSWERED_BY_FALLBACK.inc()
            return super().execute_collected_root_fields(
                root_type, root_value, grouped_field_set, serially, new_defer_usages
            )
        return self._answer(plan, context, root_type, root_value, grouped_field_set)

    async def _answer(
        self,
        plan: Selection,
        context: Context,
        root_type: GraphQLObjectType,
        root_value: Any,
        grouped_field_set: GroupedFieldSet,
    ) -> dict[str, Any]:
        try:
            data = await Run(self, context.loaders.dispatch).answer(plan, root_value)
        except Fallback:
            ANSWERED_BY_FALLBACK.inc()
            # What the plan loaded is kept; what it asked for and never sent is forgotten.
            context.loaders.keep_finished()
            ordinary = super().execute_collected_root_fields(root_type, root_value, grouped_field_set, False, ())
            return cast(dict[str, Any], await ordinary if self.is_awaitable(ordinary) else ordinary)
        ANSWERED_BY_PLAN.inc()
        return data

    def _plan(self, root_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet) -> Selection | None:
        operation = self.operation
        plans = _plans_of(operation, self._condition_variables)
        coerced = self.variable_values.coerced
        conditions = tuple(coerced.get(name) for name in plans.condition_variables)
        if conditions in plans.by_conditions:
            return plans.by_conditions[conditions]
        compiler = Compiler(
            self.schema, self.fragments, self.variable_values, weakref.ref(operation), self.hide_suggestions
        )
        try:
            plan: Selection | None = compiler.selection(root_type, grouped_field_set)
        except Unplannable:
            plan = None
        plans.by_conditions[conditions] = plan
        return plan

    def _condition_variables(self) -> tuple[str, ...]:
        """The variables that @skip and @include of the operation and the fragments depend on."""
        found: dict[str, None] = {}

        class Conditions(Visitor):
            def enter_directive(self, node: DirectiveNode, *_args: Any) -> None:
                if node.name.value in ("skip", "include"):
                    for argument in node.arguments or ():
                        if isinstance(argument.value, VariableNode):
                            found[argument.value.name.value] = None

        for node in (self.operation, *(details.definition for details in self.fragments.values())):
            visit(node, Conditions())
        return tuple(found)

    @property
    def scalar_registry(self) -> Any:
        return self.schema._strawberry_schema.schema_converter.scalar_registry  # type: ignore[attr-defined]

    @property
    def strawberry_config(self) -> Any:
        return self.schema._strawberry_schema.config  # type: ignore[attr-defined]
