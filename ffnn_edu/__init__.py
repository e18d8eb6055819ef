"""ffnn_edu: shallow feed-forward neural networks in numpy, module by module as the book teaches them.

====================  =========================================================
module                concept
====================  =========================================================
``neuron``            logit, activation, a layer as a matrix product
``activations``       step, linear, sigmoid, tanh, ReLU, arctan and derivatives
``losses``            half sum of squares, mean squared error, cross-entropy
``perceptron``        binary threshold unit and the perceptron rule
``delta_rule``        linear neuron and the delta rule
``logistic_neuron``   the logistic neuron's learning rule
``learning_slowdown`` cross-entropy against the squared error; sum vs mean
``network``           forward pass and backpropagation, any layer sizes
``hidden_layers``     XOR by hand and by backpropagation; why a nonlinearity
``gradient_check``    finite differences against backpropagation
``optimizers``        gradient descent and momentum
``schedules``         learning-rate schedules
``regularization``    L1 and L2 penalties
``dropout``           inverted dropout
``training``          epochs, minibatches, divergence, early stopping
``classifier``        a fit/predict classifier built from the above
``datasets``          gates, parity, shop data, lunches, 2-D toy sets
``preprocessing``     train/validation/test split, standardization
``worked_examples``   the sources' worked examples, recomputed
``plotting``          colour-blind-safe figures
``display``           real source code and tables in notebooks
``sliders``           slider figures, live and in the static book
====================  =========================================================
"""
from .activations import get_activation, sigmoid
from .classifier import NetworkClassifier
from .gradient_check import gradient_check
from .losses import get_loss
from .network import FeedForwardNetwork
from .optimizers import GradientDescent, Momentum
from .perceptron import Perceptron
from .regularization import Regularizer
from .training import History, train
from .validation import NotFittedError

__version__ = "0.1.0"

__all__ = ["FeedForwardNetwork", "GradientDescent", "History", "Momentum", "NetworkClassifier",
           "NotFittedError",
           "Perceptron", "Regularizer", "get_activation", "get_loss", "gradient_check",
           "sigmoid", "train"]
