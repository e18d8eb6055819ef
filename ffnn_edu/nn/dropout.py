"""Inverted dropout on hidden units.

During training every hidden unit is switched off (its activation set to 0)
with probability ``rate``, independently for every sample of every batch. The
units that stay on are scaled up by :math:`1/(1-\\text{rate})`, so the
expected activation a unit sends forward is the same as without dropout. At
prediction time nothing is dropped and nothing is rescaled: the network simply
runs its forward pass.

The textbook describes dropout as setting *weights* to zero once per epoch;
the method as published (Srivastava et al., 2014) drops *units*, afresh for
every training case, which is what this module does.
"""

from __future__ import annotations

import math

import numpy as np

from .validation import (
    Array,
    check_count,
    check_work,
    checked,
    dropout_rate,
    random_generator,
    shown,
)

#: Most entries one dropout mask may hold (160 MB of float64): the same limit as
#: :data:`~ffnn_edu.nn.network.MAX_ACTIVATIONS`, since a mask covers one hidden
#: layer's activations, and a pass of the network never makes more than that many.
MAX_MASK_ENTRIES = 20_000_000


def _shape(value: object, name: str) -> tuple[int, ...]:
    """Checker: a hidden layer's shape, ``(n_samples, n_units)`` or ``(n_units,)``.

    At most :data:`MAX_MASK_ENTRIES` entries in all.

    Examples
    --------
    >>> _shape((50_000, 20_000), "shape")
    Traceback (most recent call last):
    ...
    ValueError: this would make 1000000000 mask entries (shape: 50000 x 20000), more
    than MAX_MASK_ENTRIES = 20000000
    """
    if not isinstance(value, (tuple, list)):
        raise TypeError(
            f"{name} must be a tuple such as (n_samples, n_units), "
            f"but it is {value!r} ({type(value).__name__})"
        )
    if len(value) not in (1, 2):
        raise ValueError(
            f"{name} must be a tuple such as (n_samples, n_units) (or (n_units,) "
            f"for one sample), but it is {tuple(value)!r}"
        )
    shape = tuple(check_count(n, f"every entry of {name}") for n in value)
    sizes = " x ".join(shown(n) for n in shape)
    check_work(
        math.prod(shape),
        MAX_MASK_ENTRIES,
        f"mask entries ({name}: {sizes})",
        "MAX_MASK_ENTRIES",
    )
    return shape


@checked(
    shape=_shape, rate=dropout_rate, rng=random_generator("it draws the dropout masks")
)
def dropout_mask(
    shape: tuple[int, ...], rate: float, rng: np.random.Generator
) -> Array:
    """A mask of zeros and :math:`1/(1-\\text{rate})` values, one per unit and sample.

    Parameters
    ----------
    shape : tuple of int
        Shape of the hidden activations, ``(n_samples, n_units)`` (or
        ``(n_units,)`` for one sample).
    rate : float
        Probability of dropping a unit, :math:`0 \\le \\text{rate} < 1`.
    rng : numpy.random.Generator
        Source of randomness (required, so runs are reproducible).

    Examples
    --------
    >>> mask = dropout_mask((1000, 50), 0.2, np.random.default_rng(0))
    >>> sorted(set(mask.ravel().tolist()))
    [0.0, 1.25]
    >>> round(float(mask.mean()), 2)
    1.0
    """
    keep = 1.0 - rate
    return (rng.random(shape) < keep) / keep
