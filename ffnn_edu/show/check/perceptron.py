"""Self-checks for the chapter on the perceptron."""

from __future__ import annotations

import itertools

import numpy as np

from ffnn_edu.nn.datasets import and_gate
from ffnn_edu.nn.perceptron import Perceptron, threshold_unit
from ffnn_edu.nn.perceptron import perceptron_update as _rule

from .feedback import (
    Feedback,
    as_number,
    as_numbers,
    compare,
    run_answer,
    shape_message,
    weights_and_bias_swapped,
)
from .web import Field, Stage, WebCheck, equals, web_check

__all__ = [
    "UPDATE_EXERCISE",
    "IMPLICATION",
    "perceptron_step",
    "implication_unit",
    "separable_count",
]

#: Exercise 1: one training case and the unit's current weights and bias.
UPDATE_EXERCISE = {"x": (1.0, -0.5), "w": (0.5, 2.0), "b": 0.5, "t": 0.0}
#: Exercise 2: "x1 implies x2", the label for (0, 0), (0, 1), (1, 0), (1, 1).
IMPLICATION = (1.0, 1.0, 0.0, 1.0)


def _pair(w, name: str) -> np.ndarray | Feedback:
    arr = as_numbers(w, name, form="two numbers, e.g. [1.0, 2.0]")
    if isinstance(arr, Feedback):
        return arr
    if arr.shape != (2,):
        return Feedback(
            False, shape_message(name, (2,), "one weight per input, (w1, w2)", arr)
        )
    return arr


def perceptron_step(w, b) -> Feedback:
    """Exercise: the weights and bias after one step of the perceptron rule.

    The step is taken on the case :data:`UPDATE_EXERCISE`.

    Examples
    --------
    >>> perceptron_step([1.5, 1.5], 1.5).correct
    False
    """
    ex = UPDATE_EXERCISE
    swapped = weights_and_bias_swapped(w, b, 2, perceptron_step)
    if swapped is not None:
        return swapped
    w = _pair(w, "the weights w")
    if isinstance(w, Feedback):
        return w
    x, w_old, b_old = np.array(ex["x"]), np.array(ex["w"]), ex["b"]
    step = _rule(x, ex["t"], w_old, b_old)
    bias = as_number(b, "the bias")
    if isinstance(bias, Feedback):
        return bias
    return compare(
        np.append(w, bias),
        np.append(step.w, step.b),
        tolerance=1e-9,
        hints=[
            (
                lambda a: np.allclose(a, np.append(w_old, b_old)),
                "Compute z carefully: it is exactly 0, and the unit outputs 1 when z "
                ">= 0. Is that the right answer for this case?",
            ),
            (
                lambda a: np.allclose(a, np.append(w_old + x, b_old + 1)),
                "The unit fired (output 1) where the target is 0, so the input is "
                "subtracted, not added.",
            ),
            (
                lambda a: np.allclose(a[:2], step.w) and np.isclose(a[2], b_old),
                "The weights are right; the bias changes too, as the weight of an "
                "input that is always 1.",
            ),
            (
                lambda a: np.allclose(a[:2], step.w) and np.isclose(a[2], b_old + 1),
                "The weights are right; the bias must move in the same direction as "
                "the weights.",
            ),
            (
                lambda a: np.allclose(a[:2], w_old - x),
                "The weights are right; check the bias.",
            ),
            (
                lambda a: np.allclose(a[:2], step.w[::-1]) and np.isclose(a[2], step.b),
                "The bias is right, and the weights have the right values in the "
                "wrong order: w1 goes with x1, w2 with x2.",
            ),
        ],
        praise="z = 0 counts as firing, so this case takes the 'subtract' branch.",
        generic_hint=(
            "First decide what the unit outputs (z = b + w . x, output 1 if z >= 0), "
            "then which of the three cases of the rule applies."
        ),
    )


def implication_unit(w, b) -> Feedback:
    """Exercise: weights and a bias for a threshold unit that computes "x1 implies x2".

    Any ``(w, b)`` that gets all four cases right is accepted.

    Examples
    --------
    >>> implication_unit([1, 1], -1).correct
    False
    """
    swapped = weights_and_bias_swapped(w, b, 2, implication_unit)
    if swapped is not None:
        return swapped
    w = _pair(w, "the weights w")
    if isinstance(w, Feedback):
        return w
    bias = as_number(b, "the bias")
    if isinstance(bias, Feedback):
        return bias
    X, _ = and_gate()  # the four inputs (0,0), (0,1), (1,0), (1,1)
    y = run_answer(lambda: threshold_unit(X, w, bias), "unit", "the implication")
    if isinstance(y, Feedback):
        return y
    wrong = [
        f"({int(x1)}, {int(x2)})"
        for (x1, x2), out, want in zip(X, y, IMPLICATION)
        if out != want
    ]
    if not wrong:
        return Feedback(
            True,
            "Your unit computes x1 -> x2 on all four inputs. (Many other weights work "
            "too: the rule only needs one separating line.)",
        )
    where = ", ".join(wrong)
    if len(wrong) == 4:
        return Feedback(
            False,
            "Every case is wrong: your unit computes the opposite. Flip the signs of "
            "the weights and the bias, and mind the case z = 0.",
        )
    if wrong == ["(0, 0)"]:
        return Feedback(
            False,
            "Only (0, 0) is wrong. There z = b, so what does the bias's sign have to "
            "be?",
        )
    return Feedback(
        False,
        f"Your unit gets {where} wrong. Write the inequality that each of "
        "the four cases imposes on w1, w2 and b, as in the chapter, and pick numbers "
        "that satisfy all four.",
    )


def _count_separable() -> int:
    X, _ = and_gate()
    return sum(
        Perceptron(max_epochs=100).fit(X, np.array(t, dtype=float)).converged_
        for t in itertools.product((0, 1), repeat=4)
    )


@web_check
def separable_count_form() -> WebCheck:
    """The exercise on learnable Boolean functions, for Python and for the page."""
    exact = _count_separable()
    stage = Stage(
        "count",
        ("n",),
        exact,
        hints=[
            (equals(16), "Not all of them: XOR is one of the 16."),
            (
                equals(15),
                "XOR is not alone: think of the instance of parity the textbook uses.",
            ),
            (
                equals(16 - exact),
                "That is how many it cannot learn; the question asks for the others.",
            ),
        ],
        options={
            "praise": "All but two of the sixteen are linearly separable.",
            "generic_hint": "Loop over all 16 ways of labelling the four inputs and "
            "train a Perceptron on each; count those with converged_ True.",
        },
    )
    return WebCheck(
        "separable_count", (Field("n", "Functions it can learn"),), (stage,)
    )


def separable_count(n: int) -> Feedback:
    """Exercise: how many of the 16 Boolean functions of two bits a perceptron learns.

    Examples
    --------
    >>> separable_count(16).correct
    False
    """
    return separable_count_form().judge(n)
