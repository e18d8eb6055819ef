"""The house's rules on imports: the folders show the wings, and imports flow one way.

``ffnn_edu.nn`` (the library) imports nothing from ``experiments`` or ``show``;
``ffnn_edu.experiments`` imports only the library; ``ffnn_edu.show`` may import both.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ffnn_edu"
WINGS = ("nn", "experiments", "show")
ALLOWED = {
    "nn": {"nn"},
    "experiments": {"nn", "experiments"},
    "show": {"nn", "experiments", "show"},
}


def imported_wings(path: Path) -> dict[str, int]:
    """Each wing of ``ffnn_edu`` the module at ``path`` imports, with a line number."""
    tree = ast.parse(path.read_text())
    module_parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    found: dict[str, int] = {}
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = module_parts[: len(module_parts) - node.level]
                names = [".".join((*package, node.module or ""))]
            else:
                names = [node.module or ""]
        for name in names:
            parts = name.split(".")
            if parts[0] == "ffnn_edu" and len(parts) > 1 and parts[1] in WINGS:
                found.setdefault(parts[1], node.lineno)
    return found


@pytest.mark.parametrize("wing", WINGS)
def test_each_wing_imports_only_the_wings_below_it(wing):
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports ffnn_edu.{other}"
        for path in sorted((PACKAGE / wing).rglob("*.py"))
        for other, line in imported_wings(path).items()
        if other not in ALLOWED[wing]
    ]
    assert wrong == []


def test_every_module_sits_in_a_wing():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == []


def test_the_package_table_lists_every_module():
    import ffnn_edu

    listed = set(
        __import__("re").findall(
            r"``((?:nn|experiments|show)\.\w+)``", ffnn_edu.__doc__ or ""
        )
    )
    modules = {
        f"{p.parent.name}.{p.stem}"
        for wing in WINGS
        for p in (PACKAGE / wing).glob("*.py")
        if p.stem != "__init__"
    }
    modules.add("show.check")
    assert modules == listed


def test_every_experiment_names_its_chapter_in_its_first_line():
    unnamed = [
        p.stem
        for p in sorted((PACKAGE / "experiments").glob("*.py"))
        if p.stem != "__init__"
        and "hapter"
        not in (ast.get_docstring(ast.parse(p.read_text())) or "").splitlines()[0]
    ]
    assert unnamed == []


def test_every_library_module_has_its_own_test_file():
    tests = Path(__file__).resolve().parent
    missing = [
        f"tests/test_{p.stem}.py"
        for p in sorted((PACKAGE / "nn").glob("*.py"))
        if p.stem != "__init__" and not (tests / f"test_{p.stem}.py").exists()
    ]
    assert missing == []


def test_no_test_imports_a_private_name_of_the_package():
    tests = Path(__file__).resolve().parent
    private = []
    for path in sorted(tests.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "ffnn_edu"
            ):
                private += [
                    f"{path.name}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_")
                ]
    assert private == []


def test_each_notebook_file_name_begins_with_its_chapter_number():
    toc = (PACKAGE.parent / "_toc.yml").read_text()
    numbered = toc.split('caption: "Reference"')[0]
    files = [
        line.split("book/")[1]
        for line in numbered.splitlines()
        if "- file: book/" in line
    ]
    assert len(files) == 16
    for number, name in enumerate(files, start=1):
        assert name.startswith(f"{number:02d}_"), (
            f"chapter {number} is book/{name}.ipynb"
        )
        assert (PACKAGE.parent / "book" / f"{name}.ipynb").is_file(), name


def test_no_docstring_holds_a_control_character():
    """A TeX command in a docstring that is not a raw string loses its backslash:
    ``\\text`` became a tab and "ext" (check.dropout_implementation)."""
    spoilt = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(
                node,
                (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef),
            ):
                doc = ast.get_docstring(node, clean=False) or ""
                if any(c in doc for c in "\t\b\f\a\v\r"):
                    spoilt.append(f"{path.name}: {getattr(node, 'name', 'module')}")
    assert spoilt == []


def test_a_constant_a_docstring_refers_to_is_on_the_api_page():
    """The API page documents a module's ``__all__``: a public docstring's :data:`NAME`
    of a constant the module defines but leaves out of it fails the build (MAX_POINTS in
    universality, MAX_EPOCHS_IN_ALL in learning_slowdown)."""
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text())
        exported, defined = None, set()
        for node in tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = (
                    node.targets if isinstance(node, ast.Assign) else [node.target]
                )
                for target in targets:
                    if isinstance(target, ast.Name):
                        defined.add(target.id)
                        if target.id == "__all__":
                            exported = set(ast.literal_eval(node.value))
        if exported is None:
            continue
        shown = [ast.get_docstring(tree) or ""]  # the module's and its public objects'
        for node in tree.body:
            if getattr(node, "name", None) in exported:
                shown += [
                    ast.get_docstring(n) or ""
                    for n in ast.walk(node)
                    if isinstance(n, ast.FunctionDef | ast.ClassDef)
                ]
        referred = set(re.findall(r":data:`~?([A-Za-z_]\w*)`", "\n".join(shown)))
        missing += [
            f"{path.name}: {name}"
            for name in sorted(referred & defined)
            if name not in exported
        ]
    assert missing == []


def _public_names(tree: ast.Module, lines: list[str]) -> dict[str, bool]:
    """A module's public names, each with whether autodoc finds its documentation.

    Its ``__all__`` if it has one, else every public function, class and assignment
    at its top (a type variable is no entry of the page). A function or class is
    documented by its docstring, an assignment by a ``#:`` comment above it: autodoc's
    ``:members:`` leaves out what has neither, without a warning.
    """
    documented, exported = {}, None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            documented[node.name] = ast.get_docstring(node) is not None
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            value = node.value
            if isinstance(value, ast.Call) and getattr(value.func, "id", "") in (
                "TypeVar",
                "ParamSpec",
            ):
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if not isinstance(target, ast.Name):
                    continue
                if target.id == "__all__":
                    exported = ast.literal_eval(value)
                else:
                    above = lines[node.lineno - 2].lstrip()
                    documented[target.id] = above.startswith("#:")
    names = exported if exported is not None else documented
    return {
        name: documented.get(name, True)  # re-exported: documented where defined
        for name in names
        if not name.startswith("_")
    }


def _module_name(path: Path) -> str:
    """The dotted name of the module at ``path``; a package's is its folder's."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("wing", WINGS)
def test_every_public_name_of_the_package_is_on_the_api_page(wing):
    """book/api.md documents each module with ``automodule ... :members:``, which
    shows a public name only if it has a docstring (a ``#:`` comment for a constant
    or an alias): LOSSES, ACTIVATIONS and the four losses of the library were missing
    from the page in silence, and so were classes and aliases of the experiments and
    of the displays. A package's ``__init__`` that only gathers its submodules' names
    (``ffnn_edu.show.check``) defines none of its own and needs no section."""
    page = (PACKAGE.parent / "book" / "api.md").read_text()
    sections = dict(re.findall(r"\.\. automodule:: ([\w.]+)\n((?:   :.*\n)*)", page))
    missing = []
    for path in sorted((PACKAGE / wing).rglob("*.py")):
        module = _module_name(path)
        text = path.read_text()
        names = _public_names(ast.parse(text), text.splitlines())
        options = sections.get(module)
        if options is None:
            if path.name != "__init__.py" or names:
                missing.append(f"{module}: no automodule section")
            continue
        listed = re.search(r":members:(.*)", options)
        if listed is None:
            missing += [f"{module}.{name}: no :members: option" for name in names]
            continue
        chosen = {n.strip() for n in listed.group(1).split(",")} - {""}
        missing += [
            f"{module}.{name}"
            for name, has_doc in names.items()
            if (name not in chosen if chosen else not has_doc)
        ]
    assert missing == []


def test_experiments_of_full_batch_runs_stay_within_max_updates_by_their_epoch_limit():
    """Issue 16: the runs of an experiment together must stay within MAX_UPDATES. The
    ones given a batch_size count their updates (check_updates_in_all); these train
    full batches, one update an epoch, so their MAX_EPOCHS_IN_ALL bounds the total,
    and digit_race's batches of any size split the digits' fixed training part."""
    from ffnn_edu.experiments import (
        adaptive_rates,
        early_stopping,
        hidden_layers,
        learning_slowdown,
        tuning,
    )
    from ffnn_edu.experiments.digit_recognition import digit_data
    from ffnn_edu.nn.training import MAX_UPDATES

    for module in (early_stopping, hidden_layers, learning_slowdown, tuning):
        assert module.MAX_EPOCHS_IN_ALL <= MAX_UPDATES, module.__name__
    worst = adaptive_rates.MAX_EPOCHS_IN_ALL * len(digit_data(0).X_train)  # batch 1
    assert worst == 3_237_000 and worst <= MAX_UPDATES


_IMPORT_LINE = re.compile(
    r"\bfrom (ffnn_edu(?:\.\w+)*) import (\w+(?: as \w+)?(?:, *\w+(?: as \w+)?)*)"
    r"|\bimport (ffnn_edu(?:\.\w+)*)"
)


def _prose_imports() -> dict[str, str]:
    """Each import of ``ffnn_edu`` the prose shows, with where it is shown.

    The book's Markdown pages and notebooks' Markdown cells, README.md,
    CONTRIBUTING.md, and the package's docstrings and other strings.
    """
    root = PACKAGE.parent
    texts: list[tuple[str, str]] = [
        (str(path.relative_to(root)), path.read_text())
        for path in [*sorted(root.glob("book/*.md")), root / "README.md"]
        + [root / "CONTRIBUTING.md"]
    ]
    for path in sorted(root.glob("book/*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        texts += [
            (path.name, "".join(cell["source"]))
            for cell in cells
            if cell["cell_type"] == "markdown"
        ]
    for path in sorted(PACKAGE.rglob("*.py")):
        texts += [
            (str(path.relative_to(root)), node.value)
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        ]
    found: dict[str, str] = {}
    for where, text in texts:
        for match in _IMPORT_LINE.finditer(text):
            found.setdefault(match.group(0), where)
    return found


def test_every_import_of_the_package_the_prose_shows_imports():
    """Issue 16, fresh review: the API page said ``from ffnn_edu import check``,
    an ImportError (check is in ``ffnn_edu.show``)."""
    imports = _prose_imports()
    assert "from ffnn_edu.show import check" in imports  # the API page's, fixed
    assert "from ffnn_edu import NetworkClassifier" in imports  # README's
    failing = {}
    for line, where in imports.items():
        try:
            exec(line, {})
        except ImportError as error:
            failing[line] = f"{where}: {error}"
    assert failing == {}


#: Public classes and @checked functions that take any keyword (``**kwargs``), each
#: with the reason; every one of them refuses an unknown name itself, by
#: ``known_names``.
TAKE_ANY_KEYWORD = {
    "ffnn_edu.experiments.overfitting.penalty_sweep": "**settings, refused by name",
    "ffnn_edu.experiments.overfitting.dropout_sweep": "**settings, refused by name",
}
#: Public classes a learner does not construct, each with the reason: results the
#: package returns and plumbing. Python refuses their unknown keywords in its own
#: words.
NOT_CONSTRUCTED = {
    "ffnn_edu.experiments.batch_sizes.BatchRun": "a result of batch_size_runs",
    "ffnn_edu.experiments.digit_recognition.DigitData": "a result: the digits, split",
    "ffnn_edu.experiments.digit_recognition.DigitRun": "a result of a digits run",
    "ffnn_edu.experiments.early_stopping.OverfittingExperiment": "a result",
    "ffnn_edu.experiments.error_surfaces.ErrorSurface": "a result: a surface to plot",
    "ffnn_edu.experiments.error_surfaces.Trajectory": "a result: a descent's path",
    "ffnn_edu.experiments.gradient_flow.BackwardFactors": "a result",
    "ffnn_edu.experiments.hidden_layers.ManyRuns": "a result",
    "ffnn_edu.experiments.learning_curves.AfterTheTurn": "a result",
    "ffnn_edu.experiments.learning_slowdown.SlowdownRun": "a result",
    "ffnn_edu.experiments.learning_slowdown.SumAndMean": "a result",
    "ffnn_edu.experiments.multiclass.OutputComparison": "a result",
    "ffnn_edu.experiments.overfitting.Run": "a result of a sweep",
    "ffnn_edu.experiments.overfitting.PenaltyRun": "a result of penalty_sweep",
    "ffnn_edu.experiments.overfitting.DropoutRun": "a result of dropout_sweep",
    "ffnn_edu.experiments.repeated_splits.SplitScores": "a result",
    "ffnn_edu.experiments.symmetry.SymmetryRun": "a result",
    "ffnn_edu.experiments.tuning.Candidate": "a result: one setting's scores",
    "ffnn_edu.experiments.tuning.Tuning": "a result of a search",
    "ffnn_edu.nn.diagnostics.Diagnosis": "the result of diagnose",
    "ffnn_edu.nn.gradient_check.FiniteDifferences": "a result of gradient_check",
    "ffnn_edu.nn.gradient_check.GradientCheckReport": "the result of gradient_check",
    "ffnn_edu.nn.network.ForwardPass": "the result of a forward pass",
    "ffnn_edu.nn.network.Gradients": "the result of a backward pass",
    "ffnn_edu.nn.perceptron.PerceptronStep": "a result: one step of the rule",
    "ffnn_edu.nn.preprocessing.Split": "the result of train_test_split",
    "ffnn_edu.nn.training.History": "the result of train",
    "ffnn_edu.nn.training.DivergenceLines": "plumbing of train's messages",
    "ffnn_edu.nn.validation.NoOverflow": "plumbing: made by no_overflow",
    "ffnn_edu.nn.validation.SettingsElsewhere": "plumbing: made by settings_elsewhere",
    "ffnn_edu.show.check.feedback.Feedback": "the result of a self-check",
    "ffnn_edu.show.check.feedback.Pending": "a self-check's waiting result",
    "ffnn_edu.show.check.web.Rule": "plumbing of the page's self-checks",
    "ffnn_edu.show.check.web.Field": "plumbing of the page's self-checks",
    "ffnn_edu.show.check.web.Stage": "plumbing of the page's self-checks",
    "ffnn_edu.show.check.web.WebCheck": "plumbing of the page's self-checks",
    "ffnn_edu.show.computational_graph.Node": "plumbing of a figure",
    "ffnn_edu.show.display.SourceListing": "the result of show_source",
    "ffnn_edu.show.network_diagram.Box": "plumbing of a figure",
    "ffnn_edu.show.plotting.PowerFormatter": "plumbing: a matplotlib formatter",
    "ffnn_edu.show.sliders.StillTextCanvas": "plumbing: a matplotlib canvas",
}


def _public_classes_and_checked_functions():
    """Every public class and ``@checked`` function each module of the package
    defines (not re-exports), by dotted name; exceptions and warnings excepted (their
    constructors are Python's). Plain functions are not walked."""
    import importlib
    import inspect
    import pkgutil

    import ffnn_edu

    modules = ["ffnn_edu"] + [
        info.name for info in pkgutil.walk_packages(ffnn_edu.__path__, "ffnn_edu.")
    ]
    found = {}
    for module_name in modules:
        module = importlib.import_module(module_name)
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module_name:
                continue
            if isinstance(obj, type):
                if issubclass(obj, BaseException | Warning):
                    continue
            elif not (inspect.isfunction(obj) and hasattr(obj, "relations")):
                continue  # a plain function, or not callable
            found[f"{module_name}.{name}"] = obj
    return found


def test_every_public_class_and_checked_function_refuses_an_unknown_keyword():
    """Issue 16, one rule for unknown names: Adam(lr=0.1), step_decay(0.1, gamma=0.5)
    and Perceptron(lr=0.1) raised Python's bare TypeError, Nesterov(0.1, beta=0.9)
    named Momentum. Every public class a learner constructs and every @checked
    function raises UnknownNameError naming itself."""
    import inspect
    import warnings

    from ffnn_edu import UnknownNameError

    callables = _public_classes_and_checked_functions()
    assert set(TAKE_ANY_KEYWORD) | set(NOT_CONSTRUCTED) <= set(callables)  # not stale
    wrong = []
    for dotted, obj in callables.items():
        if dotted in NOT_CONSTRUCTED:
            continue
        takes_any = any(
            p.kind is inspect.Parameter.VAR_KEYWORD
            for p in inspect.signature(obj).parameters.values()
        )
        if takes_any:
            if dotted not in TAKE_ANY_KEYWORD:
                wrong.append(f"{dotted}: takes **kwargs, not in TAKE_ANY_KEYWORD")
            continue
        called = dotted.rsplit(".", 1)[1]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                obj(not_a_keyword_of_anything=1)
        except UnknownNameError as error:
            if not str(error).startswith(f"{called}() got an unknown keyword"):
                wrong.append(f"{dotted}: {error}")
        except Exception as error:  # noqa: BLE001 - every other error is the finding
            wrong.append(f"{dotted}: {type(error).__name__}: {error}")
        else:
            wrong.append(f"{dotted}: accepted the keyword")
    assert wrong == []
