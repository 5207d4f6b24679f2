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
// Frames on stderr: 0x1e, a kind byte, the body's length (4 bytes, big-endian), the body.
//   'o' the program's stderr bytes; 'x' JSON {"code": exit status, "record": exception or null};
//   'f' the launcher could not run the job (the body says why).

/** Marks the job line. Engines may put bytes of the attach request on stdin before it. */
export const JOB_MARKER = '\x1eself-heal-job:';
/** Starts every frame the launcher writes on stderr. */
export const FRAME_START = 0x1e;
export const FRAME_HEADER_BYTES = 6;
/** Largest exception record the launcher passes on; a larger one is dropped (stderr still has the traceback). */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;


export const APP_DIR = '/app';

export const LAUNCHER_SOURCE = String.raw`
import atexit, builtins, gc, importlib.machinery, io, json, linecache, os, re, select, signal, sys, threading, traceback, types

MAX_RECORD = ${MAX_RECORD_BYTES}

def send(kind, body):
    # The only writer of the container's stderr; see the frame layout in launcher.ts.
    data = memoryview(b'\x1e' + kind + len(body).to_bytes(4, 'big') + body)
    while data:
        data = data[os.write(2, data):]

def fail(message):
    send(b'f', message.encode('utf-8', 'replace'))
    os._exit(125)

def load_prctl():
    # Needs ctypes, which every CPython image here has; without it, no guard (see set_dumpable).
    try:
        import ctypes
        return ctypes.CDLL(None, use_errno=True).prctl
    except Exception:
        return None

PRCTL = load_prctl()

def set_dumpable(flag):
    # Not dumpable: a process of the same user (the program) cannot open /proc/1/fd/2 and write
    # frames of its own.
    if PRCTL is not None:
        PRCTL(4, flag, 0, 0, 0)  # PR_SET_DUMPABLE

def read_job():
    marker = b'\x1eself-heal-job:'
    line = sys.stdin.buffer.readline()
    while marker not in line:
        if not line:
            fail('no job arrived')
        line = sys.stdin.buffer.readline()
    return json.loads(line[line.index(marker) + len(marker):])

def write_files(files):
    for rel, text in files.items():
        target = os.path.normpath(os.path.join('/app', rel))
        if not target.startswith('/app/'):
            fail('refusing to write outside /app: ' + rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, 'wb') as handle:
            handle.write(source_bytes(text))

def source_bytes(text):
    # Python reads a file in the codec its PEP 263 coding line names, so it is written in that codec.
    head = text.split('\n', 2)
    for number, line in enumerate(head[:2]):
        found = re.match(r'^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)', line)
        if found:
            try:
                return text.encode(found.group(1))
            except (LookupError, UnicodeError):
                break
        if number == 0 and not re.match(r'^[ \t\f]*(#.*)?\r?$', line):
            break
    return text.encode('utf-8', 'surrogatepass')

def open_stdin(text):
    path = os.devnull
    if text is not None:
        path = '/tmp/.self-heal-stdin'
        with open(path, 'wb') as handle:
            handle.write(text.encode('utf-8'))
    fd = os.open(path, os.O_RDONLY)
    if path != os.devnull:
        os.unlink(path)
    os.dup2(fd, 0)
    os.close(fd)
    old = sys.stdin
    sys.stdin = sys.__stdin__ = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, 'r', closefd=False)), encoding=old.encoding, errors=old.errors)

def is_launcher_frame(tb):
    return tb.tb_frame.f_code.co_filename == '<string>'

def char_column(filename, lineno, byte_offset):
    # Python reports byte offsets in the UTF-8 line; editors count characters. 1-based.
    if lineno is None or byte_offset is None:
        return None
    raw = linecache.getline(filename, lineno).encode('utf-8')
    return len(raw[:byte_offset].decode('utf-8', 'replace')) + 1

def describe(error, depth=0):
    if error is None or depth > 50:
        return None
    kind = type(error)
    name = kind.__qualname__ if kind.__module__ in ('builtins', '__main__') else kind.__module__ + '.' + kind.__qualname__
    try:
        message = str(error)
        if '\n' not in message and not isinstance(error, SyntaxError):
            # As printed: 3.10+ adds "Did you mean ...?" when printing, not in str().
            printed = traceback.format_exception_only(kind, error)[0].rstrip('\n')
            message = printed[len(name) + 2:] if printed.startswith(name + ': ') else message
    except Exception:
        message = '<str() failed>'
    frames = []
    summaries = traceback.extract_tb(error.__traceback__)
    if len(summaries) > 1000:
        summaries = summaries[:100] + summaries[-900:]
    for summary in summaries:
        frame = {'file': summary.filename, 'line': summary.lineno, 'function': summary.name, 'source': summary.line or None}
        if getattr(summary, 'colno', None) is not None:
            end_line = getattr(summary, 'end_lineno', None) or summary.lineno
            frame['column'] = char_column(summary.filename, summary.lineno, summary.colno)
            frame['endLine'] = end_line
            frame['endColumn'] = char_column(summary.filename, end_line, summary.end_colno)
        frames.append(frame)
    record = {'type': name, 'message': message, 'frames': frames, 'notes': [str(n) for n in getattr(error, '__notes__', None) or []]}
    if kind.__module__ == '__main__':
        # 3.8-3.10 print these as "__main__.Name", 3.11+ as "Name": the record names both.
        record['qualifiedType'] = '__main__.' + kind.__qualname__
    if isinstance(error, SyntaxError):
        record['syntax'] = {'file': error.filename, 'line': error.lineno, 'offset': error.offset, 'endLine': getattr(error, 'end_lineno', None), 'endOffset': getattr(error, 'end_offset', None), 'text': error.text}
        record['message'] = error.msg if error.msg is not None else message
    # Chained as CPython prints them: the cause, else the context unless suppressed.
    record['cause'] = describe(error.__cause__, depth + 1)
    record['context'] = None if error.__cause__ is not None or error.__suppress_context__ else describe(error.__context__, depth + 1)
    members = getattr(error, 'exceptions', None) if isinstance(error, getattr(builtins, 'BaseExceptionGroup', ())) else None
    record['exceptions'] = [describe(member, depth + 1) for member in members or ()]
    return record

def report(error):
    try:
        data = (json.dumps(describe(error)) + '\n').encode('utf-8', 'replace')
        while data:
            data = data[os.write(RECORD_FD, data):]
    except Exception:
        pass

def run_main(path):
    # What CPython does for "python FILE": compile the file and run it in a fresh __main__.
    main = types.ModuleType('__main__')
    main.__file__ = path
    main.__cached__ = None
    main.__loader__ = importlib.machinery.SourceFileLoader('__main__', path)
    sys.modules['__main__'] = main
    with io.open_code(path) as handle:
        source = handle.read()
    exec(compile(source, path, 'exec', dont_inherit=True), main.__dict__)

def run_program(job):
    open_stdin(job.get('stdin'))
    os.chdir('/app')
    entry = job['entry']
    sys.argv = [entry] + job['args']
    # Since Python 3.9 the main script's path is absolute in __file__ and in tracebacks.
    path = os.path.abspath(entry)
    sys.path[0] = os.path.dirname(path)
    # The launcher's own frames must not make deep recursion fail earlier than under python FILE.
    depth, frame = 0, sys._getframe()
    while frame:
        depth, frame = depth + 1, frame.f_back
    sys.setrecursionlimit(sys.getrecursionlimit() + depth + 2)
    try:
        run_main(path)
    except SystemExit as exit:
        finish(exit_status(exit.code))
    except BaseException as error:
        tb = error.__traceback__
        while tb is not None and is_launcher_frame(tb):
            tb = tb.tb_next
        # The hook prints the exception's own __traceback__, so that is where the trimming goes.
        error.with_traceback(tb)
        report(error)
        sys.excepthook(type(error), error, tb)
        if isinstance(error, KeyboardInterrupt):
            flush_std()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        finish(1)
    finish(0)

def exit_status(code):
    # What CPython does with an uncaught SystemExit.
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        sys.stderr.write(str(code) + '\n')
    except Exception:
        pass
    return 1

def flush_std():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass

def finish(code):
    # Interpreter shutdown as the program sees it (threads joined, atexit run, output flushed),
    # without tearing down every object: in a forked child that touches and copies every page.
    threading._shutdown()
    atexit._run_exitfuncs()
    flush_std()
    os._exit(code)

def reap(child):
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            fail('the program vanished')
        if pid == child:
            # Spelled out rather than os.waitstatus_to_exitcode, which Pythons before 3.9 lack.
            return 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)

def serve(child, stderr_fd, record_fd):
    # Relays the program's stderr and collects its exception record until the child is reaped.
    wake_r, wake_w = os.pipe()
    status = []
    def waiter():
        status.append(reap(child))
        os.write(wake_w, b'.')
    threading.Thread(target=waiter, daemon=True).start()
    record = bytearray()
    live = [stderr_fd, record_fd]
    def pump(fd):
        chunk = os.read(fd, 65536)
        if not chunk:
            live.remove(fd)
        elif fd == stderr_fd:
            send(b'o', chunk)
        elif len(record) <= MAX_RECORD:
            record.extend(chunk)
    while True:
        ready = select.select(live + [wake_r], [], [])[0]
        for fd in ready:
            if fd != wake_r:
                pump(fd)
        if wake_r in ready:
            break
    # The child is gone and what it wrote is in the pipes; a grandchild writing on is not waited for.
    for _ in range(64):
        ready = select.select(live, [], [], 0)[0] if live else []
        if not ready:
            break
        for fd in ready:
            pump(fd)
    return status[0], bytes(record) if len(record) <= MAX_RECORD else b''

set_dumpable(0)
job = read_job()
write_files(job['files'])
stderr_r, stderr_w = os.pipe()
record_r, record_w = os.pipe()
# The program may signal its parent: only signals PID 1 handles reach it, and this one is then ignored.
signal.signal(signal.SIGINT, signal.SIG_IGN)
gc.freeze()  # keeps the collector from touching (and so copying) the launcher's objects in the child
child = os.fork()
if child == 0:
    set_dumpable(1)  # the program is as dumpable as under python FILE
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.close(stderr_r)
    os.close(record_r)
    os.dup2(stderr_w, 2)
    os.close(stderr_w)
    RECORD_FD = record_w
    del job['files']
    run_program(job)
os.close(stderr_w)
os.close(record_w)
code, record = serve(child, stderr_r, record_r)
# The program says how it failed, never whether: the status is the kernel's, the record only counts with a failure.
send(b'x', b'%d\n' % code + (record.strip() if code != 0 else b''))
os._exit(code)
`;

export interface LauncherJob {
  files: Record<string, string>;
  entry: string;
  args: string[];
  stdin: string | null;
}

export function encodeJob(job: LauncherJob): Buffer {
  return Buffer.from(`${JOB_MARKER}${JSON.stringify(job)}\n`, 'utf8');
}
