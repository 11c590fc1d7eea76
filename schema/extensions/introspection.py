"""How many items introspection's lists hold in this schema, for the node-count estimate (SECURITY.md item 13).

A walk of `__schema { types { fields { … } } }` returns every type and every field, so each list counts what the
schema has, per object of its parent type on average: over a whole walk, the product along a path is the total
(types × fields per type = every field). Derived from the schema itself, never kept by hand.
"""

from __future__ import annotations

from functools import lru_cache
from math import ceil

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
)


@lru_cache(maxsize=8)
def introspection_list_sizes(schema: GraphQLSchema) -> dict[str, int]:
    """`"__Type.fields"` → fields per type (of all types: scalars have none), and so on for each list."""
    types = list(schema.type_map.values())
    composite = [t for t in types if isinstance(t, GraphQLObjectType | GraphQLInterfaceType)]
    fields = [f for t in composite for f in t.fields.values()]
    abstract = [t for t in types if isinstance(t, GraphQLInterfaceType | GraphQLUnionType)]
    directives = schema.directives

    def per(total: int, of: int) -> int:
        return max(1, ceil(total / max(of, 1)))

    return {
        "__Schema.types": len(types),
        "__Schema.directives": len(directives),
        "__Type.fields": per(len(fields), len(types)),
        "__Type.interfaces": per(sum(len(t.interfaces) for t in composite), len(types)),
        "__Type.possibleTypes": per(sum(len(schema.get_possible_types(t)) for t in abstract), len(types)),
        "__Type.enumValues": per(sum(len(t.values) for t in types if isinstance(t, GraphQLEnumType)), len(types)),
        "__Type.inputFields": per(
            sum(len(t.fields) for t in types if isinstance(t, GraphQLInputObjectType)), len(types)
        ),
        "__Field.args": per(sum(len(f.args) for f in fields), len(fields)),
        "__Directive.args": per(sum(len(d.args) for d in directives), len(directives)),
    }
