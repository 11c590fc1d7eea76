"""One name for a code argument, `areaCode`, beside the older names it replaces (kept for one release)."""

from __future__ import annotations

from schema.errors import BadUserInput
from schema.scalars import LocalGovCode

AREA_CODE = "areaCode"
USE_AREA_CODE = "Use `areaCode`."


def one_code(area_code: LocalGovCode | None, older: LocalGovCode | None, older_name: str) -> LocalGovCode | None:
    """The code given under either name, or None. Both names at once is an error even with the same code: a client
    migrating half a query would otherwise not notice which one is read. `older_name` is as the client wrote it,
    with its path (`filter.prefecture`)."""
    if area_code is not None and older is not None:
        new_name = older_name.rpartition(".")[0] + "." + AREA_CODE if "." in older_name else AREA_CODE
        raise BadUserInput(f"Give `{new_name}` or `{older_name}`, not both: `{older_name}` is its deprecated name")
    return area_code if area_code is not None else older


def required_code(area_code: LocalGovCode | None, older: LocalGovCode | None, older_name: str) -> LocalGovCode:
    """The code given under either name; neither is an error (the argument cannot be required in the schema while
    the older name is still accepted)."""
    code = one_code(area_code, older, older_name)
    if code is None:
        raise BadUserInput(f"Give `{AREA_CODE}` (or its deprecated name `{older_name}`)")
    return code
