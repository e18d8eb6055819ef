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

import numpy as np

from .validation import Array, check_number


def dropout_mask(shape: tuple[int, ...], rate: float,
                 rng: np.random.Generator | None) -> Array:
    """A mask of zeros and :math:`1/(1-\\text{rate})` values, one per unit and sample.

    Parameters
    ----------
    shape : tuple of int
        Shape of the hidden activations, ``(n_samples, n_units)``.
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
    rate = check_number(rate, "rate", low=0.0, high=1.0, high_inclusive=False)
    if rng is None:
        raise ValueError("rng must be a numpy.random.Generator when dropout is used")
    keep = 1.0 - rate
    return (rng.random(shape) < keep) / keep
