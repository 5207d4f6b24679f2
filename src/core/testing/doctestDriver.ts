// The test driver's doctest part (composed in testDriver.ts): the doctests of the modules under
// the opted-in folders run as tests, one result per docstring, named as pytest names them
// (`pkg/mod.py::pkg.mod.func`). Under unittest (no pytest needed) the standard library's doctest
// finds and runs them with a runner of ours that keeps the first failure as data, and each result
// goes out on the launcher's channel like any test's; its text report is only the details. Under
// pytest, pytest's own --doctest-modules runs them and `doctest_failure` below gives the same
// message, comparison and place for a failed example on both drivers.
export const DOCTEST_DRIVER_PY = String.raw`
import doctest, importlib

DOCTEST_SKIPPED_FILES = ('setup.py', 'conftest.py', '__main__.py')

def doctest_failure(test, error):
    # A failed example: "expected" against "got", placed at the example's line in the module.
    failure = error.failures[0] if type(error).__name__ == 'MultipleDoctestFailures' and error.failures else error
    if not isinstance(failure, (doctest.DocTestFailure, doctest.UnexpectedException)):
        return False
    example, dtest = failure.example, failure.test
    frames = []
    if dtest.filename and dtest.lineno is not None and in_project(dtest.filename):
        frames.append({'file': os.path.abspath(dtest.filename), 'line': dtest.lineno + example.lineno + 1, 'function': dtest.name})
    source = example.source.strip()
    if isinstance(failure, doctest.UnexpectedException):
        raised = failure.exc_info[1]
        test['message'] = capped('%s (>>> %s)' % (exception_line(raised), source))
        test['frames'] = (frames + project_frames(failure.exc_info[2]))[-30:]
    else:
        want, got = example.want.rstrip('\n'), failure.got.rstrip('\n')
        test['message'] = capped('>>> %s: expected %s, got %s' % (source, want or 'nothing', got or 'nothing'))
        test['comparison'] = {'op': '==', 'left': capped(got, REPR_CAP), 'right': capped(want, REPR_CAP)}
        test['frames'] = frames
    return True

def doctest_files(folder):
    top = os.path.join(ROOT, folder)
    if os.path.isfile(top):
        return [top] if top.endswith('.py') else []
    found = []
    for current, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith('.') and d not in CONFIG['skippedFolders'])
        found += [os.path.join(current, f) for f in sorted(files)
                  if f.endswith('.py') and f not in DOCTEST_SKIPPED_FILES and os.path.join(current, f) != THIS]
    return found

def module_of(path):
    # pytest's rule (import mode "prepend"): the module is named from the outermost package holding it.
    name = os.path.splitext(os.path.basename(path))[0]
    parts = [] if name == '__init__' else [name]
    base = os.path.dirname(path)
    while os.path.isfile(os.path.join(base, '__init__.py')) and os.path.dirname(base) != base:
        parts.insert(0, os.path.basename(base))
        base = os.path.dirname(base)
    return base, '.'.join(parts)

class FirstFailureRunner(doctest.DocTestRunner):
    # Keeps the first failed example as data; the text report goes to a buffer for the details.
    def __init__(self):
        super().__init__(verbose=False, optionflags=doctest.ELLIPSIS)
        self.first = None

    def report_failure(self, out, test, example, got):
        super().report_failure(out, test, example, got)
        self.first = self.first or doctest.DocTestFailure(test, example, got)

    def report_unexpected_exception(self, out, test, example, exc_info):
        super().report_unexpected_exception(out, test, example, exc_info)
        self.first = self.first or doctest.UnexpectedException(test, example, exc_info)

def run_one_doctest(rel, dtest):
    test_id = '%s::%s' % (rel, dtest.name)
    report({'event': 'start', 'id': test_id})
    test = {'event': 'result', 'id': test_id, 'outcome': 'passed', 'durationMs': 0, 'frames': [], 'stdout': '', 'stderr': '',
            'file': os.path.join(ROOT, rel)}
    if dtest.lineno is not None:
        test['line'] = dtest.lineno + 1
    runner, text, started = FirstFailureRunner(), io.StringIO(), time.perf_counter()
    streams = sys.stdout, sys.stderr
    sys.stderr = io.StringIO()
    try:
        runner.run(dtest, out=text.write, clear_globs=True)
    finally:
        err, (sys.stdout, sys.stderr) = sys.stderr.getvalue(), streams
    test['durationMs'], test['stderr'] = (time.perf_counter() - started) * 1000, capped(err, OUTPUT_CAP)
    if runner.first is not None:
        test['outcome'] = 'failed'
        test['details'] = capped(text.getvalue())
        doctest_failure(test, runner.first)
    report(test)
    return test['outcome'] == 'passed'

def run_doctests(folders):
    finder, ran, failed, seen = doctest.DocTestFinder(), 0, 0, set()
    for path in [p for folder in folders for p in doctest_files(folder)]:
        if path in seen:
            continue
        seen.add(path)
        rel = os.path.relpath(path, ROOT).replace(os.sep, '/')
        base, name = module_of(path)
        if base not in sys.path:
            sys.path.insert(0, base)
        try:
            module = importlib.import_module(name)
            tests = [t for t in finder.find(module, module.__name__) if t.examples]
        except BaseException as error:
            report({'event': 'result', 'id': rel, 'outcome': 'error', 'durationMs': 0, 'collectionError': True,
                    'file': path, 'message': exception_line(error), 'frames': project_frames(error.__traceback__),
                    'stdout': '', 'stderr': ''})
            ran, failed = ran + 1, failed + 1
            continue
        for dtest in tests:
            if CONFIG['keyword'] and CONFIG['keyword'] not in '%s::%s' % (rel, dtest.name):
                continue
            ran += 1
            failed += 0 if run_one_doctest(rel, dtest) else 1
    return 5 if ran == 0 else (1 if failed else 0)
`;
