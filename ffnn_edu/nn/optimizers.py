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

``AdaGrad``, ``RMSProp`` and ``Adam`` give every weight a learning rate of its own
(the textbook's third regime, "an adaptable learning rate for each connection"). Each
keeps a record :math:`r` of the squared gradients of every weight and divides the
step by its square root, so a weight whose gradients have been large takes small
steps and one whose gradients have been small takes large ones. ``AdaGrad`` (Duchi,
Hazan and Singer 2011) sums the squares, ``RMSProp`` (Tieleman and Hinton 2012, a
slide of lecture 6e of Hinton's Coursera course, not a paper) keeps a moving average,
``Adam`` (Kingma and Ba 2015) adds a moving average :math:`m` of the gradients
themselves and corrects both averages for starting at 0:

.. math::
    \\text{AdaGrad:}\\quad r \\leftarrow r + g^2, \\qquad
    w \\leftarrow w - \\frac{\\eta\\,g}{\\sqrt{r} + \\epsilon};

.. math::
    \\text{RMSProp:}\\quad r \\leftarrow \\rho\\,r + (1 - \\rho)\\,g^2, \\qquad
    w \\leftarrow w - \\frac{\\eta\\,g}{\\sqrt{r} + \\epsilon};

.. math::
    \\text{Adam:}\\quad m \\leftarrow \\beta_1 m + (1 - \\beta_1)\\,g, \\quad
    r \\leftarrow \\beta_2 r + (1 - \\beta_2)\\,g^2, \\quad
    w \\leftarrow w - \\eta\\,\\frac{m / (1 - \\beta_1^t)}
    {\\sqrt{r / (1 - \\beta_2^t)} + \\epsilon},

element by element, with :math:`g = \\partial E / \\partial w` and :math:`t` the number
of steps taken (1 in the first). :math:`\\epsilon` is added *outside* the square root,
as in the AdaGrad and Adam papers; the RMSProp slide has no :math:`\\epsilon`, and
``RMSProp`` adds it in the same place (as Keras and PyTorch do).

An optimizer object is a *setting* (learning rate, momentum rate). What it
remembers while it works (the velocity of momentum, the squared gradients of the
adaptive rates) belongs to one training run:
:func:`ffnn_edu.nn.training.train` steps a :meth:`~GradientDescent.fresh` copy, so
the object a learner passes in can train any number of networks, of any shape, each
from a standing start.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Sequence
from typing import Any

import numpy as np

from .network import FeedForwardNetwork, Gradients
from .regularization import Regularizer, as_penalty
from .schedules import RateSchedule, Schedule, constant
from .validation import (
    Array,
    KnownKeywords,
    as_array,
    check_count,
    check_float_arrays,
    check_number,
    checked,
    epoch_number,
    instance_of,
    shown,
    takes,
)


def _schedule_body(schedule: Schedule) -> Schedule:
    """A schedule of :mod:`~ffnn_edu.nn.schedules` without its check of the epoch.

    Every method of an optimizer checks its epoch before it asks the schedule (``step``,
    ``learning_rate``), or runs on an epoch the training loop checked (``update``), so
    the schedule need not check it again in every iteration: its ``rate`` (a bound
    method, which pickles with the schedule) is kept. Any other callable is kept as it
    is.
    """
    return schedule.rate if isinstance(schedule, RateSchedule) else schedule


def _bad_rate(
    schedule: Schedule, value: Any, epoch: int, error: Exception
) -> Exception:
    """The refusal of ``value``, the rate ``schedule`` gave for ``epoch``, naming both.

    ``error`` is :func:`check_number`'s refusal, whose kind (a wrong type, a wrong
    value) is kept; its words name ``eta`` but neither the schedule nor the epoch.
    """
    name = getattr(schedule, "__name__", None) or repr(schedule)
    if isinstance(error, TypeError):
        return TypeError(
            f"eta, the schedule {name}, returned {value!r} ({type(value).__name__}) "
            f"at epoch {epoch}; a learning rate must be a finite number > 0"
        )
    return ValueError(
        f"eta, the schedule {name}, returned {shown(value)} at epoch {epoch}; a "
        f"learning rate must be a finite number > 0"
    )


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


def _memory_fits(
    arguments: dict[str, Any], memory: list[Array] | None, what: str
) -> None:
    """Refuse a memory (``what``) built up on parameters shaped unlike ``params``."""
    kind = type(arguments["self"]).__name__
    shapes = [w.shape for w in arguments["params"]]
    if memory is not None and [v.shape for v in memory] != shapes:
        raise ValueError(
            f"params have shapes {shapes}, but this {kind} built up its "
            f"{what} on shapes {[v.shape for v in memory]}; use "
            f"optimizer.fresh() (or a new {kind}) for another network"
        )


def _velocity_fits(arguments: dict[str, Any]) -> None:
    """Relation: a velocity built up on some parameters fits only those."""
    _memory_fits(arguments, arguments["self"].velocity, "velocity")


def _squares_fit(arguments: dict[str, Any]) -> None:
    """Relation: squared gradients gathered on some parameters fit only those."""
    _memory_fits(arguments, arguments["self"].squares, "squared gradients")


def _finite_squares(new_squares: list[Array], grads: list[Array]) -> None:
    """Refuse a step whose record of squared gradients would overflow.

    The optimizer sees only the gradients, not why they are large, so the message
    gives their size and lists the possible causes without choosing one.
    """
    if not all(np.isfinite(r).all() for r in new_squares):
        largest = max((float(np.abs(g).max()) for g in grads if g.size), default=0.0)
        raise ValueError(
            "grads must be small enough for their squares to stay finite numbers "
            "(below about 1e154 in size), but a square overflows (beyond about "
            f"1.8e308): the largest gradient entry is {largest:.3g} in size. "
            "Possible causes: an error function that is this steep where the "
            "weights are, inputs of large size (scale them), or weights that "
            "earlier steps have grown (a smaller learning rate)"
        )


def _adagrad_step_stays_finite(arguments: dict[str, Any]) -> None:
    """Relation: AdaGrad's new squares and weights are finite (before any change)."""
    optimizer, params, grads = (
        arguments["self"],
        arguments["params"],
        arguments["grads"],
    )
    eta, epsilon = optimizer.eta(arguments["epoch"]), optimizer.epsilon
    squares = optimizer.squares or [np.zeros_like(w) for w in params]
    with np.errstate(over="ignore", invalid="ignore"):
        squares = [r + g * g for r, g in zip(squares, grads)]
        new = [
            w - eta * g / (np.sqrt(r) + epsilon)
            for w, g, r in zip(params, grads, squares)
        ]
    _finite_squares(squares, grads)
    _finite_step(arguments, new)


def _rmsprop_step_stays_finite(arguments: dict[str, Any]) -> None:
    """Relation: RMSProp's new squares and weights are finite (before any change)."""
    optimizer, params, grads = (
        arguments["self"],
        arguments["params"],
        arguments["grads"],
    )
    eta, epsilon, rho = (
        optimizer.eta(arguments["epoch"]),
        optimizer.epsilon,
        optimizer.rho,
    )
    squares = optimizer.squares or [np.zeros_like(w) for w in params]
    with np.errstate(over="ignore", invalid="ignore"):
        squares = [rho * r + (1 - rho) * g * g for r, g in zip(squares, grads)]
        new = [
            w - eta * g / (np.sqrt(r) + epsilon)
            for w, g, r in zip(params, grads, squares)
        ]
    _finite_squares(squares, grads)
    _finite_step(arguments, new)


def _adam_step_stays_finite(arguments: dict[str, Any]) -> None:
    """Relation: Adam's new averages and weights are finite (before any change)."""
    optimizer, params, grads = (
        arguments["self"],
        arguments["params"],
        arguments["grads"],
    )
    eta, epsilon = optimizer.eta(arguments["epoch"]), optimizer.epsilon
    b1, b2, t = optimizer.beta1, optimizer.beta2, optimizer.t + 1
    moments = optimizer.moments or [np.zeros_like(w) for w in params]
    squares = optimizer.squares or [np.zeros_like(w) for w in params]
    with np.errstate(over="ignore", invalid="ignore"):
        moments = [b1 * m + (1 - b1) * g for m, g in zip(moments, grads)]
        squares = [b2 * r + (1 - b2) * g * g for r, g in zip(squares, grads)]
        new = [
            w - eta * (m / (1 - b1**t)) / (np.sqrt(r / (1 - b2**t)) + epsilon)
            for w, m, r in zip(params, moments, squares)
        ]
    _finite_squares(squares, grads)
    _finite_step(arguments, new)


def _update_fits(arguments: dict[str, Any]) -> None:
    """Relation for ``update``: ``grads`` are the network's, finite; its step would fit.

    ``grads`` must be the :class:`~ffnn_edu.nn.network.Gradients` of this
    ``network`` (``network.backprop(X, T)``), one finite array shaped like each weight
    matrix and bias vector; then the relations of the optimizer's ``step`` run on the
    network's parameters (the learning rate of ``epoch``, a velocity or record of
    squares built up on this network's shapes, a step that stays finite).
    """
    network, grads = arguments["network"], arguments["grads"]
    if not isinstance(grads, Gradients):
        raise TypeError(
            f"grads must be the Gradients of the network, as network.backprop(X, T) "
            f"returns them, but it is {type(grads).__name__}"
        )
    biases = network.biases or []
    for kind, ours, theirs in (
        ("weights", network.weights, grads.weights),
        ("biases", biases, grads.biases or []),
    ):
        shapes = [np.shape(g) for g in theirs]
        if shapes != [w.shape for w in ours]:
            raise ValueError(
                f"grads.{kind} must be shaped like the network's {kind}, "
                f"{[w.shape for w in ours]} (layer sizes {network.layer_sizes}), but "
                f"they are {shapes}; use the gradients of this network's backprop"
            )
        for k, g in enumerate(theirs):
            as_array(g, f"grads.{kind}[{k}]", allow_empty=True)
    step_arguments = {
        "self": arguments["self"],
        "params": network.parameters(),
        "grads": grads.as_list(),
        "epoch": arguments["epoch"],
    }
    for relation in type(arguments["self"]).step.relations:
        relation(step_arguments)


class GradientDescent(KnownKeywords):
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

    @property
    def schedule(self) -> Schedule:
        """The schedule ``eta`` was given as.

        A number given as ``eta`` is its
        :func:`~ffnn_edu.nn.schedules.constant` schedule.

        :attr:`eta` keeps a package schedule's formula without its check of the
        epoch (its ``rate``); this is the schedule itself, whose ``repr`` says how it
        was made.

        Examples
        --------
        >>> GradientDescent(0.5).schedule
        constant(0.5)
        """
        rate = self.eta
        owner = getattr(rate, "__self__", None)
        return owner if isinstance(owner, RateSchedule) else rate

    def learning_rate(self, epoch: int) -> float:
        """The learning rate used in ``epoch`` (counted from 0, an integer), checked.

        Raises
        ------
        TypeError, ValueError
            If the schedule gives no number > 0 for ``epoch``; the message names the
            schedule, what it returned and the epoch.

        Examples
        --------
        >>> GradientDescent(0.5).learning_rate(3)
        0.5
        >>> GradientDescent(lambda epoch: 0.5 if epoch < 5 else -1).learning_rate(5)
        Traceback (most recent call last):
        ...
        ValueError: eta, the schedule <lambda>, returned -1 at epoch 5; a learning rate
        must be a finite number > 0
        """
        epoch = epoch_number(epoch, "epoch")
        value = self.eta(epoch)
        try:
            return check_number(value, "eta", low=0.0, low_inclusive=False)
        except (TypeError, ValueError) as error:
            raise _bad_rate(self.schedule, value, epoch, error) from None

    def check_parameters(self, params: Sequence[Array]) -> None:
        """Raise ``ValueError`` unless this optimizer can step ``params``."""

    @checked(
        _update_fits,
        network=instance_of(FeedForwardNetwork),
        epoch=epoch_number,
        regularizer=as_penalty,
        n=check_count,
    )
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
        with the learning rate of ``epoch`` and ``n`` training samples. Called by hand
        it checks its arguments; the training loop calls its unchecked body
        (``unchecked(optimizer.update)``), as
        :func:`~ffnn_edu.nn.training.train_epoch` checked them once per epoch.

        Raises
        ------
        TypeError
            If ``network`` is not a FeedForwardNetwork, ``grads`` not its
            Gradients, ``regularizer`` not a Regularizer (or None), ``epoch`` or ``n``
            not a whole number.
        ValueError
            If ``grads`` are shaped unlike the network's weights and biases (another
            network's), hold NaN or infinity, or the step would overflow; nothing is
            changed then.

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


class _PerWeightRate(GradientDescent):
    """What AdaGrad, RMSProp and Adam share: epsilon, a record of squared gradients."""

    def __init__(self, eta: float | Schedule, epsilon: float) -> None:
        super().__init__(eta)
        self.epsilon = check_number(epsilon, "epsilon", low=0.0, low_inclusive=False)
        #: The record :math:`r` of squared gradients, one array per parameter array;
        #: None before the first step.
        self.squares: list[Array] | None = None

    def fresh(self) -> _PerWeightRate:
        """A copy with the same settings whose squared gradients start at 0."""
        twin = copy.copy(self)
        twin.squares = None
        return twin

    def check_parameters(self, params: Sequence[Array]) -> None:
        """Raise ``ValueError`` unless the squares (if any) fit ``params``' shapes."""
        _squares_fit({"self": self, "params": params})

    def squared_gradients(self, params: Sequence[Array]) -> list[Array]:
        """The record :math:`r` of every parameter array; 0 before the first step."""
        if self.squares is None:
            self.squares = [np.zeros_like(w) for w in params]
        return self.squares


class AdaGrad(_PerWeightRate):
    """Gradient descent with a learning rate per weight that shrinks with its gradients.

    Every weight sums the squares of all its gradients so far in :math:`r` and takes
    the step :math:`\\eta\\,g / (\\sqrt{r} + \\epsilon)`:

    .. math::
        r \\leftarrow r + g^2, \\qquad
        w \\leftarrow w - \\frac{\\eta\\,g}{\\sqrt{r} + \\epsilon}.

    A weight with steep gradients gets small steps, one with shallow gradients
    large ones; every first step has the size :math:`\\eta` (nearly), whatever the
    gradient. Since :math:`r` only grows, every weight's rate keeps falling, like
    :math:`1/\\sqrt{t}` for gradients of a steady size. Source: J. Duchi, E. Hazan and
    Y. Singer, "Adaptive subgradient methods for online learning and stochastic
    optimization", Journal of Machine Learning Research 12 (2011), 2121-2159 (the
    diagonal update, with :math:`\\delta`, here :math:`\\epsilon`, added to
    :math:`\\sqrt{r}`).

    Parameters
    ----------
    eta : float or callable
        Learning rate :math:`\\eta > 0` (or schedule); about the largest step a
        weight can take (PyTorch's default is 0.01).
    epsilon : float
        :math:`\\epsilon > 0`, which keeps the division finite where :math:`r = 0`.

    Raises
    ------
    ValueError
        If ``eta`` or ``epsilon`` is not > 0.

    Examples
    --------
    Two steps on the gradient 2: :math:`r = 4`, a step of
    :math:`0.1 \\cdot 2/2 = 0.1`; then :math:`r = 8`, a step of
    :math:`0.1 \\cdot 2/\\sqrt 8 \\approx 0.0707`.

    >>> import numpy as np
    >>> w = np.array([1.0])
    >>> opt = AdaGrad(eta=0.1)
    >>> opt.step([w], [np.array([2.0])], epoch=0); w.round(4)
    array([0.9])
    >>> opt.step([w], [np.array([2.0])], epoch=0); w.round(4)
    array([0.8293])
    """

    def __init__(self, eta: float | Schedule, epsilon: float = 1e-8) -> None:
        super().__init__(eta, epsilon)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(eta={self.learning_rate(0):g}, "
            f"epsilon={self.epsilon:g})"
        )

    @checked(
        _one_gradient_per_parameter,
        _schedule_gives_a_learning_rate,
        _squares_fit,
        _adagrad_step_stays_finite,
        epoch=epoch_number,
    )
    def step(self, params: Sequence[Array], grads: Sequence[Array], epoch: int) -> None:
        """One step, in place: r <- r + g^2, then w <- w - eta g / (sqrt(r) + eps)."""
        eta = self.eta(epoch)
        for w, g, r in zip(params, grads, self.squared_gradients(params)):
            r += g * g
            w -= eta * g / (np.sqrt(r) + self.epsilon)


class RMSProp(_PerWeightRate):
    """Gradient descent with a learning rate per weight from a moving average of g².

    AdaGrad with a leaky memory: :math:`r` is a moving average of the squared
    gradients, so old gradients are forgotten and the rates do not fall for ever:

    .. math::
        r \\leftarrow \\rho\\,r + (1 - \\rho)\\,g^2, \\qquad
        w \\leftarrow w - \\frac{\\eta\\,g}{\\sqrt{r} + \\epsilon}.

    For gradients of a steady size the step tends to :math:`\\eta` times the sign
    of the gradient, on a steep and on a shallow weight alike. Source: T. Tieleman
    and G. Hinton, "Lecture 6.5: rmsprop, divide the gradient by a running average
    of its recent magnitude", COURSERA: Neural Networks for Machine Learning (2012),
    a slide of lecture 6e (the rule has no paper of its own), with
    :math:`\\rho = 0.9`; the slide has no :math:`\\epsilon`, which is added to
    :math:`\\sqrt{r}` as in AdaGrad (and in Keras and PyTorch).

    Parameters
    ----------
    eta : float or callable
        Learning rate :math:`\\eta > 0` (or schedule); 0.001 is a common choice.
    rho : float
        Decay rate of the moving average, :math:`0 \\le \\rho < 1`.
    epsilon : float
        :math:`\\epsilon > 0`, which keeps the division finite where :math:`r = 0`.

    Raises
    ------
    ValueError
        If ``eta`` or ``epsilon`` is not > 0, or ``rho`` is not in [0, 1).

    Examples
    --------
    The first step on the gradient 2: :math:`r = 0.1 \\cdot 4 = 0.4`, a step of
    :math:`0.1 \\cdot 2/\\sqrt{0.4} \\approx 0.316`, larger than :math:`\\eta`
    because :math:`r` starts at 0.

    >>> import numpy as np
    >>> w = np.array([1.0])
    >>> RMSProp(eta=0.1).step([w], [np.array([2.0])], epoch=0); w.round(4)
    array([0.6838])
    """

    def __init__(
        self, eta: float | Schedule, rho: float = 0.9, epsilon: float = 1e-8
    ) -> None:
        super().__init__(eta, epsilon)
        self.rho = check_number(rho, "rho", low=0.0, high=1.0, high_inclusive=False)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(eta={self.learning_rate(0):g}, rho={self.rho:g}, "
            f"epsilon={self.epsilon:g})"
        )

    @checked(
        _one_gradient_per_parameter,
        _schedule_gives_a_learning_rate,
        _squares_fit,
        _rmsprop_step_stays_finite,
        epoch=epoch_number,
    )
    def step(self, params: Sequence[Array], grads: Sequence[Array], epoch: int) -> None:
        """One step, in place: r <- rho r + (1 - rho) g^2, w <- w - eta g/(√r + eps)."""
        eta, rho = self.eta(epoch), self.rho
        for w, g, r in zip(params, grads, self.squared_gradients(params)):
            r[...] = rho * r + (1 - rho) * g * g
            w -= eta * g / (np.sqrt(r) + self.epsilon)


class Adam(_PerWeightRate):
    """Adaptive moment estimation: RMSProp's rates with a momentum-like average of g.

    Adam keeps two moving averages per weight, :math:`m` of the gradients (like a
    velocity) and :math:`r` of their squares (as RMSProp), corrects both for having
    started at 0, and steps by their ratio:

    .. math::
        m \\leftarrow \\beta_1 m + (1 - \\beta_1)\\,g, \\qquad
        r \\leftarrow \\beta_2 r + (1 - \\beta_2)\\,g^2,

    .. math::
        \\hat m = \\frac{m}{1 - \\beta_1^t}, \\qquad
        \\hat r = \\frac{r}{1 - \\beta_2^t}, \\qquad
        w \\leftarrow w - \\frac{\\eta\\,\\hat m}{\\sqrt{\\hat r} + \\epsilon},

    where :math:`t` counts the steps taken (1 in the first). Without the bias
    correction the first steps would be far too small, since both averages start at
    0. A step is at most about :math:`\\eta` in size wherever the gradient keeps its
    sign. Source: D. P. Kingma and J. Ba, "Adam: a method for stochastic
    optimization", ICLR 2015, Algorithm 1 (their :math:`\\alpha` is :math:`\\eta`,
    their :math:`v` is :math:`r`; they suggest :math:`\\eta = 0.001`).

    Parameters
    ----------
    eta : float or callable
        Learning rate :math:`\\eta > 0` (or schedule).
    beta1, beta2 : float
        Decay rates of the two averages, each in [0, 1).
    epsilon : float
        :math:`\\epsilon > 0`, which keeps the division finite where :math:`r = 0`.

    Raises
    ------
    ValueError
        If ``eta`` or ``epsilon`` is not > 0, or a decay rate is not in [0, 1).

    Examples
    --------
    The bias correction makes the first step :math:`\\eta\\,g/|g|`, here 0.1,
    whatever the size of the gradient:

    >>> import numpy as np
    >>> w = np.array([1.0, 1.0])
    >>> Adam(eta=0.1).step([w], [np.array([2.0, 0.001])], epoch=0); w.round(4)
    array([0.9, 0.9])
    """

    def __init__(
        self,
        eta: float | Schedule,
        beta1: float = 0.9,
        beta2: float = 0.999,
        epsilon: float = 1e-8,
    ) -> None:
        super().__init__(eta, epsilon)
        self.beta1 = check_number(
            beta1, "beta1", low=0.0, high=1.0, high_inclusive=False
        )
        self.beta2 = check_number(
            beta2, "beta2", low=0.0, high=1.0, high_inclusive=False
        )
        #: The moving average :math:`m` of the gradients; None before the first step.
        self.moments: list[Array] | None = None
        #: :math:`t`, the number of steps taken.
        self.t = 0

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(eta={self.learning_rate(0):g}, "
            f"beta1={self.beta1:g}, beta2={self.beta2:g}, epsilon={self.epsilon:g})"
        )

    def fresh(self) -> Adam:
        """A copy with the same settings, both averages at 0 and no steps taken."""
        twin = copy.copy(self)
        twin.squares, twin.moments, twin.t = None, None, 0
        return twin

    def first_moments(self, params: Sequence[Array]) -> list[Array]:
        """The moving average :math:`m` of every parameter array; 0 before the first."""
        if self.moments is None:
            self.moments = [np.zeros_like(w) for w in params]
        return self.moments

    @checked(
        _one_gradient_per_parameter,
        _schedule_gives_a_learning_rate,
        _squares_fit,
        _adam_step_stays_finite,
        epoch=epoch_number,
    )
    def step(self, params: Sequence[Array], grads: Sequence[Array], epoch: int) -> None:
        """One step, in place: Kingma and Ba's Algorithm 1 (``t`` counts the steps)."""
        eta, beta1, beta2 = self.eta(epoch), self.beta1, self.beta2
        self.t += 1
        moments, squares = self.first_moments(params), self.squared_gradients(params)
        for w, g, m, r in zip(params, grads, moments, squares):
            m[...] = beta1 * m + (1 - beta1) * g
            r[...] = beta2 * r + (1 - beta2) * g * g
            m_hat = m / (1 - beta1**self.t)
            r_hat = r / (1 - beta2**self.t)
            w -= eta * m_hat / (np.sqrt(r_hat) + self.epsilon)
