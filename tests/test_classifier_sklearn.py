"""NetworkClassifier and the Standardizer inside scikit-learn: their estimator checks,
a Pipeline, cross-validation and a grid search (issue 16, kind A).

scikit-learn is a test-only dependency: requirements.txt pins it for this file, and
neither the package nor the book imports it. The lowest-versions run of `make test`
installs only the package's own dependencies, so there this file is skipped; everywhere
else it must run, and
`test_dependencies.py::test_test_only_libraries_are_installed_where_the_source_tree_is_tested`
fails if scikit-learn (or pandas, for the checks on DataFrames) is missing.

Timing (scikit-learn 1.9.1): every check on `NetworkClassifier()` with its defaults
takes about 27 s, 20 of them in the three runs of `check_classifiers_train` (150 epochs
of minibatches of 2 on 300 samples). The checks here run on instances with 20 epochs
(about 3 s each); the one check whose outcome depends on how long the network trains,
`check_classifiers_train`, also runs once on the default instance, so that the default
too passes every check.
"""

import os
import warnings

import numpy as np
import pytest

# Before scipy is first imported: with it, check_array_api_input runs (NumPy inputs with
# array API dispatch on) instead of skipping. Nothing else in the tests imports scipy.
os.environ.setdefault("SCIPY_ARRAY_API", "1")
pytest.importorskip("sklearn")

from sklearn.base import clone, is_classifier, is_regressor
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning as SklearnConvergenceWarning
from sklearn.exceptions import DataConversionWarning as SklearnDataConversionWarning
from sklearn.exceptions import NotFittedError as SklearnNotFittedError
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils import get_tags
from sklearn.utils.estimator_checks import (
    check_classifiers_train,
    check_get_feature_names_out_error,
    check_set_output_transform,
    check_transformer_get_feature_names_out,
    parametrize_with_checks,
)

from ffnn_edu import ConvergenceWarning, NetworkClassifier, NotFittedError
from ffnn_edu.nn.datasets import two_moons
from ffnn_edu.nn.preprocessing import Standardizer

# scikit-learn warns that the class does not inherit from its BaseEstimator: on purpose,
# the package does not depend on scikit-learn (the tags come
# from __sklearn_tags__ instead).
NOT_BASE_ESTIMATOR = "ignore:Estimator NetworkClassifier does not inherit:UserWarning"

CHECKED = [
    NetworkClassifier(epochs=20),
    # a rate per weight: Adam, with its state reset for every fit
    NetworkClassifier(optimizer="adam", eta=0.01, epochs=20),
    # the other paths through fit: squared error with sigmoid outputs, several hidden
    # layers, momentum, an L1 penalty, dropout, full batches
    NetworkClassifier(
        (6, 4),
        activation="tanh",
        loss="mse",
        eta=1.0,
        mu=0.5,
        penalty="l1",
        lam=1e-4,
        dropout=0.1,
        epochs=20,
        batch_size=None,
        seed=3,
    ),
]

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Estimator NetworkClassifier does not inherit")
    every_check = parametrize_with_checks(CHECKED)
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Estimator Standardizer does not inherit")
    every_standardizer_check = parametrize_with_checks([Standardizer()])


# scikit-learn's checks fit on data made for any estimator (unscaled features near 100,
# a few epochs): a fit that leaves its loss far above its start says so, as
# scikit-learn's own test suite lets its MLP's ConvergenceWarning pass.
@pytest.mark.filterwarnings(NOT_BASE_ESTIMATOR)
@pytest.mark.filterwarnings("ignore::ffnn_edu.nn.classifier.ConvergenceWarning")
@every_check
def test_passes_scikit_learns_estimator_check(estimator, check):
    check(estimator)


@pytest.mark.filterwarnings(
    "ignore:Estimator Standardizer does not inherit:UserWarning"
)
@every_standardizer_check
def test_the_standardizer_passes_scikit_learns_estimator_check(estimator, check):
    check(estimator)


@pytest.mark.filterwarnings(NOT_BASE_ESTIMATOR)
def test_the_default_classifier_learns_as_well_as_scikit_learns_checks_ask():
    check_classifiers_train("NetworkClassifier", NetworkClassifier())


def test_scikit_learn_sees_a_classifier_with_its_tags():
    clf = NetworkClassifier()
    assert is_classifier(clf)
    tags = get_tags(clf)
    assert tags.estimator_type == "classifier"
    assert tags.target_tags.required and tags.target_tags.single_output
    assert not tags.target_tags.multi_output
    assert tags.classifier_tags.multi_class and not tags.classifier_tags.multi_label
    assert not tags.classifier_tags.poor_score
    assert tags.input_tags.two_d_array
    assert not (
        tags.input_tags.sparse or tags.input_tags.allow_nan or tags.input_tags.string
    )
    assert tags.requires_fit and not tags.non_deterministic


def test_scikit_learn_sees_the_standardizer_as_a_transformer_with_its_tags():
    s = Standardizer()
    assert not is_classifier(s) and not is_regressor(s)
    tags = get_tags(s)
    assert tags.estimator_type is None
    assert tags.transformer_tags is not None
    assert tags.transformer_tags.preserves_dtype == ["float64"]
    assert not tags.target_tags.required
    assert tags.input_tags.two_d_array
    assert not (
        tags.input_tags.sparse or tags.input_tags.allow_nan or tags.input_tags.string
    )
    assert tags.requires_fit and not tags.non_deterministic


def test_clone_copies_every_parameter():
    clf = NetworkClassifier((5, 3), eta=0.1, lam=0.01, penalty="l1", epochs=7, seed=4)
    copy = clone(clf)
    assert copy is not clf and copy.get_params() == clf.get_params()


def test_not_fitted_error_is_scikit_learns_too():
    with pytest.raises(SklearnNotFittedError) as info:
        NetworkClassifier().predict([[0.0, 1.0]])
    assert isinstance(info.value, NotFittedError)


def test_a_column_of_labels_gives_scikit_learns_data_conversion_warning():
    X, y = two_moons(30, seed=0)
    with pytest.warns(
        SklearnDataConversionWarning, match="A column-vector y was passed"
    ):
        NetworkClassifier(epochs=2).fit(X, y[:, np.newaxis])


def test_a_diverged_fit_gives_scikit_learns_convergence_warning_too():
    """Issue 16: a fit whose training diverged said nothing. Code written for
    scikit-learn filters its ConvergenceWarning; the package's warning is both."""
    X, y = two_moons(20, seed=0)
    with pytest.warns(SklearnConvergenceWarning) as warned:
        clf = NetworkClassifier(4, eta=1000.0, epochs=20).fit(X, y)
    assert isinstance(warned[0].message, ConvergenceWarning)
    assert str(warned[0].message) == f"{clf!r}: {clf.history_.message}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=SklearnConvergenceWarning)
        NetworkClassifier(4, eta=1000.0, epochs=20).fit(X, y)
    assert caught == []


def test_a_grid_search_passes_a_diverged_fits_warning_on_to_its_caller():
    """The caller of a GridSearchCV hears which grid point blew up, and why."""
    X, y = two_moons(60, seed=0)
    search = GridSearchCV(NetworkClassifier(4, epochs=20), {"eta": [0.5, 1000.0]}, cv=2)
    with pytest.warns(SklearnConvergenceWarning) as warned:
        search.fit(X, y)
    texts = {str(w.message) for w in warned}
    assert texts and all(
        t.startswith(
            "NetworkClassifier(hidden_layer_sizes=4, eta=1000.0, epochs=20): "
            "Training diverged in epoch "
        )
        for t in texts
    )
    assert search.best_params_ == {"eta": 0.5}


# Unscaled features: the two moons moved to around 5000 and stretched 1000-fold, where
# sigmoid hidden units saturate unless a StandardScaler comes first.
X_MOONS, Y_MOONS = two_moons(150, noise=0.1, seed=0)
X_FAR = X_MOONS * 1000.0 + 5000.0
Y_WORDS = np.where(Y_MOONS == 1, "upper", "lower")
FAST = dict(
    hidden_layer_sizes=(10,), activation="tanh", eta=0.5, epochs=80, batch_size=10
)


def test_a_pipeline_with_a_standard_scaler_predicts_and_scores():
    pipe = make_pipeline(StandardScaler(), NetworkClassifier(**FAST)).fit(
        X_FAR, Y_WORDS
    )
    assert is_classifier(pipe)
    assert pipe.score(X_FAR, Y_WORDS) >= 0.97
    assert set(pipe.predict(X_FAR)) == {"lower", "upper"}
    # the pipeline is the scaler, then the classifier on the scaled inputs
    scaled = StandardScaler().fit_transform(X_FAR)
    alone = NetworkClassifier(**FAST).fit(scaled, Y_WORDS)
    np.testing.assert_array_equal(pipe.predict(X_FAR), alone.predict(scaled))
    np.testing.assert_array_equal(
        pipe.predict_proba(X_FAR), alone.predict_proba(scaled)
    )
    # without the scaler the same network learns much less (saturated hidden units),
    # and (review 17, fault 6) its fit says it learned nothing and names the offset
    with pytest.warns(ConvergenceWarning, match="The inputs are probably far from 0"):
        unscaled = NetworkClassifier(**FAST).fit(X_FAR, Y_WORDS)
    assert unscaled.score(X_FAR, Y_WORDS) < 0.9


def test_cross_val_score_scores_each_fold_as_a_fresh_fit_would():
    pipe = make_pipeline(StandardScaler(), NetworkClassifier(**FAST))
    folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
    scores = cross_val_score(pipe, X_FAR, Y_WORDS, cv=folds)
    by_hand = [
        make_pipeline(StandardScaler(), NetworkClassifier(**FAST))
        .fit(X_FAR[train], Y_WORDS[train])
        .score(X_FAR[test], Y_WORDS[test])
        for train, test in folds.split(X_FAR, Y_WORDS)
    ]
    np.testing.assert_array_equal(scores, by_hand)
    assert scores.min() >= 0.9


def test_a_pipeline_with_the_standardizer_fits_predicts_and_scores():
    """The reviewer's pipeline: make_pipeline(Standardizer(), NetworkClassifier())."""
    pipe = make_pipeline(Standardizer(), NetworkClassifier(**FAST)).fit(X_FAR, Y_WORDS)
    assert is_classifier(pipe)
    assert pipe.score(X_FAR, Y_WORDS) >= 0.97
    assert set(pipe.predict(X_FAR)) == {"lower", "upper"}
    scaled = Standardizer().fit_transform(X_FAR)
    alone = NetworkClassifier(**FAST).fit(scaled, Y_WORDS)
    np.testing.assert_array_equal(pipe.predict(X_FAR), alone.predict(scaled))
    np.testing.assert_array_equal(
        pipe.predict_proba(X_FAR), alone.predict_proba(scaled)
    )
    # the Standardizer scales as StandardScaler does (both divide by n)
    np.testing.assert_allclose(
        scaled, StandardScaler().fit_transform(X_FAR), rtol=0, atol=1e-12
    )


def test_a_standardizer_pipeline_takes_set_output_default():
    """A fresh reviewer's call: Pipeline.set_output asks each step for set_output."""
    pipe = make_pipeline(Standardizer(), NetworkClassifier(**FAST))
    assert pipe.set_output(transform="default") is pipe
    assert pipe.fit(X_FAR, Y_WORDS).score(X_FAR, Y_WORDS) >= 0.97
    with pytest.raises(ValueError, match="gives NumPy arrays only"):
        make_pipeline(Standardizer(), StandardScaler()).set_output(transform="pandas")


def test_a_pipeline_and_a_column_transformer_name_the_standardizers_columns():
    X = np.arange(12.0).reshape(4, 3) ** 2
    pipe = make_pipeline(Standardizer(), StandardScaler()).fit(X)
    assert pipe.get_feature_names_out().tolist() == ["x0", "x1", "x2"]
    columns = ColumnTransformer(
        [("s", Standardizer(), [0, 1])], remainder="passthrough"
    ).fit(X)
    assert columns.get_feature_names_out().tolist() == [
        "s__x0",
        "s__x1",
        "remainder__x2",
    ]
    np.testing.assert_allclose(
        columns.transform(X)[:, :2], StandardScaler().fit_transform(X[:, :2])
    )


@pytest.mark.parametrize(
    "check",
    [
        check_set_output_transform,
        check_transformer_get_feature_names_out,
        check_get_feature_names_out_error,
    ],
)
def test_the_standardizer_passes_scikit_learns_output_and_feature_name_checks(check):
    """scikit-learn's own checks of set_output and get_feature_names_out, which
    check_estimator does not run (scikit-learn runs them on its own transformers)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check("Standardizer", Standardizer())


def test_clone_gives_an_unfitted_standardizer_and_pipeline():
    fitted = Standardizer().fit(X_FAR)
    copy = clone(fitted)
    assert copy is not fitted and copy.get_params() == {}
    assert not hasattr(copy, "mean_")
    pipe = make_pipeline(Standardizer(), NetworkClassifier(**FAST)).fit(X_FAR, Y_WORDS)
    twin = clone(pipe)
    assert not hasattr(twin.named_steps["standardizer"], "mean_")
    assert twin.get_params()["networkclassifier__eta"] == 0.5
    np.testing.assert_array_equal(
        twin.fit(X_FAR, Y_WORDS).predict(X_FAR), pipe.predict(X_FAR)
    )


def test_cross_val_score_of_the_standardizer_pipeline_refits_each_fold():
    pipe = make_pipeline(Standardizer(), NetworkClassifier(**FAST))
    folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
    scores = cross_val_score(pipe, X_FAR, Y_WORDS, cv=folds)
    by_hand = [
        make_pipeline(Standardizer(), NetworkClassifier(**FAST))
        .fit(X_FAR[train], Y_WORDS[train])
        .score(X_FAR[test], Y_WORDS[test])
        for train, test in folds.split(X_FAR, Y_WORDS)
    ]
    np.testing.assert_array_equal(scores, by_hand)
    assert scores.min() >= 0.9


def test_grid_search_over_the_learning_rate_and_the_penalty_picks_the_best_pair():
    pipe = make_pipeline(StandardScaler(), NetworkClassifier(**FAST))
    grid = {
        "networkclassifier__eta": [0.001, 0.5],
        "networkclassifier__lam": [0.0, 0.5],
    }
    search = GridSearchCV(pipe, grid, cv=3).fit(X_FAR, Y_WORDS)
    results = search.cv_results_
    assert len(results["params"]) == 4
    best = int(np.argmax(results["mean_test_score"]))
    assert search.best_params_ == results["params"][best]
    # a tiny eta barely moves from the start, a large penalty holds the weights small:
    # the best pair is the large eta without the penalty
    assert search.best_params_ == {
        "networkclassifier__eta": 0.5,
        "networkclassifier__lam": 0.0,
    }
    assert search.best_score_ >= 0.95
    chosen = search.best_estimator_.named_steps["networkclassifier"]
    assert (chosen.eta, chosen.lam) == (0.5, 0.0)
    assert search.score(X_FAR, Y_WORDS) == search.best_estimator_.score(X_FAR, Y_WORDS)


def test_the_readmes_scikit_learn_example_prints_what_it_shows():
    import doctest
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(
        encoding="utf-8"
    )
    section = readme.split("### Using the package with scikit-learn", 1)[1].split(
        "\n## ", 1
    )[0]
    (example,) = re.findall(r"```pycon\n(.*?)```", section, flags=re.DOTALL)
    test = doctest.DocTestParser().get_doctest(example, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False) == doctest.TestResults(
        failed=0, attempted=12
    )
