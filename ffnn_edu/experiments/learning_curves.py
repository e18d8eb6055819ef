"""Chapter 9, A complete network: what happens after the validation loss turns upwards.

Chapter 6's overfitting run says three things about its curves: after the
epoch with the lowest validation loss the training loss keeps falling, the
validation loss rises, and the validation accuracy barely moves, so the loss
curve warns before the accuracy curve does.
:func:`~ffnn_edu.experiments.learning_curves.after_the_turn` measures those three
changes on any :class:`~ffnn_edu.nn.training.History` with validation data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ffnn_edu.nn.training import History
from ffnn_edu.nn.validation import as_array, checked, instance_of


def _curves_with_validation(arguments: dict[str, Any]) -> None:
    """Relation: the history has finite validation curves as long as its other ones."""
    history = arguments["history"]
    if not history.val_loss or not history.val_accuracy:
        raise ValueError(
            "history must hold validation losses and "
            "accuracies (train with validation data)"
        )
    curves = ("epoch", "train_loss", "val_loss", "val_accuracy")
    lengths = {name: len(getattr(history, name)) for name in curves}
    if len(set(lengths.values())) != 1:
        raise ValueError(
            "history must hold one entry per epoch in each curve, "
            f"but the lengths are {lengths}"
        )
    for name in curves[1:]:
        # refuses NaN, infinity
        as_array(getattr(history, name), f"history.{name}", ndim=1)


@dataclass(frozen=True)
class AfterTheTurn:
    """Changes from the epoch of lowest validation loss to the last epoch.

    Attributes
    ----------
    best_epoch : int
        Epoch (entry of the history) with the lowest validation loss.
    last_epoch : int
    train_loss, val_loss, val_accuracy : tuple of float
        Each quantity at ``best_epoch`` and at ``last_epoch``.
    """

    best_epoch: int
    last_epoch: int
    train_loss: tuple[float, float]
    val_loss: tuple[float, float]
    val_accuracy: tuple[float, float]


@checked(_curves_with_validation, history=instance_of(History))
def after_the_turn(history: History) -> AfterTheTurn:
    """Training loss, validation loss and validation accuracy at the turn and the end.

    Raises
    ------
    TypeError
        If ``history`` is not a :class:`~ffnn_edu.nn.training.History`.
    ValueError
        If ``history`` has no validation losses or accuracies, curves of
        different lengths, or a loss or accuracy that is NaN or infinite.

    Examples
    --------
    >>> h = History(epoch=[0, 1, 2], train_loss=[0.6, 0.4, 0.3],
    ...             val_loss=[0.6, 0.5, 0.55], train_accuracy=[0.5, 0.8, 0.9],
    ...             val_accuracy=[0.5, 0.8, 0.8])
    >>> after_the_turn(h).val_loss
    (0.5, 0.55)
    """
    best = int(np.argmin(history.val_loss))
    last = len(history.val_loss) - 1

    def pair(values: list[float]) -> tuple[float, float]:
        return float(values[best]), float(values[last])

    return AfterTheTurn(
        history.epoch[best],
        history.epoch[last],
        pair(history.train_loss),
        pair(history.val_loss),
        pair(history.val_accuracy),
    )
