"""Learning-rate schedules: the learning rate as a function of the epoch.

A schedule is any callable ``schedule(epoch) -> eta`` with epochs counted from
0. The optimizers accept either a number (a fixed learning rate) or one of
these. The schedules made here refuse an epoch that is not a whole number
>= 0, and a learning rate that has decayed below the smallest float (it
would be 0, and no step would be taken).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .validation import check_count, check_number, checked, epoch_number

#: A learning-rate schedule: the rate :math:`\eta` of an epoch, from the epoch.
Schedule = Callable[[int], float]


def _still_positive(eta: float, epoch: int, how: str) -> float:
    """Return ``eta``, or refuse a learning rate that has decayed to 0 by ``epoch``."""
    if eta == 0.0:
        raise ValueError(
            f"the learning rate has decayed to 0 by epoch {epoch} ({how} is "
            f"below the smallest float); use a slower decay or fewer epochs"
        )
    return eta


def constant(eta: float) -> Schedule:
    """The same learning rate every epoch.

    Examples
    --------
    >>> constant(0.1)(50)
    0.1
    """
    eta = check_number(eta, "eta", low=0.0, low_inclusive=False)

    @checked(epoch=epoch_number)
    def schedule(epoch: int) -> float:
        return eta

    return schedule


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

    @checked(epoch=epoch_number)
    def schedule(epoch: int) -> float:
        return _still_positive(
            eta * factor ** (epoch // every), epoch, "eta * factor ** (epoch // every)"
        )

    return schedule


def inverse_time(eta: float, decay: float = 0.1) -> Schedule:
    """:math:`\\eta_e = \\eta / (1 + \\text{decay}\\cdot e)`.

    Examples
    --------
    >>> inverse_time(1.0, decay=0.5)(2)
    0.5
    """
    eta = check_number(eta, "eta", low=0.0, low_inclusive=False)
    decay = check_number(decay, "decay", low=0.0)

    @checked(epoch=epoch_number)
    def schedule(epoch: int) -> float:
        return _still_positive(
            eta / (1.0 + decay * epoch), epoch, "eta / (1 + decay * epoch)"
        )

    return schedule


def exponential(eta: float, decay: float = 0.05) -> Schedule:
    """:math:`\\eta_e = \\eta\\, e^{-\\text{decay}\\cdot e}`.

    Examples
    --------
    >>> round(exponential(1.0, decay=np.log(2))(1), 12)
    0.5
    """
    eta = check_number(eta, "eta", low=0.0, low_inclusive=False)
    decay = check_number(decay, "decay", low=0.0)

    @checked(epoch=epoch_number)
    def schedule(epoch: int) -> float:
        return _still_positive(
            eta * float(np.exp(-decay * epoch)), epoch, "eta * exp(-decay * epoch)"
        )

    return schedule
