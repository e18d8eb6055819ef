"""pyproject.toml declares exactly what the package imports, and the pins respect its ranges.

`make lowest` installs the lowest declared versions and runs the tests there; this test makes sure
that what is declared is complete: a module the package imports at run time without declaring
it would be tested only by luck.
"""

import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
# Top-level module -> the distribution that provides it. matplotlib_inline is IPython's inline
# backend, installed with IPython (the notebook helpers load it only inside a kernel).
PROVIDED_BY = {
    "numpy": "numpy",
    "matplotlib": "matplotlib",
    "PIL": "pillow",
    "IPython": "ipython",
    "ipywidgets": "ipywidgets",
    "matplotlib_inline": "ipython",
}


def declared() -> dict[str, str]:
    """``{distribution: lower bound}`` from dependencies and the ``book`` extra."""
    bounds = {}
    for requirement in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["book"]:
        name, bound = re.fullmatch(r"([A-Za-z0-9_.\-]+)>=(\S+)", requirement).groups()
        bounds[name.lower()] = bound
    return bounds


def imported_modules() -> set[str]:
    found = set()
    for path in (ROOT / "ffnn_edu").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"ffnn_edu"}


def test_every_imported_module_is_declared():
    unknown = sorted(imported_modules() - set(PROVIDED_BY))
    assert not unknown, f"the package imports {unknown}: add them to PROVIDED_BY and pyproject.toml"
    missing = sorted({PROVIDED_BY[m] for m in imported_modules()} - set(declared()))
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_every_declared_dependency_is_used():
    unused = sorted(set(declared()) - {PROVIDED_BY[m] for m in imported_modules()})
    assert not unused, f"declared in pyproject.toml but never imported by ffnn_edu: {unused}"


def test_pins_lie_within_the_declared_ranges():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        match = re.match(r"([A-Za-z0-9_.\-]+)==(\S+)", line)
        if match:
            pins[match[1].lower()] = match[2]

    def version(text):
        return tuple(int(part) for part in re.findall(r"\d+", text)[:3])

    for name, bound in declared().items():
        if name in pins:
            assert version(pins[name]) >= version(bound), (
                f"requirements.txt pins {name}=={pins[name]}, below pyproject's >={bound}"
            )
