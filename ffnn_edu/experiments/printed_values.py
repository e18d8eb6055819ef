"""Chapter 6, Backpropagation: whether a printed value is rounded, cut off or a slip.

A value printed with :math:`d` decimals can come from the exact value by
rounding (0.586860 → 0.5869) or by cutting the extra digits off
(0.586860 → 0.5868). The textbook's 2-2-1 example mostly cuts off and then
computes on with the shortened numbers. A few printed results follow from
neither: recomputing the very expression printed beside them, from the
numbers printed there, gives another value. Those are slips on the page.
"""

from __future__ import annotations

import math
from typing import Any

from ffnn_edu.nn.validation import check_count, check_number, checked, counted

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


def _shifted_value_fits(arguments: dict[str, Any]) -> None:
    """Relation: ``value`` times ``10 ** decimals`` is still a finite float."""
    value, decimals = arguments["value"], arguments["decimals"]
    if not math.isfinite(value * 10.0**decimals):
        raise ValueError(
            f"value times 10**decimals must stay a finite float, but {value:g} "
            f"with {counted(decimals, 'decimal')} overflows"
        )


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


@checked(_shifted_value_fits, value=check_number, decimals=_decimals)
def cut_off(value: float, decimals: int) -> float:
    """``value`` with every digit after the ``decimals``-th dropped (towards zero).

    Examples
    --------
    >>> cut_off(0.586860, 4), cut_off(-0.0181925, 4)
    (0.5868, -0.0181)
    """
    scale = 10**decimals
    return math.trunc(round(value * scale, 6)) / scale


@checked(name=_name_221)
def decimals_221(name: str) -> int:
    """How many decimals the textbook prints for ``name`` of the 2-2-1 example."""
    return _TRAILING_ZERO_221.get(name, len(repr(SOURCE_221[name]).split(".")[1]))


@checked(printed=check_number, exact=check_number, decimals=_decimals)
def how_printed(printed: float, exact: float, decimals: int) -> str:
    """``"rounded"``, ``"cut off"``, ``"rounded or cut off"`` (both) or ``"neither"``.

    Examples
    --------
    >>> how_printed(0.5868, 0.586860, 4), how_printed(0.0739, 0.073879, 4)
    ('cut off', 'rounded')
    """
    rounded = math.isclose(round(exact, decimals), printed, abs_tol=1e-12)
    cut = math.isclose(cut_off(exact, decimals), printed, abs_tol=1e-12)
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


def page_arithmetic_221() -> list[dict[str, object]]:
    """The expressions printed beside three results, evaluated with the page's numbers.

    Each row has ``name``, ``expression``, ``value`` (the expression's exact
    value), ``rounded``, ``cut`` (both to the printed decimals), ``printed``
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
        value = eval(expression, {"__builtins__": {}})  # a fixed arithmetic expression
        printed = SOURCE_221[name]
        rounded, cut = round(value, d), cut_off(value, d)
        rows.append(
            {
                "name": name,
                "expression": expression,
                "value": value,
                "rounded": rounded,
                "cut": cut,
                "printed": printed,
                "slip": not (
                    math.isclose(printed, rounded, abs_tol=1e-12)
                    or math.isclose(printed, cut, abs_tol=1e-12)
                ),
            }
        )
    return rows
