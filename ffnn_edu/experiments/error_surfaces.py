"""Chapter 12, Learning rate and momentum: two-weight error surfaces to watch descent.

A real network has thousands of weights, so its error surface cannot be drawn.
With two weights :math:`w = (w_1, w_2)` it can: the error is a height above
the plane, and every step of gradient descent is a move on a map. This module
holds three such toy surfaces and a function that runs an optimizer of
:mod:`ffnn_edu.nn.optimizers` on them and records the path:

* :func:`round_bowl`: :math:`E = \\tfrac12 (w_1^2 + w_2^2)`, the same curvature
  in every direction;
* :func:`elongated_bowl`: :math:`E = \\tfrac12 (w_1^2 + s\\,w_2^2)`, steep
  across and shallow along a long valley;
* :func:`local_minimum`: a valley with a shallow local minimum beside a deeper
  global one.

On a quadratic bowl with curvature :math:`c` along some direction, one step of
gradient descent multiplies the distance to the minimum in that direction by
:math:`1 - \\eta c`: it creeps for small :math:`\\eta`, lands on the minimum in
one step for :math:`\\eta = 1/c`, zig-zags for :math:`1/c < \\eta < 2/c` and
explodes for :math:`\\eta > 2/c`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.optimizers import GradientDescent, Momentum
from ffnn_edu.nn.schedules import Schedule
from ffnn_edu.nn.training import schedule_lasts
from ffnn_edu.nn.validation import (
    Array,
    apart,
    as_array,
    check_count,
    check_number,
    check_work,
    counted,
    exactly,
)

#: A function of weight points (shape ``(2,)`` or ``(..., 2)``), as an
#: :class:`ErrorSurface`'s error and gradient are: chapter 12's surfaces.
Field = Callable[[Array], Array]

#: Most grid points per axis of :meth:`ErrorSurface.grid` (the book uses 101 to 121).
MAX_RESOLUTION = 2000
#: Most steps :func:`descend` takes (the book takes at most a few hundred).
MAX_STEPS = 100_000
#: The positions of chapter 12's slider over :func:`elongated_bowl` (stretch 20):
#: learning rates each twice the one before, evenly spaced on a log scale, from
#: creeping to 0.1 (the limit 2/20 of the steep direction) and 0.2 (2(1 + mu)/20 as mu
#: nears 1, beyond every momentum's limit), and three momentum rates.
VALLEY_SLIDER = {"eta": (0.0125, 0.025, 0.05, 0.1, 0.2), "mu": (0.0, 0.5, 0.9)}
#: Largest ``stretch`` of :func:`elongated_bowl`: its gradient across the valley,
#: stretch times w2, then squares to a finite number (as AdaGrad, RMSProp and Adam
#: need) for every w2 up to 1e50 in size, far beyond the drawn window (1.5) and
#: :func:`descend`'s default limit (1e6).
MAX_STRETCH = 1e100


@dataclass(frozen=True)
class ErrorSurface:
    """An error :math:`E(w_1, w_2)` with its gradient and a window to draw it in.

    Attributes
    ----------
    name : str
        A short title for plots.
    error, gradient : callable
        Map an array of points of shape ``(..., 2)`` to the errors (shape
        ``(...)``) and to the gradients (shape ``(..., 2)``).
    extent : (float, float, float, float)
        ``(w1_min, w1_max, w2_min, w2_max)``, a good window for a contour plot.
    minima : tuple of (float, float)
        The minima of the surface, the global minimum first.
    """

    name: str
    error: Field
    gradient: Field
    extent: tuple[float, float, float, float]
    minima: tuple[tuple[float, float], ...]

    def __call__(self, w: ArrayLike) -> Array:
        """The error at one point (shape ``(2,)``) or many (shape ``(..., 2)``).

        Examples
        --------
        >>> float(round_bowl()([3.0, 4.0]))
        12.5

        Raises
        ------
        ValueError
            If ``w`` is so far out that the error overflows.
        """
        w = _points(w)
        with np.errstate(over="ignore", invalid="ignore"):
            return _finite(self.error(w), "error", "w")

    def grad(self, w: ArrayLike) -> Array:
        """The gradient at one point or many, same shape as ``w``.

        Examples
        --------
        >>> elongated_bowl(stretch=10).grad([1.0, 1.0])
        array([ 1., 10.])

        Raises
        ------
        ValueError
            If ``w`` is so far out that the gradient overflows.
        """
        w = _points(w)
        with np.errstate(over="ignore", invalid="ignore"):
            return _finite(self.gradient(w), "gradient", "w")

    def grid(self, resolution: int = 101) -> tuple[Array, Array, Array]:
        """``(W1, W2, E)`` on a regular grid over :attr:`extent`, for ``contour`` plots.

        ``resolution`` points per axis, 2 to :data:`MAX_RESOLUTION` (2000); more raises
        ValueError.

        Examples
        --------
        >>> W1, W2, E = round_bowl().grid(5)
        >>> E.shape, float(E.min())
        ((5, 5), 0.0)
        """
        resolution = check_count(resolution, "resolution", low=2)
        check_work(
            resolution,
            MAX_RESOLUTION,
            "grid points per axis (resolution)",
            "MAX_RESOLUTION",
        )
        lo1, hi1, lo2, hi2 = self.extent
        W1, W2 = np.meshgrid(
            np.linspace(lo1, hi1, resolution), np.linspace(lo2, hi2, resolution)
        )
        with np.errstate(over="ignore", invalid="ignore"):
            E = _finite(
                self.error(np.stack([W1, W2], axis=-1)), "error", "the surface's extent"
            )
        return W1, W2, E


def _finite(values: Array, what: str, where: str) -> Array:
    """``values``, unless some overflowed to infinity (or NaN); then say where."""
    if not np.isfinite(values).all():
        raise ValueError(
            f"{where} must lie where the {what} is a finite number, but the "
            f"{what} overflows there (beyond about 1.8e308)"
        )
    return values


def _points(w: ArrayLike) -> Array:
    points = as_array(w, "w")
    if points.ndim == 0 or points.shape[-1] != 2:
        raise ValueError(
            f"w must hold points with two coordinates (last axis of length 2), "
            f"but it has shape {points.shape}"
        )
    return points


def round_bowl() -> ErrorSurface:
    """:math:`E = \\tfrac12 (w_1^2 + w_2^2)`: curvature 1 in every direction.

    Gradient descent converges for :math:`0 < \\eta < 2` and reaches the
    minimum in a single step with :math:`\\eta = 1`.

    Examples
    --------
    >>> bowl = round_bowl()
    >>> bowl.grad([3.0, -1.0])
    array([ 3., -1.])
    """
    return ErrorSurface(
        name="Round bowl",
        error=lambda w: 0.5 * (w[..., 0] ** 2 + w[..., 1] ** 2),
        gradient=lambda w: w.copy(),
        extent=(-4.0, 4.0, -4.0, 4.0),
        minima=((0.0, 0.0),),
    )


def elongated_bowl(stretch: float = 20.0) -> ErrorSurface:
    """:math:`E = \\tfrac12 (w_1^2 + s\\,w_2^2)`: a narrow valley along :math:`w_1`.

    The curvature is 1 along the valley and ``stretch`` (:math:`s`) across
    it, so gradient descent explodes for :math:`\\eta > 2/s` while it crawls
    along the valley bottom with factor :math:`1 - \\eta` per step.

    Parameters
    ----------
    stretch : float
        Ratio of the two curvatures, at least 1 and at most :data:`MAX_STRETCH`.

    Raises
    ------
    ValueError
        For a ``stretch`` below 1, or above :data:`MAX_STRETCH`, where the
        gradient's square overflows (the adaptive optimizers square it) at
        weights of ordinary size.

    Examples
    --------
    >>> bowl = elongated_bowl(stretch=20)
    >>> float(bowl([-4.0, 1.0]))
    18.0
    >>> elongated_bowl(0.5)
    Traceback (most recent call last):
    ...
    ValueError: stretch must be >= 1, but it is 0.5
    """
    s = check_number(stretch, "stretch", low=1.0)
    if s > MAX_STRETCH:
        raise ValueError(
            f"stretch must be at most {MAX_STRETCH:g} (MAX_STRETCH), so that the "
            "gradient across the valley (stretch times w2) squares to a finite "
            f"number, but it is {s:g}: at w2 = 1 the gradient is {s:g} and its "
            "square overflows (beyond about 1.8e308)"
        )
    return ErrorSurface(
        name=f"Elongated bowl (stretch {s:g})",
        error=lambda w: 0.5 * (w[..., 0] ** 2 + s * w[..., 1] ** 2),
        gradient=lambda w: np.stack([w[..., 0], s * w[..., 1]], axis=-1),
        extent=(-5.0, 5.0, -1.5, 1.5),
        minima=((0.0, 0.0),),
    )


def local_minimum(tilt: float = 0.3) -> ErrorSurface:
    """Two valleys: :math:`E = \\tfrac14 w_1^4 - w_1^2 + a w_1 + \\tfrac12 w_2^2 + 1.5`.

    Along :math:`w_1` there are two hollows; the tilt :math:`a > 0` makes the
    left one (near :math:`w_1 \\approx -1.48`) the deeper, global minimum and
    the right one (near :math:`w_1 \\approx 1.33`) a local minimum. The
    constant 1.5 only keeps the error positive.

    Parameters
    ----------
    tilt : float
        :math:`a`, between 0 and 1 (both hollows exist only for
        :math:`|a| < 1.08`).

    Examples
    --------
    >>> surface = local_minimum()
    >>> [(round(a, 3), b) for a, b in surface.minima]
    [(-1.484, 0.0), (1.332, 0.0)]
    >>> float(surface(surface.minima[0])) < float(surface(surface.minima[1]))
    True
    """
    a = check_number(
        tilt, "tilt", low=0.0, high=1.0, low_inclusive=False, high_inclusive=False
    )
    roots = np.sort(np.roots([1.0, 0.0, -2.0, a]).real)  # E' = w^3 - 2w + a
    return ErrorSurface(
        name="Surface with a local minimum",
        error=lambda w: (
            0.25 * w[..., 0] ** 4
            - w[..., 0] ** 2
            + a * w[..., 0]
            + 0.5 * w[..., 1] ** 2
            + 1.5
        ),
        gradient=lambda w: np.stack(
            [w[..., 0] ** 3 - 2.0 * w[..., 0] + a, w[..., 1]], axis=-1
        ),
        extent=(-2.5, 2.5, -1.5, 1.5),
        minima=((float(roots[0]), 0.0), (float(roots[2]), 0.0)),
    )


@dataclass(frozen=True)
class Trajectory:
    """The path of an optimizer on an error surface.

    Attributes
    ----------
    points : ndarray, shape (n_steps + 1, 2)
        The weights before the first step and after every step taken.
    errors : ndarray, shape (n_steps + 1,)
        The error at each of those points.
    diverged : bool
        True if the run was stopped because the weights left every sensible
        range (or stopped being finite numbers). A run whose error grows but
        whose weights are still in range when the steps run out is not stopped:
        its ``message`` says that the error grew.
    message : str
        A sentence describing how the run ended.
    """

    points: Array
    errors: Array
    diverged: bool
    message: str

    @property
    def final(self) -> Array:
        """The last point reached."""
        return self.points[-1]


def descend(
    surface: ErrorSurface,
    start: ArrayLike,
    *,
    eta: float | Schedule = 0.1,
    mu: float = 0.0,
    steps: int = 50,
    optimizer: GradientDescent | None = None,
    limit: float = 1e6,
) -> Trajectory:
    """Run gradient descent (with momentum if ``mu > 0``) on ``surface`` from ``start``.

    Each step is one call of the optimizer's ``step``, with the step number as
    the epoch, so learning-rate schedules work too.

    Parameters
    ----------
    surface : ErrorSurface
    start : array_like, shape (2,)
        The starting weights.
    eta : float or callable
        Learning rate or schedule (ignored when ``optimizer`` is given).
    mu : float
        Momentum rate, :math:`0 \\le \\mu < 1` (ignored when ``optimizer`` is given).
    steps : int
        Number of steps, at most :data:`MAX_STEPS` (100 000).
    optimizer : GradientDescent (or a subclass, such as Momentum), optional
        A ready-made optimizer; by default one is built from ``eta`` and ``mu``.
    limit : float
        The run counts as diverged, and stops, once a weight exceeds this in
        absolute value; ``start`` must lie within it.

    Returns
    -------
    Trajectory

    Raises
    ------
    TypeError
        If ``surface`` is not an :class:`ErrorSurface`.
    ValueError
        If ``start`` is not one finite 2-D point, lies outside ``limit`` or so far
        out that its error overflows, a number is out of range, or a schedule of
        :mod:`ffnn_edu.nn.schedules` reaches a rate of 0 within ``steps``.

    Examples
    --------
    With :math:`\\eta = 1` the round bowl is solved in one step:

    >>> path = descend(round_bowl(), [3.0, -2.0], eta=1.0, steps=2)
    >>> path.points
    array([[ 3., -2.],
           [ 0.,  0.],
           [ 0.,  0.]])

    With :math:`\\eta = 2.5` every step overshoots by more than it gains:

    >>> path = descend(round_bowl(), [1.0, 1.0], eta=2.5, steps=100)
    >>> path.diverged, len(path.points) < 101
    (True, True)
    """
    if not isinstance(surface, ErrorSurface):
        raise TypeError(
            f"surface must be an ErrorSurface, not {type(surface).__name__}"
        )
    w = as_array(start, "start", ndim=1).copy()
    if w.shape != (2,):
        raise ValueError(
            f"start must be one point (w1, w2), but it has shape {w.shape}"
        )
    steps = check_count(steps, "steps")
    check_work(steps, MAX_STEPS, "steps (steps)", "MAX_STEPS")
    limit = check_number(limit, "limit", low=0.0, low_inclusive=False)
    if np.abs(w).max() > limit:
        raise ValueError(
            f"start must lie within limit (|w| <= {exactly(limit)}), but it is "
            f"{w.tolist()}; raise limit or start closer to the minimum"
        )
    with np.errstate(over="ignore", invalid="ignore"):
        start_error = surface.error(w)
    if not np.isfinite(start_error):
        raise ValueError(
            f"start must be a point whose error is a finite number, but at "
            f"{w.tolist()} the error overflows; start closer to the minimum"
        )
    if optimizer is None:
        mu = check_number(mu, "mu", low=0.0, high=1.0, high_inclusive=False)
        optimizer = Momentum(eta, mu) if mu > 0 else GradientDescent(eta)
    elif not isinstance(optimizer, GradientDescent):
        raise TypeError(
            "optimizer must be a GradientDescent or a subclass such as Momentum, not "
            f"{type(optimizer).__name__}"
        )
    else:
        optimizer = optimizer.fresh()  # a descent starts at rest, whatever ran before
    schedule_lasts(optimizer, steps, unit="step")  # as train does with epochs
    points = [w.copy()]
    start = float(surface.error(w))
    message = f"Ran {counted(steps, 'step')}; the error went from {{0}} to {{1}}."
    diverged = False
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(steps):
            optimizer.step([w], [surface.gradient(w)], epoch=step)
            left = not (np.isfinite(w).all() and np.abs(w).max() <= limit)
            error = surface.error(w)
            if left or not np.isfinite(error):
                diverged = True
                where = (
                    f"the weights left the range |w| <= {limit:g}"
                    if left
                    else "the error overflowed"
                )
                message = (
                    f"Diverged in step {step + 1}: {where}. The learning rate is too "
                    "large for this surface. "
                    + _diverged_error(step + 1, start, float(error))
                )
                break
            points.append(w.copy())
    path = np.array(points)
    errors = surface.error(path)
    # 4 digits, or as many as tell the two apart (not "from 0.01 to 0.01")
    message = message.format(
        apart(errors[0], errors[-1], 4), apart(errors[-1], errors[0], 4)
    )
    if not diverged and _growing(errors):
        message += _GROWING.format(limit)
    return Trajectory(path, errors, diverged, message)


#: What :func:`descend` adds to the message of a run that was not stopped but whose
#: error grew (see ``_growing``).
_GROWING = (
    " The error grew: it ended above its start, at its highest in the second half "
    "of the run, so the run is unstable (the learning rate is probably too large "
    "for this surface). The weights are still within |w| <= {:g}, so diverged is "
    "False; if the error keeps growing, more steps will take them out."
)


def _growing(errors: Array) -> bool:
    """Whether a run's error grew, ending above its start and at its highest.

    Its highest of the second half of the run: a run that rose and fell again is
    not growing.

    Examples
    --------
    >>> rising, rose_and_fell = [18.0, 5.0, 20.0, 30.0], [18.0, 30.0, 19.0]
    >>> _growing(np.array(rising)), _growing(np.array(rose_and_fell))
    (True, False)
    """
    if len(errors) < 2 or not errors[-1] > errors[0]:
        return False
    return bool(errors[-1] >= errors[len(errors) // 2 :].max())


def _diverged_error(step: int, start: float, error: float) -> str:
    """Where the error went in a run stopped in ``step``, from ``start``.

    After step 1, a template: ``{0}`` and ``{1}`` are the errors at the first and
    the last recorded points, as :func:`~ffnn_edu.nn.validation.apart` prints them.
    In step 1 the last recorded point is the start, so the error at the point that
    left the range is given instead (or that it overflowed), each with as many
    digits as tell it from the other.

    Examples
    --------
    >>> _diverged_error(1, 8.0, float("inf"))
    'In step 1 the error went from 8 past the largest float (it overflowed).'
    >>> _diverged_error(1, 0.0100001, 0.0100002)
    'In step 1 the error went from 0.0100001 to 0.0100002.'
    """
    if step > 1:
        return "The error had gone from {0} to {1}."
    if not np.isfinite(error):
        return (
            f"In step 1 the error went from {apart(start, start, 4)} past the largest "
            "float (it overflowed)."
        )
    return (
        f"In step 1 the error went from {apart(start, error, 4)} to "
        f"{apart(error, start, 4)}."
    )
