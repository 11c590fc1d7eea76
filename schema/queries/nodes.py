"""node(id) and nodes(ids): every type with a global ID, resolved through the loaders."""

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry

from schema.context import Info
from schema.errors import NotFound, PublicError, literal
from schema.node import Node, decode_id
from schema.types.agency_role import AgencyRole
from schema.types.focus_area import FocusArea
from schema.types.initiative import Initiative
from schema.types.metric import Metric
from schema.types.milestone import Milestone
from schema.types.mission_statement import MissionStatement
from schema.types.municipality import Municipality
from schema.types.observation import Observation, parse_observation_key
from schema.types.policy_goal import PolicyGoal
from schema.types.prefecture import Prefecture
from schema.types.priority_plan_item import PriorityPlanItem
from schema.types.report_section import ReportSection
from schema.types.service import Service
from schema.types.service_catalog import ServiceCatalog

MAX_NODES_PER_REQUEST = 100
MAX_POSITION = 2**31 - 1  # positions are integer columns


async def resolve_node(info: Info, global_id: str) -> Node:
    type_name, key = decode_id(global_id)
    node = await find_node(info, type_name, key)
    if node is None:
        # As GitHub answers an ID of nothing: null and NOT_FOUND; the decoded type and key say what was looked for.
        raise NotFound(f"No object with ID {literal(global_id)}: there is no {type_name} {literal(key)}.")
    return node


async def find_node(info: Info, type_name: str, key: str) -> Node | None:
    """The object of a type with a global ID by its key (slug, parent slug and position, or an observation's
    metric, area, date and breakdown); an error when the key cannot be one of the type's."""
    loaders = info.context.loaders
    if type_name == "Initiative":
        row = await loaders.initiative_by_slug.load(key)
        return Initiative.from_row(row) if row else None
    if type_name == "FocusArea":
        row = await loaders.focus_area_by_slug.load(key)
        return FocusArea.from_row(row) if row else None
    if type_name in ("Prefecture", "Municipality"):
        row = await loaders.area_by_code.load(key)
        if row is None or row["level"] != type_name.lower():
            return None
        return Prefecture.from_row(row) if type_name == "Prefecture" else Municipality.from_row(row)
    if type_name == "Metric":
        row = await loaders.metric_by_slug.load(key)
        return Metric.from_row(row) if row else None
    if type_name == "Observation":
        row = await loaders.observation_by_key.load(parse_observation_key(key))
        return Observation.from_row(row, row["metric_slug"]) if row else None
    if type_name == "ServiceCatalog":
        row = await loaders.catalog_by_slug.load(key)
        return ServiceCatalog.from_row(row) if row else None
    if type_name in ("Milestone", "Service"):
        parent, _, position = key.rpartition(":")
        if not position.isascii() or not position.isdigit() or int(position) > MAX_POSITION:
            return None
        pair = (parent, int(position))
        if type_name == "Milestone":
            row = await loaders.milestone_by_key.load(pair)
            return Milestone.from_row(row) if row else None
        row = await loaders.service_by_key.load(pair)
        return Service.from_row(row) if row else None
    texts = {
        "PolicyGoal": (loaders.policy_goals, PolicyGoal.from_row),
        "MissionStatement": (loaders.mission_statements, MissionStatement.from_row),
        "PriorityPlanItem": (loaders.priority_plan_items, PriorityPlanItem.from_row),
        "ReportSection": (loaders.report_sections, ReportSection.from_row),
    }
    if type_name in texts:
        loader, build = texts[type_name]
        rows = await loader.load(None)
        return next((build(row) for row in rows if row["slug"] == key), None)
    if type_name == "AgencyRole":
        rows = await loaders.agency_roles.load(None)
        return next((AgencyRole.from_row(row) for row in rows if str(row["position"]) == key), None)
    return None


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global ID; null and an error when there is none.")
    async def node(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="A global ID.")]
    ) -> Node | None:
        return await resolve_node(info, id)

    @strawberry.field(description=f"Objects by global IDs (at most {MAX_NODES_PER_REQUEST}), in the order asked.")
    async def nodes(
        self, info: Info, ids: Annotated[list[strawberry.ID], strawberry.argument(description="Global IDs.")]
    ) -> list[Node | None]:
        if len(ids) > MAX_NODES_PER_REQUEST:
            raise PublicError(f"`ids` holds {len(ids)} IDs; at most {MAX_NODES_PER_REQUEST} are allowed")
        # Resolved together, so that the loaders batch them; graphql-core turns an exception returned as a
        # list item into null plus an error at that item's path.
        found = await asyncio.gather(*(resolve_node(info, global_id) for global_id in ids), return_exceptions=True)
        for item in found:
            if isinstance(item, BaseException) and not isinstance(item, PublicError):
                raise item
        return found  # type: ignore[return-value]
