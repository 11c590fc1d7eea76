"""Japanese period expressions (「2024年度」, 「2023年度末まで」, 「2026年1月を目途」, 「公布後1年以内」…) as dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

# A point in time: a year, fiscal year (年度), month, day or season of a year.
_POINT = r"(?P<{p}y>\d{{4}})年(?:(?P<{p}fy>度)|(?P<{p}m>\d{{1,2}})月(?:(?P<{p}d>\d{{1,2}})日)?|(?P<{p}s>春|夏|秋|冬))?"
_MODIFIERS = r"(?P<{p}mod>(?:末までに|末まで|末|までに|まで|中|内|以降|から|頃|を目途|目途)*)"
# A range joins two points with から or a dash: 「2023年から2025年頃」, 「2023年度〜2025年度」.
_EXPRESSION = re.compile(
    _POINT.format(p="a")
    + _MODIFIERS.format(p="a")
    + r"(?:(?:(?<=から)|\s*[〜～–-]\s*)"
    + _POINT.format(p="b")
    + _MODIFIERS.format(p="b")
    + ")?"
)
# A bare year, the whole of the text, as a timeline prints it (「2019」 above an event).
_BARE_YEAR = re.compile(r"\s*(?P<y>\d{4})\s*")
_AFTER_PROMULGATION = re.compile(r"公布後(?P<n>\d+)(?P<unit>年|か月|ヶ月|カ月)以内")
# A date that only qualifies a noun (「2023年4月に設立されたこども家庭庁」) is not when the item is due.
_ATTRIBUTIVE = re.compile(r"^に(?:設立|公表|開催|実施|策定)(?:された|した)")
_SEASONS = {"春": (3, 3), "夏": (6, 3), "秋": (9, 3), "冬": (12, 3)}


@dataclass(frozen=True)
class Period:
    """A parsed period: `text` as printed; `start`/`end` inclusive, None where the expression leaves it open."""

    text: str
    start: dt.date | None
    end: dt.date | None
    approximate: bool = False

    @property
    def fiscal_year(self) -> int | None:
        """The Japanese fiscal year (April to March) in which the period ends; None when its end is open.

        A period open at the end (「2023年9月以降」) is due in no fiscal year: it only starts in one.
        """
        if self.end is None:
            return None
        return self.end.year if self.end.month >= 4 else self.end.year - 1


def find_period(text: str, *, promulgated: dt.date | None = None) -> Period | None:
    """The first period expression in `text`, or None when it has none that can be read."""
    periods = find_periods(text, promulgated=promulgated)
    return periods[0] if periods else None


def find_periods(text: str, *, promulgated: dt.date | None = None) -> list[Period]:
    """Every period expression in `text`, in printed order (「2023年から2025年 着手は2026年頃」 gives two)."""
    normalised = unicodedata.normalize("NFKC", text)
    bare = _BARE_YEAR.fullmatch(normalised)
    if bare:
        year = int(bare.group("y"))
        return [Period(bare.group("y"), dt.date(year, 1, 1), dt.date(year, 12, 31))]
    relative = _AFTER_PROMULGATION.search(normalised)
    if relative:
        return [_after_promulgation(relative, promulgated)]
    return [
        _period(match)
        for match in _EXPRESSION.finditer(normalised)
        if not _ATTRIBUTIVE.match(normalised[match.end() :])
    ]


def _period(match: re.Match[str]) -> Period:
    first_start, first_end = _interval(match, "a")
    first_mods = match.group("amod")
    approximate = "頃" in first_mods or "目途" in first_mods
    if match.group("by"):
        _, second_end = _interval(match, "b")
        second_mods = match.group("bmod")
        approximate = approximate or "頃" in second_mods or "目途" in second_mods
        end = None if _opens_end(second_mods) else second_end
        return Period(match.group(0), first_start, end, approximate)
    if _is_deadline(first_mods):
        return Period(match.group(0), None, first_end, approximate)
    if _opens_end(first_mods):
        return Period(match.group(0), first_start, None, approximate)
    return Period(match.group(0), first_start, first_end, approximate)


def _is_deadline(modifiers: str) -> bool:
    return modifiers.startswith(("末まで", "まで")) or modifiers == "末までに"


def _opens_end(modifiers: str) -> bool:
    return "以降" in modifiers or modifiers.endswith("から")


def _interval(match: re.Match[str], prefix: str) -> tuple[dt.date, dt.date]:
    year = int(match.group(f"{prefix}y"))
    if match.group(f"{prefix}fy"):
        return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
    if match.group(f"{prefix}s"):
        month, length = _SEASONS[match.group(f"{prefix}s")]
        start = dt.date(year, month, 1)
        return start, _month_end(_add_months(start, length - 1))
    if match.group(f"{prefix}m"):
        month = int(match.group(f"{prefix}m"))
        if match.group(f"{prefix}d"):
            day = dt.date(year, month, int(match.group(f"{prefix}d")))
            return day, day
        start = dt.date(year, month, 1)
        return start, _month_end(start)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _after_promulgation(match: re.Match[str], promulgated: dt.date | None) -> Period:
    if promulgated is None:
        return Period(match.group(0), None, None)
    months = int(match.group("n")) * (12 if match.group("unit") == "年" else 1)
    # 公布の日から起算して: the day of promulgation counts, so the period ends the day before the anniversary.
    end = _add_months(promulgated, months) - dt.timedelta(days=1)
    return Period(match.group(0), promulgated, end)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _month_end(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
