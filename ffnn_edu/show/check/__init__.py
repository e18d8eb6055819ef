"""Self-checks for the book's exercises.

Each function takes your answer and returns a :class:`Feedback`: "Right!", or
what looks wrong and a hint, without giving the answer away::

    from ffnn_edu.show import check
    check.sigmoid_slope_at_two(0.105)

The checks of each chapter live in their own submodule and are collected here.
Every check accepts the placeholder ``...`` and then returns
:class:`Pending` (no verdict), so the static book shows no feedback before the
reader has answered.
"""

from . import feedback as _feedback
from .backprop import *  # noqa: F403
from .complete_network import *  # noqa: F403
from .cross_entropy import *  # noqa: F403
from .delta_rule import *  # noqa: F403
from .digits import *  # noqa: F403
from .dropout import *  # noqa: F403
from .feedback import Feedback, Pending, compare, compare_limit  # noqa: F401
from .hidden_layers import *  # noqa: F403
from .learning_rate import *  # noqa: F403
from .logistic_neuron import *  # noqa: F403
from .neurons import *  # noqa: F403
from .perceptron import *  # noqa: F403
from .regularization import *  # noqa: F403
from .several_classes import *  # noqa: F403
from .sgd import *  # noqa: F403
from .vanishing_gradients import *  # noqa: F403

_CHECKS = [
    name
    for name, obj in list(globals().items())
    if callable(obj)
    and not name.startswith("_")
    and getattr(obj, "__module__", "").startswith(__name__ + ".")
    and obj.__module__ != _feedback.__name__
]
for _name in _CHECKS:
    globals()[_name] = _feedback.waits_for_an_answer(globals()[_name])
