"""The toy error surfaces: gradients agree with finite differences, trajectories have
the documented shapes, the textbook's stories (zig-zag, explosion, local minimum)
happen, and bad input is refused with a message naming the argument."""

import dataclasses

import numpy as np
import pytest

from ffnn_edu.experiments.error_surfaces import (
    MAX_RESOLUTION,
    MAX_STEPS,
    MAX_STRETCH,
    VALLEY_SLIDER,
    ErrorSurface,
    descend,
    elongated_bowl,
    local_minimum,
    round_bowl,
)
from ffnn_edu.nn.optimizers import AdaGrad, Adam, Momentum, Nesterov, RMSProp
from ffnn_edu.nn.schedules import step_decay

from helpers import raises_all

SURFACES = [
    round_bowl(),
    elongated_bowl(),
    elongated_bowl(5.0),
    local_minimum(),
    local_minimum(0.6),
]


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
def test_gradient_matches_central_differences(surface):
    rng = np.random.default_rng(3)
    eps = 1e-6
    for w in rng.uniform(-2.5, 2.5, size=(10, 2)):
        numeric = [
            (float(surface(w + eps * e)) - float(surface(w - eps * e))) / (2 * eps)
            for e in np.eye(2)
        ]
        assert surface.grad(w) == pytest.approx(numeric, rel=1e-6, abs=1e-6)


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
def test_minima_have_zero_gradient_and_global_is_lowest(surface):
    for point in surface.minima:
        assert surface.grad(point) == pytest.approx([0.0, 0.0], abs=1e-9)
    errors = [float(surface(p)) for p in surface.minima]
    assert errors[0] == min(errors)
    _W1, _W2, E = surface.grid(201)
    assert E.min() >= errors[0] - 1e-12


def test_grid_and_vectorised_evaluation_shapes():
    surface = local_minimum()
    W1, W2, E = surface.grid(7)
    assert W1.shape == W2.shape == E.shape == (7, 7)
    points = np.zeros((3, 4, 2))
    assert surface(points).shape == (3, 4)
    assert surface.grad(points).shape == (3, 4, 2)


@pytest.mark.parametrize("steps", [1, 5, 40])
def test_a_trajectory_has_a_point_and_an_error_per_step(steps):
    path = descend(elongated_bowl(), [-4.0, 1.0], eta=0.05, mu=0.5, steps=steps)
    assert path.points.shape == (steps + 1, 2)
    assert path.errors.shape == (steps + 1,)
    assert not path.diverged
    assert path.points[0] == pytest.approx([-4.0, 1.0])
    assert path.final == pytest.approx(path.points[-1])


@pytest.mark.parametrize(
    "eta, factor", [(0.1, 0.9), (1.0, 0.0), (1.5, -0.5), (2.0, -1.0)]
)
def test_round_bowl_step_multiplies_distance_by_one_minus_eta(eta, factor):
    path = descend(round_bowl(), [2.0, -1.0], eta=eta, steps=3)
    for k in range(4):
        assert path.points[k] == pytest.approx(np.array([2.0, -1.0]) * factor**k)


def test_explosion_is_reported_without_nan():
    path = descend(elongated_bowl(20), [-4.0, 1.0], eta=0.2, steps=500)
    assert path.diverged and "Diverged" in path.message
    assert np.isfinite(path.points).all() and np.isfinite(path.errors).all()
    assert len(path.points) < 501


def test_momentum_crosses_the_local_minimum_plain_descent_does_not():
    surface = local_minimum()
    (left, _), (right, _) = surface.minima
    plain = descend(surface, [2.3, 1.0], eta=0.05, steps=300)
    heavy = descend(surface, [2.3, 1.0], eta=0.05, mu=0.9, steps=300)
    assert plain.final == pytest.approx([right, 0.0], abs=1e-3)
    assert heavy.final == pytest.approx([left, 0.0], abs=1e-3)


def test_momentum_damps_the_zigzag_in_the_elongated_bowl():
    bowl = elongated_bowl(20)
    plain = descend(bowl, [-4.0, 1.0], eta=0.09, steps=30)
    heavy = descend(bowl, [-4.0, 1.0], eta=0.09, mu=0.5, steps=30)
    sign_changes = lambda p: int(np.sum(np.diff(np.sign(p.points[:, 1])) != 0))
    assert sign_changes(plain) == 30  # crosses the valley every step
    assert heavy.errors[-1] < plain.errors[-1] / 100


def test_schedule_and_ready_made_optimizer_are_accepted():
    path = descend(round_bowl(), [1.0, 1.0], eta=step_decay(1.5, 0.5, every=1), steps=3)
    assert path.points[1] == pytest.approx([-0.5, -0.5])  # factor 1 - 1.5
    assert path.points[2] == pytest.approx([-0.5 * 0.25, -0.5 * 0.25])  # 1 - 0.75
    opt = Momentum(0.1, 0.9)
    first = descend(round_bowl(), [1.0, 1.0], optimizer=opt, steps=2)
    again = descend(round_bowl(), [1.0, 1.0], optimizer=opt, steps=2)
    assert np.array_equal(first.points, again.points)  # no velocity carried over
    assert opt.velocity is None and not np.array_equal(first.points[1], first.points[2])


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        (dict(surface="bowl"), TypeError, "surface"),
        (dict(start=[1.0, 2.0, 3.0]), ValueError, "start"),
        (dict(start=[[1.0, 2.0]]), ValueError, "start"),
        (dict(start=[1.0, np.nan]), ValueError, "start"),
        (dict(start="here"), TypeError, "start"),
        (dict(eta=-0.1), ValueError, "eta"),
        (dict(eta=0.0), ValueError, "eta"),
        (dict(mu=1.0), ValueError, "mu"),
        (dict(mu=-0.5), ValueError, "mu"),
        (dict(steps=0), ValueError, "steps"),
        (dict(steps=2.5), TypeError, "steps"),
        (dict(limit=0.0), ValueError, "limit"),
        (dict(optimizer="sgd"), TypeError, "optimizer"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(kwargs, error, words):
    args = dict(surface=round_bowl(), start=[1.0, 1.0])
    args.update(kwargs)
    with pytest.raises(error, match=words):
        descend(args.pop("surface"), args.pop("start"), **args)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: elongated_bowl(0.5), ValueError, "stretch"),
        (lambda: elongated_bowl("wide"), TypeError, "stretch"),
        (lambda: local_minimum(1.5), ValueError, "tilt"),
        (lambda: round_bowl()([1.0, 2.0, 3.0]), ValueError, "w must hold points"),
        (lambda: round_bowl().grad(3.0), ValueError, "w must hold points"),
        (lambda: round_bowl().grid(1), ValueError, "resolution"),
    ],
)
def test_surfaces_and_descend_name_a_bad_argument(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_surface_is_a_frozen_dataclass():
    assert isinstance(round_bowl(), ErrorSurface)
    with pytest.raises(AttributeError):
        round_bowl().name = "other"


def test_valley_slider_rates_double_from_position_to_position_up_to_two_limits():
    # chapter 12: "each position of eta is twice the one before", with the limit 2/20
    # of the steep direction and 0.2, which no momentum rate brings within its limit
    etas = VALLEY_SLIDER["eta"]
    assert [b / a for a, b in zip(etas, etas[1:])] == [2.0] * (len(etas) - 1)
    assert etas[-2:] == (0.1, 0.2) and VALLEY_SLIDER["mu"] == (0.0, 0.5, 0.9)


# chapter 12's slider starts at (-4, 1); its claims hold from other starts too
VALLEY_STARTS = [[-4.0, 1.0], [3.0, -0.5], [-2.0, 1.2], [4.5, 0.3], [-1.0, -1.0]]


@pytest.fixture(params=VALLEY_STARTS, ids=str)
def slider_runs(request):
    """The slider's 60-step runs on the elongated bowl from one start, by (eta, mu)."""
    valley, start = elongated_bowl(20), request.param
    return start, {
        (eta, mu): descend(valley, start, eta=eta, mu=mu, steps=60, limit=1e3)
        for eta in VALLEY_SLIDER["eta"]
        for mu in VALLEY_SLIDER["mu"]
    }


def test_valley_slider_at_the_limit_without_momentum_bounces_for_ever(slider_runs):
    # eta = 0.1 is exactly the limit 2/20: without momentum w2 flips sign at full
    # size, so the steep part of the error, 10 w2^2, stays (10 from (-4, 1))
    start, runs = slider_runs
    edge = runs[0.1, 0.0]
    assert not edge.diverged
    assert np.abs(edge.points[:, 1]) == pytest.approx(abs(start[1]), rel=1e-12)
    assert edge.errors[-1] == pytest.approx(10.0 * start[1] ** 2, rel=1e-3)


def test_valley_slider_best_setting_is_the_limit_with_half_momentum(slider_runs):
    # with mu = 0.5 the same rate is the best of the slider grid, below 1e-16
    _, runs = slider_runs
    final = {setting: run.errors[-1] for setting, run in runs.items()}
    assert min(final, key=final.get) == (0.1, 0.5) and final[0.1, 0.5] < 1e-16


def test_valley_slider_largest_rate_explodes_for_every_momentum(slider_runs):
    # 0.2 explodes for every momentum rate (the limit 2(1 + mu)/20 stays below 0.2)
    _, runs = slider_runs
    assert all(runs[0.2, mu].diverged for mu in VALLEY_SLIDER["mu"])
    assert not any(
        run.diverged for (eta, _), run in runs.items() if eta < VALLEY_SLIDER["eta"][-1]
    )


def test_valley_slider_smallest_rate_creeps_and_large_momentum_loops(slider_runs):
    # the smallest rate without momentum has not covered 60 % of the way along the
    # valley after 60 steps; with mu = 0.9 every rate below the limit swings w1 past
    # the minimum and back (loops)
    start, runs = slider_runs
    creeping = runs[VALLEY_SLIDER["eta"][0], 0.0]
    assert abs(creeping.final[0]) > 0.4 * abs(start[0])
    for eta in VALLEY_SLIDER["eta"][:-1]:
        w1 = runs[eta, 0.9].points[:, 0]
        assert np.sum(np.diff(np.sign(w1)) != 0) >= 2


def test_momentum_of_one_half_stops_in_the_local_minimum_too():
    surface = local_minimum()
    path = descend(surface, [2.3, 1.0], eta=0.05, mu=0.5, steps=300)
    assert path.final[0] == pytest.approx(surface.minima[1][0], abs=1e-3)


# --- descend --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start,limit", [([1e7, 0.0], 1e6), ([2e6, 0.0], 1e6), ([0.0, -5.0], 1.0)]
)
def test_descend_refuses_a_start_outside_limit(start, limit):
    raises_all(
        ValueError,
        "start must lie within limit",
        call=lambda: descend(round_bowl(), start, eta=0.5, limit=limit),
    )


def test_descend_from_far_inside_limit_converges_and_is_not_called_diverged():
    path = descend(round_bowl(), [1e5, 0.0], eta=0.5, steps=50)
    assert not path.diverged
    assert path.errors[-1] < 1e-9 * path.errors[0]


def test_descend_refuses_a_start_whose_error_overflows():
    raises_all(
        ValueError,
        "start must be a point whose error is a finite number",
        call=lambda: descend(round_bowl(), [1e200, 1e200], limit=1e300),
    )


def test_descend_stops_when_the_error_overflows():
    path = descend(round_bowl(), [1.0, 1.0], eta=3.0, steps=1000, limit=1e300)
    assert path.diverged and "the error overflowed" in path.message
    assert np.isfinite(path.errors).all()


@pytest.mark.parametrize(
    "call,part",
    [
        (
            lambda: round_bowl()([1e200, 1e200]),
            "w must lie where the error is a finite number",
        ),
        (
            lambda: local_minimum().grad([1e150, 0.0]),
            "w must lie where the gradient is a finite",
        ),
        (
            lambda: elongated_bowl(MAX_STRETCH).grad([1.0, 1e300]),
            "w must lie where the gradient is",
        ),
        (  # the steepest bowl allowed overflows nowhere in its window: widen it
            lambda: dataclasses.replace(round_bowl(), extent=(-1e200, 1e200) * 2).grid(
                5
            ),
            "the surface's extent must lie where the error",
        ),
    ],
)
def test_error_surfaces_refuse_points_where_they_overflow(call, part):
    raises_all(ValueError, part, "overflows there", call=call)


# --- Nesterov momentum (chapter 12's paragraph on it) ---------------------------------

VALLEY_STARTS = [[-4.0, 1.0], [1.1, -1.84], [0.09, 3.6], [-1.91, -1.61], [3.54, 0.09]]


@pytest.mark.parametrize("start", VALLEY_STARTS)
def test_nesterov_ends_lower_than_momentum_in_the_valley_at_mu_0_9(start):
    """The chapter's comparison: eta 0.03, mu 0.9, 60 steps; look-ahead damps loops."""
    valley = elongated_bowl(20)
    heavy = descend(valley, start, optimizer=Momentum(0.03, 0.9), steps=60, limit=1e3)
    ahead = descend(valley, start, optimizer=Nesterov(0.03, 0.9), steps=60, limit=1e3)
    assert not ahead.diverged and ahead.errors[-1] < heavy.errors[-1] / 5


@pytest.mark.parametrize("start", VALLEY_STARTS)
@pytest.mark.parametrize("mu", [0.5, 0.9])
def test_nesterovs_limit_of_stability_is_2_1_plus_mu_over_1_plus_2mu_c(start, mu):
    """On curvature c = 20 Nesterov is stable for eta < 2(1 + mu) / ((1 + 2 mu) c),
    below classical momentum's 2(1 + mu) / c; catches a step that adds the old
    velocity."""
    valley, limit = elongated_bowl(20), 2 * (1 + mu) / ((1 + 2 * mu) * 20)
    below = descend(
        valley, start, optimizer=Nesterov(0.99 * limit, mu), steps=3000, limit=1e3
    )
    above = descend(
        valley, start, optimizer=Nesterov(1.01 * limit, mu), steps=3000, limit=1e3
    )
    heavy = descend(
        valley, start, optimizer=Momentum(1.01 * limit, mu), steps=3000, limit=1e3
    )
    assert not below.diverged and below.errors[-1] < 1e-6
    assert above.diverged
    assert not heavy.diverged and heavy.errors[-1] < 1e-6


def test_grid_refuses_more_than_max_resolution_points_per_axis():
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        round_bowl().grid(100_000)
    assert str(refused.value) == (
        "this would make 100000 grid points per axis (resolution), "
        "more than MAX_RESOLUTION = 2000"
    )
    assert round_bowl().grid(MAX_RESOLUTION)[2].shape == (2000, 2000)


def test_descend_refuses_more_than_max_steps():
    with pytest.raises(
        ValueError,
        match=r"^this would make 10000000 steps \(steps\), more than "
        r"MAX_STEPS = 100000$",
    ):
        descend(round_bowl(), [1.0, 1.0], eta=0.1, steps=10_000_000)
    assert MAX_STEPS == 100_000


def test_a_start_outside_the_limit_shows_the_limit_with_every_digit():
    """:g printed limit 1.0000001 as 1 (review 17, fault 7)."""
    with pytest.raises(ValueError, match=r"\(\|w\| <= 1\.0000001\), but it is"):
        descend(round_bowl(), [1.0000002, 0.0], limit=1.0000001)


def test_a_stretch_whose_gradient_squares_overflow_is_refused_by_name():
    """Review 18 F5: elongated_bowl(1e160) was accepted, and Adam's first step was
    refused as a fault of the data or the learning rate."""
    with pytest.raises(
        ValueError,
        match=r"^stretch must be at most 1e\+100 \(MAX_STRETCH\), so that the "
        r"gradient across the valley \(stretch times w2\) squares to a finite "
        r"number, but it is 1e\+160: at w2 = 1 the gradient is 1e\+160 and its "
        r"square overflows \(beyond about 1\.8e308\)$",
    ):
        elongated_bowl(1e160)
    assert MAX_STRETCH == 1e100


@pytest.mark.parametrize("optimizer", [AdaGrad(0.1), RMSProp(0.1), Adam(0.1)])
@pytest.mark.parametrize("start", [[-4.0, 1.0], [-5.0, 1.5], [1e6, -1e6]])
def test_the_adaptive_optimizers_run_on_the_steepest_bowl_allowed(optimizer, start):
    """Within the limit the largest stretch's gradients square to finite numbers."""
    path = descend(elongated_bowl(MAX_STRETCH), start, optimizer=optimizer, steps=20)
    assert not path.diverged and np.isfinite(path.errors).all()


def test_a_run_whose_error_grows_in_range_is_called_unstable_not_plain():
    """Review 18 F7: eta = 0.1001 just above the limit 0.1 took the error from 18 to
    3e4 in 2000 steps, reported as a plain run."""
    path = descend(elongated_bowl(20), [-4.0, 1.0], eta=0.1001, steps=2000)
    assert not path.diverged  # the weights are still within the limit
    assert path.message == (
        "Ran 2000 steps; the error went from 18 to 2.957e+04. The error grew: it "
        "ended above its start, at its highest in the second half of the run, so the "
        "run is unstable (the learning rate is probably too large for this surface). "
        "The weights are still within |w| <= 1e+06, so diverged is False; if the "
        "error keeps growing, more steps will take them out."
    )
    exploding = descend(round_bowl(), [3.0, 2.0], eta=2.1, steps=20)
    assert "The error grew" in exploding.message


def test_start_and_end_errors_that_print_the_same_get_digits_that_tell_them_apart():
    """Review 19 F14(b): "the error went from 0.01 to 0.01. The error grew"."""
    path = descend(round_bowl(), [0.1, 0.1], eta=2.0000001, steps=50)
    assert path.errors[-1] > path.errors[0]
    assert path.message.startswith(
        "Ran 50 steps; the error went from 0.01 to 0.0100001. The error grew"
    )
    # numbers that differ at 4 digits keep 4
    assert descend(round_bowl(), [0.1, 0.1], eta=0.1, steps=5).message == (
        "Ran 5 steps; the error went from 0.01 to 0.003487."
    )


@pytest.mark.parametrize(
    "eta, mu", [(0.099, 0.0), (0.05, 0.0), (0.01, 0.0), (0.05, 0.9)]
)
def test_a_stable_run_is_not_called_unstable(eta, mu):
    """Chapter 12 exercise 2: 0.099 is stable (and 0.101 diverges); a momentum run
    whose error rises and falls again is not growing."""
    path = descend(elongated_bowl(20), [-4.0, 1.0], eta=eta, mu=mu, steps=2000)
    assert not path.diverged and "grew" not in path.message
    above = descend(elongated_bowl(20), [-4.0, 1.0], eta=0.101, steps=2000)
    assert above.diverged


def test_a_run_that_diverges_in_step_1_says_where_the_error_went():
    """Review 18 F8: the point that left is not recorded, and the message said the
    error had gone from 5e+159 to 5e+159."""
    left = descend(round_bowl(), [1.0, 1.0], eta=1e7, steps=10)
    assert left.diverged and left.message == (
        "Diverged in step 1: the weights left the range |w| <= 1e+06. The learning "
        "rate is too large for this surface. In step 1 the error went from 1 to 1e+14."
    )
    steep = descend(elongated_bowl(1e100), [-4.0, 1.0], eta=0.1, steps=10)
    assert steep.message.endswith("In step 1 the error went from 5e+99 to 5e+297.")
    overflowed = descend(round_bowl(), [1e150, 1e150], eta=1e10, limit=1e300)
    assert overflowed.message == (
        "Diverged in step 1: the error overflowed. The learning rate is too large for "
        "this surface. In step 1 the error went from 1e+300 past the largest float "
        "(it overflowed)."
    )
    later = descend(round_bowl(), [3.0, 2.0], eta=2.1, steps=500)
    assert later.message.endswith("The error had gone from 6.5 to 6.658e+11.")


def test_descend_refuses_a_schedule_reaching_0_within_steps_before_running():
    # review 20 F9: the private _DecayedToZero escaped partway, speaking of epochs
    with pytest.raises(ValueError, match="steps must be at most 108") as refused:
        descend(
            round_bowl(), [1, 1], eta=step_decay(0.5, factor=0.001, every=1), steps=200
        )
    assert type(refused.value) is ValueError
    assert str(refused.value) == (
        "steps must be at most 108 with the learning-rate schedule "
        "step_decay(0.5, factor=0.001, every=1), whose rate reaches 0 at step 108 "
        "(counted from 0), before the 200 steps asked for; use fewer steps or a "
        "slower decay"
    )
    path = descend(round_bowl(), [1, 1], eta=step_decay(0.5, 0.001, 1), steps=108)
    assert len(path.points) == 109
