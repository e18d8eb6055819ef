"""The self-checks of the dropout chapter: right answers pass, typical mistakes get
their hint, malformed answers are reported, and no message gives the answer away."""

import numpy as np
import pytest

from ffnn_edu.nn.dropout import dropout_mask
from ffnn_edu.show import check
from ffnn_edu.show.check import dropout as chk


def test_exercise_numbers_match_the_package():
    mask = dropout_mask((2000, 10), chk.EXERCISE_RATE, np.random.default_rng(1))
    assert np.isclose(mask.max(), 1 / 0.75)
    assert abs((chk.EXERCISE_ACTIVATION * mask).mean() - chk.EXERCISE_ACTIVATION) < 0.01


@pytest.mark.parametrize("answer", [4 / 3, 1.333, 1.3333])
def test_dropout_scale_right(answer):
    assert check.dropout_scale(answer).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (0.75, "probability of keeping"),
        (0.25, "dropout rate itself"),
        (4.0, "divided by the dropout rate"),
        (2.0, "(chance of keeping) x factor"),
    ],
)
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


@pytest.mark.parametrize(
    "kept, mean, hint",
    [
        (0.6, 0.6, "before the mask"),
        (0.45, 0.6, "multiplied by the chance"),
        (0.0, 0.6, "dropped unit"),
        (0.8, 0.45, "without the rescaling"),
        (0.8, 0.8, "dropped a quarter"),
        (0.8, 0.7, "P(kept)"),
    ],
)
def test_kept_and_mean_hints(kept, mean, hint):
    feedback = check.kept_and_mean_activation(kept, mean)
    assert not feedback.correct
    assert hint in feedback.message


def test_kept_and_mean_bad_input():
    feedback = check.kept_and_mean_activation("a lot", 0.6)
    assert not feedback.correct and "number" in feedback.message


def test_prediction_scale_right():
    assert check.prediction_scale(1).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (0.75, "non-inverted"),
        (4 / 3, "during training"),
        (0, "Nothing is dropped"),
        (0.5, "where the rescaling happened"),
    ],
)
def test_prediction_scale_hints(answer, hint):
    feedback = check.prediction_scale(answer)
    assert not feedback.correct
    assert hint in feedback.message


def test_dropout_implementation_accepts_any_correct_mask():
    right = lambda shape, rate, rng: (rng.random(shape) >= rate) / (1 - rate)
    also_right = lambda shape, rate, rng: (
        rng.binomial(1, 1 - rate, size=shape) / (1 - rate)
    )
    assert check.dropout_implementation(right).correct
    assert check.dropout_implementation(also_right).correct


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (
            lambda shape, rate, rng: (rng.random(shape) >= rate).astype(float),
            "scaled up",
        ),
        (
            lambda shape, rate, rng: (rng.random(shape) < rate) / (1 - rate),
            "switched OFF",
        ),
        (
            lambda shape, rate, rng: (
                (np.random.default_rng(0).random(shape) >= rate) / (1 - rate)
            ),
            "fresh",
        ),
        (
            lambda shape, rate, rng: (rng.random(shape[::-1]) >= rate) / (1 - rate),
            "shape",
        ),
        (
            lambda shape, rate, rng: (rng.random(shape) >= rate) / rate,
            "expected value of a unit is",
        ),
        (
            lambda shape, rate, rng: (rng.random(shape) >= rate) * rng.random(shape),
            "other than 0",  # kept units times random numbers: no one factor
        ),
        (lambda shape, rate: None, "raised TypeError"),
        ("not a function", "function itself"),
    ],
)
def test_dropout_implementation_names_the_mistake_without_the_code(wrong, hint):
    verdict = check.dropout_implementation(wrong)
    assert not verdict.correct and hint in verdict.message
    assert "random(shape) >=" not in verdict.message


def _same_units_for_every_sample(shape, rate, rng):
    """The textbook's mistake: exactly rate x units dropped, the same in each sample."""
    n_units = shape[1]
    dropped = rng.permutation(n_units)[: round(rate * n_units)]
    keep = np.ones(n_units)
    keep[dropped] = 0.0
    return np.broadcast_to(keep / (1 - rate), shape)


def _bernoulli_per_unit_only(shape, rate, rng):
    return np.broadcast_to((rng.random(shape[1]) >= rate) / (1 - rate), shape)


def _bernoulli_per_sample_only(shape, rate, rng):
    return np.broadcast_to(
        ((rng.random(shape[0]) >= rate) / (1 - rate))[:, None], shape
    )


def _global_random(shape, rate, rng):
    """The learner's mistake: numpy's global random state, not the rng passed in."""
    return (np.random.random(shape) >= rate) / (1 - rate)  # noqa: NPY002 (the mistake under test)


# seeded once, at import, whatever rng is passed
_OWN_GENERATOR = np.random.default_rng(7)


def _generator_of_its_own(shape, rate, rng):
    return (_OWN_GENERATOR.random(shape) >= rate) / (1 - rate)


def _rows_in_pairs(shape, rate, rng):
    half = rng.random((shape[0] // 2, shape[1])) >= rate
    return np.repeat(half, 2, axis=0) / (1 - rate)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (_same_units_for_every_sample, ["same mask", "every sample"]),
        (_bernoulli_per_unit_only, ["same mask", "every sample"]),
        (_bernoulli_per_sample_only, ["whole samples"]),
        (_rows_in_pairs, ["Neighbouring samples"]),
        (_global_random, ["rng", "same seed"]),
        (_generator_of_its_own, ["rng", "same seed"]),
    ],
)
def test_dropout_implementation_needs_independent_masks_drawn_from_rng(wrong, words):
    verdict = check.dropout_implementation(wrong)
    assert not verdict.correct
    for word in words:
        assert word in verdict.message
    assert "%" not in verdict.message  # not the misleading "drops 45% of the units"


@pytest.mark.parametrize(
    "right",
    [
        lambda shape, rate, rng: (rng.random(shape) < 1 - rate) / (1 - rate),
        lambda shape, rate, rng: rng.choice(
            [0.0, 1 / (1 - rate)], size=shape, p=[rate, 1 - rate]
        ),
        lambda shape, rate, rng: (rng.uniform(size=shape) > rate) * (1 / (1 - rate)),
        lambda shape, rate, rng: (
            (rng.random(shape) >= rate).astype(np.float32) / np.float32(1 - rate)
        ),
    ],
)
def test_dropout_implementation_accepts_any_per_unit_per_sample_bernoulli_mask(right):
    assert check.dropout_implementation(right).correct


@pytest.mark.parametrize(
    "make_mask, words",
    [
        (
            lambda shape, rate, rng: (rng.random(shape) >= rate) / (1 - rate) + 0j,
            "complex",
        ),
        (lambda shape, rate, rng: None, "None"),
        (lambda shape, rate, rng: "mask", "text"),
    ],
)
def test_dropout_implementation_reports_a_malformed_mask(make_mask, words):
    verdict = check.dropout_implementation(make_mask)
    assert not verdict.correct and words in verdict.message


@pytest.mark.parametrize(
    "make_mask, got",
    [
        (lambda shape, rate, rng: rng.random(shape[::-1]) >= rate, "(250, 400)"),
        (lambda shape, rate, rng: rng.random(shape[0]) >= rate, "(400,)"),
    ],
)
def test_dropout_implementation_says_what_the_masks_rows_and_columns_hold(
    make_mask, got
):
    """Issue 16, kind D: "your mask has shape ...: one entry per unit and sample" did
    not say which axis is which."""
    assert check.dropout_implementation(make_mask).message == (
        "Your mask must have shape (400, 250): the shape make_mask was given, one row "
        f"per sample and one column per unit; got shape {got}."
    )


def test_dropout_implementation_names_kept_units_scaled_down():
    """A mask that multiplies the kept units by 1 - rate (the prediction-time factor
    of the original dropout) got the vague 'values other than 0 and the one scale
    factor'; it now says they were scaled down, and gives no factor."""
    feedback = check.dropout_implementation(
        lambda shape, rate, rng: (rng.random(shape) >= rate) * (1.0 - rate)
    )
    assert not feedback.correct
    assert "scales the kept units down" in feedback.message
    assert "1 - rate" not in feedback.message and "1.25" not in feedback.message


# From an issue: a wrong scale factor (1/rate) and a rate read as the keep probability
# (dropped with probability 1 - rate, kept units times 1/rate) both got "holds values
# other than 0 and the one scale factor", which names neither fault.
def test_a_scale_of_one_over_the_rate_is_named_by_what_it_does_to_the_expectation():
    def one_over_rate(shape, rate, rng):
        return (rng.random(shape) >= rate) / rate

    feedback = check.dropout_implementation(one_over_rate)
    assert not feedback.correct
    assert feedback.message.startswith(
        "At rate 0.2 your mask scales the kept units up by 5, but then the expected "
        "value of a unit is 4 times what it was"
    )
    assert "1.25" not in feedback.message and "1 - rate" not in feedback.message


def test_the_rate_read_as_the_chance_of_keeping_is_named_so():
    def keep_rate(shape, rate, rng):
        return (rng.random(shape) < rate) / rate

    feedback = check.dropout_implementation(keep_rate)
    assert feedback.message == (
        "Units are dropped with probability 1 - rate: the rate is the chance of being "
        "switched OFF."
    )


# Issue 16: a mask that ignores rate, (rng.random(shape) >= 0.5) / 0.5, got "At rate
# 0.2 your mask scales the kept units up by 2, but then the expected value of a unit
# is 1.00 times what it was": the scale was blamed (and the expectation it quoted was
# right), since the scale was judged before the share of dropped units.
@pytest.mark.parametrize("fixed", [0.1, 0.3, 0.5, 0.8])
def test_a_mask_that_ignores_the_rate_is_named_by_the_share_it_drops(fixed):
    def fixed_rate(shape, rate, rng):
        return (rng.random(shape) >= fixed) / (1 - fixed)

    feedback = check.dropout_implementation(fixed_rate)
    assert not feedback.correct
    assert feedback.message.startswith(
        f"At rate 0.2 your mask drops {fixed:.0%} of the units, and as many "
        f"({fixed:.0%}) at rate 0.5: the share it drops ignores rate."
    )
    assert "expected value" not in feedback.message


def test_a_mask_fixed_at_the_first_rate_is_caught_at_the_second():
    def fixed_rate(shape, rate, rng):
        return (rng.random(shape) >= 0.2) / 0.8

    feedback = check.dropout_implementation(fixed_rate)
    assert feedback.message.startswith(
        "At rate 0.5 your mask drops 20% of the units, and as many (20%) at rate 0.2"
    )


@pytest.mark.parametrize(
    "make_mask, words",
    [
        (lambda shape, rate, rng: np.ones(shape), "drops none of the units"),
        (lambda shape, rate, rng: np.full(shape, 1 / (1 - rate)), "drops none"),
        (lambda shape, rate, rng: np.zeros(shape), "drops all of the units"),
        (
            lambda shape, rate, rng: (rng.random(shape) >= rate**2) / (1 - rate**2),
            "At rate 0.2 your mask drops 4% of the units",
        ),
    ],
    ids=["ones", "scale-only", "zeros", "rate-squared"],
)
def test_a_wrong_share_is_named_before_the_scale(make_mask, words):
    """The share of dropped units explains a scale that looks wrong for the rate (and
    one that makes up for the wrong share), so it is judged first; a mask that drops
    nothing is no longer called 'only 0s and 1s' nor 'the same mask for every
    sample'."""
    feedback = check.dropout_implementation(make_mask)
    assert not feedback.correct and words in feedback.message
    assert "scales" not in feedback.message and "same mask" not in feedback.message


@pytest.mark.parametrize("scale_rate", [0.1, 0.2, 0.5, 0.8])
def test_a_scale_for_another_rate_is_blamed_only_when_the_share_is_right(scale_rate):
    def scale_for_another_rate(shape, rate, rng):
        return (rng.random(shape) >= rate) / (1 - scale_rate)

    feedback = check.dropout_implementation(scale_for_another_rate)
    rate = 0.2 if scale_rate != 0.2 else 0.5
    factor = 1 / (1 - scale_rate)
    assert feedback.message.startswith(
        f"At rate {rate} your mask scales the kept units up by {factor:.4g}"
    )
    # the expectation it quotes is not 1, so the message does not contradict itself
    assert "1.00 times" not in feedback.message


def test_kept_and_mean_swapped_says_so_without_the_values():
    """The right 0.8 and 0.6 in each other's boxes got "the activation before the mask"
    (0.6 as the kept value), not that the two were swapped."""
    verdict = check.kept_and_mean_activation(0.6, 0.8)
    assert not verdict.correct
    assert verdict.message.startswith("You swapped the two answers")
    assert "0.8" not in verdict.message and "0.6" not in verdict.message
    assert check.kept_and_mean_activation(0.8, 0.6).correct
    # one of the two right is no swap: the kept value's own hint
    assert "swapped" not in check.kept_and_mean_activation(0.6, 0.6).message


@pytest.mark.parametrize(
    "verdict",
    [
        lambda: check.dropout_scale(-4 / 3),
        lambda: check.kept_and_mean_activation(-0.8, 0.6),
        lambda: check.kept_and_mean_activation(0.8, -0.6),
        lambda: check.prediction_scale(-1.0),
    ],
)
def test_dropout_checks_call_a_negative_answer_a_sign_slip(verdict):
    assert verdict().message.endswith("Check the sign.")


# Issue 16 (D): a rate read as a percentage (drops 0.2 % at rate 0.2, 0.5 % at 0.5) was
# told "as many (1%) at rate 0.5: the share it drops ignores rate"; shares counted as
# equal within 2 points.
def test_a_rate_read_as_a_percentage_is_named():
    feedback = check.dropout_implementation(
        lambda shape, rate, rng: (rng.random(shape) * 100 >= rate) / (1 - rate)
    )
    assert not feedback.correct
    assert feedback.message == (
        "At rate 0.2 your mask drops 0.2% of the units, and 0.5% at rate 0.5: about a "
        "hundredth of rate each time, far fewer than rate at every rate. Is rate read "
        "as a percentage? It is a probability between 0 and 1: drop each unit with "
        "probability rate itself."
    )
    assert "ignores rate" not in feedback.message


def test_a_share_that_grows_with_rate_but_too_little_is_not_said_to_ignore_it():
    feedback = check.dropout_implementation(
        lambda shape, rate, rng: (rng.random(shape) >= rate / 10) / (1 - rate)
    )
    assert "ignores rate" not in feedback.message
    assert "far fewer than rate at every rate" in feedback.message


@pytest.mark.parametrize("fixed", [0.1, 0.3, 0.6])
def test_a_share_that_ignores_rate_is_still_said_to(fixed):
    feedback = check.dropout_implementation(
        lambda shape, rate, rng: (rng.random(shape) >= fixed) / (1 - rate)
    )
    assert "the share it drops ignores rate" in feedback.message


def _one_draw_for_the_whole_mask(shape, rate, rng):
    """Issue 16: one random number decides every unit of every sample."""
    return np.full(shape, float(rng.random() >= rate)) / (1 - rate)


def _one_draw_read_as_keeping(shape, rate, rng):
    return np.full(shape, float(rng.random() < rate)) / (1 - rate)


def _one_draw_unscaled(shape, rate, rng):
    return np.full(shape, float(rng.random() >= rate))


@pytest.mark.parametrize(
    "wrong",
    [_one_draw_for_the_whole_mask, _one_draw_read_as_keeping, _one_draw_unscaled],
)
def test_a_mask_drawn_once_for_all_units_and_samples_is_named(wrong):
    """Issue 16: one draw for the whole mask was told only "At rate 0.2 your mask drops
    none of the units", true of that call but silent on the mistake."""
    verdict = check.dropout_implementation(wrong)
    assert not verdict.correct
    assert "One random number decides the whole mask" in verdict.message
    assert "one random number per unit and per sample" in verdict.message
    assert "rng.random(" not in verdict.message and "np.full" not in verdict.message


@pytest.mark.parametrize("skip", [0, 1, 2, 5, 17, 123])
def test_one_draw_per_mask_is_caught_and_a_right_mask_passes_wherever_the_stream_starts(
    skip,
):
    """Draws thrown away first move the learner's masks to another stretch of rng's
    stream, as another seed would: the verdicts do not hang on a lucky stretch."""

    def right(shape, rate, rng):
        rng.random(skip)
        return (rng.random(shape) >= rate) / (1 - rate)

    def once(shape, rate, rng):
        rng.random(skip)
        return _one_draw_for_the_whole_mask(shape, rate, rng)

    assert check.dropout_implementation(right).correct
    assert "whole mask" in check.dropout_implementation(once).message


def test_a_mask_that_never_drops_is_still_told_it_drops_none():
    """The probe for one draw per mask leaves a mask that keeps all on every call to
    the share's message."""
    verdict = check.dropout_implementation(lambda shape, rate, rng: np.ones(shape))
    assert verdict.message == (
        "At rate 0.2 your mask drops none of the units: each unit is dropped with "
        "probability rate."
    )


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")  # np.matrix's own
def test_a_mask_returned_as_np_matrix_is_told_to_be_a_plain_array():
    """With an np.matrix mask, activations * mask is a matrix product."""
    verdict = check.dropout_implementation(
        lambda shape, rate, rng: np.matrix((rng.random(shape) >= rate) / (1 - rate))
    )
    assert not verdict.correct
    assert verdict.message.startswith(
        "Your function returns the mask as an np.matrix, not as a plain numpy array."
    )


def _exactly_rate_per_sample(shape, rate, rng):
    """A fresh reviewer's mask: each row a permutation of exactly rate x n zeros."""
    n_dropped = int(rate * shape[1])
    row = np.r_[np.zeros(n_dropped), np.ones(shape[1] - n_dropped)]
    return np.array([rng.permutation(row) for _ in range(shape[0])]) / (1 - rate)


def _exactly_rate_per_unit(shape, rate, rng):
    return _exactly_rate_per_sample(shape[::-1], rate, rng).T


def _nearly_exactly_rate_per_sample(shape, rate, rng):
    """Each row drops rate x n units give or take one: far too narrow a spread."""
    mask = np.ones(shape)
    for row in mask:
        n_dropped = int(rate * shape[1]) + int(rng.integers(-1, 2))
        row[rng.permutation(shape[1])[:n_dropped]] = 0.0
    return mask / (1 - rate)


@pytest.mark.parametrize(
    "wrong, message",
    [
        (
            _exactly_rate_per_sample,
            "Every sample drops exactly the same number of units (50 of 250): a proper "
            "mask draws each unit of each sample on its own, so the number dropped "
            "varies from sample to sample.",
        ),
        (
            _exactly_rate_per_unit,
            "Every unit is dropped in exactly the same number of samples (80 of 400): "
            "a proper mask draws each unit of each sample on its own, so how often a "
            "unit is dropped varies from unit to unit.",
        ),
        (
            _nearly_exactly_rate_per_sample,
            "The number of units a sample drops varies far less than independent draws "
            "would make it (from 49 to 51 of 250 in every sample): a proper mask draws "
            "each unit of each sample on its own, so the number dropped varies from "
            "sample to sample.",
        ),
    ],
    ids=["per-sample", "per-unit", "nearly-per-sample"],
)
def test_a_mask_that_drops_a_fixed_number_per_sample_or_unit_is_named(wrong, message):
    """Issue 16 (kind D, a fresh reviewer): every row a permutation of exactly rate x n
    zeros was praised as drawn "independently for every unit and sample"."""
    verdict = check.dropout_implementation(wrong)
    assert not verdict.correct
    assert verdict.message == message


@pytest.mark.parametrize("rate", [0.2, 0.5])
def test_the_spread_of_the_counts_passes_right_masks_for_twenty_seeds(rate):
    """The chi-square bound is set at a false alarm below 1e-9 per test: twenty seeds
    of the package's own mask at the check's shape all pass, rows and columns."""
    for seed in range(20):
        mask = dropout_mask((400, 250), rate, np.random.default_rng(seed))
        dropped = mask == 0.0
        assert chk._too_even_counts(dropped, float(dropped.mean())) is None


@pytest.mark.parametrize("skip", range(20))
def test_a_right_mask_passes_the_whole_check_for_twenty_stretches_of_the_stream(skip):
    def right(shape, rate, rng):
        rng.random(skip)
        return (rng.random(shape) >= rate) / (1 - rate)

    assert check.dropout_implementation(right).correct


def test_the_lower_tail_ratio_is_the_chi_square_quantile_at_one_in_a_billion():
    """Wilson-Hilferty's 0.6313 against the exact 0.6319 (scipy's chi2.ppf(1e-9, 399)
    / 399), and 0.5511 against 0.5523 for 249 degrees: a hair stricter than 1e-9."""
    assert chk._lower_tail_ratio(399) == pytest.approx(0.6313, abs=1e-4)
    assert chk._lower_tail_ratio(249) == pytest.approx(0.5511, abs=1e-4)


def test_dropped_entries_near_zero_but_not_zero_are_named():
    """Issue 16 (kind D, a fresh reviewer): 1e-12 for the dropped units read as 0
    once rounded, and the mask was told it "drops none of the units"."""
    verdict = check.dropout_implementation(
        lambda shape, rate, rng: np.where(
            rng.random(shape) >= rate, 1 / (1 - rate), 1e-12
        )
    )
    assert not verdict.correct
    assert verdict.message == (
        "At rate 0.2 the dropped entries must be exactly 0, but about 20% of your "
        "entries are 1e-12 (near 0, not 0). Multiply by exactly 0 to drop a unit."
    )


def test_several_values_near_zero_are_named_by_their_range():
    verdict = check.dropout_implementation(
        lambda shape, rate, rng: np.where(
            rng.random(shape) >= rate, 1 / (1 - rate), 1e-9 + 1e-10 * rng.random(shape)
        )
    )
    assert "about 20% of your entries are between 1e-09 and 1.1e-09" in verdict.message
    assert "drops none" not in verdict.message


def test_a_mask_without_zeros_names_its_other_values_not_drops_none():
    verdict = check.dropout_implementation(
        lambda shape, rate, rng: np.where(
            rng.random(shape) >= rate, 1 / (1 - rate), 0.5
        )
    )
    assert verdict.message == (
        "At rate 0.2 your mask holds values other than 0 and the one scale factor of "
        "the kept units. None of your entries is exactly 0: about 20% are 0.5."
    )


def _fixed_total(shape, rate, rng):
    """A fresh reviewer's mask: exactly rate x size zeros, placed anywhere."""
    mask = np.ones(np.prod(shape))
    mask[rng.choice(mask.size, int(rate * mask.size), replace=False)] = 0.0
    return mask.reshape(shape) / (1 - rate)


def _nearly_fixed_total(shape, rate, rng):
    """rate x size zeros give or take 20, where the binomial spread is about 126."""
    mask = np.ones(np.prod(shape))
    n_dropped = int(rate * mask.size) + int(rng.integers(-20, 21))
    mask[rng.choice(mask.size, n_dropped, replace=False)] = 0.0
    return mask.reshape(shape) / (1 - rate)


@pytest.mark.parametrize(
    "wrong, message",
    [
        (
            _fixed_total,
            "Every call drops exactly the same number of units in all (20000 of "
            "100000): a proper mask draws each unit of each sample on its own, so the "
            "total varies from call to call.",
        ),
        (
            _nearly_fixed_total,
            "The number of units a call drops in all varies far less than independent "
            "draws would make it (from 19984 to 20018 of 100000 over 16 calls): a "
            "proper mask draws each unit of each sample on its own, so the total "
            "varies from call to call.",
        ),
    ],
    ids=["fixed", "nearly-fixed"],
)
def test_a_mask_that_drops_a_fixed_number_in_all_is_named(wrong, message):
    """Issue 16 (kind D, a fresh reviewer): exactly 20000 of 100000 dropped on every
    call, at random places, passed the tests of rows and columns and was praised as
    drawn "independently for every unit and sample"."""
    verdict = check.dropout_implementation(wrong)
    assert not verdict.correct
    assert verdict.message == message


@pytest.mark.parametrize("rate", [0.2, 0.5])
def test_the_spread_of_the_totals_passes_right_masks_for_twenty_seeds(rate):
    """Sixteen totals of the package's own mask, for twenty seeds, all spread enough."""
    for seed in range(20):
        rng = np.random.default_rng(seed)
        masks = [dropout_mask((400, 250), rate, rng) for _ in range(2)]
        assert chk._too_even_totals(dropout_mask, masks, rate, rng) is None


def test_the_totals_quantile_is_the_exact_chi_square_one_at_one_in_a_billion():
    """scipy's chi2.ppf(1e-9, df) / df: the series agrees to twelve digits, where
    Wilson-Hilferty (the rows' bound) would be far off for so few degrees."""
    assert chk._lower_tail_quantile(15) == pytest.approx(0.030882685445894568, 1e-12)
    assert chk._lower_tail_quantile(8) == pytest.approx(0.0031194382810457626, 1e-12)
    assert chk._lower_tail_quantile(3) == pytest.approx(8.059963667862005e-07, 1e-9)


def test_a_factor_a_hair_off_is_not_said_to_keep_the_expected_value_at_one():
    """Issue 16 (kind D, a fresh reviewer): 1 / (1 - rate + 1e-3) was told "scales
    the kept units up by 1.248, but then the expected value of a unit is 1.00 times
    what it was", contradicting itself; it is 0.99875."""
    verdict = check.dropout_implementation(
        lambda shape, rate, rng: (rng.random(shape) >= rate) / (1 - rate + 1e-3)
    )
    assert verdict.message.startswith(
        "At rate 0.2 your mask scales the kept units up by 1.248, but then the "
        "expected value of a unit is 0.9988 times what it was"
    )


def test_a_factor_a_millionth_off_prints_enough_digits_to_show_it():
    verdict = check.dropout_implementation(
        lambda shape, rate, rng: (rng.random(shape) >= rate) / (1 - rate + 1e-7)
    )
    assert verdict.message.startswith(
        "At rate 0.2 your mask scales the kept units up by 1.2499998, but then the "
        "expected value of a unit is 0.9999999 times what it was"
    )


def test_a_share_that_rounds_to_none_or_all_is_printed_with_more_decimals():
    """The share hints printed whole percents: 0.3 % of the units read "drops 0%"."""
    assert chk._percent(0.003) == "0.3%" and chk._percent(0.0003, 1) == "0.03%"
    assert chk._percent(0.997) == "99.7%" and chk._percent(0.0) == "0%"
    verdict = check.dropout_implementation(
        lambda shape, rate, rng: np.where(
            rng.random(shape) >= 0.003, 1 / (1 - rate), 0.5
        )
    )
    assert verdict.message == (
        "At rate 0.2 your mask holds values other than 0 and the one scale factor of "
        "the kept units. None of your entries is exactly 0: about 0.3% are 0.5."
    )


def test_a_malformed_mask_on_an_extra_call_for_the_totals_is_reported():
    """The extra calls of the totals' test take a plain array as it is; anything else
    gets the message any call would."""
    calls = []

    def right_twice(shape, rate, rng):
        calls.append(rate)
        return (rng.random(shape) >= rate) / (1 - rate) if len(calls) <= 3 else None

    verdict = check.dropout_implementation(right_twice)
    assert not verdict.correct
    assert verdict.message.startswith("Your mask is None")


def test_dropout_implementation_names_an_int_cast_that_cut_the_scaled_values():
    # review17 fault 10: a scaled mask cast to int (1.25 cut to 1) was told "your
    # mask holds only 0s and 1s: the kept units must also be scaled up"
    feedback = check.dropout_implementation(
        lambda shape, rate, rng: ((rng.random(shape) >= rate) / (1 - rate)).astype(int)
    )
    assert not feedback.correct
    assert feedback.message.startswith(
        "Your mask is an integer array (int64), which cannot hold the scale factor "
        "of the kept units at rate 0.2, 1/(1 - 0.2) = 1.25: you scale the kept units"
    )
    assert "cuts the scaled values to whole numbers, 1.25 to 1" in feedback.message
    assert "only 0s and 1s" not in feedback.message


def test_dropout_implementation_does_not_claim_a_cut_scale_for_an_unscaled_int_mask():
    feedback = check.dropout_implementation(
        lambda shape, rate, rng: (rng.random(shape) >= rate).astype(int)
    )
    assert not feedback.correct
    assert "integer array (int64)" in feedback.message
    assert "you scale" not in feedback.message and "cuts" not in feedback.message
    assert "scale the kept units up by 1/(1 - rate)" in feedback.message


# Issue 16 (review 18, F6): a wrong-shaped mask too large to read was told only its
# count of numbers, not the shape it should have.
@pytest.mark.parametrize("shape", [(3000, 3000), (500, 500), (250, 400)])
def test_a_wrong_shaped_mask_is_told_the_expected_shape_whatever_its_size(shape):
    feedback = check.dropout_implementation(lambda s, r, g: np.ones(shape))
    assert not feedback.correct
    assert "(400, 250)" in feedback.message
