// The panel's state: newest first, the last 20 runs, saved trimmed per workspace, restored after a
// reload; files move only as the state machine allows, and the run's status follows its files.
import * as assert from 'assert';
import type { FileHealRecord } from '../../src/core/heal/ledger';
import type { PythonError } from '../../src/core/errors/pythonError';
import { NO_TOKENS } from '../../src/core/model/modelTypes';
import { MAX_KEPT_TEXT_CHARS, MAX_RUNS, MAX_SAVED_CHARS, PANEL_RUNS_KEY, PanelStore } from '../../src/webview/panelStore';
import { CLOSED_BEFORE_CHOICE, restoreRuns } from '../../src/webview/savedRuns';
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
    for (let i = 1; i <= 25; i++) store.startRun({ id: `run-${i}`, title: `Run ${i}`, entries: ['main.py'] }, 1000 + i);
    const runs = store.snapshot().runs;
    assert.strictEqual(MAX_RUNS, 20);
    assert.deepStrictEqual(runs.map((r) => r.id), Array.from({ length: 20 }, (_, i) => `run-${25 - i}`));
    assert.deepStrictEqual(runs[0], { id: 'run-25', title: 'Run 25', startedAt: 1025, status: 'running', healing: true, planned: ['main.py'], files: [] });
  });

  it('carries a note of the whole run beside its status, and keeps it after a reload', async () => {
    const memento = new MemoryMemento();
    const store = new PanelStore(memento);
    store.startRun({ id: 'ws', title: 'Run & Self-Heal: 2 files in app', entries: ['main.py'] }, 7);
    assert.strictEqual(store.reportFile('ws', panelFileOf(record), 'applied'), true);
    assert.strictEqual(store.noteRun('ws', '1 test fails'), true);
    assert.strictEqual(store.noteRun('unknown', '1 test fails'), false);
    assert.strictEqual(store.endHealing('ws'), true);
    assert.deepStrictEqual([store.run('ws')?.status, store.run('ws')?.note], ['applied', '1 test fails']);
    await store.persist();
    assert.strictEqual(new PanelStore(memento).run('ws')?.note, '1 test fails');
  });

  it('follows a previewed fix: waiting while healing ends, then applied, then reverted; the run follows', () => {
    const lines: string[] = [];
    const store = new PanelStore(new MemoryMemento(), (line) => lines.push(line));
    store.startRun({ id: 'r1', title: 'Run & Self-Heal: main.py', entries: ['main.py'] }, 5);
    assert.strictEqual(store.reportFile('r1', panelFileOf(record), 'waiting'), true);
    assert.strictEqual(store.reportFile('unknown', panelFileOf(record), 'waiting'), false);
    assert.strictEqual(store.run('r1')?.status, 'running', 'still healing');
    assert.strictEqual(store.endHealing('r1'), true);
    assert.strictEqual(store.run('r1')?.status, 'waiting', 'the run waits for the choice, it is not running');
    assert.strictEqual(store.moveFile('r1', 'main.py', 'applied'), true);
    assert.strictEqual(store.run('r1')?.status, 'applied');
    assert.strictEqual(store.moveFile('r1', 'main.py', 'reverted'), true);
    const run = store.run('r1');
    assert.deepStrictEqual([run?.status, run?.healing], ['reverted', false]);
    assert.deepStrictEqual(run?.files, [{ ...panelFileOf(record), state: 'reverted' }]);
    assert.deepStrictEqual(store.file('r1', 'main.py')?.changedFiles, { 'main.py': HEALED_AREA });
    assert.deepStrictEqual(lines, []);
  });

  it('refuses and logs the moves the state machine does not allow, showing none of them', () => {
    const lines: string[] = [];
    const store = new PanelStore(new MemoryMemento(), (line) => lines.push(line));
    store.startRun({ id: 'r1', title: 'Run', entries: ['main.py', 'b.py'] }, 5);
    store.reportFile('r1', panelFileOf(record), 'waiting');
    store.moveFile('r1', 'main.py', 'discarded', 'replaced by a newer run');
    const before = store.snapshot();
    assert.deepStrictEqual([
      store.moveFile('r1', 'main.py', 'reverted'),
      store.moveFile('r1', 'main.py', 'applied'),
      store.reportFile('r1', panelFileOf(record), 'applied'),
      store.reportFile('r1', panelFileOf({ ...record, entry: 'b.py' }), 'reverted'),
      store.moveFile('r1', 'nothing.py', 'applied'),
      store.endHealing('r1'),
      store.endHealing('r1'),
    ], [false, false, false, false, false, true, false]);
    assert.deepStrictEqual(lines, [
      'Fix Attempts panel: refused: main.py in Run: a fix that is discarded cannot become reverted',
      'Fix Attempts panel: refused: main.py in Run: a fix that is discarded cannot become applied',
      'Fix Attempts panel: refused: main.py was reported twice in Run',
      'Fix Attempts panel: refused: b.py in Run: a fix that is running cannot become reverted',
      'Fix Attempts panel: refused: no file nothing.py in run r1 to make applied',
      'Fix Attempts panel: refused: Run ended twice',
    ]);
    const after = store.snapshot();
    assert.deepStrictEqual(after.runs[0].files, before.runs[0].files);
    assert.deepStrictEqual([after.runs[0].files[0].state, after.runs[0].files[0].note, after.runs[0].status], ['discarded', 'replaced by a newer run', 'discarded']);
  });

  it('derives a workspace run\'s status from its files, and marks a run cut short', () => {
    const store = new PanelStore(new MemoryMemento());
    store.startRun({ id: 'w', title: 'Workspace', entries: ['a.py', 'b.py', 'c.py'] }, 5);
    // Reported as the heals end, listed in the run's order.
    store.reportFile('w', panelFileOf({ ...record, entry: 'b.py' }), 'waiting');
    store.reportFile('w', panelFileOf({ ...record, entry: 'a.py' }), 'applied');
    assert.deepStrictEqual(store.run('w')?.files.map((f) => f.entry), ['a.py', 'b.py']);
    assert.strictEqual(store.run('w')?.status, 'running');
    store.reportFile('w', panelFileOf({ ...record, entry: 'c.py', outcome: 'not-healed', changedFiles: {} }), 'not-healed');
    store.endHealing('w');
    assert.strictEqual(store.run('w')?.status, 'waiting');
    store.moveFile('w', 'b.py', 'discarded');
    assert.strictEqual(store.run('w')?.status, 'not-healed');
    store.startRun({ id: 'x', title: 'Broken', entries: ['a.py', 'b.py'] }, 6);
    store.reportFile('x', panelFileOf({ ...record, entry: 'a.py' }), 'applied');
    store.endHealing('x', 'failed');
    assert.strictEqual(store.run('x')?.status, 'failed', 'one file never ended');
  });

  it('hands out copies, so callers cannot change its state', () => {
    const store = new PanelStore(new MemoryMemento());
    store.startRun({ id: 'r1', title: 'Run', entries: ['main.py'] }, 5);
    store.reportFile('r1', panelFileOf(record), 'applied');
    store.snapshot().runs[0].status = 'failed';
    store.file('r1', 'main.py')!.attempts.length = 0;
    assert.strictEqual(store.run('r1')?.status, 'running');
    assert.strictEqual(store.file('r1', 'main.py')?.attempts.length, 2);
  });

  it('tracks the model and running flags, saying whether they changed', () => {
    const store = new PanelStore(new MemoryMemento());
    assert.deepStrictEqual([store.setModelConfigured(false), store.setModelConfigured(true), store.setRunning(true), store.setRunning(true)], [false, true, true, false]);
    assert.deepStrictEqual(store.snapshot(), { runs: [], modelConfigured: true, running: true, sessionTokens: NO_TOKENS });
  });

  it('saves the runs trimmed and a new store restores them after a reload', async () => {
    const memento = new MemoryMemento();
    const store = new PanelStore(memento);
    store.startRun({ id: 'r1', title: 'First', entries: ['main.py'] }, 100);
    store.reportFile('r1', panelFileOf(record), 'applied');
    store.endHealing('r1');
    store.startRun({ id: 'r2', title: 'Second', entries: ['main.py'] }, 200);
    store.startRun({ id: 'r3', title: 'Third', entries: ['main.py'] }, 300);
    store.reportFile('r3', panelFileOf(record), 'waiting');
    store.endHealing('r3');
    store.setRunning(true);
    await store.persist();
    const restored = new PanelStore(memento).snapshot();
    // The flags are the session's. r2 was still running when saved, so it comes back cancelled; r3's
    // fix waited for a choice the closed window can no longer take, so nothing was applied.
    assert.deepStrictEqual(restored, {
      runs: [
        { id: 'r3', title: 'Third', startedAt: 300, status: 'discarded', healing: false, planned: ['main.py'], files: [{ ...trimFile(panelFileOf(record)), state: 'discarded', note: CLOSED_BEFORE_CHOICE }] },
        { id: 'r2', title: 'Second', startedAt: 200, status: 'cancelled', healing: false, planned: ['main.py'], cutShort: 'cancelled', files: [] },
        { id: 'r1', title: 'First', startedAt: 100, status: 'applied', healing: false, planned: ['main.py'], files: [trimFile(panelFileOf(record))] },
      ],
      modelConfigured: false,
      running: false,
      sessionTokens: NO_TOKENS,
    });
    assert.deepStrictEqual(restored.runs[2].files[0].changedFiles, {}, 'file texts are not saved');
    assert.deepStrictEqual(restored.runs[2].files[0].changed, ['main.py'], 'the changed files are named');
    assert.strictEqual(restored.runs[2].files[0].diff, record.diff);
  });

  it('saves at most 20 runs and stays within its size budget, dropping the oldest', async () => {
    const memento = new MemoryMemento();
    const store = new PanelStore(memento);
    // Each run holds 10 files with a 60,000-character diff: about 600 KB saved per run.
    const bigDiff = `--- a/main.py\n+++ b/main.py\n@@ -1 +1 @@\n-${'x'.repeat(29_990)}\n+${'y'.repeat(29_990)}\n`;
    for (let i = 1; i <= 25; i++) {
      store.startRun({ id: `run-${i}`, title: `Run ${i}`, entries: Array.from({ length: 10 }, (_, f) => `f${f}.py`) }, i);
      for (let f = 0; f < 10; f++) store.reportFile(`run-${i}`, panelFileOf({ ...record, entry: `f${f}.py`, diff: bigDiff, attempts: [] }), 'applied');
    }
    await store.persist();
    const saved = new PanelStore(memento).snapshot().runs;
    assert.deepStrictEqual(saved.map((r) => r.id), ['run-25', 'run-24', 'run-23']);
    assert.ok(memento.sizeOf(PANEL_RUNS_KEY) <= MAX_SAVED_CHARS, `${memento.sizeOf(PANEL_RUNS_KEY)} characters saved`);
  });

  it('keeps no more than 1 MiB of a file\'s changed texts in memory', () => {
    const store = new PanelStore(new MemoryMemento());
    store.startRun({ id: 'r1', title: 'Run', entries: ['main.py', 'b.py'] });
    store.reportFile('r1', panelFileOf({ ...record, changedFiles: { 'main.py': 'x'.repeat(MAX_KEPT_TEXT_CHARS + 1) } }), 'applied');
    store.reportFile('r1', panelFileOf({ ...record, entry: 'b.py', changedFiles: { 'b.py': 'y'.repeat(MAX_KEPT_TEXT_CHARS) } }), 'applied');
    assert.deepStrictEqual(store.file('r1', 'main.py')?.changedFiles, {});
    assert.strictEqual(store.file('r1', 'b.py')?.changedFiles['b.py'].length, MAX_KEPT_TEXT_CHARS);
  });

  it('gives the webview no file texts', () => {
    const store = new PanelStore(new MemoryMemento());
    store.startRun({ id: 'r1', title: 'Run', entries: ['main.py'] });
    store.reportFile('r1', panelFileOf(record), 'applied');
    assert.deepStrictEqual(store.webviewState().runs[0].files[0].changedFiles, {});
    assert.deepStrictEqual(store.snapshot().runs[0].files[0].changedFiles, { 'main.py': HEALED_AREA });
  });

  it('ignores saved state that is not its own, and saved runs that lost fields', () => {
    const run = { id: 'r1', title: 'Run', startedAt: 1, status: 'clean', healing: false, planned: [], files: [] };
    assert.deepStrictEqual(restoreRuns(undefined, 20), []);
    // Version 1 had no file states and called a discarded fix "healed": it is not trusted.
    assert.deepStrictEqual(restoreRuns({ version: 1, runs: [{ ...run, status: 'healed' }] }, 20), []);
    assert.deepStrictEqual(restoreRuns([run], 20), []);
    const broken = [{ ...run, id: 'r2', status: 'exploded' }, { ...run, id: 'r3', files: [{ entry: 'main.py' }] }, { ...run, id: 'r4', healing: 'no' }, null];
    assert.deepStrictEqual(restoreRuns({ version: 2, runs: [run, ...broken] }, 20), [run]);
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
    attempts: [], changedFiles: { 'main.py': 'text' }, state: 'not-healed', changed: [], diff: `--- a/main.py\n+++ b/main.py\n${'@@ -1 +1 @@\n-old line\n+new line\n'.repeat(4000)}`,
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
