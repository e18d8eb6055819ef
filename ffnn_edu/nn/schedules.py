"""Learning-rate schedules: the learning rate as a function of the epoch.

A schedule is any callable ``schedule(epoch) -> eta`` with epochs counted from
0. The optimizers accept either a number (a fixed learning rate) or one of
these. The schedules made here refuse an epoch that is not a whole number
>= 0, and a learning rate that has decayed below the smallest float (it
would be 0, and no step would be taken).

Each schedule made here is an object of a small class (:class:`StepDecay`, ...)
whose ``rate`` method is the formula; calling it checks the epoch first. Being
objects of module-level classes, not closures, they can be pickled, and so can an
optimizer that holds one. Their rates never rise from one epoch to the next, so the
first epoch in which one has decayed to 0 is known before training
(:meth:`RateSchedule.first_zero`), and the training loop refuses a run that would reach
it before any weight changes.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .validation import (
    KnownKeywords,
    check_count,
    check_number,
    checked,
    epoch_number,
)

#: A learning-rate schedule: the rate :math:`\eta` of an epoch, from the epoch.
Schedule = Callable[[int], float]


class _DecayedToZero(ValueError):
    """A schedule's learning rate has decayed to 0 (a ``ValueError``)."""


def _still_positive(eta: float, epoch: int, how: str) -> float:
    """Return ``eta``, or refuse a learning rate that has decayed to 0 by ``epoch``."""
    if eta == 0.0:
        raise _DecayedToZero(
            f"the learning rate has decayed to 0 by epoch {epoch} ({how} is "
            f"below the smallest float); use a slower decay or fewer epochs"
        )
    return eta


class RateSchedule(KnownKeywords):
    """A schedule of this module: ``rate(epoch)`` is the formula, unchecked.

    Calling the schedule, ``schedule(epoch)``, checks that the epoch is a whole
    number >= 0 and then returns ``rate(epoch)``. The optimizers check their epoch
    themselves and ask ``rate`` directly.
    """

    def rate(self, epoch: int) -> float:
        """The learning rate of ``epoch``, which must already be checked."""
        raise NotImplementedError

    def first_zero(self, epochs: int) -> int | None:
        """The first epoch below ``epochs`` whose rate has decayed to 0, or None.

        The rates of this module's schedules never rise from one epoch to the next,
        so the last epoch, ``epochs - 1``, tells whether any epoch reaches 0, and a
        bisection finds the first: about ``log2(epochs)`` rates (21 for a million
        epochs), where asking every epoch would take a million. A subclass whose rate
        may rise must override this.

        Examples
        --------
        >>> step_decay(0.5, factor=0.001, every=1).first_zero(200)
        108
        >>> step_decay(0.5, factor=0.001, every=1).first_zero(108) is None
        True
        """
        if epochs < 1 or not self._reaches_zero(epochs - 1):
            return None
        low, high = -1, epochs - 1  # rate(low) > 0 (or low < 0), rate(high) == 0
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (low, middle) if self._reaches_zero(middle) else (middle, high)
        return high

    def _reaches_zero(self, epoch: int) -> bool:
        """Whether ``rate(epoch)`` is refused as decayed to 0."""
        try:
            self.rate(epoch)
        except _DecayedToZero:
            return True
        return False

    @checked(epoch=epoch_number)
    def __call__(self, epoch: int) -> float:
        """The learning rate of ``epoch`` (a whole number >= 0), checked."""
        return self.rate(epoch)


class Constant(RateSchedule):
    """The same learning rate every epoch (made by :func:`constant`)."""

    def __init__(self, eta: float) -> None:
        self.eta = check_number(eta, "eta", low=0.0, low_inclusive=False)

    def rate(self, epoch: int) -> float:
        """``eta``, whatever the epoch."""
        return self.eta

    def __repr__(self) -> str:
        return f"constant({self.eta!r})"


class StepDecay(RateSchedule):
    """The rate times ``factor`` every ``every`` epochs (made by :func:`step_decay`)."""

    def __init__(self, eta: float, factor: float = 0.5, every: int = 10) -> None:
        self.eta = check_number(eta, "eta", low=0.0, low_inclusive=False)
        self.factor = check_number(
            factor, "factor", low=0.0, high=1.0, low_inclusive=False
        )
        self.every = check_count(every, "every")

    def rate(self, epoch: int) -> float:
        """``eta * factor ** (epoch // every)``, refused once it is 0."""
        eta, factor, every = self.eta, self.factor, self.every
        return _still_positive(
            eta * factor ** (epoch // every), epoch, "eta * factor ** (epoch // every)"
        )

    def __repr__(self) -> str:
        return f"step_decay({self.eta!r}, factor={self.factor!r}, every={self.every!r})"


class InverseTime(RateSchedule):
    """:math:`\\eta / (1 + \\text{decay}\\cdot e)` (made by :func:`inverse_time`)."""

    def __init__(self, eta: float, decay: float = 0.1) -> None:
        self.eta = check_number(eta, "eta", low=0.0, low_inclusive=False)
        self.decay = check_number(decay, "decay", low=0.0)

    def rate(self, epoch: int) -> float:
        """``eta / (1 + decay * epoch)``, refused once it is 0."""
        eta, decay = self.eta, self.decay
        return _still_positive(
            eta / (1.0 + decay * epoch), epoch, "eta / (1 + decay * epoch)"
        )

    def __repr__(self) -> str:
        return f"inverse_time({self.eta!r}, decay={self.decay!r})"


class Exponential(RateSchedule):
    """:math:`\\eta\\, e^{-\\text{decay}\\cdot e}` (made by :func:`exponential`)."""

    def __init__(self, eta: float, decay: float = 0.05) -> None:
        self.eta = check_number(eta, "eta", low=0.0, low_inclusive=False)
        self.decay = check_number(decay, "decay", low=0.0)

    def rate(self, epoch: int) -> float:
        """``eta * exp(-decay * epoch)``, refused once it is 0."""
        eta, decay = self.eta, self.decay
        return _still_positive(
            eta * float(np.exp(-decay * epoch)), epoch, "eta * exp(-decay * epoch)"
        )

    def __repr__(self) -> str:
        return f"exponential({self.eta!r}, decay={self.decay!r})"


@checked()
def constant(eta: float) -> Schedule:
    """The same learning rate every epoch.

    Examples
    --------
    >>> constant(0.1)(50)
    0.1
    >>> constant(0.1)
    constant(0.1)
    """
    return Constant(eta)


@checked()
def step_decay(eta: float, factor: float = 0.5, every: int = 10) -> Schedule:
    """Multiply the learning rate by ``factor`` every ``every`` epochs.

    Examples
    --------
    >>> schedule = step_decay(0.8, factor=0.5, every=10)
    >>> [schedule(e) for e in (0, 9, 10, 25)]
    [0.8, 0.8, 0.4, 0.2]
    >>> schedule
    step_decay(0.8, factor=0.5, every=10)
    """
    return StepDecay(eta, factor, every)


@checked()
def inverse_time(eta: float, decay: float = 0.1) -> Schedule:
    """:math:`\\eta_e = \\eta / (1 + \\text{decay}\\cdot e)`.

    Examples
    --------
    >>> inverse_time(1.0, decay=0.5)(2)
    0.5
    """
    return InverseTime(eta, decay)


@checked()
def exponential(eta: float, decay: float = 0.05) -> Schedule:
    """:math:`\\eta_e = \\eta\\, e^{-\\text{decay}\\cdot e}`.

    Examples
    --------
    >>> round(exponential(1.0, decay=np.log(2))(1), 12)
    0.5
    """
    return Exponential(eta, decay)
