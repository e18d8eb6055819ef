"""Tests of ``ffnn_edu.nn.perceptron``."""

import re

import numpy as np
import pytest

from ffnn_edu.nn.datasets import and_gate, or_gate, parity, xor
from ffnn_edu.nn.perceptron import TINY_INPUTS, Perceptron, perceptron_update

from helpers import raises, refuses

# --- the perceptron's starting bias ------------------------------------------------


@pytest.mark.parametrize(
    "b_init,error,message",
    [
        (float("nan"), ValueError, "b_init must be a finite number, but it is nan"),
        (float("inf"), ValueError, "b_init must be a finite number, but it is inf"),
        ("a", TypeError, "b_init must be a number, not str"),
        ([1.0], TypeError, "b_init must be a number, not list"),
    ],
)
def test_perceptron_checks_b_init_like_w_init(b_init, error, message):
    with pytest.raises(error, match=f"^{message}$"):
        Perceptron(b_init=b_init).fit(*and_gate())


@pytest.mark.parametrize(
    "kwargs, named",
    [
        (dict(b_init=1e308), "b_init"),
        (dict(b_init=-1e308), "b_init"),
        (dict(w_init=[1e300, 0.0]), "w_init"),
    ],
)
def test_perceptron_refuses_a_start_no_update_can_change(kwargs, named):
    """1e308 + 1 is 1e308: the rule could never converge, whatever the data."""
    with pytest.raises(
        ValueError,
        match=rf"^{named} must be small enough for an "
        r"update to change it, but adding or subtracting "
        r"the case .* leaves w = .* as they are \(rounding\)",
    ):
        Perceptron(**kwargs).fit(*and_gate())


def test_perceptron_names_a_column_of_mixed_scales_not_the_default_start():
    # review17 fault 9: the default zeros were blamed ("w_init and b_init must be
    # small enough ... start nearer 0") for an update lost to X's own scales
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1e-20], [-1.0, -1.0]])
    with pytest.raises(ValueError, match=r"^X must hold") as refused:
        Perceptron().fit(X, [1, 1, 0, 0])
    message = str(refused.value)
    assert message.startswith(
        "X must hold entries of comparable sizes within each column for an update "
        "to change the weights, but adding or subtracting the case [1.0, 1e-20] and 1"
    )
    assert (
        "X[:, 1] mixes scales: its largest nonzero |x| is 1 and its smallest 1e-20 "
        "(a ratio of 1.0e+20)" in message
    )
    assert "w_init" not in message and "b_init" not in message


def test_perceptron_names_a_large_start_beside_mixed_scales_only_when_given():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1e-20], [-1.0, -1.0]])
    with pytest.raises(ValueError, match=r"^b_init must") as refused:
        Perceptron(b_init=1e308).fit(X, [1, 1, 0, 0])
    assert refused.value.args[0].startswith("b_init must be small enough")
    with pytest.raises(ValueError, match=r"^X must hold") as small_start:
        Perceptron(w_init=[0.5, 0.5], b_init=0.5).fit(X, [1, 1, 0, 0])
    assert "X[:, 1] mixes scales" in str(small_start.value)
    assert "w_init" not in str(small_start.value)


def test_perceptron_with_a_large_but_usable_start_still_learns():
    assert Perceptron(b_init=-3.0, max_epochs=50).fit(*and_gate()).converged_


def test_perceptron_refuses_inputs_whose_weighted_sums_overflow():
    X = np.array([[1e308, 1e308], [-1e308, -1e308]])
    with pytest.raises(
        ValueError,
        match=r"^X, w_init and b_init must be small enough for the "
        r"weighted sums and updates to stay finite",
    ):
        Perceptron(max_epochs=5).fit(X, [0, 1])


def test_a_failed_perceptron_fit_keeps_the_last_good_fit():
    p = Perceptron().fit(*and_gate())
    weights, history = p.weights_.copy(), p.history_
    p.b_init = float("nan")
    with pytest.raises(ValueError, match="b_init"):
        p.fit(*and_gate())
    p.b_init = 1e308
    with pytest.raises(ValueError, match="b_init must be small enough"):
        p.fit(*and_gate())
    assert (
        np.array_equal(p.weights_, weights) and p.history_ is history and p.converged_
    )


X4 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def test_perceptron_score_needs_0_1_labels_one_per_row():
    p = Perceptron().fit(X4, [0, 1, 1, 1])
    raises(
        ValueError,
        "t must contain only the labels 0 and 1",
        lambda: p.score(X4, [0, 5, 1, 1]),
    )
    raises(
        ValueError,
        "X and t must have the same number of rows",
        lambda: p.score(X4, [0, 1]),
    )
    assert p.score(X4, [0, 1, 1, 1]) == 1.0


def test_errors_count_the_updates_of_each_epoch():
    for data in (and_gate(), or_gate(), xor()):
        p = Perceptron(max_epochs=20).fit(*data)
        assert len(p.errors_) == p.n_epochs_
        assert sum(p.errors_) == len(p.history_) - 1


def test_errors_reach_zero_exactly_when_converged():
    assert Perceptron().fit(*or_gate()).errors_[-1] == 0
    for data in (xor(), parity(3)):
        p = Perceptron(max_epochs=30).fit(*data)
        assert not p.converged_ and min(p.errors_) > 0


def test_errors_are_reset_by_a_second_fit():
    p = Perceptron(max_epochs=10).fit(*xor())
    p.fit(*and_gate())
    assert p.errors_ == [2, 3, 3, 2, 1, 0] and np.isclose(p.bias_, -3.0)


def test_the_perceptron_converges_on_and_or_but_not_xor_or_parity():
    for data in (and_gate(), or_gate()):
        p = Perceptron().fit(*data)
        assert p.converged_ and p.score(*data) == 1.0
        assert "Converged" in p.message_
    for data in (xor(), parity(3)):
        p = Perceptron(max_epochs=200).fit(*data)
        assert not p.converged_ and p.n_epochs_ == 200
        assert p.score(*data) < 1.0
        assert "Did not converge" in p.message_


def test_perceptron_rule_subtracts_when_it_wrongly_fires():
    step = perceptron_update([0.3, 0.4], 0, w=[2.0, 1.0], b=0.5)
    assert step.case == "subtract"
    assert step.w == pytest.approx([1.7, 0.6])
    assert step.b == pytest.approx(-0.5)


# Mutation testing (issue 16, kind G): a wrong-length w_init and the contents of the
# history were not pinned.
@pytest.mark.parametrize("w_init, entries", [([0.0], 1), ([0.0, 0.0, 0.0], 3)])
def test_perceptron_refuses_a_w_init_of_the_wrong_length(w_init, entries):
    with pytest.raises(
        ValueError, match=rf"^w_init must have 2 entries, but it has {entries}$"
    ):
        Perceptron(w_init=w_init).fit(*and_gate())


def test_perceptron_history_holds_the_start_and_every_update_in_order():
    X, t = [[1.0, 0.0], [0.0, 1.0]], [1.0, 0.0]
    p = Perceptron(w_init=[0.0, 0.5], b_init=-1.0).fit(X, t)
    # epoch 1: case 1 says 0 (z = -1), add: w = (1, .5), b = 0; case 2 says 1 (z = .5),
    # subtract: w = (1, -.5), b = -1. Epoch 2: (1, 0) -> z = 0 -> 1,
    # right; (0, 1) -> 0, right.
    assert [(w.tolist(), b) for w, b in p.history_] == [
        ([0.0, 0.5], -1.0),
        ([1.0, 0.5], 0.0),
        ([1.0, -0.5], -1.0),
    ]
    assert p.errors_ == [2, 0] and p.n_epochs_ == 2 and p.converged_
    assert p.weights_.tolist() == [1.0, -0.5] and p.bias_ == -1.0
    assert p.message_ == (
        "Converged after 2 epochs (2 updates): every "
        "training case is classified correctly."
    )
    # the history keeps copies: later updates do not change earlier entries
    assert p.history_[0][0] is not p.history_[1][0]


# Mutation testing: the threshold's tie at z = 0, every field of a step, the messages'
# names and the default number of epochs.
def test_perceptron_rule_counts_a_logit_of_exactly_zero_as_firing():
    # z = 0: says 1, right
    step = perceptron_update([1.0, 2.0], 1, w=[2.0, -1.0], b=0.0)
    assert (step.w.tolist(), step.b, step.prediction, step.case) == (
        [2.0, -1.0],
        0.0,
        1,
        "correct",
    )
    # says 1, should say 0
    step = perceptron_update([1.0, 2.0], 0, w=[2.0, -1.0], b=0.0)
    assert (step.w.tolist(), step.b, step.prediction, step.case) == (
        [1.0, -3.0],
        -1.0,
        1,
        "subtract",
    )
    # z = -0.5: says 0, add
    step = perceptron_update([1.0, 2.0], 1, w=[2.0, -1.0], b=-0.5)
    assert (step.w.tolist(), step.b, step.prediction, step.case) == (
        [3.0, 1.0],
        0.5,
        0,
        "add",
    )


@pytest.mark.parametrize(
    "t, kwargs, message",
    [
        (
            [[0], [0], [0], [1]],
            {},
            r"^t must have 1 dimension\(s\), but it has shape \(4, 1\)$",
        ),
        (
            [0, 1],
            {},
            r"^X and t must have the same number of rows "
            r"\(samples\), but they have 4 and 2$",
        ),
        (
            [0, 2, 0, 1],
            {},
            r"^t must contain only the labels 0 and 1, but it contains 2.0$",
        ),
        (
            [0, 0, 0, 1],
            dict(max_epochs=0),
            r"^max_epochs must be an integer >= 1, but it is 0$",
        ),
    ],
)
def test_perceptron_fit_names_what_it_refuses(t, kwargs, message):
    with pytest.raises(ValueError, match=message):
        Perceptron(**kwargs).fit(and_gate()[0], t)


def test_perceptron_gives_up_after_100_epochs_by_default():
    assert Perceptron().fit(*xor()).n_epochs_ == 100


# Mutation testing: the rest of fit's and predict's messages, word for word.
def test_perceptron_messages_in_full():
    with pytest.raises(
        ValueError, match=r"^w_init must have 1 dimension\(s\), but it has shape"
    ):
        Perceptron(w_init=[[0.0, 0.0]]).fit(*and_gate())
    with pytest.raises(ValueError, match=r"^X, w_init and b_init") as overflow:
        Perceptron().fit([[1e308, 1e308]], [0.0])
    assert str(overflow.value) == (
        "X, w_init and b_init must be small enough for the weighted sums and updates "
        "to stay finite, but they overflow (a result beyond the largest float, about "
        "1.8e308); scale the inputs first"
    )
    with pytest.raises(ValueError, match=r"call fit\(X, t\) before predict or score$"):
        Perceptron().predict(and_gate()[0])
    assert Perceptron(max_epochs=3).fit(*xor()).message_ == (
        "Did not converge in 3 epochs: the weights were still changing. Either no "
        "straight line separates the two classes, or the rule needs more epochs "
        "(raise max_epochs): a small margin between the classes, or inputs of very "
        "different scales, make it slow."
    )


def test_perceptron_fit_declares_its_checks_outside_its_body():
    """House rule: the checks of fit are a @checked declaration, the body the rule."""
    import inspect

    from ffnn_edu.nn.validation import unchecked

    body = inspect.getsource(unchecked(Perceptron.fit))
    assert body.lstrip().startswith("@checked(")
    listing = body.split('"""')[-1]  # the body after the docstring
    for inline in ("check_", "as_array", "as_samples", "raise TypeError"):
        assert inline not in listing, inline


@pytest.mark.parametrize(
    "kwargs,error,message",
    [
        (dict(max_epochs=2.5), TypeError, r"^max_epochs must be an integer >= 1, but "),
        (dict(max_epochs=2_000_000), ValueError, r"^this would make 2000000 epochs "),
        (dict(w_init=[0.0, np.nan]), ValueError, r"^w_init must contain only finite "),
        (dict(w_init=[0.0]), ValueError, r"^w_init must have 2 entries, but it has 1$"),
    ],
)
def test_perceptron_fit_names_the_setting_it_refuses(kwargs, error, message):
    with pytest.raises(error, match=message):
        Perceptron(**kwargs).fit(*and_gate())


def test_perceptron_fit_never_changes_the_w_init_it_was_given():
    w_init = np.array([0.0, 0.0])
    p = Perceptron(w_init=w_init).fit(np.array([[1.0, 1.0]]), [1])
    assert p.weights_ is not w_init and w_init.tolist() == [0.0, 0.0]


def test_absorb_bias_names_x_in_its_messages():
    from ffnn_edu.nn.perceptron import absorb_bias

    with pytest.raises(ValueError, match=r"^X must contain only finite numbers"):
        absorb_bias([[np.nan]])


# --- Mutation testing: equivalent survivors (`make mutation`, see CONTRIBUTING.md) ----
# threshold_unit, perceptron_update: the default b = 0.0 -> 1.0. `@checked` binds the
#   arguments with the declared signature and applies its defaults before calling the
#   body, so a default in the body's own copy is never used (so for every default of a
#   @checked function).
# threshold_unit: `.astype(np.float64)` -> `.astype(None)`: numpy's default dtype is
#   float64.
# Perceptron.fit: `changed = False` -> `changed = None` (falsy alike);
#   np.errstate(over="raise", invalid="raise") with invalid=None or dropped: a NaN needs
#   an infinity first (inputs and start are checked finite), and over="raise" stops the
#   first infinity.


def test_absorb_bias_prepends_a_column_of_ones():
    from ffnn_edu.nn.perceptron import absorb_bias

    assert absorb_bias([[0.3, 0.4], [1.0, 2.0]]).tolist() == [
        [1.0, 0.3, 0.4],
        [1.0, 1.0, 2.0],
    ]
    # one sample as a vector
    assert absorb_bias([0.3, 0.4]).tolist() == [[1.0, 0.3, 0.4]]


def test_fit_refuses_more_epochs_than_max_epochs():
    """max_epochs=10**12 on XOR (never converges) cycled for ever."""
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        Perceptron(max_epochs=10**12).fit(*xor())
    assert str(refused.value) == (
        "this would make 1000000000000 epochs (max_epochs), more than MAX_EPOCHS = "
        "1000000"
    )


def test_the_message_counts_one_epoch_and_one_update_in_the_singular():
    """Issue 16: "Converged after 1 epochs (1 updates)" and "in 1 epochs"."""
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    converged = Perceptron(max_epochs=5, w_init=[1.0, -1.0], b_init=0.0).fit(X, [1, 0])
    assert converged.message_.startswith("Converged after 1 epoch (0 updates): ")
    once = Perceptron(max_epochs=1).fit(*xor())
    assert once.message_.startswith("Did not converge in 1 epoch: ")


# Fresh review (issue 16): predict said "x has 3 inputs per sample but w has 2 weights",
# naming neither the argument passed (X) nor anything the learner made (w).
def test_predict_names_x_and_the_inputs_the_perceptron_was_fitted_on():
    p = Perceptron().fit(*and_gate())
    message = "X has 3 inputs per sample, but the perceptron was fitted on 2"
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        p.predict([[1, 2, 3]])
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        p.score([[1, 2, 3]], [1])


def test_perceptron_names_both_mixed_scales_and_a_large_given_start():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1e-20], [-1.0, -1.0]])
    with pytest.raises(ValueError, match=r"^X must hold") as refused:
        Perceptron(w_init=[0.0, 1e30]).fit(X, [1, 1, 0, 0])
    message = str(refused.value)
    assert "so the weight w[1] = 1e+30 cannot take the case's 1e-20" in message
    assert message.endswith(
        "Also, w_init is large enough to swallow an update; start nearer 0"
    )


def test_stopping_at_max_epochs_on_separable_data_does_not_claim_no_line_exists():
    """Review 18 F1: AND needs 6 epochs, a thin margin or a column scaled by 1e6
    more than given; the message said the classes cannot be separated."""
    X, t = and_gate()
    rng = np.random.default_rng(0)
    thin = rng.normal(size=(200, 2))
    runs = [
        Perceptron(max_epochs=5).fit(X, t),
        Perceptron().fit(thin, (thin @ [1.0, 1.0] + 0.01 > 0).astype(float)),
        Perceptron(max_epochs=1000).fit(X * [1.0, 1e3], t),
        Perceptron(max_epochs=1000).fit(X * [1.0, 1e6], t),
    ]
    for p in runs:
        assert not p.converged_
        assert "Either no straight line separates the two classes, or the rule " in (
            p.message_
        )
        assert "more epochs" in p.message_ and "as they must" not in p.message_
    assert Perceptron(max_epochs=6).fit(X, t).converged_  # it only needed one more


def test_weights_back_at_an_earlier_epochs_start_prove_no_line_separates():
    for data in (xor(), parity(3)):
        p = Perceptron(max_epochs=30).fit(*data)
        assert p.message_ == (
            "Did not converge in 30 epochs: the weights came back to where they "
            "stood at the start of epoch 4, so the rule repeats the same updates for "
            "ever; no straight line separates the two classes (on classes a line "
            "separates, the rule stops)."
        )
        assert p.n_epochs_ == 30  # the check does not cut the run short


def test_the_perceptron_refuses_an_unknown_keyword_by_name():
    """Issue 16 (F11): Perceptron(lr=0.1) was Python's bare TypeError; the perceptron
    rule has no learning rate, and the refusal lists what it takes."""
    from ffnn_edu import UnknownNameError

    with pytest.raises(UnknownNameError) as caught:
        Perceptron(lr=0.1)
    assert str(caught.value) == (
        "Perceptron() got an unknown keyword argument 'lr'; the keyword arguments are "
        "max_epochs, w_init and b_init"
    )


# --- issue 16, kind E: the worst case of a fit is bounded before it starts -----------


def _cycling(samples, inputs=2):
    """Identical cases with alternating labels: no line separates them, and the rule
    updates at (nearly) every step."""
    X = np.zeros((samples, inputs))
    X[:, 0] = 1.0
    return X, np.arange(samples) % 2 == 1


def test_perceptron_refuses_more_steps_than_max_updates_before_any_work():
    """Review: max_epochs alone was checked, so 20000 cases x 1e6 epochs ran (and
    kept every update) without end. 11 x 1e6 steps would take minutes if the refusal
    came after the start."""
    perceptron = Perceptron(max_epochs=1_000_000)
    refuses(
        ValueError,
        "this would make up to 11000000 steps of the perceptron rule (X: 11 samples "
        "x max_epochs: 1000000 epochs, an update possible at each), more than "
        "MAX_UPDATES = 10000000: fit fewer samples or lower max_epochs",
        lambda: perceptron.fit(*_cycling(11)),
    )
    assert not hasattr(perceptron, "history_")  # refused before it ran


def test_perceptron_runs_a_fit_of_exactly_max_updates_steps():
    # all-zero cases labelled 1 are right from the start: one epoch, no update
    p = Perceptron(max_epochs=1_000_000).fit(np.zeros((10, 2)), np.ones(10))
    assert p.converged_ and p.n_epochs_ == 1 and p.errors_ == [0]


@pytest.mark.parametrize(
    "inputs, refused", [(99_999, False), (100_000, True)], ids=["at", "over"]
)
def test_perceptron_refuses_more_number_steps_than_max_work(inputs, refused):
    """10 x 1e6 steps within MAX_UPDATES, each touching inputs + 1 numbers: 1e12 is
    MAX_WORK itself and runs (it converges at once), one input more is refused."""
    X, t = np.zeros((10, inputs)), np.ones(10)
    if not refused:
        assert Perceptron(max_epochs=1_000_000).fit(X, t).converged_
        return
    refuses(
        ValueError,
        "this would make up to 1000010000000 sample-weight-epochs (X: 10 samples x "
        "max_epochs: 1000000 epochs x 100001 weights and bias, for X's 100000 "
        "inputs), more than MAX_WORK = 1000000000000: fit fewer samples, fewer "
        "inputs or lower max_epochs",
        lambda: Perceptron(max_epochs=1_000_000).fit(X, t),
    )


def test_perceptron_history_keeps_every_state_that_max_history_values_holds():
    # 1e6 numbers hold 10 states of 99999 weights and a bias: 9 updates all kept
    X, t = _cycling(5, inputs=99_999)
    p = Perceptron(max_epochs=2).fit(X, t)
    assert p.errors_ == [5, 4] and len(p.history_) == 10
    assert "history_ keeps" not in p.message_


def test_perceptron_history_keeps_the_first_states_and_says_it_left_updates_out():
    """Review: history_ kept every update, some 10 GB for a default fit of 1e6 rows;
    now the start and the first updates, as many as MAX_HISTORY_VALUES numbers."""
    X, t = _cycling(5, inputs=99_999)
    whole = Perceptron(max_epochs=2).fit(X, t)
    p = Perceptron(max_epochs=3).fit(X, t)
    assert p.errors_ == [5, 4, 4] and len(p.history_) == 10
    for (w, b), (w_whole, b_whole) in zip(p.history_, whole.history_):
        assert b == b_whole and np.array_equal(w, w_whole)
    assert p.message_.endswith(
        "history_ keeps the start and the first 9 of the 13 updates "
        "(MAX_HISTORY_VALUES = 1000000 numbers, 100000 a state)."
    )
    # the updates are still counted in full, from errors_ (len(history_) - 1 was 9)
    assert Perceptron(max_epochs=1).fit(*and_gate()).message_ == (
        "Did not converge in 1 epoch: the weights were still changing. Either no "
        "straight line separates the two classes, or the rule needs more epochs "
        "(raise max_epochs): a small margin between the classes, or inputs of very "
        "different scales, make it slow."
    )


# Review 25, F4: the AND gate's cases times 1e-4 were told to raise max_epochs; they
# need some 5e7 epochs (beyond MAX_EPOCHS), and times 1e-300 never converge.
@pytest.mark.parametrize("s", [1e-4, 1e-300])
def test_tiny_inputs_are_named_before_raising_max_epochs(s):
    X, t = and_gate()
    p = Perceptron(max_epochs=1000).fit(X * s, t)
    assert not p.converged_
    assert f"the largest |x| in X is {s:.3g}" in p.message_
    assert "Scale X up, to a largest |x| of about 1, rather than raise max_epochs" in (
        p.message_
    )
    assert "(raise max_epochs)" not in p.message_
    # the remedy helps when tried: scaled up to 1, the default 100 epochs suffice
    tiny = X * s
    assert Perceptron().fit(tiny / np.abs(tiny).max(), t).converged_


def test_the_tiny_inputs_message_states_its_measured_epochs():
    X, t = and_gate()
    assert Perceptron(max_epochs=10_000).fit(X * 0.01, t).n_epochs_ == 5003
    assert Perceptron().fit(X, t).n_epochs_ == 6


def test_inputs_at_the_tiny_threshold_are_named_and_larger_ones_are_not():
    X, t = and_gate()
    at = Perceptron(max_epochs=20).fit(X * TINY_INPUTS, t)  # needs 53 epochs
    above = Perceptron(max_epochs=5).fit(X * 0.3, t)  # needs 8
    assert "The inputs are tiny" in at.message_  # mutant: < instead of <=
    assert "The inputs are tiny" not in above.message_
    assert "(raise max_epochs)" in above.message_
