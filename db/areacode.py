"""全国地方公共団体コード: the 6-digit code of a local government, its check digit, its 5-digit form and the 2-digit
JIS X 0401 code of a prefecture (shared by the importers and the API)."""

from __future__ import annotations

WEIGHTS = (6, 5, 4, 3, 2)
PREFECTURES = range(1, 48)  # JIS X 0401: 01 北海道 … 47 沖縄県


class AreaCodeError(ValueError):
    """A code that is not 2, 5 or 6 digits, a 2-digit code outside 01..47, or a wrong check digit."""


def check_digit(five_digits: str) -> int:
    """The sixth digit: 11 minus the weighted sum modulo 11, keeping its last digit."""
    total = sum(int(digit) * weight for digit, weight in zip(five_digits, WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def normalise(code: str) -> str:
    """The 6-digit code for a 2-, 5- or 6-digit input; raises AreaCodeError naming what is wrong.

    Two digits are a prefecture's JIS X 0401 code ("13" is 東京都, 130001): no municipality's code is that short,
    so the forms cannot be mistaken for one another."""
    if not code.isascii() or not code.isdigit() or len(code) not in (2, 5, 6):
        raise AreaCodeError(
            f"{code[:20]!r} is not a local government code: expected 2 digits (a prefecture, 01 to 47), "
            "or 5 or 6 digits"
        )
    if len(code) == 2:
        if int(code) not in PREFECTURES:
            raise AreaCodeError(f"{code!r} is not a prefecture's code: the JIS X 0401 codes run from 01 to 47")
        code = f"{code}000"
    expected = check_digit(code[:5])
    if len(code) == 6 and int(code[5]) != expected:
        raise AreaCodeError(f"{code!r} has a wrong check digit: the code with {code[:5]} is {code[:5]}{expected}")
    return f"{code[:5]}{expected}"
