#!/usr/bin/env python3
"""Which OpenBLAS kernel numpy uses, and a different one for nbval's second run.

A learner's laptop may run numpy's OpenBLAS with another kernel than CI's machine (a
processor without FMA gets the Sandybridge kernel, which rounds differently).
`make test` therefore runs nbval twice: once as the machine is, once under another
kernel, forced with OPENBLAS_CORETYPE. A stored output that carries rounding noise
fails the second run.

usage:
  python .ci/openblas_kernel.py          print the kernel numpy uses in this environment
  python .ci/openblas_kernel.py --other  print a kernel different from that one, after
                                         checking (with threadpoolctl, in a fresh
                                         process) that OPENBLAS_CORETYPE=<it> really
                                         makes numpy use it
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys

# Kernels to force, in order of preference. Sandybridge is what an x86-64 processor with
# AVX but without FMA gets (the case of the issue); Nehalem (SSE only) runs
# on every x86-64 processor.
CANDIDATES = {
    "x86_64": ["Sandybridge", "Nehalem"],
    "AMD64": ["Sandybridge", "Nehalem"],
    "aarch64": ["ARMV8", "NeoverseN1"],
    "arm64": ["ARMV8", "NeoverseN1"],
}

PROBE = (
    "import numpy, threadpoolctl; print(*sorted({i.get('architecture') or '?' for i in "
    "threadpoolctl.threadpool_info() if i.get('internal_api') == 'openblas'}))"
)


def kernel(coretype: str | None) -> str:
    """The OpenBLAS kernel numpy reports in a new process run with OPENBLAS_CORETYPE."""
    env = dict(os.environ)
    if coretype is not None:
        env["OPENBLAS_CORETYPE"] = coretype
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not out:
        sys.exit(
            "numpy does not use OpenBLAS here (threadpoolctl finds no openblas "
            "library): the second nbval run has no other kernel to try"
        )
    return out


def main() -> None:
    current = kernel(None)
    if sys.argv[1:] != ["--other"]:
        print(current)
        return
    tried = []
    for candidate in CANDIDATES.get(platform.machine(), []):
        got = kernel(candidate)
        tried.append(f"OPENBLAS_CORETYPE={candidate} gives {got}")
        if got.lower() == candidate.lower() and got != current:
            print(candidate)
            return
    sys.exit(
        f"no OpenBLAS kernel other than {current} could be forced on "
        f"{platform.machine()}: " + "; ".join(tried)
    )


if __name__ == "__main__":
    main()
