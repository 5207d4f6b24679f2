// The parts of healing against tests that need no engine: which files are tests, a failing test as
// an error the rule fixers read, a test function's source, the suite's verdict on a fix, the prompt's
// tests section, and the receipt as Markdown, each to the exact text.
import * as assert from 'assert';
import { testsSection } from '../../src/core/model/testsPrompt';
import { codeUnderTest } from '../../src/core/testHeal/codeUnderTest';
import { errorOfTest } from '../../src/core/testHeal/failingTestError';
import { judgeSuite } from '../../src/core/testHeal/suiteVerdict';
import { changedTestFiles, isTestFile } from '../../src/core/testHeal/testFiles';
import { testHealMarkdown } from '../../src/core/testHeal/testHealSummary';
import type { TestHealReceipt } from '../../src/core/testHeal/testHealTypes';
import { testFunctionSource } from '../../src/core/testHeal/testSource';
import type { TestOutcome, TestResult, TestRunReport, TestTotals } from '../../src/core/testing/testTypes';

const result = (id: string, outcome: TestOutcome, extra: Partial<TestResult> = {}): TestResult => ({ id, outcome, durationMs: 1, frames: [], stdout: '', stderr: '', ...extra });
const totals = (passed: number, failed: number): TestTotals => ({ total: passed + failed, passed, failed, error: 0, skipped: 0, xfailed: 0, xpassed: 0 });
const report = (tests: TestResult[], extra: Partial<TestRunReport> = {}): TestRunReport => ({
  framework: 'pytest', tests, totals: totals(tests.filter((t) => t.outcome === 'passed').length, tests.filter((t) => t.outcome !== 'passed').length), durationMs: 700, ...extra,
});

describe('healing against tests: the parts', () => {
  it('tells test files from the code under test', () => {
    const files = ['tests/helpers.py', 'test/util.py', 'test_calc.py', 'pkg/calc_test.py', 'pkg/conftest.py', 'calc.py', 'pkg/testing.py', 'contest.py', 'latest_test_data.py'];
    assert.deepStrictEqual(files.filter(isTestFile), ['tests/helpers.py', 'test/util.py', 'test_calc.py', 'pkg/calc_test.py', 'pkg/conftest.py']);
    assert.deepStrictEqual(changedTestFiles({ 'calc.py': 'a', 'tests/t.py': 'x' }, { 'calc.py': 'b', 'tests/t.py': 'y', 'conftest.py': '' }), ['conftest.py', 'tests/t.py']);
  });

  it('reads a failing test as the error raised where its innermost frame is', () => {
    const error = errorOfTest(result('tests/test_g.py::test_hypot', 'failed', {
      message: "NameError: name 'sqrt' is not defined",
      frames: [{ file: 'tests/test_g.py', line: 5, function: 'test_hypot' }, { file: 'geometry.py', line: 2, function: 'hypot' }],
    }));
    assert.deepStrictEqual([error.type, error.message, error.kind, error.file, error.line, error.frames.length], ['NameError', "name 'sqrt' is not defined", 'name', 'geometry.py', 2, 2]);
    const bare = errorOfTest(result('t', 'failed', { message: 'assert 5 == 4', file: 'tests/t.py', line: 3 }));
    assert.deepStrictEqual([bare.type, bare.message, bare.kind, bare.file, bare.line], ['AssertionError', 'assert 5 == 4', 'assertion', 'tests/t.py', 3]);
  });

  it('takes a test function with its decorators from the def line, a decorator line or a body line', () => {
    const text = 'import pytest\n\n@pytest.mark.parametrize("a", [1])\n@pytest.mark.slow\ndef test_a(a):\n    x = a\n\n    assert x == 1\n\n\ndef test_b():\n    pass\n';
    const expected = { line: 3, text: '@pytest.mark.parametrize("a", [1])\n@pytest.mark.slow\ndef test_a(a):\n    x = a\n\n    assert x == 1\n' };
    assert.deepStrictEqual(testFunctionSource(text, 5), expected);
    assert.deepStrictEqual(testFunctionSource(text, 3), expected);
    assert.deepStrictEqual(testFunctionSource(text, 8), expected);
    assert.deepStrictEqual(testFunctionSource(text, 11), { line: 11, text: 'def test_b():\n    pass\n' });
    assert.strictEqual(testFunctionSource(text, 1), undefined);
  });

  it('keeps a fix that turns targets green and breaks nothing, and says which passing test one broke', () => {
    const targets = ['t::a', 't::b'];
    const guards = ['t::c', 't::d'];
    const all = judgeSuite(targets, guards, report([result('t::a', 'passed'), result('t::b', 'passed'), result('t::c', 'passed'), result('t::d', 'passed')]));
    assert.deepStrictEqual(all, { holds: true, fixed: targets, stillRed: [], broken: [], why: 'every target test passes and no test that passed before fails (4 tests passed of 4)' });
    const some = judgeSuite(targets, guards, report([result('t::a', 'passed'), result('t::b', 'failed'), result('t::c', 'passed'), result('t::d', 'passed')]));
    assert.deepStrictEqual([some.holds, some.why], [true, '1 of 2 target tests pass with it and none broke; still failing: t::b']);
    const broke = judgeSuite(targets, guards, report([result('t::a', 'passed'), result('t::b', 'passed'), result('t::c', 'failed', { message: 'AssertionError: assert 4 == 3' })]));
    assert.deepStrictEqual([broke.holds, broke.broken, broke.why], [false, guards, 'it broke 2 tests that passed before: FAILED t::c - AssertionError: assert 4 == 3; t::d did not run']);
    const none = judgeSuite(targets, [], report([result('t::a', 'failed', { message: 'AssertionError: assert 5 == 4' }), result('t::b', 'error')]));
    assert.deepStrictEqual([none.holds, none.why], [false, 'no target test passed with it: FAILED t::a - AssertionError: assert 5 == 4; ERROR t::b']);
    const hung = judgeSuite(targets, [], report([result('t::a', 'passed'), result('t::b', 'passed')], { problem: { kind: 'timeout', message: 'the tests ran out of time' } }));
    assert.deepStrictEqual([hung.holds, hung.why], [false, "the suite's re-run did not finish (timeout): the tests ran out of time"]);
  });

  it('shows the model the failing tests, their comparison, their source and the code they call', () => {
    const text = testsSection({
      failing: [{ id: 't.py::test_add', message: 'AssertionError: assert 5 == 4', comparison: { op: '==', left: '5', right: '4' }, source: { file: 't.py', line: 3, text: 'def test_add():\n    assert add(2, 2) == 4\n' } }],
      testFilesLocked: true,
      code: { 'calc.py': 'def add(a, b):\n    return 5\n' },
    });
    assert.strictEqual(text, [
      '## Failing tests', '', '### t.py::test_add', 'Failure: AssertionError: assert 5 == 4', 'Compared with ==:', '  left:  5', '  right: 4',
      'The test (t.py, from line 3):', '```python', 'def test_add():', '    assert add(2, 2) == 4', '```', '', '## Code under test', '', 'calc.py', '```python', 'def add(a, b):', '    return 5', '```',
    ].join('\n'));
    assert.strictEqual(testsSection(undefined), '');
  });

  it('sends the code under test the tests import first, never a test file or one the traceback shows', () => {
    const files = { 'tests/test_a.py': 'from pkg.calc import add\nimport util\n', 'pkg/calc.py': 'c', 'util.py': 'u', 'aaa.py': 'a', 'shown.py': 's', 'tests/helper.py': 'h' };
    assert.deepStrictEqual(Object.keys(codeUnderTest(files, ['tests/test_a.py'], new Set(['shown.py']))), ['pkg/calc.py', 'util.py', 'aaa.py']);
  });

  it('writes the receipt as Markdown for a pull request', () => {
    const receipt: TestHealReceipt = {
      outcome: 'healed', reason: 'healed in 2 attempts: every target test passes and no test that passed before fails', framework: 'pytest',
      before: { totals: totals(2, 1), durationMs: 700 }, after: { totals: totals(3, 0), durationMs: 650 },
      red: ['t.py::test_add[2-2-4]'], green: ['t.py::test_add[2-2-4]'], stillRed: [], flaky: ['t.py::test_net'],
      attempts: [
        { number: 1, source: 'model:m', description: 'Return 4', outcome: 'rejected', why: 'it broke 1 test that passed before: FAILED t.py::x | y\nmore', durationMs: 1500, tokens: { promptTokens: 900, completionTokens: 40, totalTokens: 940 }, diff: 'd' },
        { number: 2, source: 'model:m', description: 'Drop the special case', outcome: 'healed', why: 'every target test passes', durationMs: 1250, tokens: { promptTokens: 1000, completionTokens: 50, totalTokens: 1050 }, diff: 'd' },
      ],
      tokens: { promptTokens: 1900, completionTokens: 90, totalTokens: 1990 },
      diff: '--- a/calc.py\n+++ b/calc.py\n@@ -1,2 +1 @@\n-x\n+y\n', changedFiles: { 'calc.py': 'y\n' }, durationMs: 5300,
    };
    assert.strictEqual(testHealMarkdown(receipt), [
      '## Self-Heal: the failing tests pass', '', receipt.reason, '',
      '| | passed | failed | error | skipped | xfailed | xpassed | total | time |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      '| before | 2 | 1 | 0 | 0 | 0 | 0 | 3 | 0.7 s |', '| after | 3 | 0 | 0 | 0 | 0 | 0 | 3 | 0.7 s |', '',
      '**Red to green** (1):', '- `t.py::test_add[2-2-4]`', '',
      '**Flaky** (failed once and passed once on the unchanged code; not healed):', '- `t.py::test_net`', '',
      '### Attempts', '', '| # | fix | outcome | why | time | tokens |', '|---:|---|---|---|---:|---:|',
      '| 1 | Return 4 (model:m) | rejected | it broke 1 test that passed before: FAILED t.py::x \\| y | 1.5 s | 940 |',
      '| 2 | Drop the special case (model:m) | healed | every target test passes | 1.3 s | 1050 |', '',
      'Model tokens: 1900 prompt + 90 completion = 1990.', '',
      '### The fix', '', '```diff', '--- a/calc.py', '+++ b/calc.py', '@@ -1,2 +1 @@', '-x', '+y', '```', '',
      '2 attempts in 5.3 s.', '',
    ].join('\n'));
  });
});
