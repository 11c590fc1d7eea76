"""全国地方公共団体コード: check digits, 5-digit input, 2-digit prefecture codes, and clear errors."""

from __future__ import annotations

import csv

import pytest

from db.areacode import AreaCodeError, check_digit, normalise
from seeds.sources import FetchResult


def test_every_code_of_the_municipality_source_has_a_valid_check_digit(fetched: list[FetchResult]) -> None:
    localgovjp = next(r for r in fetched if r.source.slug == "localgovjp")
    with localgovjp.paths["localgovjp-utf8.csv"].open(encoding="utf-8-sig") as handle:
        codes = [row["lgcode"] for row in csv.DictReader(handle)]
    assert len(codes) > 1741
    assert all(normalise(code) == code for code in codes)


@pytest.mark.parametrize(("five", "six"), [("01100", "011002"), ("13000", "130001"), ("01000", "010006")])
def test_five_digits_get_their_check_digit(five: str, six: str) -> None:
    assert normalise(five) == six
    assert check_digit(five) == int(six[5])


def test_a_wrong_check_digit_says_so_and_gives_the_right_code() -> None:
    with pytest.raises(AreaCodeError, match=r"'011003' has a wrong check digit: the code with 01100 is 011002"):
        normalise("011003")


@pytest.mark.parametrize(("jis", "six"), [("01", "010006"), ("13", "130001"), ("47", "470007")])
def test_two_digits_are_a_prefecture_by_its_jis_code(jis: str, six: str) -> None:
    assert normalise(jis) == six


@pytest.mark.parametrize("bad", ["00", "48", "99"])
def test_a_two_digit_code_outside_the_47_prefectures_names_the_range(bad: str) -> None:
    with pytest.raises(
        AreaCodeError, match=f"'{bad}' is not a prefecture's code: the JIS X 0401 codes run from 01 to 47"
    ):
        normalise(bad)


@pytest.mark.parametrize("bad", ["", "1", "123", "1234", "1234567", "01100a", "０１１００２", "１３"])
def test_anything_but_2_5_or_6_ascii_digits_is_refused(bad: str) -> None:
    with pytest.raises(AreaCodeError, match=r"expected 2 digits \(a prefecture, 01 to 47\), or 5 or 6 digits"):
        normalise(bad)
