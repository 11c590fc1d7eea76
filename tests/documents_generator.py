"""Seeded random GraphQL documents, walked over the schema's own types, for the differential test.

Each document is a random walk from Query: fields and arguments chosen from the graphql-core schema (never a hand
list of fields), argument values from the loaded data (tests/document_values.py, some of them refused by the
server so that errors arise midway), variables, aliases, named and inline fragments (on interfaces such as
`node(id:)`'s Node), `@include`/`@skip` with literal and variable conditions, `__typename`, pagination arguments
with real cursors, now and then introspection or a second operation chosen by name. Depth, breadth and the
estimated node count are bounded so that every document passes the server's limits (schema/limits.py) and the
whole set runs in seconds. The same seed and values give the same documents.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    Undefined,
    get_named_type,
    is_leaf_type,
    parse,
)

from schema.extensions.cost import estimate_nodes
from schema.limits import MAX_ALIASES, MAX_TOKENS
from tests.document_values import Values
from tests.limits_support import token_count

MAX_LEVELS = 4
"""Object levels below the root (the server allows MAX_DEPTH = 10)."""
MAX_NESTING = 1
"""Fragments inside fragments, at most."""
MAX_NODES = 150
"""Estimated nodes of a generated document (the server allows 25,000): keeps 2,000 documents quick."""

Composite = GraphQLObjectType | GraphQLInterfaceType


@dataclass(frozen=True)
class Generated:
    """A document with the variables and operation name to send it with, and the constructs it holds."""

    query: str
    variables: dict[str, Any]
    operation_name: str | None
    features: frozenset[str]


@dataclass
class _Operation:
    definitions: list[str] = field(default_factory=list)


class _Document:
    """One document being written: its variables, fragments and the constructs used so far."""

    def __init__(self, schema: GraphQLSchema, values: Values, rng: random.Random) -> None:
        self.schema, self.values, self.rng = schema, values, rng
        self.variables: dict[str, Any] = {}
        self.fragments: list[str] = []
        self.features: Counter[str] = Counter()
        self.operation = _Operation()
        self.aliases = 0
        self.counter = 0

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    # --- selections ---------------------------------------------------------------------------------------------

    def selection(self, parent: Composite, level: int, names: dict[str, str] | None = None, nesting: int = 0) -> str:
        """A selection set of `parent`; `names` are the response names already taken where it is merged, each
        with what it answers (a leaf asked again the same way merges with the first)."""
        names = {} if names is None else names
        parts: list[str] = []
        breadth = self.rng.randint(1, 3 if level == 1 else 2)
        while len(parts) < breadth:
            roll = self.rng.random()
            fragments = level > 0 and nesting < MAX_NESTING
            if roll < 0.07 and (level > 0 or parts):
                parts.append("__typename")
                self.features["__typename"] += 1
            elif roll < 0.14 and fragments:
                parts.append(self.inline_fragment(parent, level, names, nesting))
            elif roll < 0.19 and fragments:
                parts.append(self.fragment_spread(parent, level, names, nesting))
            else:
                parts.append(self.field(parent, level, names))
        if isinstance(parent, GraphQLInterfaceType) and nesting <= MAX_NESTING and self.rng.random() < 0.8:
            parts.append(self.inline_fragment(parent, level, names, nesting, concrete=True))
        return "{ " + " ".join(parts) + " }"

    def inline_fragment(
        self, parent: Composite, level: int, names: dict[str, str], nesting: int, concrete: bool = False
    ) -> str:
        """`... on T { }` for a type T that overlaps `parent` (an implementation, an interface, itself), or
        `... @skip(if: …) { }` without a type."""
        conditions: list[Composite] = [parent]
        if isinstance(parent, GraphQLObjectType):
            conditions += parent.interfaces
        else:
            possible: list[Composite] = list(self.schema.get_possible_types(parent))
            conditions = possible if concrete else conditions + possible
        condition = self.rng.choice(conditions)
        self.features["inline fragment"] += 1
        if condition is parent and not concrete and self.rng.random() < 0.5:
            return f"...{self.directive()} {self.selection(parent, level, names, nesting + 1)}"
        if isinstance(parent, GraphQLInterfaceType):
            self.features["inline fragment on an interface"] += 1
        inner = self.selection(condition, level, names, nesting + 1)
        return f"... on {condition.name}{self.maybe_directive()} {inner}"

    def fragment_spread(self, parent: Composite, level: int, names: dict[str, str], nesting: int) -> str:
        name = self.fresh("F")
        self.fragments.append(f"fragment {name} on {parent.name} {self.selection(parent, level, names, nesting + 1)}")
        self.features["named fragment"] += 1
        return f"...{name}{self.maybe_directive()}"

    def field(self, parent: Composite, level: int, names: dict[str, str]) -> str:
        fields = parent.fields
        leaves = [n for n, f in fields.items() if is_leaf_type(get_named_type(f.type))]
        composites = [n for n, f in fields.items() if n not in leaves]
        if level == 0 and self.rng.random() < 0.03:
            return self.introspection(names)
        deeper = bool(composites) and (not leaves or (level < MAX_LEVELS and self.rng.random() < 0.5 - 0.1 * level))
        name = self.rng.choice(composites if deeper else leaves)
        definition = fields[name]
        arguments = self.arguments(definition)
        response = name
        answers = f"{name}{arguments}: {definition.type}"
        # A leaf asked again the same way (same arguments, same type) merges with the first; anything else would
        # be a conflict, so it gets an alias.
        if (name in names and not (name in leaves and names[name] == answers)) or self.rng.random() < 0.12:
            response = self.alias(name)
        elif name in names:
            self.features["merged field"] += 1
        names[response] = answers
        head = name if response == name else f"{response}: {name}"
        named = get_named_type(definition.type)
        below = ""
        if not is_leaf_type(named):
            assert isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
            below = " " + self.selection(named, level + 1)
        return f"{head}{arguments}{self.maybe_directive()}{below}"

    def alias(self, name: str) -> str:
        self.aliases += 1
        self.features["alias"] += 1
        return self.fresh("a")

    def introspection(self, names: dict[str, str]) -> str:
        self.features["introspection"] += 1
        type_name = self.rng.choice(sorted(n for n in self.schema.type_map if not n.startswith("__")))
        response = self.fresh("i")
        names[response] = "__type"
        return f'{response}: __type(name: "{type_name}") {{ name kind fields {{ name type {{ name kind }} }} }}'

    # --- arguments, variables, directives ------------------------------------------------------------------------

    def arguments(self, definition: GraphQLField) -> str:
        owner = get_named_type(definition.type)
        chosen = []
        paged = False  # first or last given: the other (an error) only now and then
        for name, argument in definition.args.items():
            required = isinstance(argument.type, GraphQLNonNull) and argument.default_value is Undefined
            # `prefecture(areaCode:)` needs one of its two names; the older names are sent now and then.
            required = required or (name == "areaCode" and "code" in definition.args)
            paging = name in ("first", "last") and owner.name.endswith("Connection")
            share = (0.05 if paged else 0.8) if paging else 0.05 if argument.deprecation_reason else 0.25
            paged = paged or paging
            if required or self.rng.random() < share:
                value = self.values.pick(self.rng, argument.type, owner, name)
                chosen.append(f"{name}: {self.argument(argument.type, value)}")
        if chosen:
            self.features["arguments"] += 1
        return f"({', '.join(chosen)})" if chosen else ""

    def argument(self, type_: GraphQLInputType, value: Any) -> str:
        """The value as a literal, or (now and then) as a variable; inside an input object, field by field."""
        roll = self.rng.random()
        if roll < 0.2:
            return self.variable(type_, value)
        named = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
        if roll < 0.35 and isinstance(named, GraphQLInputObjectType) and isinstance(value, dict):
            fields = (f"{k}: {self.argument(named.fields[k].type, v)}" for k, v in value.items())
            return "{" + ", ".join(fields) + "}"
        return literal(type_, value)

    def variable(self, type_: GraphQLInputType, value: Any) -> str:
        name = self.fresh("v")
        self.features["variable"] += 1
        if not isinstance(type_, GraphQLNonNull) and value is not None and self.rng.random() < 0.2:
            # A default in the definition and no value sent: the default is used.
            self.operation.definitions.append(f"${name}: {type_} = {literal(type_, value)}")
            self.features["variable default"] += 1
        else:
            self.operation.definitions.append(f"${name}: {type_}")
            self.variables[name] = value
        return f"${name}"

    def maybe_directive(self) -> str:
        return self.directive() if self.rng.random() < 0.08 else ""

    def directive(self) -> str:
        self.features["@include/@skip"] += 1
        condition = self.rng.random() < 0.5
        name = self.rng.choice(["include", "skip"])
        if self.rng.random() < 0.5:
            self.features["directive variable"] += 1
            return f" @{name}(if: {self.variable(GraphQLNonNull(self.schema.type_map['Boolean']), condition)})"  # type: ignore[arg-type]
        return f" @{name}(if: {json.dumps(condition)})"

    # --- operations ----------------------------------------------------------------------------------------------

    def operation_text(self, name: str | None) -> str:
        self.operation = _Operation()
        query_type = self.schema.query_type
        assert query_type is not None
        body = self.selection(query_type, 0)
        definitions = f"({', '.join(self.operation.definitions)})" if self.operation.definitions else ""
        if name is None and not definitions and self.rng.random() < 0.5:
            return body
        return f"query{' ' + name if name else ''}{definitions} {body}"


def literal(type_: GraphQLInputType, value: Any) -> str:
    """A JSON value written as a GraphQL literal of `type_`."""
    if isinstance(type_, GraphQLNonNull):
        return literal(type_.of_type, value)
    if value is None:
        return "null"
    if isinstance(type_, GraphQLList):
        items = value if isinstance(value, list) else [value]
        return "[" + ", ".join(literal(type_.of_type, item) for item in items) + "]"
    if isinstance(type_, GraphQLInputObjectType):
        return "{" + ", ".join(f"{k}: {literal(type_.fields[k].type, v)}" for k, v in value.items()) + "}"
    if isinstance(type_, GraphQLEnumType):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


class DocumentGenerator:
    """Documents within the server's limits, the same ones for the same seed and values."""

    def __init__(self, schema: GraphQLSchema, values: Values, seed: int) -> None:
        self.schema, self.values, self.seed = schema, values, seed

    def documents(self, count: int) -> Iterator[Generated]:
        rng = random.Random(self.seed)
        seen: set[str] = set()
        while len(seen) < count:
            generated = self.document(rng)
            if generated is not None and generated.query not in seen:
                seen.add(generated.query)
                yield generated

    def document(self, rng: random.Random) -> Generated | None:
        """A document, or None when the walk went over a bound (the caller walks again)."""
        document = _Document(self.schema, self.values, rng)
        operation_name = None
        if rng.random() < 0.05:
            names = [document.fresh("Q"), document.fresh("Q")]
            operations = [document.operation_text(name) for name in names]
            operation_name = rng.choice(names)
            document.features["operation chosen by name"] += 1
        else:
            operations = [document.operation_text(document.fresh("Q") if rng.random() < 0.3 else None)]
        query = "\n".join(operations + document.fragments)
        if not self.within_limits(query, document):
            return None
        return Generated(query, document.variables, operation_name, frozenset(document.features))

    def within_limits(self, query: str, document: _Document) -> bool:
        # Every fragment is spread once, so its aliases count once (the server counts them where spread).
        # A token takes a character at least: only a long document needs counting.
        if document.aliases > MAX_ALIASES or (len(query) > MAX_TOKENS and token_count(query) > MAX_TOKENS):
            return False
        parsed = parse(query)
        for operation in parsed.definitions:
            if isinstance(operation, OperationDefinitionNode):
                nodes = estimate_nodes(self.schema, parsed.definitions, operation, document.variables)
                if nodes is None or nodes > MAX_NODES:
                    return False
        return True
