"""Records where each HumanEvalFix buggy program fails, from inside the interpreter (never from a
printed traceback): the exception's type (named as CPython 3.11+ print it), str() of it, and the line
of the innermost frame in the program. The traceback corpus test measures the parser against it.

Usage: python3 scripts/humanevalfixTruth.py HUMANEVALPACK_JSONL > OUT.json   (any CPython 3.8+)
The program is prompt + buggy_solution + "\n" + test + "\n" + "check(entry_point)", as the shared
corpus ran it (its tracebacks name those line numbers).
"""
import json
import os
import subprocess
import sys
import tempfile

PROBE = r'''
import json, runpy, sys, traceback
path = sys.argv[1]
try:
    runpy.run_path(path, run_name="__main__")
except BaseException as error:
    kind = type(error)
    name = kind.__qualname__ if kind.__module__ in ("builtins", "__main__") else kind.__module__ + "." + kind.__qualname__
    lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == path]
    if isinstance(error, SyntaxError):
        lines.append(error.lineno)
    print(json.dumps({"type": name, "message": str(error), "line": lines[-1] if lines else None}))
else:
    print(json.dumps(None))
'''


def main():
    truth = {}
    with open(sys.argv[1], encoding="utf-8") as source, tempfile.TemporaryDirectory() as folder:
        for row in map(json.loads, source):
            name = row["task_id"].replace("/", "_") + "_buggy.py"
            path = os.path.join(folder, name)
            with open(path, "w", encoding="utf-8") as program:
                program.write(row["prompt"] + row["buggy_solution"] + "\n" + row["test"] + "\n" + "check(%s)" % row["entry_point"])
            try:
                done = subprocess.run([sys.executable, "-I", "-c", PROBE, path], capture_output=True, text=True, timeout=10, cwd=folder)
                found = json.loads(done.stdout.strip().splitlines()[-1])
            except subprocess.TimeoutExpired:
                found = "timeout"
            truth[row["task_id"]] = found
    version = "%d.%d" % sys.version_info[:2]
    json.dump({"python": version, "truth": truth}, sys.stdout, indent=0, sort_keys=True)
    sys.stdout.write("\n")


main()
