#!/usr/bin/env bash
# Prints the tracebacks of test/fixtures/tracebacks/fresh/programs/*.py with one interpreter, each
# run as a plain `python FILE` from /tmp/fresh, and stores them as NAME_py3.N.txt beside the programs.
# Usage: scripts/printFreshTracebacks.sh PYTHON [ROOT]
#   ROOT: a chroot that holds PYTHON (e.g. a debootstrapped Debian bullseye for 3.9, trixie for 3.13).
set -euo pipefail
python="$1"
root="${2:-}"
here="$(cd "$(dirname "$0")/.." && pwd)/test/fixtures/tracebacks/fresh"
rm -rf "$root/tmp/fresh" && cp -r "$here/programs" "$root/tmp/fresh"
inside() { if [ -n "$root" ]; then chroot "$root" /bin/sh -c "cd /tmp/fresh && $1"; else (cd /tmp/fresh && /bin/sh -c "$1"); fi; }
version="$(inside "$python -c 'import sys; print(\"%d.%d\" % sys.version_info[:2])'")"
for program in "$here"/programs/*.py; do
  name="$(basename "$program" .py)"
  inside "$python -I $name.py" > /dev/null 2> "$here/${name}_py$version.txt" || true
done
rm -rf "$root/tmp/fresh"
echo "printed $(ls "$here"/programs/*.py | wc -l) tracebacks with Python $version"
