"""Chapter 6, Backpropagation: whether a printed value is rounded, cut off or a slip.

A value printed with :math:`d` decimals can come from the exact value by
rounding (0.586860 → 0.5869) or by cutting the extra digits off
(0.586860 → 0.5868). The textbook's 2-2-1 example mostly cuts off and then
computes on with the shortened numbers. A few printed results follow from
neither: recomputing the very expression printed beside them, from the
numbers printed there, gives another value. Those are slips on the page.

Both ways of shortening work in decimal arithmetic (``decimal``) on the number's
shortest decimal form in its own type (the digits Python or numpy prints and the reader
types: 0.125 is 0.125, 0.58689999997 is 0.58689999997, ``np.float32(0.5868)`` is 0.5868,
not float64's 0.5867999792098999), as a hand or a printed page does; a
:class:`~decimal.Decimal` and an int are taken exactly as they are: cutting off drops
digits towards zero (``ROUND_DOWN``) and rounding takes a final 5 away from zero
(``ROUND_HALF_UP``, not Python's half-to-even ``round``). A float is not nudged
before it is cut: 0.58689999997 cut to four decimals is 0.5868. The expressions printed
beside a result are evaluated with the page's decimal numbers exactly, so
``-(1 - 0.6155)`` is -0.3845, not the float -0.38449999999999995.
"""

from __future__ import annotations

import numbers
import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from typing import Any, cast

import numpy as np

from ffnn_edu.nn.validation import check_count, check_number, checked

from .worked_examples import SOURCE_221, backprop_221_values

#: Decimals the textbook prints where ``repr`` of the stored
#: float drops a trailing zero.
_TRAILING_ZERO_221 = {"dy_D/dz_D": 4}

#: The expressions the textbook prints beside three of its
#: results, with the page's numbers.
PAGE_EXPRESSIONS_221 = {
    "dE/dy_F": "-(1 - 0.6155)",
    "dy_F/dz_F": "0.6155 * (1 - 0.6155)",
    "w4_new": "0.3 - 0.7 * (-0.0545 * 0.2420 * 0.82)",
}


def _decimals(value: Any, name: str) -> int:
    """Checker: decimals, a whole number from 0 to 300 (floats end near 1e-308)."""
    decimals = check_count(value, name, low=0)
    if decimals > 300:
        raise ValueError(
            f"{name} must be an integer from 0 to 300, but it is {decimals}"
        )
    return decimals


#: Digits the decimal context keeps: a finite float has at most 309 before the point,
#: and ``decimals`` asks for at most 300 after it.
_DIGITS = 700


def _as_printed(value: Any, name: str) -> Decimal:
    """Checker: one finite real number as the decimal its own type prints.

    A numpy float is taken in the shortest form of its own type
    (``np.format_float_positional(value, unique=True)``), so ``np.float32(0.5868)``
    is 0.5868 and not ``str(float(...))``'s 0.5867999792098999; a Python float in
    ``str(value)``; either exactly where that form drops digits of the whole part
    (``np.float16(65504)``, shortest 6.55e4, is 65504, ``1e23`` is
    99999999999999991611392); an int (Python's or numpy's) and a finite
    :class:`~decimal.Decimal` exactly; any other real number (a
    :class:`~fractions.Fraction`) as the float nearest it.

    Examples
    --------
    >>> _as_printed(np.float32(0.5868), "x"), _as_printed(0.5868, "x")
    (Decimal('0.5868'), Decimal('0.5868'))
    >>> _as_printed(Decimal("0.58686000000000000001"), "x"), _as_printed(10**20, "x")
    (Decimal('0.58686000000000000001'), Decimal('100000000000000000000'))
    >>> _as_printed(Decimal("NaN"), "x")
    Traceback (most recent call last):
    ...
    ValueError: x must be a finite number, but it is Decimal('NaN')
    """
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{name} must be a finite number, but it is {value!r}")
        return value
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
        return Decimal(int(value))
    if isinstance(value, np.floating):
        if not np.isfinite(value):
            raise ValueError(f"{name} must be a finite number, but it is {value}")
        shortest = np.format_float_positional(value, unique=True, trim="0")
        return _whole_digits_kept(Decimal(shortest), value)
    number = check_number(value, name)
    return _whole_digits_kept(Decimal(str(number)), number)


def _whole_digits_kept(shortest: Decimal, value: Any) -> Decimal:
    """``shortest``, or ``value`` exactly where ``shortest`` drops whole digits.

    The shortest form of a large float of few bits ends its whole part in zeros
    (``np.float16(65504)`` prints 6.55e4, 65500), though the value is a whole number
    (the gap between floats there is more than 1): that whole number is taken.

    Examples
    --------
    >>> _whole_digits_kept(Decimal("65500"), np.float16(65504))
    Decimal('65504')
    >>> _whole_digits_kept(Decimal("0.587"), np.float16(0.5869))
    Decimal('0.587')
    """
    whole = int(value)
    return shortest if int(shortest) == whole else Decimal(whole)


def _shortened(value: Decimal, decimals: int, rounding: str) -> Decimal:
    """A decimal number to ``decimals`` decimals, with ``rounding``."""
    with localcontext() as context:
        context.prec = _DIGITS
        return value.quantize(Decimal(1).scaleb(-decimals), rounding=rounding)


def _name_221(value: Any, name: str) -> str:
    """Checker: the name of a quantity the textbook prints in the 2-2-1 example."""
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be a string such as 'y_C', but it is "
            f"{value!r} ({type(value).__name__})"
        )
    if value not in SOURCE_221:
        raise ValueError(
            f"{name} must name a value printed in the 2-2-1 example (a key of "
            f"SOURCE_221, such as 'y_C' or 'w4_new'), but it is {value!r}"
        )
    return value


@checked(value=_as_printed, decimals=_decimals)
def cut_off(value: float | Decimal, decimals: int) -> float:
    """``value`` with every digit after the ``decimals``-th dropped (towards zero).

    The digits are those of the number's shortest decimal form in its own type
    (``str`` of a float, numpy's shortest form of a float32; a
    :class:`~decimal.Decimal` or an int as it is), cut in decimal arithmetic
    (``ROUND_DOWN``), so a value just under a boundary stays under it.

    Examples
    --------
    >>> cut_off(0.586860, 4), cut_off(-0.0181925, 4), cut_off(0.58689999997, 4)
    (0.5868, -0.0181, 0.5868)
    >>> cut_off(np.float32(0.5868), 4), cut_off(Decimal("0.58689999999999999999"), 4)
    (0.5868, 0.5868)
    """
    return float(_shortened(cast(Decimal, value), decimals, ROUND_DOWN))


@checked(value=_as_printed, decimals=_decimals)
def rounded(value: float | Decimal, decimals: int) -> float:
    """``value`` rounded to ``decimals`` decimals as a printed page does (half up).

    A final 5 of the number's shortest decimal form in its own type (``str`` of a
    float, numpy's shortest form of a float32: ``np.float32(0.00125)`` is 0.00125; a
    :class:`~decimal.Decimal` or an int as it is) goes away from zero
    (``ROUND_HALF_UP`` in decimal arithmetic), where Python's ``round`` takes
    it to the even digit and works on the float's binary value.

    Examples
    --------
    >>> rounded(0.125, 2), rounded(2.5, 0), rounded(-0.375, 2), round(0.125, 2)
    (0.13, 3.0, -0.38, 0.12)
    >>> rounded(np.float32(0.00125), 4), rounded(Decimal("0.00125"), 4)
    (0.0013, 0.0013)
    """
    return float(_shortened(cast(Decimal, value), decimals, ROUND_HALF_UP))


@checked(name=_name_221)
def decimals_221(name: str) -> int:
    """How many decimals the textbook prints for ``name`` of the 2-2-1 example."""
    return _TRAILING_ZERO_221.get(name, len(repr(SOURCE_221[name]).split(".")[1]))


@checked(printed=_as_printed, exact=_as_printed, decimals=_decimals)
def how_printed(printed: float | Decimal, exact: float | Decimal, decimals: int) -> str:
    """``"rounded"``, ``"cut off"``, ``"rounded or cut off"`` (both) or ``"neither"``.

    ``exact`` is shortened to ``decimals`` both ways, by
    :func:`~ffnn_edu.experiments.printed_values.rounded` (half up) and
    :func:`~ffnn_edu.experiments.printed_values.cut_off`, in decimal arithmetic on
    its shortest decimal form in its own type (``str`` of a float, numpy's shortest
    form of a float32 or float16; a :class:`~decimal.Decimal` or an int as it is);
    ``printed`` matches a way when its own such form is the same decimal number.

    Examples
    --------
    >>> how_printed(0.5868, 0.586860, 4), how_printed(0.0739, 0.073879, 4)
    ('cut off', 'rounded')
    >>> how_printed(0.13, 0.125, 2), how_printed(0.12, 0.129999999, 2)
    ('rounded', 'cut off')
    >>> how_printed(np.float32(0.5868), 0.586860, 4)
    'cut off'
    """
    return _how(cast(Decimal, printed), cast(Decimal, exact), decimals)


def _how(printed: Decimal, exact: Decimal, decimals: int) -> str:
    """:func:`how_printed` of two decimal numbers."""
    rounded = _shortened(exact, decimals, ROUND_HALF_UP) == printed
    cut = _shortened(exact, decimals, ROUND_DOWN) == printed
    return {
        (True, True): "rounded or cut off",
        (True, False): "rounded",
        (False, True): "cut off",
        (False, False): "neither",
    }[(rounded, cut)]


def compare_221() -> list[dict[str, object]]:
    """Every printed value of the 2-2-1 example, the exact one, and how they relate.

    Each row has ``name``, ``printed``, ``decimals``, ``exact`` and ``how``
    (:func:`~ffnn_edu.experiments.printed_values.how_printed` of the printed value
    against the exact one).

    Examples
    --------
    >>> rows = {row["name"]: row for row in compare_221()}
    >>> rows["y_C"]["how"], rows["w4_new"]["how"]
    ('cut off', 'cut off')
    """
    exact = backprop_221_values()
    rows = []
    for name, printed in SOURCE_221.items():
        d = decimals_221(name)
        rows.append(
            {
                "name": name,
                "printed": printed,
                "decimals": d,
                "exact": exact[name],
                "how": how_printed(printed, exact[name], d),
            }
        )
    return rows


def _decimal_value(expression: str) -> Decimal:
    """A fixed arithmetic expression of the page, its numbers taken as decimals.

    Examples
    --------
    >>> _decimal_value("-(1 - 0.6155)"), -(1 - 0.6155)
    (Decimal('-0.3845'), -0.38449999999999995)
    """
    decimal = re.sub(r"\d+(?:\.\d+)?", lambda m: f"D('{m.group()}')", expression)
    with localcontext() as context:
        context.prec = _DIGITS
        return eval(decimal, {"__builtins__": {}, "D": Decimal})  # no names but D


def page_arithmetic_221() -> list[dict[str, object]]:
    """The expressions printed beside three results, evaluated with the page's numbers.

    Each row has ``name``, ``expression``, ``value`` (the expression's exact
    value, computed in decimal arithmetic from the page's numbers), ``rounded``
    (half up), ``cut`` (both to the printed decimals), ``printed``
    and ``slip``: True when the printed result is neither the rounded nor the
    cut-off value of its own expression.

    Examples
    --------
    >>> {row["name"]: row["slip"] for row in page_arithmetic_221()}
    {'dE/dy_F': True, 'dy_F/dz_F': True, 'w4_new': False}
    """
    rows = []
    for name, expression in PAGE_EXPRESSIONS_221.items():
        d = decimals_221(name)
        value = _decimal_value(expression)
        printed = SOURCE_221[name]
        rows.append(
            {
                "name": name,
                "expression": expression,
                "value": float(value),
                "rounded": float(_shortened(value, d, ROUND_HALF_UP)),
                "cut": float(_shortened(value, d, ROUND_DOWN)),
                "printed": printed,
                "slip": _how(Decimal(str(printed)), value, d) == "neither",
            }
        )
    return rows
