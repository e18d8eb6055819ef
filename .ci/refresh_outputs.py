#!/usr/bin/env python3
"""Execute notebooks in place so their stored outputs match the package.

nbval (in `make test`) re-runs every notebook and compares the fresh outputs
with the stored ones, so after changing the package or a notebook, refresh
the stored outputs with `make notebooks` (this script) and commit them.

usage: python .ci/refresh_outputs.py [notebook ...]   (default: every book/*.ipynb)
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def refresh(path: Path) -> None:
    started = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        store_widget_state=False,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    print(
        f"{path.relative_to(ROOT)}: executed in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    paths = [Path(p).resolve() for p in sys.argv[1:]] or sorted(
        (ROOT / "book").glob("*.ipynb")
    )
    for p in paths:
        refresh(p)
