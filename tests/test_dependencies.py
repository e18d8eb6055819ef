"""pyproject.toml declares exactly what the package imports; pins respect its ranges.

`make lowest` installs the lowest declared versions and runs the tests there; this test
makes sure that what is declared is complete: a module the package imports at run time
without declaring it would be tested only by luck.
"""

import ast
import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
# Top-level module -> the distribution that provides it. matplotlib_inline is IPython's
# inline backend, installed with IPython (the notebook helpers
# load it only inside a kernel).
PROVIDED_BY = {
    "numpy": "numpy",
    "matplotlib": "matplotlib",
    "PIL": "pillow",
    "IPython": "ipython",
    "ipywidgets": "ipywidgets",
    "matplotlib_inline": "ipython",
    "threadpoolctl": "threadpoolctl",
}


def requirements() -> list[Requirement]:
    """The dependencies and the ``book`` extra, each with its marker (if any)."""
    texts = PROJECT["dependencies"] + PROJECT["optional-dependencies"]["book"]
    return [Requirement(text) for text in texts]


def declared() -> dict[str, list[str]]:
    """``{distribution: its lower bounds}``, one per Python range its markers name."""
    bounds: dict[str, list[str]] = {}
    for requirement in requirements():
        (specifier,) = requirement.specifier
        bounds.setdefault(requirement.name.lower(), []).append(specifier.version)
    return bounds


# Test-only dependencies (requirements.txt) that the package may import only inside
# the one method their own library calls: scikit-learn asks
# NetworkClassifier.__sklearn_tags__ for its tags, so the package works without
# scikit-learn and need not declare it.
CALLED_ONLY_BY = {"sklearn": "__sklearn_tags__"}


def imports() -> list[tuple[str, str | None, str]]:
    """``(top-level module, enclosing function or None, file)`` of each import."""
    found = []

    def visit(node, function, path):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend(
                    (a.name.split(".")[0], function, path) for a in child.names
                )
            elif (
                isinstance(child, ast.ImportFrom) and child.level == 0 and child.module
            ):
                found.append((child.module.split(".")[0], function, path))
            inner = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            visit(child, child.name if inner else function, path)

    for path in (ROOT / "ffnn_edu").rglob("*.py"):
        visit(ast.parse(path.read_text(encoding="utf-8")), None, path.name)
    return found


def imported_modules() -> set[str]:
    found = {
        module
        for module, function, _ in imports()
        if module not in CALLED_ONLY_BY or CALLED_ONLY_BY[module] != function
    }
    return found - set(sys.stdlib_module_names) - {"ffnn_edu"}


def test_every_imported_module_is_declared():
    unknown = sorted(imported_modules() - set(PROVIDED_BY))
    assert not unknown, (
        f"the package imports {unknown}: add them to PROVIDED_BY and pyproject.toml"
    )
    missing = sorted({PROVIDED_BY[m] for m in imported_modules()} - set(declared()))
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_every_declared_dependency_is_used():
    unused = sorted(set(declared()) - {PROVIDED_BY[m] for m in imported_modules()})
    assert not unused, (
        f"declared in pyproject.toml but never imported by ffnn_edu: {unused}"
    )


def test_pins_lie_within_the_declared_ranges_of_every_python():
    # requirements.txt pins one version for every Python, so it must satisfy the highest
    # of the bounds (the one for the newest Python).
    pinned = pins()
    checked = []
    for name, bounds in declared().items():
        if name in pinned:
            for bound in bounds:
                assert Version(pinned[name]) >= Version(bound), (
                    f"requirements.txt pins {name}=={pinned[name]}, below pyproject's "
                    f">={bound}"
                )
            checked.append(name)
    assert sorted(checked) == ["ipywidgets", "matplotlib", "numpy", "threadpoolctl"]


def lowest_pins(python: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / ".ci" / "lowest_requirements.py"),
            "--python",
            python,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("python", ["3.11", "3.12", "3.13", "3.14", "3.15"])
def test_every_python_gets_exactly_one_lowest_version_of_each_dependency(python):
    run = lowest_pins(python)
    assert run.returncode == 0, run.stderr
    names = [line.split("==")[0] for line in run.stdout.split()]
    assert sorted(names) == sorted([*declared(), "pytest"])


def test_the_lowest_versions_are_the_first_with_wheels_for_each_python():
    # What `make lowest` installs on each Python (the first numpy, matplotlib and Pillow
    # with wheels for it; IPython 8.15 is the first that passes on 3.12 and later).
    expected = {
        "3.11": "numpy==1.24 matplotlib==3.7 pillow==9.4 ipython==8.0",
        "3.12": "numpy==1.26.0 matplotlib==3.7.3 pillow==10.0.0 ipython==8.15",
        "3.13": "numpy==2.1.0 matplotlib==3.9.2 pillow==10.4.0 ipython==8.15",
        "3.14": "numpy==2.3.2 matplotlib==3.10.5 pillow==11.3.0 ipython==8.15",
    }
    for python, wanted in expected.items():
        assert set(wanted.split()) < set(lowest_pins(python).stdout.split()), python


def pins() -> dict[str, str]:
    """``{distribution: pinned version}`` from requirements.txt."""
    found = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        match = re.match(r"([A-Za-z0-9_.\-]+)==(\S+)", line)
        if match:
            found[match[1].lower()] = match[2]
    return found


def test_scikit_learn_is_imported_only_inside_the_method_scikit_learn_calls():
    where = sorted(
        {
            (path, function)
            for module, function, path in imports()
            if module == "sklearn"
        }
    )
    assert where == [
        ("classifier.py", "__sklearn_tags__"),
        ("preprocessing.py", "__sklearn_tags__"),
    ]


def test_the_package_imports_and_classifies_without_scikit_learn():
    # sys.modules["sklearn"] = None makes every import of
    # scikit-learn fail, as if not installed
    script = (
        "import sys; sys.modules['sklearn'] = None\nimport ffnn_edu\nfrom "
        "ffnn_edu.nn.datasets import two_moons\nX, y = two_moons(40, seed=0)\n"
        "from ffnn_edu.nn.preprocessing import Standardizer\n"
        "s = Standardizer().set_params().set_output(transform='default')\n"
        "Z = s.fit_transform(X, y)\nnames = s.get_feature_names_out().tolist()\nclf = "
        "ffnn_edu.NetworkClassifier(epochs=5).fit(Z, y)\nloaded = [m for m, v in "
        "sys.modules.items() if m.startswith('sklearn') and v]\n"
        "print(clf.predict(Z).shape, clf.score(Z, y) > 0.5, s.get_params(), names, "
        "loaded)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=Path(ffnn_edu_file()).parents[1],  # the copy of ffnn_edu being tested
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == "(40,) True {} ['x0', 'x1'] []\n"


def ffnn_edu_file() -> str:
    import ffnn_edu

    return ffnn_edu.__file__


@pytest.mark.parametrize(
    "name, without_it",
    [
        ("scikit-learn", "tests/test_classifier_sklearn.py is skipped"),
        ("pandas", "scikit-learn skips its estimator checks on DataFrames"),
    ],
)
def test_test_only_libraries_are_installed_where_the_source_tree_is_tested(
    name, without_it
):
    """The main venv has scikit-learn and pandas at their pins: no estimator check skips

    Only the lowest-versions run may skip it: it tests the package as installed (not
    this source tree) with the package's own dependencies, which
    include neither.
    """
    if Path(ffnn_edu_file()).resolve().parents[1] != ROOT:
        pytest.skip(
            "testing an installed copy with only its own dependencies (make lowest)"
        )
    try:
        installed = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        installed = None
    pinned = pins()[name]
    assert installed == pinned, (
        f"{name} is "
        f"{'not installed' if installed is None else 'at ' + installed}, "
        f"requirements.txt pins {pinned}: `make setup` (or pip install -r "
        f"requirements.txt) installs it, and without it {without_it}"
    )
