"""Chapter 8, A hidden layer solves XOR: what more hidden units buy, one bump at a time.

Two sigmoid hidden units with the same steep weight :math:`s` and thresholds at
:math:`a` and :math:`b` make a *bump*: the output weight :math:`+h` on the first and
:math:`-h` on the second give

.. math::

    h\\,\\big(\\sigma(s(x - a)) - \\sigma(s(x - b))\\big),

about :math:`h` between :math:`a` and :math:`b` and about 0 elsewhere. Side by side,
:math:`n` bumps with the heights of a function :math:`f` at their midpoints draw a
staircase that follows :math:`f`, and the staircase gets closer as :math:`n` grows: a
network with one hidden layer of :math:`2n` sigmoid units and a linear output
approximates any continuous function on an interval as closely as we like (the visual
argument of Nielsen 2015, ch. 4; the theorem is Cybenko 1989 and Hornik, Stinchcombe and
White 1989). The construction says nothing about how many units a good fit needs or
whether training finds such weights.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.validation import Array, check_count, check_number, check_work

__all__ = ["MAX_BUMPS", "MAX_POINTS", "bump_network", "largest_gap", "wiggly"]

#: Most bumps :func:`bump_network` builds (2 hidden units each).
MAX_BUMPS = 500
#: Most inputs :func:`largest_gap` measures on (the book's 2001 and far more).
MAX_POINTS = 1_000_000


def wiggly(x: Array) -> Array:
    """The chapter's target on [0, 1]: :math:`0.5 + 0.3\\sin 6x + 0.1\\cos 17x`.

    Examples
    --------
    >>> float(wiggly(np.array(0.0)))
    0.6
    """
    return 0.5 + 0.3 * np.sin(6.0 * x) + 0.1 * np.cos(17.0 * x)


def bump_network(
    f: Callable[[Array], Array],
    n_bumps: int,
    steepness: float = 20.0,
    interval: tuple[float, float] = (0.0, 1.0),
) -> FeedForwardNetwork:
    """A 1-(2n)-1 network (sigmoid hidden units, linear output) whose output is n bumps.

    The interval is cut into ``n_bumps`` equal pieces; bump ``i`` rises at the left end
    of piece ``i``, falls at its right end, and has the height of ``f`` at the piece's
    midpoint (the first bump rises, and the last falls, half a piece outside the
    interval, so that its ends get the full height). Both hidden units of a bump have
    the input weight ``steepness * n_bumps / width`` (so each rise takes the same share
    of its piece, however many pieces there are) and the bias that puts their
    threshold at the piece's ends.

    Raises
    ------
    TypeError
        If ``f`` is not callable or a number is not a number.
    ValueError
        If ``n_bumps`` is not between 1 and ``MAX_BUMPS``, ``steepness`` is not
        positive, or the interval is not (low, high) with low < high.

    Examples
    --------
    >>> net = bump_network(lambda x: np.ones_like(x), 1, steepness=50.0)
    >>> net.layer_sizes
    (1, 2, 1)
    >>> np.round(net.forward(np.array([[0.5], [2.0]]))[:, 0], 3)
    array([1., 0.])
    """
    if not callable(f):
        raise TypeError(f"f must be a function of x, but it is {f!r}")
    n_bumps = check_count(n_bumps, "n_bumps")
    if n_bumps > MAX_BUMPS:
        raise ValueError(f"n_bumps must be at most {MAX_BUMPS}, but it is {n_bumps}")
    steepness = check_number(steepness, "steepness", low=0.0, low_inclusive=False)
    low, high = (check_number(v, "interval") for v in interval)
    if not low < high:
        raise ValueError(f"interval must be (low, high) with low < high: {interval!r}")
    edges = np.linspace(low, high, n_bumps + 1)
    heights = np.asarray(f((edges[:-1] + edges[1:]) / 2), dtype=float)
    s = steepness * n_bumps / (high - low)
    rises, falls = edges[:-1].copy(), edges[1:].copy()
    rises[0] -= (high - low) / (2 * n_bumps)  # the outer steps half a piece outside,
    falls[-1] += (high - low) / (2 * n_bumps)  # so the ends are covered at full height
    thresholds = np.stack([rises, falls], axis=1).ravel()  # a, b, a, b, ...
    net = FeedForwardNetwork((1, 2 * n_bumps, 1), ["sigmoid", "linear"])
    W_in = np.full((1, 2 * n_bumps), s)
    W_out = np.stack([heights, -heights], axis=1).reshape(-1, 1)  # +h, -h per bump
    net.set_weights([W_in, W_out], [-s * thresholds, np.zeros(1)])
    return net


def largest_gap(
    network: FeedForwardNetwork,
    f: Callable[[Array], Array],
    interval: tuple[float, float] = (0.0, 1.0),
    points: int = 2001,
) -> float:
    """The largest distance between the network's output and ``f`` on the interval.

    Measured on ``points`` evenly spaced inputs, ends included (at most
    :data:`MAX_POINTS`).

    Examples
    --------
    >>> net = bump_network(wiggly, 50)
    >>> largest_gap(net, wiggly) < 0.05
    True
    """
    points = check_count(points, "points", low=2)
    check_work(points, MAX_POINTS, "inputs (points)", "MAX_POINTS")
    x = np.linspace(*interval, points)
    return float(np.max(np.abs(network.forward(x[:, None])[:, 0] - f(x))))
