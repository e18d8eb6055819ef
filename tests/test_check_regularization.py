"""The self-checks of the regularization chapter: right answers pass, typical mistakes
get their hint, malformed answers are reported."""

import pytest

from ffnn_edu.show import check


def test_norms_accept_the_right_values():
    assert check.norms_of_vector(5, 3).correct
    assert check.norms_of_vector(5.0, 3.0004).correct


@pytest.mark.parametrize(
    "l1, l2, hint",
    [
        (1, 3, "signs"),
        (3, 3, "Euclidean"),
        (5, 9, "square root"),
        (5, 5, "L1 norm again"),
        (7, 3, "absolute values"),
    ],
)
def test_norms_recognise_typical_mistakes(l1, l2, hint):
    feedback = check.norms_of_vector(l1, l2)
    assert not feedback.correct
    assert hint in feedback.message


def test_l2_step_accepts_the_right_value():
    assert check.l2_update_step(0.734).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (0.742, "factor the textbook drops"),
        (0.75, "without the penalty"),
        (0.766, "towards 0"),
        (0.5, "Apply w - eta"),
    ],
)
def test_l2_step_recognises_typical_mistakes(answer, hint):
    feedback = check.l2_update_step(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "0.734" not in feedback.message


def test_l1_step_accepts_zero():
    assert check.l1_clipped_step(0.0).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (-0.002, "crosses zero"),
        (0.0005, "no factor 2"),
        (0.008, "towards zero"),
        (0.001, "do not"),
    ],
)
def test_l1_step_recognises_typical_mistakes(answer, hint):
    feedback = check.l1_clipped_step(answer)
    assert not feedback.correct
    assert hint in feedback.message


@pytest.mark.parametrize(
    "answer, hint", [([0.7, 0.7], "single number"), ("much", "a number")]
)
def test_malformed_answers_are_reported(answer, hint):
    feedback = check.l2_update_step(answer)
    assert not feedback.correct and hint in feedback.message


def test_norms_swapped_say_so():
    """L1 = 5 and L2 = 3 typed the other way round."""
    verdict = check.norms_of_vector(3.0, 5.0)
    assert not verdict.correct
    assert verdict.message.startswith("You swapped the two answers")
    assert check.norms_of_vector(5.0, 3.0).correct
    assert "swapped" not in check.norms_of_vector(3.0, 3.0).message


@pytest.mark.parametrize("l1, l2, words", [(-5.0, 3.0, "L1 norm"), (5.0, -3.0, "L2")])
def test_norms_of_vector_call_a_negative_norm_a_sign_slip(l1, l2, words):
    message = check.norms_of_vector(l1, l2).message
    assert message.startswith("A norm is never negative") and words in message


# Issue 16 (review 18, F12): an answer within the tolerance of 0 was praised with "the
# weight lands exactly on it", untrue of the answer given.
@pytest.mark.parametrize("answer", [0.0, 1e-20, -5e-7])
def test_l1_step_praise_is_true_of_any_answer_it_accepts(answer):
    feedback = check.l1_clipped_step(answer)
    assert feedback.correct
    assert "exactly" not in feedback.message
    assert "the clipping stops the weight at zero" in feedback.message


def test_l1_step_refuses_an_answer_beyond_the_tolerance():
    assert not check.l1_clipped_step(2e-6).correct
