"""One pattern for input checks: declared with @checked, apart from the formula."""
import inspect

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, NetworkClassifier
from ffnn_edu.nn import activations
from ffnn_edu.nn.delta_rule import delta_rule_update, linear_neuron
from ffnn_edu.show.display import show_source
from ffnn_edu.nn.logistic_neuron import logistic_rule_gradient, logistic_rule_update
from ffnn_edu.nn.neuron import layer_logits
from ffnn_edu.nn.perceptron import perceptron_update, threshold_unit
from ffnn_edu.nn.validation import checked, positive, rows_match, samples, values

SHOWN = [layer_logits, threshold_unit, perceptron_update, linear_neuron, delta_rule_update,
         logistic_rule_gradient, logistic_rule_update, activations.sigmoid_kernel,
         activations.sigmoid_output_slope, FeedForwardNetwork.run_forward,
         FeedForwardNetwork.run_backward, NetworkClassifier.fit]
CHECK_WORDS = ("as_array", "as_samples", "check_", "raise ", "isinstance", "ndim")


def _body(function):
    """The function's code after its docstring."""
    source = inspect.getsource(inspect.unwrap(function))
    doc = function.__doc__
    if doc:
        source = source.split('"""', 2)[-1]
    return source


@pytest.mark.parametrize("function", SHOWN, ids=lambda f: f.__qualname__)
def test_shown_functions_are_maths_without_checks(function):
    body = _body(function)
    assert not [word for word in CHECK_WORDS if word in body], body
    assert len([line for line in body.splitlines() if line.strip()]) <= 14


@pytest.mark.parametrize("function", [layer_logits, threshold_unit, perceptron_update,
                                      linear_neuron, delta_rule_update,
                                      logistic_rule_gradient, logistic_rule_update,
                                      NetworkClassifier.fit])
def test_show_source_shows_the_declared_checks_above_the_function(function):
    shown = show_source(function).data
    assert shown.lstrip().startswith("@checked(")
    assert f"def {function.__name__}(" in shown


def test_the_decorator_checks_converts_and_relates_arguments():
    @checked(rows_match("x", "t"), x=samples, t=values, eta=positive)
    def step(x, t, eta=1.0):
        return x, t, eta

    x, t, eta = step([1.0, 2.0], 3)
    assert x.shape == (1, 2) and t.tolist() == [3.0] and eta == 1.0
    with pytest.raises(ValueError, match="eta must be > 0"):
        step([1.0, 2.0], 3, eta=0)
    with pytest.raises(ValueError, match="x and t must have the same number of rows"):
        step([[1.0], [2.0]], [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="missing a required argument: 't'"):
        step([1.0])
    assert step.__wrapped__("x", "t", "eta") == ("x", "t", "eta")    # the bare function


def test_a_checker_for_a_missing_parameter_is_caught_when_declared():
    with pytest.raises(TypeError, match="has no parameter.*eta"):
        @checked(eta=positive)
        def step(x):
            return x


def test_checked_functions_compute_what_they_did():
    assert delta_rule_update([0.23, 0.15, 0.27], 3.0, [6, 3, 3], eta=1 / 3) == pytest.approx(
        [6.0276, 3.018, 3.0324], abs=1e-4)
    step = perceptron_update(np.array([0.3, 0.4]), 0, [2, -3], 0.5)
    assert step.case == "correct" and step.prediction == 0
    step = perceptron_update([0.3, 0.4], 0, [2, 3], 0.5)
    assert step.case == "subtract" and step.w.tolist() == [1.7, 2.6] and step.b == -0.5


def test_unchecked_runs_the_body_of_a_checked_function_or_bound_method_without_its_checks():
    from ffnn_edu import GradientDescent
    from ffnn_edu.nn.validation import unchecked
    w = np.array([1.0])
    with pytest.raises(ValueError, match="grads must hold one gradient per parameter array"):
        GradientDescent(0.5).step([w], [], 0)                            # checked: refused
    unchecked(GradientDescent(0.5).step)([w], [np.array([1.0])], 0)      # the body alone
    assert w.tolist() == [0.5]
    assert unchecked(delta_rule_update) is delta_rule_update.__wrapped__
    assert unchecked(len) is len                          # nothing to unwrap: itself


TYPED_CALLS = '''
from ffnn_edu import GradientDescent
from ffnn_edu.nn.delta_rule import delta_rule_update
from ffnn_edu.nn.validation import unchecked
reveal_type(delta_rule_update)
delta_rule_update([1.0], 2.0)
GradientDescent(0.5).step([], [], epoch="0")
reveal_type(unchecked(GradientDescent(0.5).step))
'''


def test_checked_and_unchecked_keep_the_signature_for_a_type_checker(tmp_path):
    """@checked is typed with a ParamSpec: mypy sees the parameters of the function it wraps."""
    api = pytest.importorskip("mypy.api")
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    (tmp_path / "calls.py").write_text(TYPED_CALLS)
    report, _, _ = api.run([str(tmp_path / "calls.py"), "--follow-imports=silent",
                            "--no-incremental", "--cache-dir=/dev/null",
                            "--config-file=" + str(root / "pyproject.toml")])
    assert 'Revealed type is "def (x: ' in report                  # not "Any" or "def (*Any)"
    assert 'Missing positional arguments "w", "eta" in call to "delta_rule_update"' in report
    assert 'Argument "epoch" to "step" of "GradientDescent" has incompatible type "str"' in report
    assert 'Revealed type is "def (params: typing.Sequence[numpy.ndarray[' in report  # no self
    assert 'epoch: int)"' in report
