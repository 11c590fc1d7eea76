"""Pages of ranked lists: which ranks to return, in which order, and how the list is sorted."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Slice:
    """Rows after rank `after` (forward) or before rank `before` (backward), at most `limit`, nearest first.

    Ranks are positions in the sorted, filtered list (1, 2, …). The data only changes when a new dataset is
    loaded, so a rank names the same row for as long as the dataset version stays the same.
    """

    limit: int
    after: int | None = None
    before: int | None = None
    backward: bool = False
    order: str = "position"
    descending: bool = False

    def arguments(self) -> tuple[object, ...]:
        return (self.after, self.before, self.limit, self.backward, self.order, self.descending)
