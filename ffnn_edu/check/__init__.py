"""Self-checks for the book's exercises.

Each function takes your answer and returns a :class:`Feedback`: "Right!", or
what looks wrong and a hint, without giving the answer away::

    from ffnn_edu import check
    check.backprop_w5_gradient(-0.05)

The checks of each chapter live in their own submodule and are collected here.
"""
from .backprop import *  # noqa: F401,F403
from .complete_network import *  # noqa: F401,F403
from .delta_rule import *  # noqa: F401,F403
from .digits import *  # noqa: F401,F403
from .dropout import *  # noqa: F401,F403
from .logistic_neuron import *  # noqa: F401,F403
from .learning_rate import *  # noqa: F401,F403
from .neurons import *  # noqa: F401,F403
from .perceptron import *  # noqa: F401,F403
from .regularization import *  # noqa: F401,F403
from .several_classes import *  # noqa: F401,F403
from .sgd import *  # noqa: F401,F403
from .vanishing_gradients import *  # noqa: F401,F403
from .feedback import Feedback, compare  # noqa: F401
