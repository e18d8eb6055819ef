"""The self-checks of the dropout chapter: right answers pass, typical mistakes get their
hint, malformed answers are reported, and no message gives the answer away."""
import numpy as np
import pytest

from ffnn_edu import check
from ffnn_edu.check import dropout as chk
from ffnn_edu.dropout import dropout_mask


def test_exercise_numbers_match_the_package():
    mask = dropout_mask((2000, 10), chk.EXERCISE_RATE, np.random.default_rng(1))
    assert np.isclose(mask.max(), 1 / 0.75)
    assert abs((chk.EXERCISE_ACTIVATION * mask).mean() - chk.EXERCISE_ACTIVATION) < 0.01


@pytest.mark.parametrize("answer", [4 / 3, 1.333, 1.3333])
def test_dropout_scale_right(answer):
    assert check.dropout_scale(answer).correct


@pytest.mark.parametrize("answer, hint", [
    (0.75, "probability of keeping"),
    (0.25, "dropout rate itself"),
    (4.0, "divided by the dropout rate"),
    (2.0, "(chance of keeping) x factor"),
])
def test_dropout_scale_hints(answer, hint):
    feedback = check.dropout_scale(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "1.33" not in feedback.message


def test_dropout_scale_wrong_shape():
    feedback = check.dropout_scale([1.0, 2.0])
    assert not feedback.correct and "single number" in feedback.message


def test_kept_and_mean_right():
    assert check.kept_and_mean_activation(0.8, 0.6).correct


@pytest.mark.parametrize("kept, mean, hint", [
    (0.6, 0.6, "before the mask"),
    (0.45, 0.6, "multiplied by the chance"),
    (0.0, 0.6, "dropped unit"),
    (0.8, 0.45, "without the rescaling"),
    (0.8, 0.8, "dropped a quarter"),
    (0.8, 0.7, "P(kept)"),
])
def test_kept_and_mean_hints(kept, mean, hint):
    feedback = check.kept_and_mean_activation(kept, mean)
    assert not feedback.correct
    assert hint in feedback.message


def test_kept_and_mean_bad_input():
    feedback = check.kept_and_mean_activation("a lot", 0.6)
    assert not feedback.correct and "number" in feedback.message


def test_prediction_scale_right():
    assert check.prediction_scale(1).correct


@pytest.mark.parametrize("answer, hint", [
    (0.75, "non-inverted"),
    (4 / 3, "during training"),
    (0, "Nothing is dropped"),
    (0.5, "where the rescaling happened"),
])
def test_prediction_scale_hints(answer, hint):
    feedback = check.prediction_scale(answer)
    assert not feedback.correct
    assert hint in feedback.message


def test_dropout_implementation_accepts_any_correct_mask():
    import numpy as np
    right = lambda shape, rate, rng: (rng.random(shape) >= rate) / (1 - rate)
    also_right = lambda shape, rate, rng: rng.binomial(1, 1 - rate, size=shape) / (1 - rate)
    assert check.dropout_implementation(right).correct
    assert check.dropout_implementation(also_right).correct


@pytest.mark.parametrize("wrong, hint", [
    (lambda shape, rate, rng: (rng.random(shape) >= rate).astype(float), "scaled up"),
    (lambda shape, rate, rng: (rng.random(shape) < rate) / (1 - rate), "switched OFF"),
    (lambda shape, rate, rng: (np.random.default_rng(0).random(shape) >= rate) / (1 - rate),
     "fresh"),
    (lambda shape, rate, rng: (rng.random(shape[::-1]) >= rate) / (1 - rate), "shape"),
    (lambda shape, rate, rng: (rng.random(shape) >= rate) / rate, "other than 0"),
    (lambda shape, rate: None, "raised TypeError"),
    ("not a function", "function itself"),
])
def test_dropout_implementation_names_the_mistake_without_the_code(wrong, hint):
    verdict = check.dropout_implementation(wrong)
    assert not verdict.correct and hint in verdict.message
    assert "random(shape) >=" not in verdict.message
