"""Live trainer: ship ``book/_live/*.js`` (trainer and live figures) to ``_live/``.

The live figures of :mod:`ffnn_edu.show.live` load ``_live/live_figure.js``, which
imports ``_live/trainer.js``, from the built book itself (no CDN). The files are kept
out of ``_static`` on purpose: Jupyter Book adds a ``<script>`` tag to every page for
each ``.js`` file it finds in a static folder, and only the pages
with a live figure need these.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.util.fileutil import copy_asset_file

SOURCE = Path(__file__).resolve().parents[1] / "_live"


def ship_live_trainer(app: Any, exc: Exception | None) -> None:
    if exc is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_live"
    target.mkdir(parents=True, exist_ok=True)
    for script in sorted(SOURCE.glob("*.js")):
        copy_asset_file(str(script), str(target))


def setup(app: Any) -> dict[str, Any]:
    app.connect("build-finished", ship_live_trainer)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
