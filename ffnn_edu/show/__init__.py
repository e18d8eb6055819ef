"""Presentation: listings, tables, figures, sliders, diagrams and exercise self-checks.

This wing may import both :mod:`ffnn_edu.nn` and :mod:`ffnn_edu.experiments`; neither
imports it. The table of every module is in :mod:`ffnn_edu`.
"""
