// The project's tests in the Test Explorer, run in the sandbox through the real controller: the
// items read from the files, each result as reported (outcome, diff, location), the problems on
// lines, cancellation and an image without pytest.
import * as assert from 'assert';
import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, setUserSetting, workspaceFile } from './hostHelper';
import { explorerState, runTestItems, waitForItems, type ExplorerState } from './testExplorerHelper';

const PYTEST_IMAGE = 'localhost/self-heal-python-pytest:3.11';

const FILES: Record<string, string> = {
  'explorer/calc.py': ['def add(a, b):', '    return a + b', '', '', 'def ratio(a, b):', '    return a / b', ''].join('\n'),
  'explorer/test_calc.py': [
    'from calc import add, ratio', // 1
    '', // 2
    '', // 3
    'def test_passes():', // 4
    "    print('adding 2 and 3')", // 5
    '    assert add(2, 3) == 5', // 6
    '', // 7
    '', // 8
    'def test_fails():', // 9
    '    assert add(2, 3) == 6', // 10
    '', // 11
    '', // 12
    'def test_ratio():', // 13
    '    assert ratio(1, DIVISOR) == 1', // 14
    '', // 15
    '', // 16
    'DIVISOR = 0', // 17
    '', // 18
    '', // 19
    'class TestCalc:', // 20
    '    def test_add_zero(self):', // 21
    '        assert add(0, 0) == 0', // 22
    '',
  ].join('\n'),
  'explorer/test_params.py': ['import pytest', '', '', "@pytest.mark.parametrize('a, b, total', [(1, 2, 3), (2, 2, 5)])", 'def test_sum(a, b, total):', '    assert a + b == total', ''].join('\n'),
  'explorer/test_slow.py': ['import time', '', '', 'def test_slow():', '    time.sleep(60)', ''].join('\n'),
};

function reported(state: ExplorerState) {
  return state.lastRun?.reported ?? [];
}

describe('extension host: Test Explorer runs the tests in the sandbox', function () {
  this.timeout(120_000);

  before(async () => {
    for (const [name, text] of Object.entries(FILES)) {
      await fs.mkdir(path.dirname(workspaceFile(name).fsPath), { recursive: true });
      await fs.writeFile(workspaceFile(name).fsPath, text);
    }
    await activateExtension();
    await setUserSetting('image', PYTEST_IMAGE);
  });

  after(async () => {
    await setUserSetting('image', undefined);
    await fs.rm(workspaceFile('explorer').fsPath, { recursive: true, force: true });
  });

  it('discovers the test files, functions and class methods with their lines', async () => {
    const state = await waitForItems(['explorer/test_calc.py::TestCalc::test_add_zero', 'explorer/test_slow.py::test_slow']);
    const ours = state.items.filter((item) => item.id.startsWith('explorer'));
    assert.deepStrictEqual(ours, [
      { id: 'explorer', label: 'explorer', kind: 'folder', parent: undefined },
      { id: 'explorer/test_calc.py', label: 'test_calc.py', kind: 'file', parent: 'explorer' },
      { id: 'explorer/test_calc.py::test_passes', label: 'test_passes', kind: 'function', line: 4, parent: 'explorer/test_calc.py' },
      { id: 'explorer/test_calc.py::test_fails', label: 'test_fails', kind: 'function', line: 9, parent: 'explorer/test_calc.py' },
      { id: 'explorer/test_calc.py::test_ratio', label: 'test_ratio', kind: 'function', line: 13, parent: 'explorer/test_calc.py' },
      { id: 'explorer/test_calc.py::TestCalc', label: 'TestCalc', kind: 'class', line: 20, parent: 'explorer/test_calc.py' },
      { id: 'explorer/test_calc.py::TestCalc::test_add_zero', label: 'test_add_zero', kind: 'method', line: 21, parent: 'explorer/test_calc.py::TestCalc' },
      { id: 'explorer/test_params.py', label: 'test_params.py', kind: 'file', parent: 'explorer' },
      { id: 'explorer/test_params.py::test_sum', label: 'test_sum', kind: 'function', line: 5, parent: 'explorer/test_params.py' },
      { id: 'explorer/test_slow.py', label: 'test_slow.py', kind: 'file', parent: 'explorer' },
      { id: 'explorer/test_slow.py::test_slow', label: 'test_slow', kind: 'function', line: 4, parent: 'explorer/test_slow.py' },
    ]);
  });

  it('reports a passing and a failing test with the diff of the comparison and the failing line', async () => {
    const state = await runTestItems(['explorer/test_calc.py::test_passes', 'explorer/test_calc.py::test_fails']);
    const [passed, failed] = reported(state);
    assert.deepStrictEqual(reported(state).map((r) => [r.id, r.outcome]), [
      ['explorer/test_calc.py::test_passes', 'passed'],
      ['explorer/test_calc.py::test_fails', 'failed'],
    ]);
    assert.ok((passed.durationMs ?? -1) >= 0 && (passed.durationMs ?? 1e9) < 5000, `duration ${passed.durationMs}`);
    assert.strictEqual(failed.message?.split('\n')[0], 'AssertionError: assert 5 == 6');
    assert.strictEqual(failed.expected, '6');
    assert.strictEqual(failed.actual, '5');
    assert.deepStrictEqual(failed.location, { file: 'explorer/test_calc.py', line: 10 });
    // What the passing test printed is in the run's output beside it.
    assert.match(state.output, /adding 2 and 3/);
    assert.strictEqual(state.problem, undefined);
    const problems = state.diagnostics.filter((d) => d.file.startsWith('explorer/'));
    assert.deepStrictEqual(problems.map((d) => [d.file, d.items.map((i) => [i.range, i.code, i.source])]), [['explorer/test_calc.py', [[[9, 4, 9, 25], 'AssertionError', 'Self-Heal']]]]);
  });

  it('shows parametrized cases as children of their function', async () => {
    const state = await runTestItems(['explorer/test_params.py::test_sum']);
    assert.deepStrictEqual(reported(state).map((r) => [r.id, r.outcome, r.expected, r.actual]), [
      ['explorer/test_params.py::test_sum[1-2-3]', 'passed', undefined, undefined],
      ['explorer/test_params.py::test_sum[2-2-5]', 'failed', '5', '4'],
    ]);
    const cases = state.items.filter((item) => item.parent === 'explorer/test_params.py::test_sum');
    assert.deepStrictEqual(cases.map((item) => [item.label, item.kind]), [['[1-2-3]', 'case'], ['[2-2-5]', 'case']]);
  });

  it('puts a failure inside the code under test on both lines, and a passing re-run clears them', async () => {
    const state = await runTestItems(['explorer/test_calc.py::test_ratio']);
    assert.deepStrictEqual(reported(state).map((r) => [r.id, r.outcome, r.message, r.location]), [
      ['explorer/test_calc.py::test_ratio', 'failed', 'ZeroDivisionError: division by zero', { file: 'explorer/test_calc.py', line: 14 }],
    ]);
    const problems = state.diagnostics.filter((d) => ['explorer/calc.py', 'explorer/test_calc.py'].includes(d.file)).sort((a, b) => a.file.localeCompare(b.file));
    assert.deepStrictEqual(problems, [
      {
        file: 'explorer/calc.py',
        items: [
          {
            range: [5, 4, 5, 16],
            message: 'explorer/test_calc.py::test_ratio: ZeroDivisionError: division by zero',
            source: 'Self-Heal',
            code: 'ZeroDivisionError',
            related: [{ file: 'explorer/test_calc.py', line: 14, message: 'test_ratio (explorer/test_calc.py:14)' }],
          },
        ],
      },
      {
        file: 'explorer/test_calc.py',
        items: [
          { range: [9, 4, 9, 25], message: problems[1]?.items[0]?.message, source: 'Self-Heal', code: 'AssertionError', related: [] },
          {
            range: [13, 4, 13, 33],
            message: 'explorer/test_calc.py::test_ratio: ZeroDivisionError: division by zero',
            source: 'Self-Heal',
            code: 'ZeroDivisionError',
            related: [{ file: 'explorer/calc.py', line: 6, message: 'ratio (explorer/calc.py:6)' }],
          },
        ],
      },
    ]);
    await fs.writeFile(workspaceFile('explorer/test_calc.py').fsPath, FILES['explorer/test_calc.py'].replace('DIVISOR = 0', 'DIVISOR = 1'));
    const rerun = await runTestItems(['explorer/test_calc.py::test_ratio']);
    assert.deepStrictEqual(reported(rerun).map((r) => [r.id, r.outcome]), [['explorer/test_calc.py::test_ratio', 'passed']]);
    // test_fails' problem stays: only the re-run test's problems go.
    assert.deepStrictEqual(rerun.diagnostics.filter((d) => d.file.startsWith('explorer/') && d.file !== 'explorer/test_params.py').map((d) => [d.file, d.items.map((i) => i.code)]), [['explorer/test_calc.py', ['AssertionError']]]);
  });

  it('stops the run and its container when the run is cancelled', async () => {
    const running = runTestItems(['explorer/test_slow.py::test_slow']);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const cancelledAt = Date.now();
    await vscode.commands.executeCommand('_selfHeal.cancelTestRun');
    const state = await running;
    const took = Date.now() - cancelledAt;
    assert.ok(took < 3000, `the run ended ${took} ms after the cancel`);
    assert.deepStrictEqual(state.problem, { kind: 'cancelled', message: 'the test run was cancelled while explorer/test_slow.py::test_slow was running' });
    assert.deepStrictEqual(reported(state).map((r) => [r.id, r.outcome, r.message]), [
      ['explorer/test_slow.py::test_slow', 'errored', 'the test run was cancelled while explorer/test_slow.py::test_slow was running'],
    ]);
  });

  it('says that the image has no pytest, as the run output and on each item', async () => {
    await setUserSetting('image', undefined);
    try {
      const state = await runTestItems(['explorer/test_calc.py::test_passes']);
      const said = "pytest is in neither the image nor the project's test dependencies: declare it (a line \"pytest\" in requirements-dev.txt, or in a test or dev extra of [project.optional-dependencies] or group of [dependency-groups] in pyproject.toml), or run the tests in an image that has it (--image IMG)";
      assert.strictEqual(state.problem?.kind, 'pytest-missing');
      assert.deepStrictEqual(reported(state), [{ id: 'explorer/test_calc.py::test_passes', outcome: 'errored', message: said }]);
      assert.ok(state.output.endsWith(`${said}\n`), state.output);
    } finally {
      await setUserSetting('image', PYTEST_IMAGE);
    }
  });

  it('follows the files: a test added on disk appears at its line, a deleted file takes its tests along', async () => {
    const file = workspaceFile('explorer/test_slow.py').fsPath;
    await fs.writeFile(file, `${FILES['explorer/test_slow.py']}\n\ndef test_quick():\n    pass\n`);
    const added = await waitForItems(['explorer/test_slow.py::test_quick']);
    assert.deepStrictEqual(added.items.find((item) => item.id === 'explorer/test_slow.py::test_quick'), { id: 'explorer/test_slow.py::test_quick', label: 'test_quick', kind: 'function', line: 8, parent: 'explorer/test_slow.py' });
    await fs.rm(file);
    const gone = await waitForItems([], (state) => !state.items.some((item) => item.id.startsWith('explorer/test_slow.py')));
    assert.deepStrictEqual(gone.items.filter((item) => item.id.startsWith('explorer/test_slow')), []);
  });

  it('follows whole folders: a folder of tests moved in appears, and leaves with its tests when deleted', async () => {
    await explorerState(); // the tree is read before the folder comes
    // Made outside the workspace and moved in: the watcher reports the folder only, never its files.
    // Beside the workspace, on its file system, so the move is one rename.
    const outside = await fs.mkdtemp(path.join(path.dirname(workspaceFile('.').fsPath), 'moved-tests-'));
    await fs.mkdir(path.join(outside, 'deep'));
    await fs.writeFile(path.join(outside, 'deep', 'test_moved.py'), 'def test_moved():\n    assert True\n');
    const target = workspaceFile('moved_in').fsPath;
    await fs.rename(outside, target);
    try {
      const added = await waitForItems(['moved_in/deep/test_moved.py::test_moved']);
      assert.deepStrictEqual(added.items.filter((item) => item.id.startsWith('moved_in')).map((item) => item.id), ['moved_in', 'moved_in/deep', 'moved_in/deep/test_moved.py', 'moved_in/deep/test_moved.py::test_moved']);
    } finally {
      await fs.rm(target, { recursive: true, force: true });
    }
    const gone = await waitForItems([], (state) => !state.items.some((item) => item.id.startsWith('moved_in')));
    assert.deepStrictEqual(gone.items.filter((item) => item.id.startsWith('moved_in')), []);
  });
});
