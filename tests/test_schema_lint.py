"""graphql-schema-linter, as GraphQL tooling users run it on schema.graphql: descriptions everywhere (capitalised),
enum values in capitals with descriptions, camel-cased fields, deprecations with a reason, and connections and
their arguments and PageInfo as the Relay specification has them."""

from __future__ import annotations

from pathlib import Path

from tests.node_tools import install_node_tools, run_node_tool

SCHEMA = Path(__file__).parent.parent / "schema.graphql"
# Every rule of graphql-schema-linter 3 but the three that want fields, input fields and enum values in alphabetical
# order: hiraku's order is meaningful (the identifier and title first, then the values, then the source), and
# introspection and schema.graphql keep it.
RULES = [
    "arguments-have-descriptions",
    "defined-types-are-used",
    "deprecations-have-a-reason",
    "descriptions-are-capitalized",
    "enum-values-all-caps",
    "enum-values-have-descriptions",
    "fields-are-camel-cased",
    "fields-have-descriptions",
    "input-object-values-are-camel-cased",
    "input-object-values-have-descriptions",
    "relay-connection-arguments-spec",
    "relay-connection-types-spec",
    "relay-page-info-spec",
    "types-are-capitalized",
    "types-have-descriptions",
]


async def test_graphql_schema_linter_finds_nothing_in_the_published_schema() -> None:
    await install_node_tools()
    binary = "node_modules/.bin/graphql-schema-linter"
    code, out, err = await run_node_tool(binary, "--format", "compact", "--rules", ",".join(RULES), str(SCHEMA))
    assert code == 0, out.decode() + err.decode()


async def test_the_linter_would_find_a_field_without_a_description(tmp_path: Path) -> None:
    undocumented = tmp_path / "schema.graphql"
    undocumented.write_text(SCHEMA.read_text(encoding="utf-8") + '\n"""A probe."""\ntype Probe { name: String }\n')
    await install_node_tools()
    binary = "node_modules/.bin/graphql-schema-linter"
    code, out, _ = await run_node_tool(binary, "--format", "compact", "--rules", ",".join(RULES), str(undocumented))
    assert code != 0
    assert "Probe.name" in out.decode()
