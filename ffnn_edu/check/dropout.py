"""Self-checks for the dropout chapter.

The exercises use one hidden unit whose activation is ``EXERCISE_ACTIVATION``
and a dropout rate of ``EXERCISE_RATE``.
"""
from __future__ import annotations

import numpy as np

from ..dropout import dropout_mask
from .feedback import Feedback, compare

__all__ = ["dropout_scale", "kept_and_mean_activation", "prediction_scale"]

EXERCISE_RATE = 0.25
EXERCISE_ACTIVATION = 0.6


def _keep() -> float:
    return 1.0 - EXERCISE_RATE


def _package_scale() -> float:
    """The nonzero value of a mask drawn by the package (the scale of the kept units)."""
    mask = dropout_mask((1, 64), EXERCISE_RATE, np.random.default_rng(0))
    return float(mask.max())


def dropout_scale(factor: float) -> Feedback:
    """Exercise: by what factor does inverted dropout multiply a kept unit at rate 0.25?

    Examples
    --------
    >>> dropout_scale(0.75).correct
    False
    """
    keep = _keep()
    return compare(factor, _package_scale(), tolerance=2e-3, hints=[
        (lambda a: np.isclose(a, keep, atol=2e-3),
         "That is the probability of keeping a unit. Kept units must be made larger, "
         "not smaller, to make up for the ones that were dropped."),
        (lambda a: np.isclose(a, EXERCISE_RATE, atol=2e-3),
         "That is the dropout rate itself; the factor depends on the chance of keeping a unit."),
        (lambda a: np.isclose(a, 1.0 / EXERCISE_RATE, atol=2e-3),
         "You divided by the dropout rate; divide by the probability of keeping the unit."),
    ], praise="Kept units are scaled up so that the average over many masks is unchanged.",
        generic_hint="The factor is chosen so that (chance of keeping) x factor = 1.")


def kept_and_mean_activation(kept: float, mean: float) -> Feedback:
    """Exercise: what the next layer receives from a kept unit, and on average.

    The unit's activation is 0.6 and the dropout rate is 0.25.

    Examples
    --------
    >>> kept_and_mean_activation(0.6, 0.45).correct
    False
    """
    a, keep = EXERCISE_ACTIVATION, _keep()
    kept_value = a * _package_scale()
    verdict = compare(kept, kept_value, tolerance=2e-3, hints=[
        (lambda v: np.isclose(v, a, atol=2e-3),
         "That is the activation before the mask: a kept unit is also rescaled."),
        (lambda v: np.isclose(v, a * keep, atol=2e-3),
         "You multiplied by the chance of keeping the unit; inverted dropout divides by it."),
        (lambda v: np.isclose(v, 0.0, atol=2e-3),
         "Zero is what a dropped unit sends; the question asks about a kept one."),
    ], generic_hint="Multiply the activation by the inverted-dropout factor.")
    if not verdict.correct:
        return verdict
    return compare(mean, a, tolerance=2e-3, hints=[
        (lambda v: np.isclose(v, a * keep, atol=2e-3),
         "That would be the mean without the rescaling. Weigh the kept value (not 0.6) "
         "by its probability."),
        (lambda v: np.isclose(v, kept_value, atol=2e-3),
         "That is the value when the unit is kept; the unit is dropped a quarter of the time."),
    ], praise="Both right: the rescaling leaves the expected activation unchanged.",
        generic_hint="The kept value is right. The mean is P(kept) x kept value "
                     "+ P(dropped) x 0.")


def prediction_scale(factor: float) -> Feedback:
    """Exercise: by what factor are hidden activations multiplied at prediction time?

    The network was trained with inverted dropout at rate 0.25.

    Examples
    --------
    >>> prediction_scale(0.75).correct
    False
    """
    keep = _keep()
    return compare(factor, 1.0, tolerance=1e-9, hints=[
        (lambda v: np.isclose(v, keep),
         "Multiplying by the keep probability at prediction time belongs to the original, "
         "non-inverted dropout. Here the rescaling already happened during training."),
        (lambda v: np.isclose(v, 1.0 / keep),
         "That factor is applied during training, to the units that were kept."),
        (lambda v: np.isclose(v, 0.0),
         "Nothing is dropped when the network predicts."),
    ], praise="At prediction time the full network runs unchanged.",
        generic_hint="Think about where the rescaling happened: during training or "
                     "during prediction?")
