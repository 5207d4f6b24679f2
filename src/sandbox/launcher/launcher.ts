// The launcher is the container's first process. A warm container starts it ahead of time, so the
// interpreter is already up when a job arrives: it writes the job's files under /app, forks, and the
// child runs the entry file in-process exactly as `python FILE` would (__main__, sys.argv,
// sys.path[0], stdin, exit status, tracebacks without launcher frames). Being PID 1, the parent
// reaps orphans and is the only writer of the container's stderr: the program's stderr goes to a
// pipe that the parent relays in frames, and the parent's own report (exit status, the record of an
// uncaught exception) is a frame of another kind after it. The program cannot write a frame of its
// own: it never holds the container's stderr, and the parent is not dumpable, so /proc/1/fd is
// closed to it. What the program writes stays byte for byte what `python FILE` would write.
//
// The Python source is one program (`python3 -c`), written in parts in the order it runs them: the
// launcher's channel, the job's intake, the exception record, the program's checks, the test run's channel, the program's
// run, where the program is when asked, the stderr relay, and last (here) the sequence that ties them
// together, run once every part is defined. The frames and the job line are described in
// launcherProtocol.ts.
import { CHECKS_PY } from './launcherChecks';
import { EXCEPTION_RECORD_PY } from './launcherExceptionRecord';
import { JOB_INTAKE_PY } from './launcherJobIntake';
import { LAUNCHER_CHANNEL_PY } from './launcherChannel';
import { PROGRAM_RUN_PY } from './launcherProgramRun';
import { MAX_CHECK_BYTES, MAX_RECORD_BYTES, MAX_TEST_BYTES, MAX_WHERE_BYTES, WHERE_REQUEST } from './launcherProtocol';
import { TESTS_PY } from './launcherTests';
import { WHERE_PY } from './launcherWhere';
import { STDERR_RELAY_PY } from './launcherStderrRelay';

const PRELUDE_PY = String.raw`
import atexit, builtins, faulthandler, gc, importlib.machinery, io, json, linecache, os, re, select, signal, sys, threading, traceback, types

MAX_RECORD = ${MAX_RECORD_BYTES}
MAX_CHECKS = ${MAX_CHECK_BYTES}
MAX_TESTS = ${MAX_TEST_BYTES}
MAX_WHERE = ${MAX_WHERE_BYTES}
WHERE_REQUEST = ${JSON.stringify(WHERE_REQUEST.trim())}.encode()
`;

/** PID 1's sequence: take the job, fork the program, relay until it ends, report. */
const MAIN_PY = String.raw`
set_dumpable(0)
job = read_job()
write_files(job['files'])
stderr_r, stderr_w = os.pipe()
stdout_r, stdout_w = os.pipe()
record_r, record_w = os.pipe()
where_r, where_w = os.pipe()
check_r, check_w = os.pipe()
check_token = os.urandom(12).hex().encode()
# The program may signal its parent: only signals PID 1 handles reach it, and this one is then ignored.
signal.signal(signal.SIGINT, signal.SIG_IGN)
gc.freeze()  # keeps the collector from touching (and so copying) the launcher's objects in the child
child = os.fork()
if child == 0:
    set_dumpable(1)  # the program is as dumpable as under python FILE
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.close(stderr_r)
    os.close(stdout_r)
    os.close(record_r)
    os.close(where_r)
    os.close(check_r)
    arm_where(where_w)
    arm_checks(check_w, check_token)
    os.dup2(stderr_w, 2)
    os.close(stderr_w)
    os.dup2(stdout_w, 1)
    os.close(stdout_w)
    RECORD_FD = record_w
    del job['files']
    run_program(job)
os.close(stderr_w)
os.close(stdout_w)
os.close(record_w)
os.close(where_w)
os.close(check_w)
checks = CheckRelay(check_token)
code, record = serve(child, stderr_r, stdout_r, record_r, where_r, check_r, checks)
# The program says how it failed, never whether: the status is the kernel's, the record only counts
# with a failure; a failed check (read only from lines with the token) makes even status 0 a failure.
send(b'x', b'%d\n' % code + b''.join(checks.lines) + (record.strip() if code != 0 else b''))
os._exit(code)
`;

export const LAUNCHER_SOURCE = [PRELUDE_PY, LAUNCHER_CHANNEL_PY, JOB_INTAKE_PY, EXCEPTION_RECORD_PY, CHECKS_PY, TESTS_PY, PROGRAM_RUN_PY, WHERE_PY, STDERR_RELAY_PY, MAIN_PY].join('');
