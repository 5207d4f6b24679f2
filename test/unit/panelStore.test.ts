// The panel's state: newest first, the last 20 runs, saved trimmed per workspace, restored after a reload.
import * as assert from 'assert';
import type { FileHealRecord } from '../../src/core/heal/ledger';
import type { PythonError } from '../../src/core/errors/pythonError';
import { MAX_KEPT_TEXT_CHARS, MAX_RUNS, MAX_SAVED_CHARS, PANEL_RUNS_KEY, PanelStore, restoreRuns } from '../../src/webview/panelStore';
import type { PanelFile } from '../../src/webview/protocol';
import { DIFF_SHORTENED, TRIM, trimFile } from '../../src/webview/recordTrim';
import { HEALED_AREA, healedAreaRecord, MemoryMemento, panelFileOf } from './panelFixtures';

describe('panel store', function () {
  this.timeout(20_000);
  let record: FileHealRecord;

  before(async () => {
    record = await healedAreaRecord();
    assert.strictEqual(record.outcome, 'healed', 'the fixture heals');
  });

  it('lists runs newest first and keeps the last 20', () => {
    const store = new PanelStore(new MemoryMemento());
    for (let i = 1; i <= 25; i++) store.startRun({ id: `run-${i}`, title: `Run ${i}` }, 1000 + i);
    const runs = store.snapshot().runs;
    assert.strictEqual(MAX_RUNS, 20);
    assert.deepStrictEqual(runs.map((r) => r.id), Array.from({ length: 20 }, (_, i) => `run-${25 - i}`));
    assert.deepStrictEqual(runs[0], { id: 'run-25', title: 'Run 25', startedAt: 1025, status: 'running', files: [] });
  });

  it('adds a file, replaces it by entry, finishes the run and marks it reverted once', () => {
    const store = new PanelStore(new MemoryMemento());
    store.startRun({ id: 'r1', title: 'Run & Self-Heal: main.py' }, 5);
    const running = panelFileOf({ ...record, outcome: 'not-healed', attempts: [] });
    assert.strictEqual(store.updateFile('r1', running), true);
    assert.strictEqual(store.updateFile('r1', panelFileOf(record)), true);
    assert.strictEqual(store.updateFile('unknown', panelFileOf(record)), false);
    assert.strictEqual(store.finishRun('r1', 'healed'), true);
    assert.strictEqual(store.finishRun('r1', 'healed'), false, 'no change');
    assert.strictEqual(store.markReverted('r1', 'main.py'), true);
    assert.strictEqual(store.markReverted('r1', 'main.py'), false, 'already reverted');
    assert.strictEqual(store.markReverted('r1', 'other.py'), false);
    const run = store.run('r1');
    assert.strictEqual(run?.status, 'healed');
    assert.deepStrictEqual(run?.files, [{ ...panelFileOf(record), reverted: true }]);
    assert.deepStrictEqual(store.file('r1', 'main.py')?.changedFiles, { 'main.py': HEALED_AREA });
  });

  it('hands out copies, so callers cannot change its state', () => {
    const store = new PanelStore(new MemoryMemento());
    store.startRun({ id: 'r1', title: 'Run' }, 5);
    store.updateFile('r1', panelFileOf(record));
    store.snapshot().runs[0].status = 'failed';
    store.file('r1', 'main.py')!.attempts.length = 0;
    assert.strictEqual(store.run('r1')?.status, 'running');
    assert.strictEqual(store.file('r1', 'main.py')?.attempts.length, 2);
  });

  it('tracks the model and running flags, saying whether they changed', () => {
    const store = new PanelStore(new MemoryMemento());
    assert.deepStrictEqual([store.setModelConfigured(false), store.setModelConfigured(true), store.setRunning(true), store.setRunning(true)], [false, true, true, false]);
    assert.deepStrictEqual(store.snapshot(), { runs: [], modelConfigured: true, running: true });
  });

  it('saves the runs trimmed and a new store restores them after a reload', async () => {
    const memento = new MemoryMemento();
    const store = new PanelStore(memento);
    store.startRun({ id: 'r1', title: 'First' }, 100);
    store.updateFile('r1', panelFileOf(record));
    store.finishRun('r1', 'healed');
    store.startRun({ id: 'r2', title: 'Second' }, 200);
    store.setRunning(true);
    await store.persist();
    const restored = new PanelStore(memento).snapshot();
    // The flags are the session's; r2 was still running when saved, so it comes back cancelled.
    assert.deepStrictEqual(restored, {
      runs: [
        { id: 'r2', title: 'Second', startedAt: 200, status: 'cancelled', files: [] },
        { id: 'r1', title: 'First', startedAt: 100, status: 'healed', files: [trimFile(panelFileOf(record))] },
      ],
      modelConfigured: false,
      running: false,
    });
    assert.deepStrictEqual(restored.runs[1].files[0].changedFiles, {}, 'file texts are not saved');
    assert.strictEqual(restored.runs[1].files[0].diff, record.diff);
  });

  it('saves at most 20 runs and stays within its size budget, dropping the oldest', async () => {
    const memento = new MemoryMemento();
    const store = new PanelStore(memento);
    // Each run holds 10 files with a 60,000-character diff: about 600 KB saved per run.
    const bigDiff = `--- a/main.py\n+++ b/main.py\n@@ -1 +1 @@\n-${'x'.repeat(29_990)}\n+${'y'.repeat(29_990)}\n`;
    for (let i = 1; i <= 25; i++) {
      store.startRun({ id: `run-${i}`, title: `Run ${i}` }, i);
      for (let f = 0; f < 10; f++) store.updateFile(`run-${i}`, panelFileOf({ ...record, entry: `f${f}.py`, diff: bigDiff, attempts: [] }));
    }
    await store.persist();
    const saved = new PanelStore(memento).snapshot().runs;
    assert.deepStrictEqual(saved.map((r) => r.id), ['run-25', 'run-24', 'run-23']);
    assert.ok(memento.sizeOf(PANEL_RUNS_KEY) <= MAX_SAVED_CHARS, `${memento.sizeOf(PANEL_RUNS_KEY)} characters saved`);
  });

  it('keeps no more than 1 MiB of a file\'s changed texts in memory', () => {
    const store = new PanelStore(new MemoryMemento());
    store.startRun({ id: 'r1', title: 'Run' });
    store.updateFile('r1', panelFileOf({ ...record, changedFiles: { 'main.py': 'x'.repeat(MAX_KEPT_TEXT_CHARS + 1) } }));
    store.updateFile('r1', panelFileOf({ ...record, entry: 'b.py', changedFiles: { 'b.py': 'y'.repeat(MAX_KEPT_TEXT_CHARS) } }));
    assert.deepStrictEqual(store.file('r1', 'main.py')?.changedFiles, {});
    assert.strictEqual(store.file('r1', 'b.py')?.changedFiles['b.py'].length, MAX_KEPT_TEXT_CHARS);
  });

  it('gives the webview no file texts', () => {
    const store = new PanelStore(new MemoryMemento());
    store.startRun({ id: 'r1', title: 'Run' });
    store.updateFile('r1', panelFileOf(record));
    assert.deepStrictEqual(store.webviewState().runs[0].files[0].changedFiles, {});
    assert.deepStrictEqual(store.snapshot().runs[0].files[0].changedFiles, { 'main.py': HEALED_AREA });
  });

  it('ignores saved state that is not its own, and saved runs that lost fields', () => {
    const run = { id: 'r1', title: 'Run', startedAt: 1, status: 'healed', files: [] };
    assert.deepStrictEqual(restoreRuns(undefined), []);
    assert.deepStrictEqual(restoreRuns({ version: 2, runs: [run] }), []);
    assert.deepStrictEqual(restoreRuns([run]), []);
    assert.deepStrictEqual(restoreRuns({ version: 1, runs: [run, { ...run, id: 'r2', status: 'exploded' }, { ...run, id: 'r3', files: [{ entry: 'main.py' }] }, null] }), [run]);
  });
});

describe('panel record trimming', () => {
  const error = (depth: number): PythonError => ({
    type: 'RecursionError', message: 'm'.repeat(5000), kind: 'recursion', file: 'main.py', line: 1, column: null, endLine: null, endColumn: null,
    suggestion: null, notes: Array.from({ length: 8 }, (_, i) => `note ${i}`),
    frames: Array.from({ length: 40 }, (_, i) => ({ file: 'main.py', line: i + 1, function: `f${i}`, source: 's'.repeat(900), external: false })),
    cause: depth > 0 ? error(depth - 1) : null, context: null, exceptions: [],
  });
  const summary = { reason: 'exited' as const, exitCode: 1, durationMs: 5, error: error(4), outputTail: `${'a'.repeat(1500)}${'z'.repeat(1000)}`, stdoutBytes: 0, engine: 'local python3' };
  const file: PanelFile = {
    entry: 'main.py', uri: 'file:///ws/main.py', path: 'main.py', outcome: 'not-healed', stopReason: 'no fix', firstRun: summary, lastRun: summary,
    attempts: [], changedFiles: { 'main.py': 'text' }, diff: `--- a/main.py\n+++ b/main.py\n${'@@ -1 +1 @@\n-old line\n+new line\n'.repeat(4000)}`,
    durationMs: 5, tokens: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
  };

  it('keeps the end of the output, the innermost frames, a short chain and a diff cut at a line', () => {
    const trimmed = trimFile(file);
    assert.strictEqual(trimmed.firstRun.outputTail, 'z'.repeat(1000));
    const first = trimmed.firstRun.error!;
    assert.deepStrictEqual(first.frames.map((f) => f.line), [36, 37, 38, 39, 40]);
    assert.strictEqual(first.frames[0].source, `${'s'.repeat(TRIM.sourceLineChars - 1)}…`);
    assert.strictEqual(first.message, `${'m'.repeat(TRIM.messageChars - 1)}…`);
    assert.deepStrictEqual(first.notes, ['note 0', 'note 1', 'note 2', 'note 3', 'note 4']);
    assert.strictEqual(first.cause?.cause?.cause, null, 'two levels of cause kept');
    assert.notStrictEqual(first.cause?.cause, null);
    assert.ok(trimmed.diff.length <= TRIM.diffChars, `${trimmed.diff.length}`);
    assert.ok(trimmed.diff.endsWith(`+new line\n${DIFF_SHORTENED}`), trimmed.diff.slice(-60));
    assert.deepStrictEqual(trimmed.changedFiles, {});
    assert.strictEqual(file.firstRun.outputTail.length, 2500, 'the original is untouched');
  });
});
