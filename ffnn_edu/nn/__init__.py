"""The network library: neurons, networks, losses, optimizers, training, data.

Everything a chapter teaches as a *tool* lives here, and nothing here imports the
chapters' experiments (:mod:`ffnn_edu.experiments`) or the presentation
(:mod:`ffnn_edu.show`). The table of every module is in :mod:`ffnn_edu`.
"""
