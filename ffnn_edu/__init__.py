"""ffnn_edu: shallow feed-forward neural networks in numpy, to be read beside the book.

Three wings, and imports flow one way, left to right: ``show`` may import
``experiments`` and ``nn``; ``experiments`` imports only ``nn``; ``nn`` imports neither.

``nn``: the library (what a chapter teaches as a tool)

- ``nn.validation`` (every chapter): input checks, declared with ``@checked``
- ``nn.neuron`` (chapter 1): logit, activation, a layer as a matrix product
- ``nn.network`` (chapters 1, 6, 7): forward pass and backpropagation, any layer sizes
- ``nn.perceptron`` (chapter 2): binary threshold unit and the perceptron rule
- ``nn.delta_rule`` (chapter 3): linear neuron and the delta rule
- ``nn.activations`` (chapters 4, 10): step, linear, sigmoid, tanh, ReLU, softmax,
  slopes, the softmax's Jacobian
- ``nn.logistic_neuron`` (chapter 4): the logistic neuron's learning rule
- ``nn.losses`` (chapters 4, 5): half sum of squares, mean squared error, cross-entropy
- ``nn.gradient_check`` (chapters 6, 7): finite differences against backpropagation
- ``nn.datasets`` (chapters 2–16): gates, parity, shop data, lunches, 2-D toys, digits
- ``nn.preprocessing`` (chapters 9, 10): train/validation/test
  split, standardization, one-hot
- ``nn.metrics`` (chapter 16): the confusion matrix
- ``nn.diagnostics`` (chapter 16): four checks before a long run
- ``nn.classifier`` (chapter 9): a fit/predict classifier built from the above
- ``nn.regularization`` (chapter 11): L1 and L2 penalties
- ``nn.optimizers`` (chapter 12): gradient descent, momentum, Nesterov momentum, and
  rates per weight (AdaGrad, RMSProp, Adam)
- ``nn.schedules`` (chapter 12): learning-rate schedules
- ``nn.dropout`` (chapter 13): inverted dropout
- ``nn.training`` (chapters 3, 14): epochs, minibatches, divergence, early stopping

``experiments``: the chapters' demonstrations (each computes what one chapter shows)

- ``experiments.worked_examples`` (chapters 1–7): the sources'
  worked examples, recomputed
- ``experiments.learning_slowdown`` (chapter 5): cross-entropy against the squared error
- ``experiments.symmetry`` (chapter 6): equal hidden units stay equal
- ``experiments.printed_values`` (chapter 6): rounded, cut off, or a slip on the page
- ``experiments.hidden_layers`` (chapter 8): XOR by hand and by backpropagation
- ``experiments.universality`` (chapter 8): bumps from steep sigmoids, more units
- ``experiments.learning_curves`` (chapter 9): after the validation loss turns upwards
- ``experiments.repeated_splits`` (chapter 9): honest and leaky scores over many splits
- ``experiments.multiclass`` (chapter 10): softmax outputs against sigmoid outputs
- ``experiments.overfitting`` (chapters 11, 13): penalty and dropout sweeps on two moons
- ``experiments.error_surfaces`` (chapter 12): gradient descent on two-weight surfaces
- ``experiments.tuning`` (chapter 12): choosing a learning rate on validation data
- ``experiments.adaptive_rates`` (chapter 12): a learning rate per weight, raced on
  the elongated bowl and the digits
- ``experiments.early_stopping`` (chapter 12): overfitting in
  learning curves, stopping early
- ``experiments.batch_sizes`` (chapter 14): full batch, minibatch and online learning
- ``experiments.gradient_flow`` (chapter 15): vanishing and exploding gradients
- ``experiments.digit_recognition`` (chapter 16): handwritten
  digits from split to test score

``show``: presentation

- ``show.display``: the package's real source, and tables
- ``show.plotting``: colour-blind-safe figures
- ``show.network_diagram``: where neurons and weight labels sit in a diagram
- ``show.computational_graph``: the 2-2-1 network as a graph of its quantities
- ``show.sliders``: slider figures, live and in the static book
- ``show.live``: live figures, trained in the web page by ``book/_live/trainer.js``
- ``show.check``: the exercises' self-checks, one module per chapter; ``show.check.web``
  declares a check once for Python and for the web book's answer boxes (every chapter)
"""

from .nn.activations import get_activation, sigmoid
from .nn.classifier import ConvergenceWarning, NetworkClassifier
from .nn.gradient_check import gradient_check
from .nn.losses import get_loss
from .nn.network import FeedForwardNetwork
from .nn.optimizers import AdaGrad, Adam, GradientDescent, Momentum, Nesterov, RMSProp
from .nn.perceptron import Perceptron
from .nn.regularization import Regularizer
from .nn.training import History, train
from .nn.validation import NotFittedError, UnknownNameError

__version__ = "0.1.0"

__all__ = [
    "AdaGrad",
    "Adam",
    "ConvergenceWarning",
    "FeedForwardNetwork",
    "GradientDescent",
    "History",
    "Momentum",
    "Nesterov",
    "NetworkClassifier",
    "NotFittedError",
    "Perceptron",
    "RMSProp",
    "Regularizer",
    "UnknownNameError",
    "get_activation",
    "get_loss",
    "gradient_check",
    "sigmoid",
    "train",
]
