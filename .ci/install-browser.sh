#!/usr/bin/env bash
# Install what the browser tests need: Debian's Chromium (headless; driven by
# Playwright for Python, which must never download a browser of its own), and axe-core
# from the npm registry (the accessibility rules tests/browser/test_accessibility.py
# runs in each page), at the version .ci/axe/package-lock.json pins, into
# .ci/axe/node_modules (not committed). Each step does nothing when its part is there.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive

# apt_install PACKAGE WHY: Debian's PACKAGE, or a message saying WHY it is needed.
apt_install() {
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "$2 (apt-get not found)." >&2
        exit 1
    fi
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "$1" >/dev/null
}

if ! command -v chromium >/dev/null 2>&1; then
    apt_install chromium "The browser tests need Debian's chromium package"
    chromium --version
fi

# Playwright talks to Chromium through a Node.js binary of its own (in its wheel), which
# needs libatomic: Debian 13's chromium brings it, Debian 12's does not (a fresh Debian 12
# failed `make book` with "libatomic.so.1: cannot open shared object file").
if ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libatomic\.so\.1'; then
    apt_install libatomic1 "Playwright's driver needs libatomic.so.1"
fi

# axe-core: installed again only when the lock file pins another version than the one in
# node_modules (or none is there).
wanted=$(sed -n '/"node_modules\/axe-core"/,/}/s/.*"version": "\([^"]*\)".*/\1/p' \
    .ci/axe/package-lock.json)
installed=$(sed -n 's/.*"version": "\([^"]*\)".*/\1/p' \
    .ci/axe/node_modules/axe-core/package.json 2>/dev/null | head -n 1 || true)
axe=.ci/axe/node_modules/axe-core/axe.min.js
if [ "$installed" != "$wanted" ] || [ ! -f "$axe" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        apt_install npm "The accessibility tests need npm (Node.js) to install axe-core"
    fi
    npm ci --prefix .ci/axe --no-audit --no-fund --loglevel=error
    echo "axe-core $wanted installed in .ci/axe/node_modules"
fi
