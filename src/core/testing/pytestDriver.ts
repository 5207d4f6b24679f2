// The test driver's pytest part (composed in testDriver.ts): pytest.main with a plugin of ours,
// registered as a module and named with -p, whose hooks turn pytest's reports into one event per
// test. Run with rootdir = the project's folder, so its pyproject.toml / pytest.ini / setup.cfg /
// tox.ini and conftest.py files apply; without the cache provider and without .pyc writes, since
// only /tmp is writable. A module that fails to import is a result of its own, and the other modules
// still run (--continue-on-collection-errors). Doctests: pytest's --doctest-modules, with the opted-in
// folders added to what pytest collects and the doctests of other modules deselected.
export const PYTEST_PLUGIN = '__self_heal_pytest_plugin__';

export const PYTEST_DRIVER_PY = String.raw`
PLUGIN = '${PYTEST_PLUGIN}'

class PytestReporter:
    def __init__(self):
        self.tests = {}
        self.compare = None
        self.collect_errors = {}

    def test(self, nodeid, location=None):
        test = self.tests.get(nodeid)
        if test is None:
            test = self.tests[nodeid] = {'event': 'result', 'id': nodeid, 'outcome': 'passed', 'durationMs': 0.0,
                                         'frames': [], 'stdout': '', 'stderr': ''}
        if location and location[0]:
            test['file'] = os.path.join(ROOT, location[0])
            if location[1] is not None:
                test['line'] = location[1] + 1
        return test

    def pytest_runtest_logstart(self, nodeid, location):
        self.compare = None
        self.test(nodeid, location)
        report({'event': 'start', 'id': nodeid})

    def pytest_assertrepr_compare(self, config, op, left, right):
        # Kept for the failing test's result; pytest's own explanation is left as it is.
        self.compare = {'op': op, 'left': safe_repr(left), 'right': safe_repr(right)}
        return None

    def pytest_runtest_makereport(self, item, call):
        excinfo = call.excinfo
        test = self.test(item.nodeid)
        if excinfo is not None and 'error' not in test and not excinfo.errisinstance(pytest_skip_types()):
            test['error'] = excinfo.value
            test['frames'] = project_frames(excinfo.tb)
            test['message'] = exception_line(excinfo.value)
            if type(item).__name__ == 'DoctestItem':
                doctest_failure(test, excinfo.value)
            elif isinstance(excinfo.value, AssertionError) and self.compare is not None:
                test['comparison'] = self.compare
        return None

    def pytest_runtest_logreport(self, report):
        test = self.test(report.nodeid)
        test['durationMs'] += report.duration * 1000
        xfail = getattr(report, 'wasxfail', None)
        if report.when == 'setup' and report.failed:
            test['outcome'] = 'error'
        elif report.when in ('setup', 'call') and report.skipped:
            test['outcome'] = 'xfailed' if xfail is not None else 'skipped'
            test['message'] = capped(xfail if xfail is not None else skip_reason(report))
        elif report.when == 'call' and report.failed:
            test['outcome'] = 'failed'
        elif report.when == 'call' and report.passed and xfail is not None:
            test['outcome'] = 'xpassed'
        elif report.when == 'teardown' and report.failed and test['outcome'] in ('passed', 'xpassed', 'skipped', 'xfailed'):
            test['outcome'] = 'error'
        if report.failed and 'details' not in test:
            test['details'] = capped(str(report.longrepr))
        test['stdout'] = capped(report.capstdout, OUTPUT_CAP)
        test['stderr'] = capped(report.capstderr, OUTPUT_CAP)
        if report.when == 'teardown':
            test.pop('error', None)
            if test['outcome'] != 'failed':
                test.pop('comparison', None)
            del self.tests[report.nodeid]
            report_event(test)

    def pytest_configure(self, config):
        # The opted-in folders are collected besides the run's paths (or pytest's testpaths).
        have = [os.path.abspath(arg.split('::')[0]) for arg in config.args]
        for folder in doctest_folders():
            if not any(folder == path or folder.startswith(path + os.sep) for path in have):
                config.args.append(folder)

    def pytest_collection_modifyitems(self, session, config, items):
        # --doctest-modules reaches every module collected; only the opted-in folders' doctests run.
        folders = doctest_folders()
        if not folders or CONFIG['doctestsEverywhere']:
            return
        outside = [item for item in items if type(item).__name__ == 'DoctestItem'
                   and not any(str(item.path) == f or str(item.path).startswith(f + os.sep) for f in folders)]
        if outside:
            config.hook.pytest_deselected(items=outside)
            items[:] = [item for item in items if item not in outside]

    def pytest_exception_interact(self, node, call, report):
        if report.when == 'collect' or not hasattr(report, 'when'):
            error = call.excinfo.value
            cause = error.__cause__ or error
            self.collect_errors[node.nodeid] = (exception_line(cause), project_frames(cause.__traceback__))

    def pytest_collectreport(self, report):
        if not report.failed:
            return
        text = str(report.longrepr)
        message, frames = self.collect_errors.get(report.nodeid, (None, []))
        path = report.nodeid.split('::')[0]
        report_event({'event': 'result', 'id': report.nodeid or '.', 'outcome': 'error', 'durationMs': 0,
                      'collectionError': True, 'file': os.path.join(ROOT, path) if path else None,
                      'message': message or capped(last_error_line(text).lstrip('E').strip()),
                      'details': capped(text), 'frames': frames, 'stdout': '', 'stderr': ''})

def doctest_folders():
    return [os.path.normpath(os.path.join(ROOT, folder)) for folder in CONFIG['doctests']]

def report_event(event):
    report(event)

def skip_reason(report):
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)

def pytest_skip_types():
    import _pytest.outcomes
    return (_pytest.outcomes.Skipped, _pytest.outcomes.XFailed)

def run_pytest():
    try:
        import pytest
    except ImportError:
        report({'event': 'problem', 'kind': 'pytest-missing', 'message': 'pytest is not installed'})
        return None
    plugin = types.ModuleType(PLUGIN)
    reporter = PytestReporter()
    for name in dir(reporter):
        if name.startswith('pytest_'):
            setattr(plugin, name, getattr(reporter, name))
    sys.modules[PLUGIN] = plugin
    args = [os.path.join(ROOT, path) for path in CONFIG['paths']] + [
        '--rootdir', ROOT, '-p', PLUGIN, '-q', '-p', 'no:cacheprovider', '--continue-on-collection-errors']
    if CONFIG['doctests']:
        args.append('--doctest-modules')
    if CONFIG['keyword']:
        args += ['-k', CONFIG['keyword']]
    return int(pytest.main(args))
`;
