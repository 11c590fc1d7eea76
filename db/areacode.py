"""全国地方公共団体コード: the 6-digit code of a local government, its check digit and 5-digit form (shared by the
importers and the API)."""

from __future__ import annotations

WEIGHTS = (6, 5, 4, 3, 2)


class AreaCodeError(ValueError):
    """A code that is not 5 or 6 digits, or whose check digit is wrong."""


def check_digit(five_digits: str) -> int:
    """The sixth digit: 11 minus the weighted sum modulo 11, keeping its last digit."""
    total = sum(int(digit) * weight for digit, weight in zip(five_digits, WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def normalise(code: str) -> str:
    """The 6-digit code for a 5- or 6-digit input; raises AreaCodeError naming what is wrong."""
    if not code.isascii() or not code.isdigit() or len(code) not in (5, 6):
        raise AreaCodeError(f"{code!r} is not a local government code: expected 5 or 6 digits")
    expected = check_digit(code[:5])
    if len(code) == 6 and int(code[5]) != expected:
        raise AreaCodeError(f"{code!r} has a wrong check digit: the code with {code[:5]} is {code[:5]}{expected}")
    return f"{code[:5]}{expected}"
