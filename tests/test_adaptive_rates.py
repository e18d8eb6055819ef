"""Chapter 12's race of the optimizers: what the chapter says about it holds from five
starting points on the bowl and for three seeds on the digits, and the race's helpers
do what they say."""

import numpy as np
import pytest

from ffnn_edu.experiments.adaptive_rates import (
    BOWL_RATES,
    BOWL_START,
    DIGIT_RATES,
    MAX_RACE_RUNS,
    OPTIMIZERS,
    best_rates,
    bowl_race,
    digit_race,
    final_errors,
    last_losses,
    settled_after,
)
from ffnn_edu.experiments.error_surfaces import descend, round_bowl
from ffnn_edu.nn.optimizers import AdaGrad, Adam, GradientDescent, RMSProp

STARTS = [list(BOWL_START), [1.1, -1.84], [0.09, 3.6], [-1.91, -1.61], [3.54, 0.09]]
PER_WEIGHT = ("AdaGrad", "RMSProp", "Adam")
GLOBAL = ("gradient descent", "momentum", "Nesterov")


@pytest.fixture(scope="module", params=STARTS, ids=str)
def race(request):
    return bowl_race(request.param)


@pytest.fixture(scope="module", params=[0, 1, 2])
def digits(request):
    return digit_race(request.param)


# --- the bowl
# ---------------------------------------------------------------------------


def test_the_global_rates_diverge_from_0_27_up_and_the_per_weight_rates_never(race):
    """The chapter: the steep direction's limit binds every global rate (0.1 for plain
    descent, 2(1 + mu)/20 = 0.19 for momentum), while no per-weight optimizer
    diverges anywhere on the grid."""
    for name in GLOBAL:
        assert [race[name][eta].diverged for eta in BOWL_RATES] == [
            False,
            False,
            name == "Nesterov",  # Nesterov's limit for mu = 0.9 is 0.069
            True,
            True,
            True,
        ]
    for name in PER_WEIGHT:
        assert not any(path.diverged for path in race[name].values())


def test_the_first_per_weight_step_moves_both_weights_alike(race):
    """AdaGrad and Adam move each weight by eta in their first step (RMSProp by
    eta/sqrt(0.1)), though the gradient across is twenty times the one along."""
    for name, factor in (("AdaGrad", 1.0), ("Adam", 1.0), ("RMSProp", 0.1**-0.5)):
        path = race[name][0.09]
        moved = np.abs(path.points[1] - path.points[0])
        np.testing.assert_allclose(moved, 0.09 * factor, rtol=1e-6)
    moved = np.abs(
        race["gradient descent"][0.01].points[1]
        - race["gradient descent"][0.01].points[0]
    )
    start = np.abs(race["gradient descent"][0.01].points[0])
    np.testing.assert_allclose(moved, 0.01 * start * [1.0, 20.0], rtol=1e-12)


def test_adagrad_at_2_43_settles_first_and_crawls_at_small_rates(race):
    """The chapter: on this bowl AdaGrad with a large rate is the fastest run of the
    whole grid; with a small one its shrinking rate leaves it far from the minimum."""
    settled = {
        (name, eta): settled_after(path)
        for name, runs in race.items()
        for eta, path in runs.items()
    }
    fastest = settled["AdaGrad", 2.43]
    assert fastest is not None and fastest <= 10
    others = [s for key, s in settled.items() if key != ("AdaGrad", 2.43)]
    assert all(s is None or s > fastest for s in others)
    assert race["AdaGrad"][0.03].errors[-1] > 1.0


def test_rmsprop_keeps_hopping_where_adam_settles(race):
    """The chapter: from eta = 0.27 up, RMSProp's error after 100 steps is above
    1e-3, and Adam's is at least ten times lower."""
    for eta in (0.27, 0.81, 2.43):
        rms, adam = race["RMSProp"][eta].errors[-1], race["Adam"][eta].errors[-1]
        assert rms > 1e-3 and adam < rms / 10 and not race["Adam"][eta].diverged


def test_adam_settles_later_than_plain_descent_at_its_best_rate(race):
    """The chapter: Adam is not the fastest here; at 0.09 plain gradient descent
    settles below 1e-3 before Adam does at any rate of the grid."""
    plain = settled_after(race["gradient descent"][0.09])
    adam = [settled_after(path) for path in race["Adam"].values()]
    assert plain is not None
    assert all(s is None or s > plain for s in adam)
    assert any(s is not None for s in adam)


def test_the_best_bowl_rates_from_the_chapters_start():
    """The rates of the chapter's figure (lowest error after 100 steps from (-4, 1))."""
    best = best_rates(final_errors(bowl_race()))
    assert best == {
        "gradient descent": 0.09,
        "momentum": 0.09,
        "Nesterov": 0.01,
        "AdaGrad": 2.43,
        "RMSProp": 0.09,
        "Adam": 2.43,
    }


# --- the digits
# -------------------------------------------------------------------------


def test_every_optimizer_gets_below_0_05_at_its_best_rate(digits):
    losses = last_losses(digits)
    for name, by_rate in losses.items():
        assert min(by_rate.values()) < 0.05, name


def test_the_per_weight_rates_work_best_at_a_tenth_of_plain_descents_rate(digits):
    """RMSProp and Adam at a tenth or less; AdaGrad, whose denominators only grow, at
    most at plain descent's rate (its run at eta = 1 is chaotic: under numpy 1.24 it
    wins for one seed)."""
    best = best_rates(last_losses(digits))
    assert best["gradient descent"] == 1.0
    for name in ("RMSProp", "Adam"):
        assert best[name] <= best["gradient descent"] / 10, name
    assert best["AdaGrad"] <= best["gradient descent"]


def test_eta_10_wrecks_rmsprop_and_adam_but_not_plain_descent(digits):
    for name in ("RMSProp", "Adam"):
        h = digits[name][10.0]
        assert h.diverged or h.train_loss[-1] > 3 * h.train_loss[0]
    h = digits["gradient descent"][10.0]
    assert not h.diverged and h.train_loss[-1] < 0.5 * h.train_loss[0]
    assert h.train_loss[-1] > digits["gradient descent"][1.0].train_loss[-1]


def test_adams_default_rate_is_far_too_cautious_for_five_epochs(digits):
    losses = last_losses(digits)["Adam"]
    assert losses[0.001] > 10 * min(losses.values())


# --- the helpers
# ------------------------------------------------------------------------


def test_settled_after_counts_the_steps_until_the_error_stays_low():
    path = descend(round_bowl(), [1.0, 0.0], eta=0.5, steps=20)  # E = 0.5 / 4^k
    assert settled_after(path, 1e-3) == 5  # 0.5 / 4^5 < 1e-3 < 0.5 / 4^4
    assert settled_after(path, 1.0) == 0
    hopping = descend(round_bowl(), [1.0, 0.0], eta=2.0, steps=10)  # +-1 for ever
    assert settled_after(hopping, 0.1) is None
    diverged = descend(round_bowl(), [1.0, 0.0], eta=3.0, steps=100, limit=10.0)
    assert settled_after(diverged, 1e9) is None
    with pytest.raises(ValueError, match="target must be > 0"):
        settled_after(path, 0.0)


def test_a_dip_that_comes_back_up_has_not_settled():
    from ffnn_edu.experiments.error_surfaces import Trajectory

    errors = np.array([1.0, 1e-4, 1.0, 1e-4, 1e-5])
    path = Trajectory(np.zeros((5, 2)), errors, False, "")
    assert settled_after(path, 1e-3) == 3


def test_best_rates_prefer_the_lowest_score_then_the_smaller_rate():
    scores = {"a": {0.1: 2.0, 1.0: float("inf"), 0.01: 1.0}, "b": {1.0: 0.5, 0.1: 0.5}}
    assert best_rates(scores) == {"a": 0.01, "b": 0.1}


def test_the_races_build_each_optimizer_from_its_rate():
    assert isinstance(OPTIMIZERS["gradient descent"](0.1), GradientDescent)
    assert repr(OPTIMIZERS["momentum"](0.1)) == "Momentum(eta=0.1, mu=0.9)"
    assert repr(OPTIMIZERS["Nesterov"](0.1)) == "Nesterov(eta=0.1, mu=0.9)"
    assert type(OPTIMIZERS["AdaGrad"](0.1)) is AdaGrad
    assert type(OPTIMIZERS["RMSProp"](0.1)) is RMSProp
    assert type(OPTIMIZERS["Adam"](0.1)) is Adam
    assert DIGIT_RATES == (0.001, 0.01, 0.1, 1.0, 10.0)
    race = bowl_race(steps=3, rates=(0.05,))
    assert all(len(runs[0.05].points) == 4 for runs in race.values())
    errors = final_errors(race)
    assert errors["Adam"][0.05] == race["Adam"][0.05].errors[-1]


def test_the_races_refuse_bad_settings_by_name():
    with pytest.raises(ValueError, match="rates must be > 0"):
        bowl_race(rates=(0.1, -1.0))
    with pytest.raises(ValueError, match="stretch must be >= 1"):
        bowl_race(stretch=0.5)
    with pytest.raises(ValueError, match="epochs must be"):
        digit_race(epochs=0)
    with pytest.raises(ValueError, match="hidden"):
        digit_race(hidden=0)


def test_adam_ends_within_0_01_of_the_minimum_at_every_rate_from_0_09(race):
    """The chapter: Adam's error after 100 steps is below 0.01 from eta 0.09 to 2.43."""
    assert all(race["Adam"][eta].errors[-1] < 0.01 for eta in BOWL_RATES[2:])


def test_which_optimizer_wins_on_the_digits_changes_with_the_seed():
    """The chapter: the lowest loss (each optimizer at its best rate) is not always the
    same optimizer's, for seeds 0, 1 and 2."""
    winners = set()
    for seed in (0, 1, 2):
        losses = last_losses(digit_race(seed))
        winners.add(min(losses, key=lambda name: min(losses[name].values())))
    assert len(winners) > 1


# From an issue: a race of a million rates (six million runs) was started, not refused.
@pytest.mark.parametrize("race", [bowl_race, digit_race])
def test_a_race_of_too_many_rates_is_refused_naming_the_count_and_the_limit(race):
    with pytest.raises(ValueError, match=r"^this would make 6000000 runs") as error:
        race(rates=[0.1] * 10**6)
    assert str(error.value) == (
        "this would make 6000000 runs, one per optimizer and entry of rates "
        "(6 x 1000000), more than MAX_RACE_RUNS = 300"
    )
    assert len(OPTIMIZERS) * 50 == MAX_RACE_RUNS  # 50 rates still race


@pytest.mark.parametrize("race", [bowl_race, digit_race])
def test_a_race_without_rates_or_with_a_single_number_is_refused(race):
    with pytest.raises(ValueError, match=r"^rates must hold at least one"):
        race(rates=[])
    with pytest.raises(TypeError, match=r"^rates must be a sequence of learning rates"):
        race(rates=0.1)


def test_bowl_race_refuses_more_steps_in_all_than_one_descent_may_take():
    """Issue 16 (E): 300 runs of 100 000 steps each passed descend's MAX_STEPS, and
    the race ran for 25 minutes."""
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        bowl_race(steps=100_000, rates=[0.1] * 50)
    assert str(refused.value) == (
        "this would make 30000000 steps in all (300 runs, one per optimizer and entry "
        "of rates, x steps: 100000 steps), more than MAX_STEPS = 100000"
    )
    with pytest.raises(ValueError, match="MAX_STEPS"):
        bowl_race(steps=16_667, rates=[0.1])  # 6 runs: just above the limit


def test_digit_race_refuses_more_epochs_in_all_than_its_limit_before_training():
    with pytest.raises(
        ValueError,
        match=r"30000000 epochs in all \(30 runs x 1000000 epochs\), more than "
        r"MAX_EPOCHS_IN_ALL = 3000",
    ):
        digit_race(epochs=10**6)
    with pytest.raises(ValueError, match="MAX_EPOCHS_IN_ALL"):
        digit_race(epochs=101)  # 30 runs x 101 epochs: just above the limit


def test_digit_race_refuses_runs_whose_work_together_passes_the_training_limit():
    """Issue 16: every run passed train's MAX_WORK alone; the total was unchecked."""
    with pytest.raises(
        ValueError,
        match=r"^this would make \d+ sample-weight-epochs \(\d optimizers x rates: "
        r"\d+ runs x the digits' training part: \d+ samples x \d+ weights and biases "
        r"\(hidden and 10 outputs, one per digit\) x epochs: 100 epochs\), more than "
        r"MAX_WORK = 1000000000000$",
    ):
        digit_race(hidden=15_000, epochs=100, rates=(0.1, 0.2))


# --- a fresh review (issue 16): the result-reading helpers check what they are given,
# and a run that diverged (or scored NaN) is never the best
# ------------------------------------------------------------------------


def test_settled_after_refuses_what_is_not_a_trajectory_by_name():
    with pytest.raises(TypeError) as refused:
        settled_after(None)
    assert str(refused.value) == "path must be a Trajectory, but it is None (NoneType)"


@pytest.mark.parametrize(
    "helper, argument, message",
    [
        (
            final_errors,
            [1],
            "race must be a dict of dicts, race[name][eta] a Trajectory (what "
            "bowl_race returns), but it is [1] (list)",
        ),
        (
            final_errors,
            {"Adam": {0.1: 2.0}},
            "race must be a dict of dicts, race[name][eta] a Trajectory (what "
            "bowl_race returns), but race['Adam'][0.1] is 2.0 (float)",
        ),
        (
            last_losses,
            {"Adam": [1.0]},
            "race must be a dict of dicts, race[name][eta] a History (what "
            "digit_race returns), but race['Adam'] is [1.0] (list)",
        ),
        (
            best_rates,
            [1, 2],
            "scores must be a dict of dicts, scores[name][eta] a number (as "
            "final_errors and last_losses return), but it is [1, 2] (list)",
        ),
        (
            best_rates,
            {"gd": {0.1: "a", 0.2: 1.0}},
            "scores must be a dict of dicts, scores[name][eta] a number (as "
            "final_errors and last_losses return), but scores['gd'][0.1] is 'a' (str)",
        ),
        (
            best_rates,
            {"gd": {"fast": 1.0}},
            "scores must be a dict of dicts, scores[name][eta] a number (as "
            "final_errors and last_losses return), but scores['gd'] has the key "
            "'fast' (str), not a learning rate",
        ),
        (
            best_rates,
            {1: {0.1: 1.0}},
            "scores must be a dict of dicts, scores[name][eta] a number (as "
            "final_errors and last_losses return), but it has the key 1 (int), "
            "not a name",
        ),
    ],
)
def test_the_result_helpers_refuse_wrong_types_naming_the_argument(
    helper, argument, message
):
    with pytest.raises(TypeError) as refused:
        helper(argument)
    assert str(refused.value) == message


def test_best_rates_refuses_an_optimizer_without_rates():
    with pytest.raises(
        ValueError, match=r"^scores\['gd'\] must hold at least one learning rate"
    ):
        best_rates({"gd": {}})


def test_best_rates_names_no_rate_when_every_run_diverged():
    inf = float("inf")
    assert best_rates({"gd": {0.1: inf, 0.2: inf}}) == {"gd": None}
    assert best_rates({"gd": {0.1: float("nan"), 0.2: inf}}) == {"gd": None}


def test_a_nan_score_is_never_the_best_rate():
    assert best_rates({"gd": {0.1: float("nan"), 0.2: 1.0}}) == {"gd": 0.2}
    assert best_rates({"gd": {0.2: 1.0, 0.1: float("nan")}}) == {"gd": 0.2}


def test_best_rates_read_the_scores_of_a_race_where_one_optimizer_always_diverged():
    race = bowl_race(steps=30, rates=(0.27, 0.81))  # plain descent diverges at both
    best = best_rates(final_errors(race))
    assert best["gradient descent"] is None
    assert best["momentum"] is None
    assert best["Adam"] in (0.27, 0.81)


def test_bowl_race_refuses_a_stretch_whose_gradient_squares_overflow_by_name():
    """Review 18 F5: bowl_race(stretch=1e160) blamed the data and the learning rate,
    from Adam's first step; the stretch is refused before any run."""
    with pytest.raises(ValueError, match=r"^stretch must be at most 1e\+100 "):
        bowl_race(stretch=1e160)
    race = bowl_race(steps=3, rates=(0.1,), stretch=1e100)
    assert set(race) == set(OPTIMIZERS)
