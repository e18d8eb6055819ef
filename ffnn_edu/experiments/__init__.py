"""The chapters' experiments: one module per demonstration, built from the library only.

Each module's docstring names the chapter it serves. An experiment imports
:mod:`ffnn_edu.nn` and nothing of :mod:`ffnn_edu.show`: it computes, and the chapter
draws. The table of every module is in :mod:`ffnn_edu`.
"""
