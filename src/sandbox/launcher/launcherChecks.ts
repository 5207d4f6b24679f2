// The launcher's Python, composed in launcher.ts: the program's own checks. A program that runs its
// doctests (`doctest.testmod()`), its unit tests with `unittest.main(exit=False)` or its pytest tests
// with `pytest.main()` can exit 0 while they fail, so the child hooks the places where those
// frameworks learn of a failure - doctest's DocTestRunner.report_failure /
// report_unexpected_exception, unittest's TestResult.addFailure / addError / addSubTest /
// addUnexpectedSuccess, pytest's runner.call_and_report (its final report of each phase, after every
// plugin had its say, so an expected failure is not one) - and writes one line per failed check on a
// pipe of its own. The hooks cost nothing until the program imports one of them: a finder first on
// sys.meta_path patches the modules right after they are executed, so nothing is imported ahead.
//
// Each line starts with a token drawn per job by the parent and known only to the launcher's code,
// so bytes the program writes on the pipe (it holds the pipe, as it holds the record pipe) are
// dropped by the parent rather than read as checks. A program that closes or replaces the pipe
// before a check fails cannot hide the failure: the hook then ends the program with status 1.
// A test run's events travel on the same pipe with the same token (launcherTests.ts), marked 'T'.
export const CHECKS_PY = String.raw`
CHECK_FULL_RECORDS = 50
CHECK_MAX_RECORDS = 5000

class CheckHooks:
    def __init__(self, fd, token):
        self.fd = fd
        self.token = token
        self.pipe = os.fstat(fd).st_ino
        self.sent = 0
        self.pending = {'doctest': patch_doctest, 'unittest.result': patch_unittest, '_pytest.runner': patch_pytest}

    def find_spec(self, name, path=None, target=None):
        patch = self.pending.pop(name, None)
        if patch is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        loader = getattr(spec, 'loader', None)
        if loader is None or not hasattr(loader, 'exec_module'):
            return spec
        run_module = loader.exec_module
        def exec_module(module):
            run_module(module)
            try:
                patch(self, module)
            except Exception:
                pass
        loader.exec_module = exec_module
        return spec

    def send(self, record):
        if self.sent >= CHECK_MAX_RECORDS:
            return
        self.sent += 1
        if self.sent > CHECK_FULL_RECORDS:
            record = {key: record.get(key) for key in ('framework', 'name', 'outcome', 'file', 'line')}
        self.write(json.dumps(record).encode('utf-8', 'replace'))

    def write(self, payload):
        # One line on the pipe: the token, then the payload (a check's JSON, or 'T' and a test event's).
        try:
            ours = os.fstat(self.fd).st_ino == self.pipe
            data = b'\n' + self.token + payload + b'\n'
            while ours and data:
                data = data[os.write(self.fd, data):]
        except Exception:
            ours = False
        if not ours:
            os.write(2, b'self-heal: the program closed the channel its failed checks are reported on\n')
            os._exit(1)

def patch_doctest(hooks, module):
    runner = module.DocTestRunner
    report_failure, report_unexpected = runner.report_failure, runner.report_unexpected_exception
    def where(test, example):
        line = test.lineno + example.lineno + 1 if test.lineno is not None else None
        return {'framework': 'doctest', 'name': test.name, 'file': test.filename, 'line': line, 'source': example.source}
    def failure(self, out, test, example, got):
        hooks.send(dict(where(test, example), outcome='failure', expected=example.want, got=got))
        return report_failure(self, out, test, example, got)
    def unexpected(self, out, test, example, exc_info):
        hooks.send(dict(where(test, example), outcome='error', error=describe(exc_info[1])))
        return report_unexpected(self, out, test, example, exc_info)
    runner.report_failure, runner.report_unexpected_exception = failure, unexpected

def patch_unittest(hooks, module):
    result = module.TestResult
    add_failure, add_error, add_subtest, add_unexpected = result.addFailure, result.addError, result.addSubTest, result.addUnexpectedSuccess
    def test_id(test):
        try:
            return str(test.id())
        except Exception:
            return repr(test)
    def failed(test, outcome, err):
        hooks.send({'framework': 'unittest', 'name': test_id(test), 'outcome': outcome, 'error': describe(err[1]) if err else None})
    def addFailure(self, test, err):
        failed(test, 'failure', err)
        return add_failure(self, test, err)
    def addError(self, test, err):
        failed(test, 'error', err)
        return add_error(self, test, err)
    def addSubTest(self, test, subtest, err):
        if err is not None:
            failed(subtest, 'failure' if issubclass(err[0], test.failureException) else 'error', err)
        return add_subtest(self, test, subtest, err)
    def addUnexpectedSuccess(self, test):
        failed(test, 'unexpected success', None)
        return add_unexpected(self, test)
    result.addFailure, result.addError, result.addSubTest, result.addUnexpectedSuccess = addFailure, addError, addSubTest, addUnexpectedSuccess

def patch_pytest(hooks, module):
    call_and_report = module.call_and_report
    def reported(item, when, *args, **kwargs):
        # pytest keeps a failing test's exception in sys.last_value (for post-mortem debugging).
        if when == 'call':
            sys.last_value = None
        report = call_and_report(item, when, *args, **kwargs)
        try:
            if report.failed:
                error = getattr(sys, 'last_value', None) if when == 'call' else None
                hooks.send({'framework': 'pytest', 'name': str(report.nodeid), 'outcome': 'failure' if when == 'call' else 'error', 'error': describe(error) if error is not None else None})
        except Exception:
            pass
        return report
    module.call_and_report = reported

def arm_checks(fd, token):
    hooks = CheckHooks(fd, token)
    sys.meta_path.insert(0, hooks)
    arm_tests(hooks)

class CheckRelay:
    # The parent's side: keeps the lines that carry the token, up to MAX_CHECKS bytes, and drops the
    # rest line by line without holding it.
    def __init__(self, token):
        self.token = token
        self.line = bytearray()
        self.lines = []
        self.size = 0
        self.test_size = 0

    def keep(self, payload):
        # A test event goes to the host at once (a run stopped by a limit still has the events so
        # far); a failed check waits for the report.
        if payload.startswith(b'T'):
            if self.test_size + len(payload) <= MAX_TESTS:
                self.test_size += len(payload)
                send(b't', payload[1:])
        elif self.size + len(payload) + 2 <= MAX_CHECKS:
            self.lines.append(b'C' + payload + b'\n')
            self.size += len(payload) + 2

    def take(self, chunk):
        start = 0
        while start < len(chunk):
            end = chunk.find(b'\n', start)
            piece = chunk[start:] if end < 0 else chunk[start:end]
            if self.line is not None:
                self.line += piece
                head = bytes(self.line[:len(self.token)])
                if head != self.token[:len(head)] or len(self.line) > MAX_CHECKS:
                    self.line = None
            if end < 0:
                return
            if self.line is not None and self.line.startswith(self.token):
                self.keep(bytes(self.line[len(self.token):]))
            self.line = bytearray()
            start = end + 1
`;
