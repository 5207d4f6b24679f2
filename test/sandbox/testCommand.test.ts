// `self-heal test` as a user runs it (the bundled CLI in a child process, against the real engine):
// a line per test and the totals, exit statuses, the JSON report's shape, and JUnit XML parsed back
// with Python's own XML parser.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTree, removeTree } from '../support/tempDir';
import { cli } from './cliProcess';
import { CALC_PASSING, CALC_WITH_BUG, FIXTURE_FROM_CONFTEST, HANGING_TEST, PYTEST_IMAGE } from './testSuiteProjects';

/** A failure whose message and output hold every character XML must escape, and a control character. */
const MARKUP_TEST: Record<string, string> = {
  'test_markup.py': 'def test_markup():\n    print("<tag> & \\"q\\" \\x07")\n    assert "<&>" == "\\"\'"\n',
};

const READ_JUNIT = `
import json, sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
cases = [{"attrib": c.attrib, "children": [{"tag": k.tag, "attrib": k.attrib, "text": k.text} for k in c]} for c in suite.findall("testcase")]
print(json.dumps({"suite": suite.attrib, "cases": cases}))
`;

interface JunitRead {
  suite: Record<string, string>;
  cases: Array<{ attrib: Record<string, string>; children: Array<{ tag: string; attrib: Record<string, string>; text: string | null }> }>;
}

function readJunit(file: string): JunitRead {
  return JSON.parse(execFileSync('python3', ['-c', READ_JUNIT, file], { encoding: 'utf8' })) as JunitRead;
}

describe('self-heal test', function () {
  this.timeout(120_000);
  const roots: string[] = [];
  const project = (files: Record<string, string>): string => {
    const root = makeTree(files);
    roots.push(root);
    return root;
  };
  after(() => roots.forEach(removeTree));

  it('prints a line per test and the totals, and exits 1 when a test fails', async () => {
    const run = await cli(['test', '--image', PYTEST_IMAGE], { cwd: project(CALC_WITH_BUG) });
    assert.strictEqual(run.status, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepStrictEqual(lines.slice(0, -1), [
      'PASSED tests/test_calc.py::test_add[1-2-3]',
      'FAILED tests/test_calc.py::test_add[2-2-4] - AssertionError: assert 5 == 4 (tests/test_calc.py:6)',
      'PASSED tests/test_calc.py::test_add[0-0-0]',
    ]);
    assert.match(lines[lines.length - 1], /^2 passed, 1 failed in \d+(\.\d)? s$/);
  });

  it('exits 0 when every test passes', async () => {
    const run = await cli(['test', '--image', PYTEST_IMAGE, 'tests'], { cwd: project(CALC_PASSING) });
    assert.strictEqual(run.status, 0, run.stderr);
    assert.match(run.stdout, /\n3 passed in \d+(\.\d)? s\n$/);
  });

  it('exits 2 with the exact message when the project needs pytest and the image has none', async () => {
    const run = await cli(['test', '--image', 'python:3.11-slim'], { cwd: project(FIXTURE_FROM_CONFTEST) });
    assert.strictEqual(run.status, 2);
    assert.strictEqual(run.stderr, "self-heal: pytest is in neither the image nor the project's test dependencies: declare it (a line \"pytest\" in requirements-dev.txt, or in a test or dev extra of [project.optional-dependencies] or group of [dependency-groups] in pyproject.toml), or run the tests in an image that has it (--image IMG)\n");
    assert.match(run.stdout, /^no tests ran in \d+(\.\d)? s\n$/);
  });

  it('runs the doctests of the named folder with --doctest-modules, by the standard library under unittest', async () => {
    const files = {
      'tests/__init__.py': '',
      'tests/test_truth.py': 'import unittest\n\n\nclass TestTruth(unittest.TestCase):\n    def test_true(self):\n        self.assertTrue(True)\n',
      'tools/__init__.py': '',
      'tools/halve.py': 'def halve(x):\n    """\n    >>> halve(4)\n    2.0\n    >>> halve(3)\n    1\n    """\n    return x / 2\n',
    };
    const run = await cli(['test', '--doctest-modules', 'tools'], { cwd: project(files) });
    assert.strictEqual(run.status, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepStrictEqual(lines.slice(0, -1), ['FAILED tools/halve.py::tools.halve.halve - >>> halve(3): expected 1, got 1.5 (tools/halve.py:5)']);
    assert.match(lines[lines.length - 1], /^1 failed in \d+(\.\d)? s$/);
  });

  it('exits 2 for a flag it does not know', async () => {
    const run = await cli(['test', '--nonsense'], { cwd: project(CALC_PASSING) });
    assert.strictEqual(run.status, 2);
    assert.strictEqual(run.stderr, 'self-heal: unknown option --nonsense (see "self-heal test --help")\n');
  });

  it('refuses the local runner, which has no channel for results per test', async () => {
    const run = await cli(['test', '--runner', 'local'], { cwd: project(CALC_PASSING) });
    assert.strictEqual(run.status, 2);
    assert.strictEqual(run.stderr, 'self-heal: tests run only in the sandbox: the local runner cannot report results per test (see "self-heal test --help")\n');
  });

  it('exits 2 when no engine answers', async () => {
    const run = await cli(['test', '--docker-host', 'unix:///tmp/self-heal-no-such-dir/podman.sock'], { cwd: project(CALC_PASSING) });
    assert.strictEqual(run.status, 2);
    assert.strictEqual(run.stderr, 'self-heal: No Docker or Podman engine answered at unix:///tmp/self-heal-no-such-dir/podman.sock; start Docker Desktop (or Docker/Podman) or pass --docker-host or set DOCKER_HOST.\n');
  });

  it('exits 1 and names the test the time limit stopped', async () => {
    const run = await cli(['test', '--image', PYTEST_IMAGE, '--timeout', '8'], { cwd: project(HANGING_TEST) });
    assert.strictEqual(run.status, 1);
    assert.strictEqual(run.stderr, 'self-heal: the time limit (8 s) stopped the test run while tests/test_slow.py::test_hangs was running\n');
    assert.deepStrictEqual(run.stdout.split('\n').slice(0, 2), [
      'PASSED tests/test_slow.py::test_quick',
      'ERROR tests/test_slow.py::test_hangs - the time limit (8 s) stopped the test run while tests/test_slow.py::test_hangs was running',
    ]);
  });

  it('prints the JSON report in its documented shape', async () => {
    const run = await cli(['test', '--image', PYTEST_IMAGE, '--json', '-k', '2-2-4'], { cwd: project(CALC_WITH_BUG) });
    assert.strictEqual(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(report), ['framework', 'tests', 'totals', 'durationMs']);
    assert.deepStrictEqual(report.totals, { total: 1, passed: 0, failed: 1, error: 0, skipped: 0, xfailed: 0, xpassed: 0 });
    const [test] = report.tests as Array<Record<string, unknown>>;
    assert.deepStrictEqual(Object.keys(test), ['id', 'outcome', 'durationMs', 'file', 'line', 'message', 'details', 'comparison', 'frames', 'stdout', 'stderr']);
    assert.deepStrictEqual(
      { id: test.id, outcome: test.outcome, file: test.file, line: test.line, comparison: test.comparison, frames: test.frames },
      { id: 'tests/test_calc.py::test_add[2-2-4]', outcome: 'failed', file: 'tests/test_calc.py', line: 4, comparison: { op: '==', left: '5', right: '4' }, frames: [{ file: 'tests/test_calc.py', line: 6, function: 'test_add' }] },
    );
  });

  it('writes JUnit XML that a real XML parser reads back, markup and control characters included', async () => {
    const root = project({ ...CALC_WITH_BUG, ...MARKUP_TEST });
    const run = await cli(['test', '--image', PYTEST_IMAGE, '--junit', 'results.xml'], { cwd: root });
    assert.strictEqual(run.status, 1, run.stderr);
    const junit = readJunit(path.join(root, 'results.xml'));
    assert.deepStrictEqual({ ...junit.suite, time: undefined }, { name: 'self-heal', tests: '4', failures: '2', errors: '0', skipped: '0', time: undefined });
    assert.deepStrictEqual(junit.cases.map((c) => [c.attrib.classname, c.attrib.name, c.children.map((k) => k.tag)]), [
      ['test_markup', 'test_markup', ['failure', 'system-out']],
      ['tests.test_calc', 'test_add[1-2-3]', []],
      ['tests.test_calc', 'test_add[2-2-4]', ['failure']],
      ['tests.test_calc', 'test_add[0-0-0]', []],
    ]);
    const [failure, out] = junit.cases[0].children;
    assert.strictEqual(failure.attrib.message, 'AssertionError: assert \'<&>\' == \'"\\\'\'\n  - "\'\n  + <&>');
    assert.strictEqual(failure.attrib.type, 'AssertionError');
    assert.strictEqual(out.text, '<tag> & "q" \ufffd\n');
    assert.ok(fs.readFileSync(path.join(root, 'results.xml'), 'utf8').startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'));
  });
});
