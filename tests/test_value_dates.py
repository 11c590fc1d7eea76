"""The words that name the dates with values to a client who asked for a date without any."""

from __future__ import annotations

import datetime as dt

from db.value_dates import FEW_DATES, dates_with_values

DAY = dt.date(2022, 12, 30)


def _monthly(count: int) -> list[dt.date]:
    return [dt.date(2020 + (month - 1) // 12, (month - 1) % 12 + 1, 1) for month in range(1, count + 1)]


def test_few_dates_are_all_named() -> None:
    dates = _monthly(FEW_DATES)
    assert dates_with_values(DAY, dates) == (
        "its dates with values are 2020-01-01, 2020-02-01, 2020-03-01, 2020-04-01, 2020-05-01 and 2020-06-01"
    )
    assert dates_with_values(DAY, dates[:1]) == "its only date with values is 2020-01-01"


def test_many_dates_are_the_nearest_two_and_the_span() -> None:
    assert dates_with_values(dt.date(2020, 3, 15), _monthly(30)) == (
        "the nearest dates with values are 2020-03-01 and 2020-04-01, of 30 dates from 2020-01-01 to 2022-06-01"
    )


def test_a_day_outside_the_span_has_one_nearest_date() -> None:
    assert dates_with_values(DAY, _monthly(30)) == (
        "the nearest date with values is 2022-06-01, of 30 dates from 2020-01-01 to 2022-06-01"
    )
    assert dates_with_values(dt.date(2019, 1, 1), _monthly(30)).startswith("the nearest date with values is 2020-01-01")


def test_no_dates_say_so() -> None:
    assert dates_with_values(DAY, []) == "it has none on any date"
