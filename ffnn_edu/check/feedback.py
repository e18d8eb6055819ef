"""What a self-check says back: right, or what is wrong and a hint, never the answer.

Three outcomes:

* :class:`Feedback` with ``correct=True``: the answer is right;
* :class:`Feedback` with ``correct=False``: what looks wrong, and a hint;
* :class:`Pending`: the exercise cell still holds the placeholder ``...``, so
  there is nothing to judge yet. This is what the static web book shows, so a
  reader sees no verdict (and no hint) before trying.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike


@dataclass(frozen=True)
class Feedback:
    """The verdict of a self-check.

    Attributes
    ----------
    correct : bool
    message : str
        Praise, or a description of what is off and a hint. It never
        contains the expected answer.

    Examples
    --------
    >>> Feedback(True, "Well done.")
    Right! Well done.
    """

    correct: bool
    message: str

    def __repr__(self) -> str:
        return f"{'Right!' if self.correct else 'Not yet.'} {self.message}"

    def _repr_markdown_(self) -> str:
        mark = "✅ **Right!**" if self.correct else "❌ **Not yet.**"
        return f"{mark} {self.message}"


@dataclass(frozen=True)
class Pending:
    """No answer yet: the exercise cell still passes ``...``.

    Examples
    --------
    >>> Pending()
    Replace ... with your answer and run the cell again.
    """

    correct = False

    def __repr__(self) -> str:
        return "Replace ... with your answer and run the cell again."

    def _repr_markdown_(self) -> str:
        return "*Replace `...` with your answer and run the cell again.*"


Check = TypeVar("Check", bound=Callable[..., Any])


def _holds_placeholder(answer: Any) -> bool:
    """True for ``...`` itself and for a list or tuple with ``...`` anywhere inside."""
    if answer is Ellipsis:
        return True
    return isinstance(answer, (list, tuple)) and any(_holds_placeholder(a) for a in answer)


def waits_for_an_answer(check: Check) -> Check:
    """Make a self-check return :class:`Pending` while any argument is still ``...``.

    Every public check of :mod:`ffnn_edu.check` is wrapped this way, so an
    exercise cell can run with its placeholder without judging (or hinting at)
    anything.

    Examples
    --------
    >>> @waits_for_an_answer
    ... def double_of_two(answer):
    ...     return compare(answer, 4)
    >>> double_of_two(...)
    Replace ... with your answer and run the cell again.
    >>> double_of_two([1, ...])
    Replace ... with your answer and run the cell again.
    >>> double_of_two(4)
    Right! That is the value the package computes.
    """
    @functools.wraps(check)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if any(_holds_placeholder(a) for a in (*args, *kwargs.values())):
            return Pending()
        return check(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _digits(x: float) -> tuple[int, int]:
    """Decimals and significant digits a reader typed: 1.33 -> (2, 3), 0.073 -> (3, 2)."""
    text = np.format_float_positional(float(x), trim="-")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return decimals, len(text.replace("-", "").replace(".", "").lstrip("0"))


def decimals_needed(tolerance: float) -> int:
    """The fewest decimals whose rounding error fits within ``tolerance``.

    Examples
    --------
    >>> decimals_needed(5e-4), decimals_needed(2e-4)
    (3, 4)
    """
    d = 0
    while 0.5 * 10.0 ** -d > tolerance:
        d += 1
    return d


def rounds_to(given: np.ndarray, target: np.ndarray, tolerance: float) -> bool:
    """True if every entry of ``given`` is ``target`` rounded to the decimals it shows,
    with at least two decimals or two significant digits, and those decimals are too few for
    ``tolerance`` (so the answer is right but needs more digits).

    Examples
    --------
    >>> rounds_to(np.array(1.33), np.array(4 / 3), 5e-4)
    True
    >>> rounds_to(np.array(1.34), np.array(4 / 3), 5e-4)
    False
    >>> rounds_to(np.array(0.4), np.array(0.36), 5e-4)   # one digit is too rough a guess
    False
    >>> rounds_to(np.array([0.71, 0.26, 0.04]), np.array([0.7054, 0.2595, 0.0351]), 5e-4)
    True
    """
    for g, t in zip(given.ravel(), target.ravel()):
        decimals, significant = _digits(g)
        if ((significant < 2 and decimals < 2) or decimals >= decimals_needed(tolerance)
                or not np.isclose(round(float(t), decimals), g, rtol=0, atol=1e-12)):
            return False
    return True


Hint = tuple[Callable[[np.ndarray], bool], str]


def compare(answer: ArrayLike, expected: ArrayLike, *, tolerance: float = 5e-4,
            hints: Sequence[Hint] = (), praise: str = "That is the value the package computes.",
            generic_hint: str = "Recompute it step by step.") -> Feedback:
    """Compare a reader's answer with the expected one and pick the most specific hint.

    Parameters
    ----------
    answer, expected : array_like
        Numbers of the same shape (an answer of the wrong shape is reported as such).
    tolerance : float
        Largest accepted absolute difference per entry (answers rounded to 3-4
        decimals should pass). An answer that is the exact value rounded to fewer
        decimals than the tolerance allows is told so ("give more digits"),
        not sent after a conceptual hint.
    hints : sequence of (predicate, message)
        ``predicate(answer)`` recognises a typical mistake; the first match's
        message is returned.
    praise, generic_hint : str
        Messages for a right answer and for a wrong one no hint recognises.

    Examples
    --------
    >>> compare(0.36, 0.36)
    Right! That is the value the package computes.
    >>> compare(-0.36, 0.36, hints=[(lambda a: np.allclose(a, -0.36), "Check the sign.")])
    Not yet. Check the sign.
    >>> compare(0.73, 0.7341).message.startswith("Right idea")
    True
    """
    try:
        given = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, "Give your answer as a number or a list of numbers.")
    target = np.asarray(expected, dtype=float)
    if given.shape != target.shape:
        want = "a single number" if target.ndim == 0 else f"{target.size} numbers"
        return Feedback(False, f"Expected {want}, but got shape {given.shape}.")
    if not np.isfinite(given).all():
        return Feedback(False, "Your answer contains NaN or infinity.")
    if np.allclose(given, target, rtol=0, atol=tolerance):
        return Feedback(True, praise)
    if rounds_to(given, target, tolerance):
        return Feedback(False, "Right idea: your answer agrees with the exact value to the "
                               "digits you gave. Give more digits: at least "
                               f"{decimals_needed(tolerance)} decimals.")
    for recognises, message in hints:
        if recognises(given):
            return Feedback(False, message)
    return Feedback(False, generic_hint)


def compare_limit(answer: ArrayLike, limit: float, *, relative: float = 0.01,
                  hints: Sequence[Hint] = (), praise: str = "That is the limit.",
                  generic_hint: str = "Work out where the factor leaves [-1, 1].",
                  beyond: str = "Just past the limit: at this value the iteration no longer "
                                "shrinks. Give the limit itself, with enough digits, or a "
                                "value just below it.") -> Feedback:
    """Check an answer that is an upper limit (e.g. the largest stable learning rate).

    A value at or just below ``limit`` (within ``relative`` of it) is right, since every
    such value still works; any value above the limit does not work, however close it is.

    Examples
    --------
    >>> compare_limit(0.099, 0.1).correct, compare_limit(0.1, 0.1).correct
    (True, True)
    >>> compare_limit(13.49, 13.486).message.startswith("Just past the limit")
    True
    """
    try:
        given = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(False, "Give your answer as a number: a single number, not a list.")
    if not np.isfinite(given):
        return Feedback(False, "Your answer contains NaN or infinity.")
    if limit * (1.0 - relative) <= given <= limit * (1.0 + 1e-12):
        return Feedback(True, praise)
    if limit < given <= limit * (1.0 + relative):
        return Feedback(False, beyond)
    for recognises, message in hints:
        if recognises(np.asarray(given)):
            return Feedback(False, message)
    return Feedback(False, generic_hint)
