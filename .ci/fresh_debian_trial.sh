#!/usr/bin/env bash
# Try the README's two commands on a fresh Debian: `make book` and `make test` in a new root
# file system that has only what a new user installs (python3 python3-venv make git
# ca-certificates), with a clean environment. Not part of `make test`: a maintainer runs it
# by hand before changing what the README promises (which Pythons), and records the result
# there.
#
# usage (as root, on a Debian or Ubuntu machine with network access to a Debian mirror and
# to PyPI):
#   .ci/fresh_debian_trial.sh SUITE      # e.g. bookworm (Python 3.11), trixie (3.13),
#                                        # sid (the newest Python Debian ships)
# Settings (environment variables):
#   MIRROR  the Debian mirror (default: deb.debian.org)
#   WORK    where roots, the cached root tarballs and the logs go
#           (default: /var/tmp/ffnn-edu-fresh-debian; at least 5 GB free; not under
#           _build, which `make build` removes)
#   KEEP=1  keep the root after the trial (to look around in it with chroot)
#
# It tries the branch that is checked out, as committed (git clone of this repository:
# uncommitted changes are not in the trial). The root made by debootstrap, with the four
# packages, is cached as a tarball in WORK and re-used by the next trial of the same suite
# (delete it to start from Debian's newest packages). Each trial takes about 3 minutes to
# make the root (the first time) and 8 to 15 for the two commands. The logs are
# WORK/SUITE-book.log and WORK/SUITE-test.log; the last lines printed say what passed.
set -euo pipefail

SUITE=${1:?usage: $0 SUITE (bookworm, trixie, sid, ...)}
REPO=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
BRANCH=$(git -C "$REPO" rev-parse --abbrev-ref HEAD)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
WORK=${WORK:-/var/tmp/ffnn-edu-fresh-debian}
ROOT=$WORK/$SUITE
TARBALL=$WORK/$SUITE-root.tar.gz
PACKAGES="python3 python3-venv make git ca-certificates"

if [ "$(id -u)" != 0 ]; then
    echo "$0: run as root (debootstrap and chroot need it)" >&2
    exit 1
fi
command -v debootstrap >/dev/null || {
    echo "$0: needs debootstrap (apt-get install debootstrap)" >&2
    exit 1
}
mkdir -p "$WORK"
# One trial of a suite at a time: a second one would share the root and, on its way out,
# stop the first one's processes and remove the root under it.
exec 9>"$WORK/$SUITE.lock"
flock --nonblock 9 || {
    echo "$0: a trial of $SUITE is already running (lock $WORK/$SUITE.lock)" >&2
    exit 1
}

unmount() {
    for point in dev/shm dev/pts dev sys proc; do
        if mountpoint -q "$ROOT/$point"; then
            umount "$ROOT/$point" || umount --lazy "$ROOT/$point"
        fi
    done
}
# --one-file-system: never into a mount that is still there (the host's /dev is bound in).
remove_root() { rm -rf --one-file-system "$ROOT"; }
# Whatever still runs in the root (an interrupted `make test`) is stopped before the root
# is unmounted and removed.
stop_processes() {
    local proc
    for proc in /proc/[0-9]*; do
        if [ "$(readlink "$proc/root" 2>/dev/null)" = "$ROOT" ]; then
            kill "${proc#/proc/}" 2>/dev/null || true
        fi
    done
    sleep 2
}
cleanup() {
    stop_processes
    unmount
    if [ "${KEEP:-0}" != 1 ]; then remove_root; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

in_root() {
    chroot "$ROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

mount_all() {
    mount -t proc proc "$ROOT/proc"
    mount -t sysfs sys "$ROOT/sys"
    mount --bind /dev "$ROOT/dev"
    mount --bind /dev/pts "$ROOT/dev/pts"
    mount -t tmpfs -o size=1g tmpfs "$ROOT/dev/shm" # Chromium needs shared memory
}

unmount
remove_root
mkdir -p "$ROOT"
if [ -f "$TARBALL" ]; then
    echo "== $SUITE: the root from $TARBALL"
    tar -xzf "$TARBALL" -C "$ROOT"
    mount_all
else
    echo "== $SUITE: debootstrap from $MIRROR"
    debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR" >"$WORK/$SUITE-debootstrap.log"
    # An unstable suite's Release file may have expired on a mirror that is not refreshed.
    echo 'Acquire::Check-Valid-Until "false";' >"$ROOT/etc/apt/apt.conf.d/99no-valid-until"
    mount_all
    in_root apt-get update -qq
    in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES \
        >"$WORK/$SUITE-packages.log"
    in_root apt-get clean
    unmount
    tar -czf "$TARBALL" -C "$ROOT" .
    mount_all
fi
# pip in the root reaches the package index as pip on this machine does (its settings and
# certificates, where this machine has any).
for file in /etc/pip.conf /etc/xdg/pip /etc/ssl/certs/ca-certificates.crt; do
    if [ -e "$file" ]; then
        mkdir -p "$ROOT$(dirname "$file")"
        cp -r "$file" "$ROOT$(dirname "$file")/"
    fi
done
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"

git clone --quiet --branch "$BRANCH" "$REPO" "$ROOT/root/ffnn-edu"
commit=$(git -C "$ROOT/root/ffnn-edu" rev-parse --short HEAD)
python=$(in_root python3 --version)
echo "== $SUITE: $python, debian_version $(cat "$ROOT/etc/debian_version"), $BRANCH at $commit"

status=0
declare -A result
for command in book test; do
    start=$(date +%s)
    if in_root bash -c "cd /root/ffnn-edu && make $command" >"$WORK/$SUITE-$command.log" 2>&1
    then
        result[$command]=passed
    else
        result[$command]="FAILED (exit $?)"
        status=1
    fi
    minutes=$((($(date +%s) - start + 30) / 60))
    echo "== $SUITE: make $command ${result[$command]} in about $minutes min" \
        "(log: $WORK/$SUITE-$command.log)"
done
grep -h "^lowest versions" "$WORK/$SUITE-test.log" || true
echo "== $SUITE ($python, $(date -u +%F)): make book ${result[book]}, make test ${result[test]}"
exit $status
