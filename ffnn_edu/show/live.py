r"""Live figures: a network that trains in the web page as the learner moves η, λ, μ.

A :class:`LiveFigure` writes one HTML figure: sliders on log scales for the learning
rate :math:`\eta`, the penalty rate :math:`\lambda` and the momentum rate :math:`\mu`,
play, pause and reset buttons, an epoch counter, a canvas with the decision regions and
one with the training and test loss per epoch (on an axis from 0 that grows to the
highest loss of the run, so a run that blows up stays in the picture), redrawn as the
network learns, the code that reproduces the run with ``ffnn_edu`` and, when the run
ends, the sentence :func:`~ffnn_edu.nn.training.train` ends it with
(``History.message``, diverged or not).

The training happens in the page, in ``book/_live/trainer.js``: the same formulas in the
same order of operations as :func:`~ffnn_edu.nn.training.train`, in
float64 (JavaScript numbers):

* forward pass :math:`Z = AW`, then :math:`Z \mathrel{+}= b`, :math:`A = f(Z)`, with
  :math:`\sigma(z) = (\tanh(z/2) + 1)/2`, tanh, ReLU
  :math:`\max(z, 0)` or a linear output;
* output delta :math:`(y - t)/N` for the binary cross-entropy of a sigmoid output
  (:math:`N` entries), :math:`(-2(t - y)/N)\,y(1 - y)` for ``mse``,
  :math:`-(t - y)\,y(1 - y)` for ``half_sse``; hidden deltas
  :math:`(\delta W^\top) \odot f'` from the outputs;
* gradients :math:`A^\top\delta` and :math:`\sum_n \delta_n`, plus :math:`2w\lambda/n`
  for L2 (:math:`n` training samples); the step :math:`w \mathrel{-}= \eta g`, or
  :math:`v = \mu v - \eta g`, :math:`w \mathrel{+}= v`; then for L1 the proximal step
  :math:`w = \operatorname{sign}(w)\max(|w| - \eta\lambda/n, 0)`;
* dropout, given the masks ``train`` draws (the twin test replays its generator): the
  hidden outputs times the mask going forward, the deltas times it going back (no live
  figure uses it yet: the masks of a whole run are too many to write into a page);
* after each epoch the loss (the cross-entropy from the logits,
  :math:`\operatorname{mean}\big((\max(z, 0) - tz) + \ln(1 + e^{-|z|})\big)`), and
  train's divergence rules and sentences (loss blown up; weights blown up, against the
  larger of their starting size and the scale of the data, in an epoch whose loss
  reached no new lowest value; a bounded loss stuck), and its sentence for a run whose
  loss ended far above its start. The sentence that names the likely cause leaves out
  the targets clause (:data:`~ffnn_edu.nn.training.LARGE_TARGETS`): the page's targets
  are labels 0 and 1, which never reach it. It leaves out the sentence for a run that
  learned nothing from inputs far too small (below
  :data:`~ffnn_edu.nn.training.SMALL_INPUTS`, ``History.small_inputs``) as well: the
  page's points are the book's, chosen in the plane at sizes of about 1, where it cannot
  fire (the page's budget of bytes is spent). Python's ``fit`` of the same figure
  says it, for points that small.

Two of the package's forms are simplified in the page, to keep it small: the sigmoid is
:math:`(1 + \tanh(z/2))/2` for every :math:`z` (the package uses :math:`e^z/(1 + e^z)`
for :math:`z < 0`, for the relative accuracy of tiny outputs), and the output delta is
:math:`(y - t)/N` from the outputs (the package's comes from the logits); both differ
from the package's by round-off, below :math:`10^{-16}` in absolute value, which the
twin test's tolerance covers.

The data and the initial weights are written here by Python
(``FeedForwardNetwork(..., seed=seed)``, as
:class:`~ffnn_edu.nn.classifier.NetworkClassifier` builds it). The browser test
``tests/browser/test_live_trainer.py`` proves the two equal to 1e-12, epoch by epoch.
One difference is left: with ``shuffle`` a full batch is summed in the order numpy's
generator drew, and the page sums it in the order of the data, which changes the weights
only by round-off (about 1e-15). For minibatches the page replays numpy's orders,
written into it (at most ``MAX_ORDERS`` indices, samples times epochs), so a minibatch
run is ``train``'s run exactly.

The figure needs JavaScript; without it (a PDF, a notebook whose output is not trusted)
the figure stays hidden, a sentence says what it would show, and the chapter's
pre-rendered slider figure shows the same ideas.

The Sphinx extension ``book/_ext/live_trainer.py`` ships ``book/_live/*.js`` to the
built book's ``_live/`` folder; the figure loads them from there (no
request leaves the machine).
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import numbers
import warnings
from collections.abc import Sequence
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.activations import OTHER_NAMES as OTHER_ACTIVATION_NAMES
from ffnn_edu.nn.classifier import (
    ConvergenceWarning,
    NetworkClassifier,
    check_hyperparameters,
    check_layers,
    check_loss_name,
    trained_loss,
)
from ffnn_edu.nn.losses import get_loss
from ffnn_edu.nn.network import MAX_LAYERS, FeedForwardNetwork
from ffnn_edu.nn.training import MAX_EPOCHS
from ffnn_edu.nn.validation import (
    as_array,
    check_count,
    check_number,
    check_sizes,
    check_work,
    checked,
    exactly,
    known_names,
    settings_of,
    suggest_name,
)

from .plotting import drawable_extent
from .sliders import MAX_LIVE_STOPS, live_positions, setting

#: The hyper-parameters a live figure has sliders for, with their symbol and name.
SLIDERS = {
    "eta": ("η", "learning rate"),
    "lam": ("λ", "penalty rate"),
    "mu": ("μ", "momentum rate"),
}
#: The losses, as NetworkClassifier names them, and as train and the page name them:
#: the loss the classifier trains with for two classes (the cross-entropies, whichever
#: name, are the binary one on the figure's one sigmoid output), one vocabulary; the
#: page's script knows only these.
LOSSES = {
    name: trained_loss(name, 2)
    for name in (
        "cross_entropy",
        "binary_cross_entropy",
        "categorical_cross_entropy",
        "mse",
        "half_sse",
    )
}
#: How the loss axis is labelled.
LOSS_WORDS = {
    "cross_entropy": "cross-entropy loss",
    "binary_cross_entropy": "cross-entropy loss",
    "categorical_cross_entropy": "cross-entropy loss",
    "mse": "mean squared error",
    "half_sse": "half sum of squared errors",
}
#: The most minibatch indices (samples times epochs) written into a page.
MAX_ORDERS = 50_000
#: The most points (training or test, each) written into a page; the reader's browser
#: runs the network on all of them every frame (the book writes at most 200).
MAX_POINTS = 5_000
#: The most grid points per side of the decision regions, evaluated in the reader's
#: browser every frame (the book uses 60).
MAX_RESOLUTION = 300
#: The most columns of a line of the classifier code written under the figure.
CODE_WIDTH = 70
#: The first line of the code under a figure.
IMPORT = "from ffnn_edu import NetworkClassifier"


class LiveFigure:
    """A figure that trains a classifier in the web page, live, as its sliders move.

    Parameters
    ----------
    X_train, y_train : array_like, shapes (n, 2) and (n,)
        Training points in the plane and their labels, 0 or 1.
    X_test, y_test : array_like, shapes (m, 2) and (m,)
        Test points (drawn hollow; their loss is the second curve).
    hidden_layer_sizes : sequence of int
        As for :class:`~ffnn_edu.nn.classifier.NetworkClassifier`, e.g. ``(60,)``.
    activation : {"tanh", "sigmoid", "relu"}
        The hidden units.
    loss : str
        The classifier's loss, any name ``NetworkClassifier`` takes:
        ``"cross_entropy"``, ``"binary_cross_entropy"`` or
        ``"categorical_cross_entropy"`` (for the two classes all three are the binary
        cross-entropy on one sigmoid output, as the classifier chooses), ``"mse"`` or
        ``"half_sse"``.
    epochs : int
        Length of a run, at most :data:`~ffnn_edu.nn.training.MAX_EPOCHS` (the
        reader's browser runs them all).
    batch_size : int, optional
        None for full batch. With minibatches, ``epochs`` times the training points must
        be at most ``MAX_ORDERS`` (50 000): the page gets numpy's order for every epoch.
    penalty : {"l2", "l1"}
        Which penalty the ``lam`` slider sets (0: no penalty).
    eta, lam, mu : float
        Starting values (moved to the nearest slider position); the values of those that
        have no slider.
    sliders : dict
        ``{"eta": (low, high), "lam": (low, ..., high), "mu": (0.0, ..., high)}``: the
        range of each slider, and any values between that must be positions too (a
        chapter's own values, such as ``(0.01, 5.0, 100.0)``). ``eta`` and ``lam`` stop
        at the E24 preferred numbers from ``low`` to ``high`` (24 per factor of 10: 1,
        1.1, 1.2, 1.3, 1.5, ... 9.1, see :func:`~ffnn_edu.show.sliders.live_positions`),
        ``lam`` with 0 as its first position; ``mu`` stops where :math:`1 - \\mu` is
        such a number, from ``low`` (use 0) to ``high`` < 1: 0, 0.5,
        0.9 and 0.99 are positions.
    seed : int
        The seed of the initial weights and of the minibatch order.
    title : str
        The caption.
    description : str
        What the figure shows, for screen readers (the canvases' label).
    resolution : int
        Grid points per side for the decision regions, at most ``MAX_RESOLUTION`` (300).
    epochs_per_frame : int, optional
        Epochs trained between two redraws (by default a run takes about 240 frames).
    loss_limit : float, optional
        The least top of the loss axis (by default 1.3 times the larger starting
        loss); the page raises the top to the highest loss of the run so far, training
        or test, so the curves never leave the picture.
    train_code, test_code : str
        How the training and test data are written in the code, e.g. ``"X_moons,
        y_moons"`` and ``"(X_test[:200], y_test[:200])"``.

    Raises
    ------
    ValueError
        For points that are not 2-D, labels other than 0 and 1, an unknown slider or
        loss, a slider range that is empty or outside what its parameter allows, more
        than ``MAX_EPOCHS`` epochs, minibatches with more than ``MAX_ORDERS`` indices
        to write, more than ``MAX_POINTS`` (5000) training or test points, a
        ``resolution`` above ``MAX_RESOLUTION``, or ``hidden_layer_sizes`` beyond the
        network's limits (more entries than ``MAX_LAYERS``, counted before any is
        read, a layer above ``MAX_LAYER_SIZE``, more weights than ``MAX_PARAMETERS``),
        as :meth:`~ffnn_edu.nn.classifier.NetworkClassifier.fit` refuses them; and
        any setting ``fit`` refuses, at both ends of every slider, by the classifier's
        own :func:`~ffnn_edu.nn.classifier.check_hyperparameters`.
    TypeError
        If ``hidden_layer_sizes`` is a number, ``sliders`` is not a dict, or a fixed
        ``eta``, ``lam`` or ``mu`` (the starting value of a slider, or the value when
        it is not one) is not a number.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import two_moons
    >>> X, y = two_moons(60, seed=0)
    >>> fig = LiveFigure(X[:40], y[:40], X[40:], y[40:], hidden_layer_sizes=(8,),
    ...                  eta=1.0, epochs=100,
    ...                  sliders={"eta": (0.01, 100.0), "mu": (0.0, 0.99)})
    >>> fig.positions["eta"][:3], len(fig.positions["eta"]), fig.positions["mu"][:3]
    ([0.01, 0.011, 0.012], 97, [0.0, 0.09, 0.18])
    >>> print(fig.code(eta=1.0, mu=0.9))
    from ffnn_edu import NetworkClassifier
    clf = NetworkClassifier((8,), activation="tanh", eta=1, mu=0.9,
                            epochs=100, batch_size=None, seed=0)
    clf.fit(X_train, y_train, validation_data=(X_test, y_test))
    print(clf.history_.message)
    >>> '<canvas' in fig._repr_html_()
    True
    """

    @checked(eta=setting, lam=setting, mu=setting)
    def __init__(
        self,
        X_train: ArrayLike,
        y_train: ArrayLike,
        X_test: ArrayLike,
        y_test: ArrayLike,
        *,
        hidden_layer_sizes: Sequence[int] = (8,),
        activation: str = "tanh",
        loss: str = "cross_entropy",
        epochs: int = 300,
        batch_size: int | None = None,
        penalty: str = "l2",
        eta: float = 0.5,
        lam: float = 0.0,
        mu: float = 0.0,
        sliders: dict[str, tuple[float, float]] | None = None,
        seed: int = 0,
        title: str = "",
        description: str = "",
        resolution: int = 60,
        epochs_per_frame: int | None = None,
        loss_limit: float | None = None,
        train_code: str = "X_train, y_train",
        test_code: str = "(X_test, y_test)",
    ) -> None:
        self.X_train, self.y_train = _points(X_train, y_train, "train")
        self.X_test, self.y_test = _points(X_test, y_test, "test")
        self.extent()  # points too far apart to draw are refused now, not in the page
        if isinstance(hidden_layer_sizes, numbers.Integral):
            raise TypeError(
                f"hidden_layer_sizes must be a sequence such as (8,), but it is "
                f"{hidden_layer_sizes!r}"
            )
        self.hidden_layer_sizes = check_sizes(  # counted before any entry is read
            hidden_layer_sizes, "hidden_layer_sizes", most=(MAX_LAYERS, "MAX_LAYERS")
        )
        check_layers((2, *self.hidden_layer_sizes, 1), 2)  # as fit would, up front
        kinds = ("tanh", "sigmoid", "relu")
        if activation not in kinds:
            raise ValueError(
                "activation must be 'tanh', 'sigmoid' or "
                f"'relu', but it is {activation!r}"
                f"{suggest_name(activation, kinds, OTHER_ACTIVATION_NAMES)}"
            )
        check_loss_name(loss)  # the classifier's names, in its words
        self.activation, self.loss, self.penalty = activation, loss, penalty
        self.epochs = check_count(epochs, "epochs")
        check_work(self.epochs, MAX_EPOCHS, "epochs (epochs)", "MAX_EPOCHS")
        self.batch_size = (
            None if batch_size is None else check_count(batch_size, "batch_size")
        )
        self.seed = check_count(seed, "seed", low=0)
        if self.batch_size is not None and len(self.X_train) * self.epochs > MAX_ORDERS:
            raise ValueError(
                f"epochs times the training points must be at most {MAX_ORDERS} "
                f"for minibatches (the page replays numpy's order for each epoch), "
                f"but it is {self.epochs} x {len(self.X_train)}; use fewer epochs "
                f"or full batches"
            )
        self.resolution = check_count(resolution, "resolution", low=2)
        check_work(
            self.resolution,
            MAX_RESOLUTION,
            "grid points per side (resolution)",
            "MAX_RESOLUTION",
        )
        self.title, self.description = str(title), str(description)
        for name, value, example in (
            ("train_code", train_code, "X_train, y_train"),
            ("test_code", test_code, "(X_test, y_test)"),
        ):
            if not isinstance(value, str):
                raise TypeError(
                    f"{name} must be a str such as {example!r}, but it is {value!r}"
                )
        self.train_code, self.test_code = train_code, test_code
        self.epochs_per_frame = (
            max(1, round(self.epochs / 240))
            if epochs_per_frame is None
            else check_count(epochs_per_frame, "epochs_per_frame")
        )
        sliders = {"eta": (0.01, 100.0)} if sliders is None else sliders
        if not isinstance(sliders, dict):
            raise TypeError(
                f"sliders must be a dict such as {{'eta': (0.01, "
                f"100.0)}}, but it is {sliders!r}"
            )
        if not sliders:
            raise ValueError(
                f"sliders must name at least one of {', '.join(sorted(SLIDERS))}, "
                "but it is empty"
            )
        known_names(sliders, sorted(SLIDERS), "LiveFigure(sliders=...)", "slider")
        self.positions = {
            name: _positions(name, sliders[name]) for name in SLIDERS if name in sliders
        }
        #: How each slider is spaced: by a constant factor of its value ("log", eta and
        #: lam) or of 1 - its value ("log1m", mu).
        self.scales = {
            name: "log1m" if name == "mu" else "log" for name in self.positions
        }
        self.values = {"eta": eta, "lam": lam, "mu": mu}  # numbers: @checked
        # their ranges (eta > 0, ...), in fit's words, before a slider snaps one
        check_hyperparameters(self.classifier())
        wanted = {name: float(value) for name, value in self.values.items()}
        self.start = {
            name: (
                min(
                    range(len(self.positions[name])),
                    key=lambda p: abs(self.positions[name][p] - value),
                )
                if name in self.positions
                else None
            )
            for name, value in wanted.items()
        }
        self.values = {
            name: (self.positions[name][p] if p is not None else wanted[name])
            for name, p in self.start.items()
        }
        # every setting fit refuses, alone or with another, at both ends of every
        # slider, refused now by the classifier's own checks, not in the page
        for ends in itertools.product(
            *([(name, p[0]), (name, p[-1])] for name, p in self.positions.items())
        ):
            check_hyperparameters(self.classifier(**dict(ends)))
        self.network = FeedForwardNetwork(
            (2, *self.hidden_layer_sizes, 1),
            [activation] * len(self.hidden_layer_sizes) + ["sigmoid"],
            seed=self.seed,
        )
        self.loss_limit = (
            self._default_loss_limit()
            if loss_limit is None
            else check_number(loss_limit, "loss_limit", low=0.0, low_inclusive=False)
        )

    def _default_loss_limit(self) -> float:
        E = get_loss(LOSSES[self.loss])
        start = max(
            E(cast(np.ndarray, self.network.forward(X)), y[:, None])
            for X, y in ((self.X_train, self.y_train), (self.X_test, self.y_test))
        )
        return float(f"{1.3 * start:.2g}")  # 2 digits: no round-off of any BLAS shows

    def code(self, **values: float) -> str:
        """The ``ffnn_edu`` code that trains the figure's run at these slider values."""
        v = {**self.values, **values}
        args = [repr(self.hidden_layer_sizes), f'activation="{self.activation}"']
        if self.loss != "cross_entropy":
            args.append(f'loss="{self.loss}"')
        if self.penalty != "l2":
            args.append(f'penalty="{self.penalty}"')
        for name in ("eta", "lam", "mu"):
            if name == "eta" or name in self.scales or v[name] > 0:
                args.append(f"{name}={float(v[name]):g}")
        args += [
            f"epochs={self.epochs}",
            f"batch_size={self.batch_size}",
            f"seed={self.seed}",
        ]
        return _wrap("clf = NetworkClassifier(", args, self._tail())

    def fit(self, **values: float) -> NetworkClassifier:
        """The run the figure shows for these slider values, trained by ``ffnn_edu``.

        The classifier :meth:`code` writes, fitted to the figure's data (its
        ``history_`` holds the losses and the sentence the page ends the run with).
        A run that diverges does not warn: the sliders reach such rates on purpose,
        and ``history_.message`` says so, as the page does (the code, run as it
        stands, warns with :class:`~ffnn_edu.nn.classifier.ConvergenceWarning`).

        Examples
        --------
        >>> from ffnn_edu.nn.datasets import two_moons
        >>> X, y = two_moons(60, seed=0)
        >>> fig = LiveFigure(X[:40], y[:40], X[40:], y[40:], eta=1.0, epochs=5)
        >>> fig.fit(eta=0.1).history_.message
        'Trained for 5 epochs (5 iterations); training loss 0.7015 -> 0.6061.'
        """
        clf = self.classifier(**values)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            return clf.fit(
                self.X_train, self.y_train, validation_data=(self.X_test, self.y_test)
            )

    def classifier(self, **values: float) -> NetworkClassifier:
        """The (untrained) classifier :meth:`code` writes for these slider values."""
        v = {**self.values, **values}
        return NetworkClassifier(
            self.hidden_layer_sizes,
            activation=self.activation,
            loss=self.loss,
            penalty=self.penalty,
            eta=v["eta"],
            lam=v["lam"],
            mu=v["mu"],
            epochs=self.epochs,
            batch_size=self.batch_size,
            seed=self.seed,
        )

    def _tail(self) -> list[str]:
        return [
            f"clf.fit({self.train_code}, validation_data={self.test_code})",
            "print(clf.history_.message)",
        ]

    def _code_spec(self) -> dict[str, Any]:
        """What ``live_figure.js`` needs to write :meth:`code` for any slider values."""
        before = [repr(self.hidden_layer_sizes), f'activation="{self.activation}"']
        if self.loss != "cross_entropy":
            before.append(f'loss="{self.loss}"')
        if self.penalty != "l2":
            before.append(f'penalty="{self.penalty}"')
        return {
            "import": IMPORT,
            "head": "clf = NetworkClassifier(",
            "before": before,
            "params": [["eta", "eta={}"], ["lam", "lam={}"], ["mu", "mu={}"]],
            "always": list(self.scales),
            "after": [
                f"epochs={self.epochs}",
                f"batch_size={self.batch_size}",
                f"seed={self.seed}",
            ],
            "tail": self._tail(),
            "width": CODE_WIDTH,
        }

    def _orders(self) -> str | None:
        """Numpy's minibatch orders for every epoch (uint16, base64), when they fit."""
        n = len(self.X_train)
        if self.batch_size is None:
            return None
        rng = np.random.default_rng(self.seed)  # train's generator (no dropout)
        orders = np.concatenate([rng.permutation(n) for _ in range(self.epochs)])
        return base64.b64encode(orders.astype("<u2").tobytes()).decode("ascii")

    def extent(self) -> list[float]:
        """x0, x1, y0, y1: the data's range plus 0.5, as in plot_decision_boundary.

        Points too far apart to draw are refused as there
        (:func:`~ffnn_edu.show.plotting.drawable_extent`), when the figure is made.
        """
        everything = np.vstack([self.X_train, self.X_test])
        lo, hi = drawable_extent(everything, 0.5, "X_train with X_test")
        return [float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])]

    def spec(self) -> dict[str, Any]:
        """Everything the page needs: settings, data, initial weights, sliders, code."""
        return {
            "settings": {
                "layerSizes": list(self.network.layer_sizes),
                "activation": [a.name for a in self.network.activations],
                "loss": LOSSES[self.loss],
                "batchSize": self.batch_size,
                "epochs": self.epochs,
            },
            "penalty": self.penalty,
            "values": self.values,
            "seed": self.seed,
            "initial": {
                "weights": [w.tolist() for w in self.network.weights],
                "biases": [b.tolist() for b in self.network.biases or []],
            },
            "data": {
                "X": self.X_train.tolist(),
                "T": self.y_train.tolist(),
                "Xval": self.X_test.tolist(),
                "Tval": self.y_test.tolist(),
            },
            "sliders": self.positions,
            "extent": self.extent(),
            "resolution": self.resolution,
            "bands": _BANDS,
            "lossLimit": self.loss_limit,
            "lossWords": LOSS_WORDS[self.loss],
            "epochsPerFrame": self.epochs_per_frame,
            "orders": self._orders(),
            "code": self._code_spec(),
        }

    def element_id(self) -> str:
        """The figure's HTML id: a hash of its content, the same in every run."""
        digest = hashlib.sha1(_script_json(self.spec()).encode()).hexdigest()[:12]
        return f"lf-{digest}"

    def _repr_html_(self) -> str:
        uid = self.element_id()
        rows = []
        for name in self.scales:
            symbol, words = SLIDERS[name]
            p = self.start[name]
            text = f"{self.values[name]:g}"
            label = (
                f"{symbol} "
                f"({words}{', L1' if name == 'lam' and self.penalty == 'l1' else ''})"
            )
            rows.append(
                '<div class="live-slider"><label '
                f'for="{uid}-{name}">{html.escape(label)}</label><input type="range" '
                f'id="{uid}-{name}" data-name="{name}" min="0" '
                f'max="{len(self.positions[name]) - 1}" step="1" value="{p}" '
                f'aria-valuetext="{symbol} = {text}"><output '
                f'for="{uid}-{name}">{text}</output></div>'
            )
        x0, x1, y0, y1 = self.extent()
        aspect = min(max((y1 - y0) / (x1 - x0), 0.6), 1.2)
        desc = html.escape(self.description or self.title or "Live training figure")
        desc += "" if desc.endswith(".") else "."
        names = " and ".join(SLIDERS[n][0] for n in self.scales)
        return (
            f'<p class="live-fallback" id="{uid}-fallback"><em>A '
            "live figure belongs here: in the "
            "web book, with JavaScript, this network trains in the page as you move "
            f"{names}. The slider figure above shows the same ideas.</em></p>"
            f'<figure class="live-figure" id="{uid}" hidden>'
            f"<style>{_CSS}</style>"
            + (
                f"<figcaption>{html.escape(self.title)}</figcaption>"
                if self.title
                else ""
            )
            + f'<div class="live-controls">{"".join(rows)}'
            '<div class="live-buttons"><button type="button" '
            'data-action="play" aria-pressed="false">Play</button> <button '
            'type="button" data-action="reset">Reset</button> <span '
            'class="live-epoch">epoch <output>0</output> of '
            f"{self.epochs}</span></div></div>"
            '<div class="live-canvases"><canvas class="live-regions" '
            f'data-aspect="{aspect:.3f}" role="img" aria-label="{desc} The '
            'decision regions and the data."></canvas><canvas class="live-curves" '
            'data-aspect="0.75" role="img" aria-label="The training loss and the test '
            "loss per epoch, on an axis that grows to the run's highest "
            'loss."></canvas></div><p class="live-numbers"></p><p '
            'class="live-status" role="status" aria-live="polite"></p><pre '
            f'class="live-code"><code>{html.escape(self.code())}</code></pre><script '
            f'type="application/json" class="live-data">{_script_json(self.spec())}'
            "</script></figure>"
            f'<script type="module">{_LOADER.replace("ID", json.dumps(uid))}</script>'
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        names = " and ".join(SLIDERS[n][0] for n in self.scales)
        return {
            "text/html": self._repr_html_(),
            "text/plain": "[Live figure, in the web book only: the network trains in "
            f"the page as you move {names}.]",
        }


def live_figure(
    X_train: ArrayLike,
    y_train: ArrayLike,
    X_test: ArrayLike,
    y_test: ArrayLike,
    **settings: Any,
) -> LiveFigure:
    """A :class:`LiveFigure` (keyword arguments as there).

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import two_moons
    >>> X, y = two_moons(40, seed=0)
    >>> live_figure(X[:30], y[:30], X[30:], y[30:], epochs=10).values["eta"]
    0.51
    """
    known_names(settings, settings_of(LiveFigure), "live_figure()", "setting")
    return LiveFigure(X_train, y_train, X_test, y_test, **settings)


def _positions(name: str, values: Any) -> list[float]:
    """A slider's positions: E24 stops between its first and last value, and its values.

    ``eta`` and ``lam`` stop at the E24 numbers (``lam`` also at 0); ``mu`` where
    :math:`1 - \\mu` is an E24 number. Raises ValueError for a range that is empty or
    outside what the parameter allows, or for more than
    :data:`~ffnn_edu.show.sliders.MAX_LIVE_STOPS` values, counted before any is read
    (each becomes a position written into the page); the stops between them are at
    most as many again (:func:`~ffnn_edu.show.sliders.live_positions`).

    Examples
    --------
    >>> _positions("mu", (0.0, 0.5, 0.99))[:9]
    [0.0, 0.09, 0.18, 0.25, 0.32, 0.38, 0.44, 0.49, 0.5]
    """
    if not isinstance(values, (tuple, list)) or len(values) < 2:
        raise ValueError(
            f"the {name} slider must be given as (low, high) or (low, ..., high), "
            f"but it is {values!r}"
        )
    check_work(
        len(values),
        MAX_LIVE_STOPS,
        f"positions of the {name} slider (sliders[{name!r}] with {len(values)} values)",
        "MAX_LIVE_STOPS",
    )
    values = [check_number(v, f"a value of the {name} slider", low=0.0) for v in values]
    low, high = values[0], values[-1]
    if name == "mu":
        if not (low < high < 1 and all(low <= v <= high for v in values)):
            raise ValueError(
                f"the mu slider must run from low to high with 0 <= low < high "
                f"< 1, but it runs from {exactly(low)} to {exactly(high)}"
            )
        stops = live_positions([float(f"{1 - v:.12g}") for v in values], "log")
        return sorted({float(f"{1 - v:.12g}") for v in stops})
    if not (0 < low < high and all(low <= v <= high for v in values)):
        raise ValueError(
            f"the {name} slider must run from low to high with 0 < low < high "
            f"(a log scale), but it runs from {exactly(low)} to {exactly(high)}"
        )
    return ([0.0] if name == "lam" else []) + live_positions(values, "log")


def _points(X: ArrayLike, y: ArrayLike, part: str) -> tuple[np.ndarray, np.ndarray]:
    X = as_array(X, f"X_{part}", ndim=2)
    check_work(
        len(X),
        MAX_POINTS,
        f"points written into the page (rows of X_{part})",
        "MAX_POINTS",
    )
    if X.shape[1] != 2:
        raise ValueError(
            f"X_{part} must hold points in the plane, shape (n, "
            f"2), but it has shape {X.shape}"
        )
    y = as_array(y, f"y_{part}", ndim=1)
    if len(y) != len(X):
        raise ValueError(
            f"y_{part} must hold one label per row of X_{part} "
            f"({len(X)}), but it has {len(y)}"
        )
    if not np.isin(y, (0.0, 1.0)).all():
        raise ValueError(
            f"y_{part} must hold the labels 0 and 1, but it contains "
            f"{float(y[~np.isin(y, (0.0, 1.0))][0])!r}"
        )
    return X, y


def _bands() -> list[list[int]]:
    """The colours of plot_decision_boundary's ten probability bands, as RGB.

    The bands run from light blue through white to light orange.
    """
    blue, white, orange = (0xCF, 0xE3, 0xF2), (0xFF, 0xFF, 0xFF), (0xFB, 0xE3, 0xB3)
    bands = []
    for level in np.arange(10) / 10 + 0.05:
        a, b, f = (
            (blue, white, level / 0.5)
            if level < 0.5
            else (white, orange, (level - 0.5) / 0.5)
        )
        bands.append([round(x + (y - x) * f) for x, y in zip(a, b)])
    return bands


_BANDS = _bands()


def _wrap(head: str, args: list[str], tail: list[str]) -> str:
    """``head`` + arguments, wrapped under the opening parenthesis, then ``tail``."""
    lines, line = [IMPORT], head
    for i, arg in enumerate(args):
        piece = arg + (", " if i < len(args) - 1 else ")")
        if len(line) + len(piece.rstrip()) > CODE_WIDTH:
            lines.append(line.rstrip())
            line = " " * len(head)
        line += piece
    return "\n".join([*lines, line, *tail])


def _script_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element."""
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


# Finds live_figure.js beside the page's Sphinx files: the html element's
# data-content_root (Sphinx 7.2+), else the folder above documentation_options.js, else
# ./_live/. Where there is none (JupyterLab running the notebook) the figure stays
# hidden and the sentence stays.
_LOADER = (
    "const root = document.getElementById(ID);const options = "
    "document.querySelector('script[src$=\"documentation_options.js\"]');const base "
    "= root.dataset.scripts || (document.documentElement.dataset.content_root !== "
    "undefined ? new URL(document.documentElement.dataset.content_root + '_live/', "
    "document.baseURI).href : options ? new URL('../_live/', options.src).href : "
    "new URL('_live/', document.baseURI).href);import(base + "
    "'live_figure.js').then((m) => { m.mount(root); document.getElementById(ID + "
    "'-fallback')?.remove(); }).catch(() => {});"
)

_CSS = (
    ".live-figure{margin:1em 0;max-width:100%}.live-figure "
    "figcaption{font-weight:600;margin-bottom:.4em}"
    ".live-controls{display:flex;flex-wrap:wrap;gap:.3em 1.5em;align-items:center}"
    ".live-slider{display:flex;align-items:center;gap:.5em;flex-wrap:wrap}.live-slider "
    "label{min-width:10.5em}.live-slider input{width:min(15em,60vw)}.live-slider "
    "output{min-width:3.5em;font-variant-numeric:tabular-nums}.live-buttons "
    "button{min-width:4.5em;min-height:2.2em;margin-right:.3em}.live-epoch "
    "output{font-variant-numeric:tabular-nums}"
    ".live-canvases{display:flex;flex-wrap:wrap;gap:.8em;margin-top:.5em}"
    ".live-canvases canvas{flex:1 1 300px;max-width:480px;width:100%;border:1px solid "
    "#ccc}.live-numbers{margin:.3em 0;font-variant-numeric:tabular-nums}"
    ".live-status{margin:.3em 0;font-weight:600}"
    ".live-status.live-diverged{color:#b34700}"
    ".live-code{white-space:pre;overflow-x:auto;margin:.3em 0}"
)
