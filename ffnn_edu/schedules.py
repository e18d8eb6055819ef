"""Learning-rate schedules: the learning rate as a function of the epoch.

A schedule is any callable ``schedule(epoch) -> eta`` with epochs counted from
0. The optimizers accept either a number (a fixed learning rate) or one of
these.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .validation import check_count, check_number

Schedule = Callable[[int], float]


def constant(eta: float) -> Schedule:
    """The same learning rate every epoch.

    Examples
    --------
    >>> constant(0.1)(50)
    0.1
    """
    eta = check_number(eta, "eta", low=0.0, low_inclusive=False)
    return lambda epoch: eta


def step_decay(eta: float, factor: float = 0.5, every: int = 10) -> Schedule:
    """Multiply the learning rate by ``factor`` every ``every`` epochs.

    Examples
    --------
    >>> schedule = step_decay(0.8, factor=0.5, every=10)
    >>> [schedule(e) for e in (0, 9, 10, 25)]
    [0.8, 0.8, 0.4, 0.2]
    """
    eta = check_number(eta, "eta", low=0.0, low_inclusive=False)
    factor = check_number(factor, "factor", low=0.0, high=1.0, low_inclusive=False)
    every = check_count(every, "every")
    return lambda epoch: eta * factor ** (epoch // every)


def inverse_time(eta: float, decay: float = 0.1) -> Schedule:
    """:math:`\\eta_e = \\eta / (1 + \\text{decay}\\cdot e)`.

    Examples
    --------
    >>> inverse_time(1.0, decay=0.5)(2)
    0.5
    """
    eta = check_number(eta, "eta", low=0.0, low_inclusive=False)
    decay = check_number(decay, "decay", low=0.0)
    return lambda epoch: eta / (1.0 + decay * epoch)


def exponential(eta: float, decay: float = 0.05) -> Schedule:
    """:math:`\\eta_e = \\eta\\, e^{-\\text{decay}\\cdot e}`.

    Examples
    --------
    >>> round(exponential(1.0, decay=np.log(2))(1), 12)
    0.5
    """
    eta = check_number(eta, "eta", low=0.0, low_inclusive=False)
    decay = check_number(decay, "decay", low=0.0)
    return lambda epoch: eta * float(np.exp(-decay * epoch))
