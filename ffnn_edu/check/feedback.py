"""What a self-check says back: right, or what is wrong and a hint, never the answer."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
        decimals should pass).
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
    for recognises, message in hints:
        if recognises(given):
            return Feedback(False, message)
    return Feedback(False, generic_hint)
