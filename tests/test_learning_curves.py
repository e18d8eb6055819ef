"""Chapter 6's overfitting claims, for more than one seed: after the epoch of lowest
validation loss the training loss keeps falling, the validation loss rises clearly, and
the validation accuracy barely moves (so the loss warns before the accuracy does)."""

import pytest

from ffnn_edu.experiments.learning_curves import after_the_turn
from ffnn_edu.nn.classifier import NetworkClassifier
from ffnn_edu.nn.datasets import two_moons
from ffnn_edu.nn.preprocessing import Standardizer
from ffnn_edu.nn.training import History


@pytest.mark.parametrize("seed", [0, 1])
def test_after_the_turn_the_loss_rises_while_the_accuracy_barely_moves(seed):
    X_small, y_small = two_moons(60, noise=0.35, seed=1)
    X_check, y_check = two_moons(400, noise=0.35, seed=2)
    scaler = Standardizer().fit(X_small)
    big = NetworkClassifier(
        hidden_layer_sizes=(50,),
        activation="tanh",
        loss="binary_cross_entropy",
        eta=0.3,
        epochs=1500,
        batch_size=None,
        seed=seed,
    )
    big.fit(
        scaler.transform(X_small),
        y_small,
        validation_data=(scaler.transform(X_check), y_check),
    )
    turn = after_the_turn(big.history_)
    assert 0 < turn.best_epoch < turn.last_epoch - 500
    assert turn.train_loss[1] < 0.7 * turn.train_loss[0]
    assert turn.val_loss[1] > 1.15 * turn.val_loss[0]
    assert abs(turn.val_accuracy[1] - turn.val_accuracy[0]) <= 0.03


def test_a_history_without_validation_is_refused():
    with pytest.raises(ValueError, match="validation"):
        after_the_turn(History(epoch=[0], train_loss=[1.0]))
