// The test driver's unittest part (composed in testDriver.ts), for projects with only TestCase
// tests or an image without pytest: discovery from the project's folder (its top folder on the
// import path, as `python -m unittest discover` does) and a result class of ours that reports each
// test as it ends. A module that fails to import is unittest's _FailedTest: reported as a
// collection error named by the module.
export const UNITTEST_DRIVER_PY = String.raw`
import inspect, unittest

class SelfHealResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.current = None

    def startTest(self, test):
        super().startTest(test)
        failed_import = type(test).__name__ == '_FailedTest'
        self.current = {'event': 'result', 'id': test._testMethodName if failed_import else test.id(), 'outcome': 'passed',
                        'durationMs': 0, 'frames': [], 'stdout': '', 'stderr': '', 'started': time.perf_counter()}
        if failed_import:
            self.current['collectionError'] = True
            self.current['file'] = os.path.join(ROOT, *test._testMethodName.split('.')) + '.py'
        else:
            self.locate(test)
        report({'event': 'start', 'id': self.current['id']})
        self.streams = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = io.StringIO(), io.StringIO()

    def locate(self, test):
        try:
            code = inspect.unwrap(getattr(test, test._testMethodName)).__code__
            if in_project(code.co_filename):
                self.current['file'], self.current['line'] = os.path.abspath(code.co_filename), code.co_firstlineno
        except Exception:
            pass

    def stopTest(self, test):
        out, err = sys.stdout.getvalue(), sys.stderr.getvalue()
        sys.stdout, sys.stderr = self.streams
        super().stopTest(test)
        result, self.current = self.current, None
        result['durationMs'] = (time.perf_counter() - result.pop('started')) * 1000
        result['stdout'], result['stderr'] = capped(out, OUTPUT_CAP), capped(err, OUTPUT_CAP)
        report(result)

    def failed(self, test, outcome, err, label=''):
        target = self.current
        if target is None:
            # A class or module fixture (setUpClass, setUpModule) fails outside any test.
            target = {'event': 'result', 'id': str(test), 'durationMs': 0, 'stdout': '', 'stderr': ''}
        if target.get('outcome') in (None, 'passed'):
            error = err[1]
            text = self._exc_info_to_string(err, test)  # unittest's own text, without its frames
            target['outcome'] = outcome
            target['details'] = capped(text)
            if target.get('collectionError'):
                target['message'] = capped(last_error_line(str(error)))
                target['frames'] = frames_in_text(str(error))
            else:
                target['message'] = capped(label + exception_line(error))
                target['frames'] = project_frames(err[2])
        if target is not self.current:
            target['frames'] = target.get('frames', [])
            report(target)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.failed(test, 'failed', err)

    def addError(self, test, err):
        super().addError(test, err)
        self.failed(test, 'error', err)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            outcome = 'failed' if issubclass(err[0], test.failureException) else 'error'
            self.failed(test, outcome, err, subtest._subDescription() + ': ')

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        if self.current is not None:
            self.current.update(outcome='skipped', message=capped(reason))
        else:
            report({'event': 'result', 'id': test.id(), 'outcome': 'skipped', 'message': capped(reason), 'durationMs': 0, 'frames': [], 'stdout': '', 'stderr': ''})

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.current.update(outcome='xfailed', message=exception_line(err[1]))

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.current['outcome'] = 'xpassed'

def load_tests_of(loader, path):
    full = os.path.join(ROOT, path)
    if os.path.isdir(full):
        return loader.discover(full, pattern='test*.py', top_level_dir=ROOT)
    module = os.path.relpath(full, ROOT)[:-3].replace(os.sep, '.') if full.endswith('.py') else path
    return loader.loadTestsFromName(module)

def run_unittest():
    loader = unittest.TestLoader()
    if CONFIG['keyword']:
        loader.testNamePatterns = ['*%s*' % CONFIG['keyword']]
    suite = unittest.TestSuite()
    for path in CONFIG['paths'] or ['']:
        suite.addTests(load_tests_of(loader, path))
    result = SelfHealResult()
    suite.run(result)
    if result.testsRun == 0:
        return 5
    return 0 if result.wasSuccessful() else 1
`;
