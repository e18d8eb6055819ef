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
from typing import Any

import numpy as np

from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.validation import (
    Array,
    check_count,
    check_number,
    check_work,
    checked,
    instance_of,
)

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


def _function_of_x(value: Any, name: str) -> Callable[[Array], Array]:
    """Checker: a function of x whose every answer is checked as it comes back.

    For ``@checked`` functions of a target ``f``: the body gets ``f`` wrapped, so that a
    call with ``N`` inputs must return one finite number per input, an array of shape
    ``(N,)``; anything else (None, one number for all, a column ``(N, 1)`` that numpy
    would broadcast against a row into ``N x N`` gaps, NaN) is refused by name.

    ``f`` gets all the x values in one numpy array. A function written for one number
    fails on it in one of two ways: a ``TypeError`` (``math.sin`` and ``float(x)``:
    "only 0-dimensional arrays can be converted to Python scalars") or numpy's
    ``ValueError`` of an ``if`` on an array ("The truth value of an array ... is
    ambiguous"). Those two are re-raised as a ``TypeError`` that names ``f`` and says
    what to do, the original chained (``from``); any other exception is ``f``'s own
    bug and propagates unchanged, since no advice about arrays would fit it.

    Examples
    --------
    >>> f = _function_of_x(lambda x: x[:, None], "f")
    >>> f(np.array([0.0, 0.5]))
    Traceback (most recent call last):
    ...
    ValueError: f must return one finite number per x, shape (2,), but it returned an
    array of shape (2, 1)
    >>> import math
    >>> _function_of_x(math.sin, "f")(np.array([0.0, 0.5]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: f must work on a numpy array of x values (use np.sin, not math.sin;
    np.where(x > 0, a, b), not an if), but f(x) of an array of shape (2,) raised
    TypeError: only ... arrays can be converted to Python scalars
    """
    if not callable(value):
        raise TypeError(f"{name} must be a function of x, but it is {value!r}")

    def answers(x: Array) -> Array:
        try:
            answer = value(x)
        except (TypeError, ValueError) as error:
            if isinstance(error, ValueError) and "truth value of an array" not in str(
                error
            ):
                raise  # f's own bug, not a function of one number
            raise TypeError(
                f"{name} must work on a numpy array of x values (use np.sin, not "
                "math.sin; np.where(x > 0, a, b), not an if), but "
                f"{name}(x) of an array of shape {x.shape} raised "
                f"{type(error).__name__}: {error}"
            ) from error
        return _one_number_per_x(answer, x, name)

    return answers


def _one_number_per_x(answer: Any, x: Array, name: str) -> Array:
    """``answer`` as floats after checking it holds one finite number per entry of x."""
    expected = f"{name} must return one finite number per x, shape {x.shape}"
    values = np.asarray(answer) if answer is not None else None
    if values is None or values.dtype.kind not in "biuf":
        raise TypeError(f"{expected}, but it returned {answer!r:.80}")
    if values.shape != x.shape:
        got = (
            f"one number, {answer!r}"
            if values.ndim == 0
            else f"an array of shape {values.shape}"
        )
        raise ValueError(f"{expected}, but it returned {got}")
    values = values.astype(float)
    bad = ~np.isfinite(values)
    if bad.any():
        where = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{expected}, but it returned {values.ravel()[where]} at x = "
            f"{float(x.ravel()[where])!r}"
        )
    return values


def _interval(value: Any, name: str) -> tuple[float, float]:
    """Checker: ``(low, high)``, two finite numbers with low < high and a finite width.

    Examples
    --------
    >>> _interval((0, 1, 2), "interval")
    Traceback (most recent call last):
    ...
    ValueError: interval must be two numbers (low, high), but it is (0, 1, 2)
    """
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__"):
        raise TypeError(f"{name} must be two numbers (low, high), but it is {value!r}")
    if len(value) != 2:
        raise ValueError(f"{name} must be two numbers (low, high), but it is {value!r}")
    low, high = (check_number(v, f"{name}[{i}]") for i, v in enumerate(value))
    if not low < high:
        raise ValueError(f"{name} must be (low, high) with low < high: {value!r}")
    if not np.isfinite(high - low):
        raise ValueError(
            f"{name} must have a width high - low below the largest float (about "
            f"1.8e308), but {high!r} - {low!r} overflows"
        )
    return low, high


def _bump_count(value: Any, name: str) -> int:
    """Checker: a whole number of bumps from 1 to ``MAX_BUMPS``."""
    n = check_count(value, name)
    if n > MAX_BUMPS:
        raise ValueError(f"{name} must be at most {MAX_BUMPS}, but it is {n}")
    return n


def _positive(value: Any, name: str) -> float:
    """Checker: a finite number > 0."""
    return check_number(value, name, low=0.0, low_inclusive=False)


def _bumps_fit_floats(arguments: dict[str, Any]) -> None:
    """Relation: the steepness and interval give finite input weights and biases.

    The input weight is ``s = steepness * n_bumps / width`` and a bias is ``-s * a``
    for a threshold ``a`` up to half a piece outside the interval; ``s * (x - a)``
    for x in the interval must stay finite, so ``s`` times the outermost threshold
    must stay below half the largest float.
    """
    steepness, n = arguments["steepness"], arguments["n_bumps"]
    low, high = arguments["interval"]
    width = high - low
    s = steepness * n / width
    if not np.isfinite(s):
        raise ValueError(
            f"steepness x n_bumps / width must be finite, but {steepness!r} x {n} / "
            f"{width!r} (interval {arguments['interval']!r}) overflows (beyond about "
            "1.8e308): use a smaller steepness or a wider interval"
        )
    half = width / (2 * n)
    outermost = max(abs(low - half), abs(high + half))
    if not np.isfinite(outermost):
        raise ValueError(
            f"interval {arguments['interval']!r} is too near the largest float (about "
            f"1.8e308): the outer thresholds, half a piece ({half:.4g}) outside it, "
            "overflow; use an interval nearer 0"
        )
    if not s * outermost < np.finfo(float).max / 2:
        raise ValueError(
            f"the input weight s = steepness x n_bumps / width = {s:.4g} times the "
            f"outermost threshold {outermost:.4g} must stay below half the largest "
            "float (about 9e307), so that s(x - a) is finite: use a smaller steepness "
            "or an interval nearer 0"
        )


def _largest_height(n_bumps: int) -> float:
    """The largest height (value of f) a network of ``n_bumps`` bumps can carry.

    The output is a sum of ``2 * n_bumps`` terms, each a hidden unit's output (from 0
    to 1) times a height or its negative: with every height at most the largest
    float over ``2 * n_bumps``, no sum can overflow.
    """
    return float(np.finfo(float).max / (2 * n_bumps))


def _heights_fit_floats(arguments: dict[str, Any]) -> None:
    """Relation: f's values at the midpoints, the heights, keep the output finite.

    Examples
    --------
    >>> f = lambda x: 1e308 * np.ones_like(x)
    >>> bump_network(f, 10)
    Traceback (most recent call last):
    ...
    ValueError: f must stay within +-8.988e+306 at the bumps' midpoints for n_bumps=10
    (the largest float, about 1.8e308, over 2 x n_bumps output weights, so that the
    network's output stays finite), but f(0.05) = 1e+308: scale f down
    """
    f, n = arguments["f"], arguments["n_bumps"]
    low, high = arguments["interval"]
    edges = np.linspace(low, high, n + 1)
    midpoints = (edges[:-1] + edges[1:]) / 2
    heights = f(midpoints)
    largest = _largest_height(n)
    too_high = np.abs(heights) > largest
    if too_high.any():
        where = int(np.flatnonzero(too_high)[0])
        raise ValueError(
            f"f must stay within +-{largest:.4g} at the bumps' midpoints for "
            f"n_bumps={n} (the largest float, about 1.8e308, over 2 x n_bumps output "
            "weights, so that the network's output stays finite), but "
            f"f({midpoints[where]:.4g}) = {heights[where]:.4g}: scale f down"
        )


def _finite_gaps(output: Array, target: Array, x: Array) -> Array:
    """The gaps between network's output and f at x, refused where they overflow."""
    with np.errstate(over="ignore", invalid="ignore"):
        gaps = np.abs(output - target)
    bad = ~np.isfinite(gaps)
    if bad.any():
        where = int(np.flatnonzero(bad)[0])
        raise ValueError(
            "the gap between network's output and f must be below the largest float "
            f"(about 1.8e308), but at x = {x[where]:.4g} network gives "
            f"{output[where]:.4g} and f gives {target[where]:.4g}, and their "
            "difference overflows: scale f (and the network's heights) down"
        )
    return gaps


def _one_input_one_output(value: Any, name: str) -> FeedForwardNetwork:
    """Checker: a FeedForwardNetwork of one input and one output, a function of x."""
    network = instance_of(FeedForwardNetwork)(value, name)
    sizes = network.layer_sizes
    if sizes[0] != 1 or sizes[-1] != 1:
        raise ValueError(
            f"{name} must have 1 input and 1 output (a function of x), but its "
            f"layers are {sizes}"
        )
    return network


def _network_takes_interval(arguments: dict[str, Any]) -> None:
    """Relation: the network's output at the interval's ends is finite.

    Where the first layer's inputs grow with |x| (the bump networks' sigmoid units and
    linear output), the ends are where an overflow would happen first.
    """
    network, (low, high) = arguments["network"], arguments["interval"]
    try:
        network.forward(np.array([[low], [high]]))
    except ValueError:
        raise ValueError(
            f"interval {arguments['interval']!r} is too far out for network: its "
            "output at the ends overflows (a result beyond the largest float, about "
            "1.8e308); use an interval nearer 0"
        ) from None


def _points(value: Any, name: str) -> int:
    """Checker: a count of inputs from 2 to ``MAX_POINTS``."""
    points = check_count(value, name, low=2)
    check_work(points, MAX_POINTS, f"inputs ({name})", "MAX_POINTS")
    return points


@checked(
    _bumps_fit_floats,
    _heights_fit_floats,
    f=_function_of_x,
    n_bumps=_bump_count,
    steepness=_positive,
    interval=_interval,
)
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
        If ``f`` is not callable, returns something other than numbers, fails on an
        array of x values as a function of one number does (``math.sin``, an ``if``
        on x), or a number is not a number.
    ValueError
        If ``n_bumps`` is not between 1 and ``MAX_BUMPS``, ``steepness`` is not
        positive, the interval is not two finite numbers (low, high) with low < high,
        ``f`` does not return one finite number per x, ``f`` at a midpoint (a
        bump's height) is beyond the largest float over ``2 * n_bumps`` (the output,
        a sum of that many terms, could overflow), or
        the steepness and interval make input weights or biases beyond the largest
        float.

    Examples
    --------
    >>> net = bump_network(lambda x: np.ones_like(x), 1, steepness=50.0)
    >>> net.layer_sizes
    (1, 2, 1)
    >>> np.round(net.forward(np.array([[0.5], [2.0]]))[:, 0], 3)
    array([1., 0.])
    """
    low, high = interval
    edges = np.linspace(low, high, n_bumps + 1)
    heights = f((edges[:-1] + edges[1:]) / 2)
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


@checked(
    _network_takes_interval,
    network=_one_input_one_output,
    f=_function_of_x,
    interval=_interval,
    points=_points,
)
def largest_gap(
    network: FeedForwardNetwork,
    f: Callable[[Array], Array],
    interval: tuple[float, float] = (0.0, 1.0),
    points: int = 2001,
) -> float:
    """The largest distance between the network's output and ``f`` on the interval.

    Measured on ``points`` evenly spaced inputs, ends included (at most
    :data:`MAX_POINTS`).

    Raises
    ------
    TypeError
        If ``network`` is not a :class:`~ffnn_edu.nn.network.FeedForwardNetwork`,
        ``f`` is not callable, returns something other than numbers or fails on an
        array of x values as a function of one number does (``math.sin``, an ``if``
        on x), or ``points`` or an end of the interval is not a number.
    ValueError
        If the network has not 1 input and 1 output, the interval is not two finite
        numbers (low, high) with low < high, ``points`` is not between 2 and
        ``MAX_POINTS``, ``f`` does not return one finite number per x, an array of
        shape ``(points,)``, or a gap between the network's output and ``f`` is
        beyond the largest float.

    Examples
    --------
    >>> net = bump_network(wiggly, 50)
    >>> largest_gap(net, wiggly) < 0.05
    True
    """
    x = np.linspace(*interval, points)
    return float(np.max(_finite_gaps(network.forward(x[:, None])[:, 0], f(x), x)))
