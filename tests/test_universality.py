"""Chapter 8: bumps from pairs of steep sigmoids, and what more of them buy."""

import warnings

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, NetworkClassifier
from ffnn_edu.experiments.universality import bump_network, largest_gap, wiggly

from helpers import refuses


def test_a_bump_is_its_height_inside_and_zero_outside():
    net = bump_network(lambda x: np.full_like(x, 0.7), 1, steepness=60.0)
    inside = net.forward(np.array([[0.3], [0.5], [0.7]]))[:, 0]
    outside = net.forward(np.array([[-1.5], [2.5]]))[:, 0]
    assert np.allclose(inside, 0.7, atol=1e-6) and np.allclose(outside, 0.0, atol=1e-6)


def test_a_bump_is_two_sigmoid_units_with_opposite_output_weights():
    net = bump_network(wiggly, 3)
    assert net.layer_sizes == (1, 6, 1)
    assert [a.name for a in net.activations] == ["sigmoid", "linear"]
    out = net.weights[1][:, 0]
    assert np.allclose(out[0::2], -out[1::2])
    assert np.allclose(out[0::2], wiggly(np.array([1, 3, 5]) / 6))


@pytest.mark.parametrize(
    "f",
    [wiggly, np.sin, lambda x: np.abs(x - 0.4)],
    ids=["wiggly", "sine", "kink"],
)
def test_the_gap_halves_when_the_bumps_double(f):
    """Chapter 8's claim: the largest gap shrinks about in proportion to 1/n."""
    gaps = [largest_gap(bump_network(f, n), f) for n in (10, 20, 40, 80, 160)]
    assert all(b < a for a, b in zip(gaps, gaps[1:]))
    ratios = [a / b for a, b in zip(gaps, gaps[1:])]
    assert all(1.6 < r < 2.4 for r in ratios), ratios


def test_the_chapters_gaps():
    gaps = {n: largest_gap(bump_network(wiggly, n), wiggly) for n in (10, 20, 50)}
    assert gaps[10] > gaps[20] > gaps[50]
    assert gaps[50] < 0.05 < gaps[10]


@pytest.mark.parametrize(
    "kwargs, error, part",
    [
        ({"f": 3.0}, TypeError, "f must be a function"),
        ({"n_bumps": 0}, ValueError, "n_bumps"),
        ({"n_bumps": 10_000}, ValueError, "n_bumps must be at most 500"),
        ({"steepness": 0.0}, ValueError, "steepness"),
        ({"interval": (1.0, 0.0)}, ValueError, "interval must be (low, high)"),
    ],
)
def test_bump_network_refuses_bad_arguments_by_name(kwargs, error, part):
    arguments = {"f": wiggly, "n_bumps": 5, **kwargs}
    with pytest.raises(error) as info:
        bump_network(**arguments)
    assert part in str(info.value)


def test_largest_gap_refuses_more_points_than_max_points():
    """points=10**10 asked numpy for 75 GiB (a MemoryError)."""
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        largest_gap(bump_network(wiggly, 5), wiggly, points=10**10)
    assert str(refused.value) == (
        "this would make 10000000000 inputs (points), more than MAX_POINTS = 1000000"
    )


# Issue 16 (a fresh reviewer): f's answers, the interval and the network are checked by
# name; a column from f was broadcast into n x n gaps, a third entry of the interval
# became linspace's count, NaN from f came back as the gap.
NET = bump_network(wiggly, 5)


@pytest.mark.parametrize(
    "f, error, message",
    [
        pytest.param(
            lambda x: wiggly(x)[:, None],
            ValueError,
            "f must return one finite number per x, shape (2001,), but it returned an "
            "array of shape (2001, 1)",
            id="a-column-not-broadcast",
        ),
        pytest.param(
            lambda x: x * np.nan,
            ValueError,
            "f must return one finite number per x, shape (2001,), but it returned nan "
            "at x = 0.0",
            id="nan",
        ),
        pytest.param(
            lambda x: wiggly(x)[:-1],
            ValueError,
            "f must return one finite number per x, shape (2001,), but it returned an "
            "array of shape (2000,)",
            id="one-short",
        ),
        pytest.param(
            lambda x: None,
            TypeError,
            "f must return one finite number per x, shape (2001,), but it returned "
            "None",
            id="none",
        ),
    ],
)
def test_largest_gap_refuses_what_f_returns_unless_one_finite_number_per_x(
    f, error, message
):
    refuses(error, message, lambda: largest_gap(NET, f))


@pytest.mark.parametrize(
    "f, error, message",
    [
        pytest.param(
            lambda x: None,
            TypeError,
            "f must return one finite number per x, shape (5,), but it returned None",
            id="none",
        ),
        pytest.param(
            lambda x: 1.0,
            ValueError,
            "f must return one finite number per x, shape (5,), but it returned one "
            "number, 1.0",
            id="one-number-for-all",
        ),
        pytest.param(
            lambda x: x * np.nan,
            ValueError,
            "f must return one finite number per x, shape (5,), but it returned nan at "
            "x = 0.1",
            id="nan",
        ),
        pytest.param(
            lambda x: np.ones(3),
            ValueError,
            "f must return one finite number per x, shape (5,), but it returned an "
            "array of shape (3,)",
            id="three-for-five",
        ),
        pytest.param(
            lambda x: np.array(["a"] * len(x)),
            TypeError,
            "f must return one finite number per x, shape (5,), but it returned array(",
            id="text",
        ),
    ],
)
def test_bump_network_refuses_what_f_returns_unless_one_finite_number_per_x(
    f, error, message
):
    refuses(error, message, lambda: bump_network(f, 5))


@pytest.mark.parametrize(
    "interval, error, message",
    [
        pytest.param(
            (0, 1, 2),
            ValueError,
            "interval must be two numbers (low, high), but it is (0, 1, 2)",
            id="three-numbers",
        ),
        pytest.param(
            (0, np.nan),
            ValueError,
            "interval[1] must be a finite number, but it is nan",
            id="nan-not-named-x",
        ),
        pytest.param(
            "01",
            TypeError,
            "interval must be two numbers (low, high), but it is '01'",
            id="text",
        ),
        pytest.param(
            (1.0, 0.0),
            ValueError,
            "interval must be (low, high) with low < high: (1.0, 0.0)",
            id="reversed",
        ),
        pytest.param(
            (-1e308, 1e308),
            ValueError,
            "interval must have a width high - low below the largest float (about "
            "1.8e308), but 1e+308 - -1e+308 overflows",
            id="width-overflows",
        ),
    ],
)
@pytest.mark.parametrize("function", ["bump_network", "largest_gap"])
def test_both_functions_refuse_an_interval_unless_two_finite_numbers_low_first(
    function, interval, error, message
):
    if function == "bump_network":
        refuses(error, message, lambda: bump_network(wiggly, 5, interval=interval))
    else:
        refuses(error, message, lambda: largest_gap(NET, wiggly, interval=interval))


def test_largest_gap_refuses_an_interval_where_the_network_overflows():
    refuses(
        ValueError,
        "interval (-1e+307, 1e+307) is too far out for network: its output at the "
        "ends overflows (a result beyond the largest float, about 1.8e308); use an "
        "interval nearer 0",
        lambda: largest_gap(NET, wiggly, interval=(-1e307, 1e307)),
    )


@pytest.mark.parametrize(
    "network, error, message",
    [
        pytest.param(
            NetworkClassifier(),
            TypeError,
            "network must be a FeedForwardNetwork, but it is NetworkClassifier() "
            "(NetworkClassifier)",
            id="a-classifier",
        ),
        pytest.param(
            "net",
            TypeError,
            "network must be a FeedForwardNetwork, but it is 'net' (str)",
            id="text",
        ),
        pytest.param(
            None,
            TypeError,
            "network must be a FeedForwardNetwork, but it is None (NoneType)",
            id="none",
        ),
        pytest.param(
            FeedForwardNetwork((2, 3, 1)),
            ValueError,
            "network must have 1 input and 1 output (a function of x), but its layers "
            "are (2, 3, 1)",
            id="two-inputs",
        ),
    ],
)
def test_largest_gap_refuses_anything_but_a_network_of_one_input_and_output(
    network, error, message
):
    refuses(error, message, lambda: largest_gap(network, wiggly))


def test_largest_gap_refuses_points_that_are_not_a_count():
    refuses(
        TypeError,
        "points must be an integer >= 2, but it is 1.5 (float)",
        lambda: largest_gap(NET, wiggly, points=1.5),
    )


@pytest.mark.parametrize(
    "kwargs, message",
    [
        pytest.param(
            {"steepness": 1e308},
            "steepness x n_bumps / width must be finite, but 1e+308 x 5 / 1.0 "
            "(interval (0.0, 1.0)) overflows",
            id="steepness",
        ),
        pytest.param(
            {"interval": (0, 1e-310)},
            "steepness x n_bumps / width must be finite, but 20.0 x 5 / 1e-310 "
            "(interval (0.0, 1e-310)) overflows",
            id="a-tiny-interval",
        ),
        pytest.param(
            {"interval": (-1.7e308, -1e308), "n_bumps": 1},
            "interval (-1.7e+308, -1e+308) is too near the largest float (about "
            "1.8e308): the outer thresholds, half a piece (3.5e+307) outside it, "
            "overflow",
            id="thresholds-beyond-the-largest-float",
        ),
        pytest.param(
            {"steepness": 1e300, "interval": (1e10, 1e10 + 1)},
            "the input weight s = steepness x n_bumps / width = 5e+300 times the "
            "outermost threshold 1e+10 must stay below half the largest float (about "
            "9e307), so that s(x - a) is finite: use a smaller steepness or an "
            "interval nearer 0",
            id="biases",
        ),
    ],
)
def test_bump_network_refuses_weights_beyond_the_largest_float_naming_the_settings(
    kwargs, message
):
    arguments = {"f": wiggly, "n_bumps": 5, **kwargs}
    refuses(ValueError, message, lambda: bump_network(**arguments))


def test_the_gap_of_five_bumps_on_wiggly_is_the_reviewers_0_218():
    assert largest_gap(NET, wiggly) == pytest.approx(0.21799920292611186, abs=1e-12)


def _step(x):
    return 1.0 if x > 0.5 else 0.0  # a function of one number: an if on x


def _own_bug(x):
    raise ValueError("my own mistake")


@pytest.mark.parametrize(
    "f, cause",
    [
        # numpy 2 says "only 0-dimensional arrays", numpy 1 "only length-1 arrays"
        pytest.param("math.sin", "TypeError: only ", id="math-sin"),
        pytest.param(float, "TypeError: only ", id="float"),
        pytest.param(
            _step,
            "ValueError: The truth value of an array with more than one element",
            id="if-on-x",
        ),
    ],
)
@pytest.mark.parametrize("function", ["bump_network", "largest_gap"])
def test_both_functions_name_f_when_it_works_on_one_number_only(function, f, cause):
    """bump_network(math.sin, 5) raised numpy's bare "TypeError: only 0-dimensional
    arrays can be converted to Python scalars", naming nothing of the caller's."""
    import math

    f = math.sin if f == "math.sin" else f
    call = {
        "bump_network": lambda: bump_network(f, 5),
        "largest_gap": lambda: largest_gap(bump_network(np.sin, 5), f),
    }[function]
    shape = (5,) if function == "bump_network" else (2001,)
    with pytest.raises(TypeError) as caught:
        call()
    assert str(caught.value).startswith(
        "f must work on a numpy array of x values (use np.sin, not math.sin; "
        "np.where(x > 0, a, b), not an if), but f(x) of an array of shape "
        f"{shape} raised {cause}"
    )
    # the original is chained, so its traceback still shows where f failed
    assert cause.startswith(f"{type(caught.value.__cause__).__name__}: ")


def test_an_error_of_fs_own_propagates_unchanged():
    with pytest.raises(ValueError, match=r"^my own mistake$"):
        bump_network(_own_bug, 5)
    with pytest.raises(KeyError):
        largest_gap(bump_network(np.sin, 5), lambda x: {}["a"])


# Issue 16 (review 18, F3): a height of 1e308 was accepted and largest_gap then blamed
# the interval for the overflow it caused.
@pytest.mark.parametrize(
    "height, n_bumps, largest",
    [(1e308, 10, "8.988e+306"), (1.5e308, 1, "8.988e+307"), (-1e307, 50, "1.798e+306")],
)
def test_bump_network_refuses_heights_whose_output_would_overflow(
    height, n_bumps, largest
):
    refuses(
        ValueError,
        f"f must stay within +-{largest} at the bumps' midpoints for n_bumps={n_bumps}",
        lambda: bump_network(lambda x: height * np.ones_like(x), n_bumps),
    )


def test_bump_network_takes_the_largest_height_allowed():
    net = bump_network(lambda x: 8.98e306 * np.ones_like(x), 10)
    assert np.isfinite(net.forward(np.array([[0.0], [0.5], [1.0]]))).all()


def test_largest_gap_refuses_a_gap_beyond_the_largest_float_naming_network_and_f():
    # mutant: the gap computed without a check, inf with only a RuntimeWarning
    net = bump_network(lambda x: 8e307 * np.ones_like(x), 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        refuses(
            ValueError,
            "the gap between network's output and f must be below the largest float "
            "(about 1.8e308), but at x = 0 network gives 8e+307 and f gives -1.5e+308",
            lambda: largest_gap(net, lambda x: -1.5e308 * np.ones_like(x)),
        )
