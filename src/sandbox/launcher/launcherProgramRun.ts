// The launcher's Python, composed in launcher.ts: the program's run in the forked child, as
// `python FILE` runs it: a fresh __main__, argv, sys.path[0], the recursion room, SystemExit and
// KeyboardInterrupt as CPython handles them, tracebacks without the launcher's or a generated driver's frames, and the
// interpreter's shutdown without its teardown.
import { GENERATED_DRIVER_PATTERN } from '../../core/program/launch';

export const PROGRAM_RUN_PY = String.raw`
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
        # A generated driver's frame (an import check's __import__) is ours too, not the user's code.
        while tb is not None and (is_launcher_frame(tb) or is_driver_frame(tb)):
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

def is_driver_frame(tb):
    return re.search(r'${GENERATED_DRIVER_PATTERN}', tb.tb_frame.f_code.co_filename) is not None

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
`;
