"""Optimizers: how a gradient becomes a weight update.

``GradientDescent`` is the general weight update rule of the textbook,

.. math:: w \\leftarrow w - \\eta \\frac{\\partial E}{\\partial w}.

``Momentum`` adds a share :math:`\\mu` of the previous step (classical
momentum, Rumelhart, Hinton and Williams 1986):

.. math::
    v \\leftarrow \\mu v - \\eta \\frac{\\partial E}{\\partial w}, \\qquad
    w \\leftarrow w + v,

which is the same as
:math:`w^\\text{new} = w^\\text{old} - \\eta \\frac{\\partial E}{\\partial w}
+ \\mu\\,(w^\\text{old} - w^\\text{older})`. The textbook prints the last term
as :math:`\\mu\\,|w^\\text{old} - w^\\text{older}|`; with the absolute value
the momentum term always pushes weights upwards, whichever way they were
moving, so it cannot carry a weight across a local minimum from the right or
damp a zig-zag.

``Nesterov`` is Nesterov's accelerated gradient as momentum for neural networks
(Sutskever, Martens, Dahl and Hinton 2013): the gradient is taken at the
look-ahead point :math:`w + \\mu v`, where momentum is about to carry the
weights. The training loop hands an optimizer the gradient at the weights it
holds, so the package stores the look-ahead point itself as the weights (the
reformulation of Bengio, Boulanger-Lewandowski and Pascanu 2013, which Keras and
PyTorch implement); with :math:`g` the gradient there,

.. math::
    v \\leftarrow \\mu v - \\eta g, \\qquad
    w \\leftarrow w + \\mu v - \\eta g,

with the new :math:`v`: the momentum step is applied twice over, once as the
look-ahead of the next step.

An optimizer object is a *setting* (learning rate, momentum rate). What it
remembers while it works (the velocity of momentum) belongs to one training
run: :func:`ffnn_edu.nn.training.train` steps a :meth:`~GradientDescent.fresh`
copy, so the object a learner passes in can train any number of networks,
of any shape, each from a standing start.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .schedules import Schedule, constant
from .validation import (
    Array,
    as_array,
    check_float_arrays,
    check_number,
    checked,
    epoch_number,
    takes,
)

if TYPE_CHECKING:  # for the annotations of ``update`` only: no import at run time
    from .network import FeedForwardNetwork, Gradients
    from .regularization import Regularizer


def _schedule_body(schedule: Schedule) -> Schedule:
    """A schedule of :mod:`~ffnn_edu.nn.schedules` without its check of the epoch.

    Every method of an optimizer checks its epoch before it asks the schedule (``step``,
    ``learning_rate``), or runs on an epoch the training loop checked (``update``), so
    the schedule need not check it again in every iteration. Any other
    callable is kept as it is.
    """
    made_here = getattr(schedule, "__module__", None) == constant.__module__
    return getattr(schedule, "__wrapped__", schedule) if made_here else schedule


def _one_gradient_per_parameter(arguments: dict[str, Any]) -> None:
    """Relation: ``params`` are float arrays (changed in place), ``grads`` finite.

    ``grads`` are replaced by float arrays; an integer parameter array is refused, as it
    cannot hold a step such as 0.1 (numpy would refuse to cast, or round it away).
    """
    params, grads = arguments["params"], arguments["grads"]
    params = check_float_arrays(
        params,
        "params",
        "they are updated in place, and an integer array "
        "cannot hold a step such as 0.1",
    )
    if not isinstance(grads, (list, tuple)):
        raise ValueError(
            f"grads must be a list with one gradient per parameter array, but it "
            f"is {type(grads).__name__}"
        )
    shapes = [w.shape for w in params]
    if [np.shape(g) for g in grads] != shapes:
        raise ValueError(
            f"grads must hold one gradient per parameter array, shaped like it: "
            f"params have shapes {shapes}, grads {[np.shape(g) for g in grads]}"
        )
    arguments["grads"] = [
        as_array(g, f"grads[{k}]", allow_empty=True) for k, g in enumerate(grads)
    ]


def _finite_step(arguments: dict[str, Any], new: list[Array]) -> None:
    """Refuse a step whose new values would not all be finite numbers."""
    if not all(np.isfinite(w).all() for w in new):
        eta = arguments["self"].learning_rate(arguments["epoch"])
        raise ValueError(
            f"eta times grads must be small enough for the updated parameters to "
            f"stay finite numbers, but with eta = {eta:g} they overflow (a result "
            f"beyond the largest float, about 1.8e308); use a smaller learning "
            f"rate or scale the data"
        )


def _step_stays_finite(arguments: dict[str, Any]) -> None:
    """Relation: w - eta g is finite for every parameter (checked before any change)."""
    eta = arguments["self"].eta(arguments["epoch"])
    with np.errstate(over="ignore", invalid="ignore"):
        new = [w - eta * g for w, g in zip(arguments["params"], arguments["grads"])]
    _finite_step(arguments, new)


def _momentum_step_stays_finite(arguments: dict[str, Any]) -> None:
    """Relation: the new velocity and weights are finite (checked before any change)."""
    optimizer, params = arguments["self"], arguments["params"]
    eta = optimizer.eta(arguments["epoch"])
    velocity = optimizer.velocity or [np.zeros_like(w) for w in params]
    with np.errstate(over="ignore", invalid="ignore"):
        new = [
            w + (optimizer.mu * v - eta * g)
            for w, g, v in zip(params, arguments["grads"], velocity)
        ]
    _finite_step(arguments, new)


def _nesterov_step_stays_finite(arguments: dict[str, Any]) -> None:
    """Relation: the new velocity and look-ahead weights are finite (checked first)."""
    optimizer, params = arguments["self"], arguments["params"]
    eta, mu = optimizer.eta(arguments["epoch"]), optimizer.mu
    velocity = optimizer.velocity or [np.zeros_like(w) for w in params]
    with np.errstate(over="ignore", invalid="ignore"):
        new = [
            w + mu * (mu * v - eta * g) - eta * g
            for w, g, v in zip(params, arguments["grads"], velocity)
        ]
    _finite_step(arguments, new)


def _schedule_gives_a_learning_rate(arguments: dict[str, Any]) -> None:
    """Relation: the schedule's learning rate for this epoch is a number > 0."""
    arguments["self"].learning_rate(arguments["epoch"])


def _velocity_fits(arguments: dict[str, Any]) -> None:
    """Relation: a velocity built on some parameters is used only on ones like them."""
    velocity, kind = arguments["self"].velocity, type(arguments["self"]).__name__
    shapes = [w.shape for w in arguments["params"]]
    if velocity is not None and [v.shape for v in velocity] != shapes:
        raise ValueError(
            f"params have shapes {shapes}, but this {kind} built up its "
            f"velocity on shapes {[v.shape for v in velocity]}; use "
            f"optimizer.fresh() (or a new {kind}) for another network"
        )


class GradientDescent:
    """Plain gradient descent with a fixed or scheduled learning rate.

    Parameters
    ----------
    eta : float or callable
        Learning rate :math:`\\eta > 0`, or a schedule ``epoch -> eta``
        (see :mod:`ffnn_edu.nn.schedules`).

    Examples
    --------
    >>> import numpy as np
    >>> w = np.array([0.2])
    >>> GradientDescent(eta=0.7).step([w], [np.array([-0.0534])], epoch=0)
    >>> w.round(4)
    array([0.2374])
    """

    def __init__(self, eta: float | Schedule = 0.1) -> None:
        if callable(eta) and not takes(eta, 1):
            raise TypeError(
                f"eta must be a number or a schedule called as eta(epoch), but "
                f"{getattr(eta, '__name__', eta)!r} cannot take one argument (it "
                f"takes {inspect.signature(eta)})"
            )
        #: The learning rate as a schedule: ``eta(epoch)`` is :math:`\\eta` in ``epoch``
        #: (a number given to the constructor becomes a constant schedule).
        self.eta: Schedule = _schedule_body(eta if callable(eta) else constant(eta))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(eta={self.learning_rate(0):g})"

    def fresh(self) -> GradientDescent:
        """A copy, same settings, no memory of earlier steps (one run's optimizer)."""
        return copy.copy(self)

    def learning_rate(self, epoch: int) -> float:
        """The learning rate used in ``epoch`` (counted from 0, an integer), checked.

        Examples
        --------
        >>> GradientDescent(0.5).learning_rate(3)
        0.5
        """
        epoch = epoch_number(epoch, "epoch")
        return check_number(self.eta(epoch), "eta", low=0.0, low_inclusive=False)

    def check_parameters(self, params: Sequence[Array]) -> None:
        """Raise ``ValueError`` unless this optimizer can step ``params``."""

    def update(
        self,
        network: FeedForwardNetwork,
        grads: Gradients,
        epoch: int,
        regularizer: Regularizer,
        n: int,
    ) -> None:
        """One iteration of the training loop: the optimizer's step, then the penalty's.

        The step of :meth:`step` on every weight and bias, then the regularizer's
        proximal step (L1's clipped step; nothing for L2, whose term is in ``grads``)
        with the learning rate of ``epoch`` and ``n`` training samples. The training
        loop's kernel: :func:`~ffnn_edu.nn.training.train_epoch` checked its arguments
        once per epoch, so nothing is checked again here.

        Examples
        --------
        >>> from ffnn_edu.nn.network import FeedForwardNetwork
        >>> from ffnn_edu.nn.regularization import Regularizer
        >>> net = FeedForwardNetwork((1, 1), bias=False)
        >>> net.set_weights([[[0.5]]])
        >>> grads = net.backprop([[1.0]], [[0.5]])
        >>> l1 = Regularizer("l1", 1.0)
        >>> GradientDescent(1.0).update(
        ...     net, grads, 0, l1, n=4)  # 0.5 - 0.0288, then - 0.25
        >>> net.weights[0].round(4)
        array([[0.2212]])
        """
        step = getattr(type(self).step, "__wrapped__", type(self).step)
        step(self, network.parameters(), grads.as_list(), epoch)
        if regularizer.proximal:
            regularizer.proximal_step(network.weights, self.eta(epoch), n)

    @checked(
        _one_gradient_per_parameter,
        _schedule_gives_a_learning_rate,
        _step_stays_finite,
        epoch=epoch_number,
    )
    def step(self, params: Sequence[Array], grads: Sequence[Array], epoch: int) -> None:
        """Update ``params`` in place, one gradient per parameter array.

        Raises
        ------
        ValueError
            If ``params`` is not a list of float arrays, ``grads`` does not
            hold one finite array shaped like each, or the step would make a
            parameter overflow; nothing is changed then.
        """
        eta = self.eta(epoch)
        for w, g in zip(params, grads):
            w -= eta * g


class Momentum(GradientDescent):
    """Gradient descent with classical momentum.

    Parameters
    ----------
    eta : float or callable
        Learning rate (or schedule).
    mu : float
        Momentum rate, :math:`0 \\le \\mu < 1` (0.9 is a common choice).

    Examples
    --------
    Two steps on the same gradient: the second step is larger by
    :math:`\\mu` times the first.

    >>> import numpy as np
    >>> w = np.array([1.0])
    >>> opt = Momentum(eta=0.1, mu=0.9)
    >>> opt.step([w], [np.array([1.0])], epoch=0); w
    array([0.9])
    >>> opt.step([w], [np.array([1.0])], epoch=0); w.round(2)
    array([0.71])
    """

    def __init__(self, eta: float | Schedule = 0.1, mu: float = 0.9) -> None:
        super().__init__(eta)
        self.mu = check_number(mu, "mu", low=0.0, high=1.0, high_inclusive=False)
        self.velocity: list[Array] | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(eta={self.learning_rate(0):g}, mu={self.mu:g})"

    def fresh(self) -> Momentum:
        """A copy with the same ``eta`` and ``mu`` whose velocity starts at 0."""
        twin = copy.copy(self)
        twin.velocity = None
        return twin

    def check_parameters(self, params: Sequence[Array]) -> None:
        """Raise ``ValueError`` unless a velocity was built on ``params``' shapes."""
        _velocity_fits({"self": self, "params": params})

    def velocities(self, params: Sequence[Array]) -> list[Array]:
        """The velocity :math:`v` of every parameter array; 0 before the first step."""
        if self.velocity is None:
            self.velocity = [np.zeros_like(w) for w in params]
        return self.velocity

    @checked(
        _one_gradient_per_parameter,
        _schedule_gives_a_learning_rate,
        _velocity_fits,
        _momentum_step_stays_finite,
        epoch=epoch_number,
    )
    def step(self, params: Sequence[Array], grads: Sequence[Array], epoch: int) -> None:
        """One step, in place: v <- mu v - eta g, then w <- w + v."""
        eta = self.eta(epoch)
        for w, g, v in zip(params, grads, self.velocities(params)):
            v[...] = self.mu * v - eta * g
            w += v


class Nesterov(Momentum):
    """Gradient descent with Nesterov momentum, in the form Keras and PyTorch use.

    Sutskever et al. (2013) take the gradient at the look-ahead point
    :math:`w + \\mu v`; this class keeps that point as the weights (Bengio,
    Boulanger-Lewandowski and Pascanu 2013), so ``grads`` are the gradients at
    ``params``, as for every optimizer. Source: I. Sutskever, J. Martens, G. Dahl and
    G. Hinton, "On the importance of initialization and momentum in deep learning",
    ICML 2013; Y. Bengio, N. Boulanger-Lewandowski and R. Pascanu,
    "Advances in optimizing recurrent networks", ICASSP 2013.

    Parameters
    ----------
    eta : float or callable
        Learning rate (or schedule).
    mu : float
        Momentum rate, :math:`0 \\le \\mu < 1` (0.9 is a common choice).

    Raises
    ------
    ValueError
        If ``eta`` is not > 0 or ``mu`` is not in [0, 1).

    Examples
    --------
    Two steps on the same gradient: the first already moves by
    :math:`(1 + \\mu)\\,\\eta` (0.19 instead of classical momentum's 0.1),
    the second by :math:`\\mu \\cdot 0.19 + 0.1 = 0.271`.

    >>> import numpy as np
    >>> w = np.array([1.0])
    >>> opt = Nesterov(eta=0.1, mu=0.9)
    >>> opt.step([w], [np.array([1.0])], epoch=0); w.round(2)
    array([0.81])
    >>> opt.step([w], [np.array([1.0])], epoch=0); w.round(3)
    array([0.539])
    """

    @checked(
        _one_gradient_per_parameter,
        _schedule_gives_a_learning_rate,
        _velocity_fits,
        _nesterov_step_stays_finite,
        epoch=epoch_number,
    )
    def step(self, params: Sequence[Array], grads: Sequence[Array], epoch: int) -> None:
        """One step, in place: v <- mu v - eta g, then w <- w + mu v - eta g (new v)."""
        eta = self.eta(epoch)
        for w, g, v in zip(params, grads, self.velocities(params)):
            v[...] = self.mu * v - eta * g
            w += self.mu * v - eta * g
