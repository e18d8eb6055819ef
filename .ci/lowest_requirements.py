#!/usr/bin/env python3
"""Print the lowest versions pyproject.toml allows, as pins, for `make lowest`.

Every run-time dependency of the package (``[project] dependencies`` and the ``book``
extra) must carry a ``>=`` lower bound; this script turns each into ``==`` so
`make lowest` can install exactly the oldest versions the package promises to work with
and run the unit tests there. pytest comes pinned from requirements.txt (a test tool,
not a dependency of the package).

usage: python .ci/lowest_requirements.py > lowest.txt
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOUND = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][^,;\s]*)\s*$")


def lowest_pins() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = list(project["dependencies"]) + list(
        project["optional-dependencies"]["book"]
    )
    pins = []
    for requirement in declared:
        match = BOUND.match(requirement)
        if not match:
            sys.exit(
                f"pyproject.toml: {requirement!r} must be 'name>=version' (a lower "
                "bound that `make lowest` can install and test)"
            )
        pins.append(f"{match[1]}=={match[2]}")
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.startswith("pytest=="):
            pins.append(line.split("#")[0].strip())
    return pins


if __name__ == "__main__":
    print("\n".join(lowest_pins()))
