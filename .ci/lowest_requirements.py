#!/usr/bin/env python3
"""Print the lowest versions pyproject.toml allows on a Python, as pins (`make lowest`).

Every run-time dependency of the package (``[project] dependencies`` and the ``book``
extra) must carry a ``>=`` lower bound, optionally behind an environment marker that
names the Pythons it is for (``numpy>=2.1.0; python_version == '3.13'``): the oldest
release that exists for a Python differs from one Python to the next. This script
keeps, for each dependency, the one bound whose marker matches the given Python and
turns it into ``==``, so `make lowest` installs exactly the oldest versions the package
promises to work with there and runs the unit tests against them. pytest comes pinned
from requirements.txt (a test tool, not a dependency of the package).

usage: python .ci/lowest_requirements.py [--python X.Y] > lowest.txt
       (--python: the Python the pins are for; by default the one running this script)
"""

from __future__ import annotations

import argparse
import platform
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def declared() -> list[Requirement]:
    """The package's run-time requirements: dependencies and the ``book`` extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    texts = list(project["dependencies"]) + list(
        project["optional-dependencies"]["book"]
    )
    return [Requirement(text) for text in texts]


def lower_bounds(python: str) -> dict[str, str]:
    """``{distribution: lowest version}`` that pyproject.toml declares for ``python``.

    ``python`` is ``"X.Y"``. Exits with a message naming the requirement if one is not
    a single ``>=`` bound, or if a dependency has no bound, or more than one, whose
    marker matches ``python``.
    """
    environment = {"python_version": python, "python_full_version": f"{python}.0"}
    bounds: dict[str, str] = {}
    names = []
    for requirement in declared():
        specifiers = list(requirement.specifier)
        if len(specifiers) != 1 or specifiers[0].operator != ">=":
            sys.exit(
                f"pyproject.toml: {str(requirement)!r} must be 'name>=version' (a "
                "lower bound that `make lowest` can install and test), optionally "
                "followed by '; marker'"
            )
        name = requirement.name.lower()
        names.append(name)
        marker = requirement.marker
        if marker is not None and not marker.evaluate(environment):
            continue
        if name in bounds:
            sys.exit(
                f"pyproject.toml: two lower bounds of {name} apply on Python {python} "
                f"(>={bounds[name]} and >={specifiers[0].version}): make their markers "
                "exclusive"
            )
        bounds[name] = specifiers[0].version
    missing = sorted(set(names) - set(bounds))
    if missing:
        sys.exit(
            f"pyproject.toml: no lower bound of {', '.join(missing)} applies on Python "
            f"{python}: give every Python a bound"
        )
    return bounds


def lowest_pins(python: str) -> list[str]:
    """The pins `make lowest` installs on ``python``: each lower bound as ``==``."""
    pins = [f"{name}=={version}" for name, version in lower_bounds(python).items()]
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.startswith("pytest=="):
            pins.append(line.split("#")[0].strip())
    return pins


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    running = ".".join(platform.python_version_tuple()[:2])
    parser.add_argument("--python", default=running, metavar="X.Y")
    args = parser.parse_args(argv)
    print("\n".join(lowest_pins(args.python)))


if __name__ == "__main__":
    main(sys.argv[1:])
