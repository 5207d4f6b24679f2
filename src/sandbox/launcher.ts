// The launcher is the container's first process. A warm container starts it ahead of time, so the
// interpreter is already up when a job arrives: it writes the job's files under /app, forks, and the
// child runs the entry file in-process exactly as `python FILE` would (__main__, sys.argv,
// sys.path[0], stdin, exit status, tracebacks without launcher frames). Being PID 1, the parent
// reaps orphans, then reports the child's exit status on stderr after a marker, which the host
// strips: that spares an inspect call per run. When the program dies of an uncaught exception, the
// child first describes it (see CapturedException) on a private pipe, and the parent appends that
// record to the trailer: the program's own stdout and stderr stay byte for byte as under python.

/** Marks the job line. Engines may put bytes of the attach request on stdin before it. */
export const JOB_MARKER = '\x1eself-heal-job:';
/** Marks the launcher's trailer on stderr: the marker, the exit status, a newline. */
export const EXIT_MARKER = '\x1eself-heal-exit:';

/** Exit status of the launcher when the job itself was unusable (not the program's fault). */
export const LAUNCHER_FAILURE_EXIT = 125;

export const APP_DIR = '/app';

export const LAUNCHER_SOURCE = String.raw`
import atexit, builtins, gc, importlib.machinery, io, json, linecache, os, signal, sys, threading, traceback, types

def fail(message):
    os.write(2, ('self-heal launcher: ' + message + '\n').encode())
    os._exit(125)

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
            handle.write(text.encode('utf-8', 'surrogatepass'))

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

def read_record(fd, into):
    # Runs in a thread: the record may be larger than the pipe holds.
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            return
        into.append(chunk)
        if chunk.endswith(b'\n'):
            return

def reap(child):
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            fail('the program vanished')
        if pid == child:
            # Spelled out rather than os.waitstatus_to_exitcode, which Pythons before 3.9 lack.
            return 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)

job = read_job()
write_files(job['files'])
RECORD_FD, record_writer = os.pipe()
gc.freeze()  # keeps the collector from touching (and so copying) the launcher's objects in the child
child = os.fork()
if child == 0:
    os.close(RECORD_FD)
    RECORD_FD = record_writer
    del job['files']
    run_program(job)
os.close(record_writer)
record = []
reader = threading.Thread(target=read_record, args=(RECORD_FD, record), daemon=True)
reader.start()
code = reap(child)
reader.join(1.0)  # a grandchild holding the pipe open must not delay the result
trailer = b''.join(record).strip()
os.write(2, b'\x1eself-heal-exit:%d' % code + (b' ' + trailer if trailer.startswith(b'{') else b'') + b'\n')
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
