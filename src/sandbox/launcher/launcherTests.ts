// The launcher's Python, composed in launcher.ts: the channel a test run reports on. A test run's
// entry is a driver Self-Heal generates (core/testing/testDriver.ts); it imports `_self_heal_tests`,
// a module only the launcher provides, and calls `report(event)` once per event (a test started, a
// test's result, a problem). Each event is a line on the failed checks' pipe (launcherChecks.ts):
// the job's token, 'T', the JSON. The parent passes it to the host at once in a 't' frame, so a run
// a limit stops still has every event so far. Bytes the program writes on its stdout, stderr or
// the pipe without the token never count.
//
// What the channel proves is where a line came from (the interpreter the tests ran in), not that a
// test is honest: the project's tests are code of the project, and a test can always pass itself.
export const TESTS_PY = String.raw`
class TestChannel:
    def __init__(self, hooks):
        self.hooks = hooks
        self.sent = 0

    def report(self, event):
        data = json.dumps(event).encode('utf-8', 'replace')
        # Past the budget an event keeps what names it and how it ended, so every test is counted.
        if self.sent + len(data) > MAX_TESTS // 2:
            data = json.dumps({key: event.get(key) for key in ('event', 'id', 'outcome', 'durationMs', 'kind')}).encode('utf-8', 'replace')
        self.sent += len(data)
        self.hooks.write(b'T' + data)

def arm_tests(hooks):
    module = types.ModuleType('_self_heal_tests')
    module.report = TestChannel(hooks).report
    sys.modules['_self_heal_tests'] = module
`;
