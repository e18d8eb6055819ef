"""Self-checks for the backpropagation chapter."""
from __future__ import annotations

import numpy as np

from ..worked_examples import BACKPROP_221, backprop_221_network, backprop_221_values
from .feedback import Feedback, compare

__all__ = ["backprop_w1", "backprop_target_zero_w5", "best_epsilon"]


def backprop_w1(gradient: float, new_weight: float) -> Feedback:
    """Exercise: :math:`\\partial E/\\partial w_1` and the updated :math:`w_1` of the 2-2-1 example.

    Examples
    --------
    >>> backprop_w1(0.001, 0.0993).correct
    False
    """
    v = backprop_221_values()
    exact = v["dE/dw1"]
    via_xB = v["dE/dy_C"] * v["dy_C/dz_C"] * BACKPROP_221["x"][1]
    no_slope = v["dE/dy_C"] * BACKPROP_221["x"][0]
    verdict = compare(gradient, exact, tolerance=2e-5, hints=[
        (lambda a: np.isclose(a, -exact, atol=2e-5),
         "The sign is off: E falls when w1 grows, so the derivative is negative."),
        (lambda a: np.isclose(a, via_xB, atol=2e-5),
         "w1 leaves neuron A, so the last factor is the input of A, not of B."),
        (lambda a: np.isclose(a, no_slope, atol=2e-5),
         "You skipped the slope of C's sigmoid, y_C (1 - y_C)."),
    ], generic_hint="Chain three factors: dE/dy_C, dy_C/dz_C and dz_C/dw1.")
    if not verdict.correct:
        return verdict
    return compare(new_weight, v["w1_new"], tolerance=2e-4, hints=[
        (lambda a: np.isclose(a, 0.1 + BACKPROP_221["eta"] * exact, atol=2e-4),
         "The gradient is right, but the update goes the wrong way: subtract eta times it."),
    ], praise="Both the derivative and the new weight are right.",
                   generic_hint="The derivative is right; now apply w1 - eta * dE/dw1 with eta = 0.7.")


def backprop_target_zero_w5(new_w5: float) -> Feedback:
    """Exercise: the new :math:`w_5` if the target of the example were 0 instead of 1.

    Examples
    --------
    >>> backprop_target_zero_w5(0.2373).correct
    False
    """
    net = backprop_221_network()
    grads = net.backprop([BACKPROP_221["x"]], [[0.0]])
    expected = BACKPROP_221["w"]["w5"] - BACKPROP_221["eta"] * grads.weights[1][0, 0]
    return compare(new_w5, expected, tolerance=2e-4, hints=[
        (lambda a: a > BACKPROP_221["w"]["w5"],
         "With target 0 the output is too large, so w5 (which feeds a positive y_C "
         "into F) should shrink, not grow."),
    ], generic_hint="Only dE/dy_F = -(t - y_F) changes; redo the three factors with t = 0.")


def best_epsilon(eps: float) -> Feedback:
    """Exercise: which step gives the most accurate central difference for dE/dw5?

    Examples
    --------
    >>> best_epsilon(1e-13).correct
    False
    """
    choices = (1e-1, 1e-4, 1e-7, 1e-10, 1e-13)
    if eps not in choices:
        return Feedback(False, f"Pick one of {', '.join(f'{c:g}' for c in choices)}.")
    if eps == 1e-4:
        return Feedback(True, "Large steps suffer from the curvature of E (an error of "
                              "order eps squared); tiny steps from rounding in E+ - E-.")
    if eps > 1e-4:
        return Feedback(False, "Too coarse: the central difference has an error that "
                               "grows like eps squared.")
    return Feedback(False, "Too fine: E+ and E- agree in almost all their digits, so "
                           "their difference is mostly rounding noise.")
