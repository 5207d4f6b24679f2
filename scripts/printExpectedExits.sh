#!/usr/bin/env bash
# Runs test/fixtures/expected-exits/programs/*.py as a plain `python FILE ARGS < STDIN` from
# /tmp/expected-exits, in the cases listed below, and stores what each printed and its exit status
# as runs_py3.N.json beside the programs: the golden inputs of the expected-exit classifier's tests.
# Usage: scripts/printExpectedExits.sh PYTHON
set -euo pipefail
python="$1"
here="$(cd "$(dirname "$0")/.." && pwd)/test/fixtures/expected-exits"
rm -rf /tmp/expected-exits && cp -r "$here/programs" /tmp/expected-exits
version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
(cd /tmp/expected-exits && "$python" -I - > "$here/runs_py$version.json") <<'PY'
import json, subprocess, sys
CASES = [
    ('greet_args.py', [], None),
    ('greet_args.py', ['--bogus', 'Ada'], None),
    ('greet_args.py', ['Ada', '--shout'], None),
    ('ask_name.py', [], None),
    ('ask_name.py', [], 'Ada\n'),
    ('exit_message.py', [], None),
    ('exit_quietly.py', [], None),
    ('count_lines.py', [], 'one\ntwo\n'),
]
runs = []
for program, args, stdin in CASES:
    done = subprocess.run([sys.executable, '-I', program, *args], input=(stdin or '').encode(), capture_output=True)
    runs.append({'program': program, 'args': args, 'stdin': stdin, 'exitCode': done.returncode, 'stdout': done.stdout.decode(), 'stderr': done.stderr.decode()})
print(json.dumps(runs, indent=2))
PY
rm -rf /tmp/expected-exits
echo "printed $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$here/runs_py$version.json") runs with Python $version"
