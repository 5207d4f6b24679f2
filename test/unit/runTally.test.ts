// A run of several files in words, and each program's section of the output: exact texts, since the
// editor's notification, the CLI's last line and the Output channel show them as they are.
import * as assert from 'assert';
import * as path from 'path';
import type { FileHealRecord, FileOutcome, RunSummary } from '../../src/core/heal/ledger';
import { tallyMessage } from '../../src/core/heal/outcomeMessages';
import { leftOutLine, SECTION_LINES, sectionText } from '../../src/core/heal/outputSection';
import { outcomeWords, tallyLine, type TalliedFile } from '../../src/core/heal/runTally';
import type { LaunchKind } from '../../src/core/program/launch';

const file = (outcome: FileOutcome, kind: LaunchKind = 'run'): TalliedFile => ({ outcome, kind });
const times = (n: number, tallied: TalliedFile) => Array.from({ length: n }, () => tallied);

describe('run tally', () => {
  it('counts by outcome in a fixed order, leaving zero counts out', () => {
    const files = [file('not-healed'), ...times(5, file('healed')), file('needs-input')];
    assert.strictEqual(tallyLine(files), '7 files: 5 healed, 1 needs input, 1 not healed');
  });

  it('counts a clean module as import-checked, never as run, with the verb agreeing with the count', () => {
    const files = [file('clean', 'import'), file('clean', 'run'), file('clean', 'import'), file('clean', 'run-module'), file('clean', 'import'), file('clean', 'compile')];
    assert.strictEqual(tallyLine(files), '6 files: 2 ran clean, 3 import cleanly, 1 compiles cleanly');
    assert.strictEqual(tallyLine([file('clean', 'import')]), '1 file: 1 imports cleanly');
  });

  it('counts a verified fix the editor could not write as not applied, never as healed', () => {
    const stale = { ...file('healed'), notApplied: true };
    assert.strictEqual(tallyLine([file('healed'), stale, file('not-healed')]), '3 files: 1 healed, 1 fix not applied, 1 not healed');
    assert.strictEqual(tallyLine([stale, stale]), '2 files: 2 fixes not applied');
    assert.strictEqual(outcomeWords(stale), 'fix not applied');
  });

  it('counts a verified fix that waits for Apply or Discard in the panel\'s words, not as healed', () => {
    const waiting = { ...file('healed'), waiting: true };
    assert.strictEqual(tallyLine([file('clean', 'import'), waiting, file('healed'), waiting]), '4 files: 1 healed, 2 waiting for your choice, 1 imports cleanly');
  });

  it('has words for every outcome, singular and plural', () => {
    const all: FileOutcome[] = ['cancelled', 'engine-error', 'not-healed', 'needs-approval', 'stopped-at-limit', 'needs-arguments', 'needs-input', 'healed'];
    assert.strictEqual(tallyLine(all.map((o) => file(o))), '8 files: 1 healed, 1 needs input, 1 needs arguments, 1 stopped at a limit, 1 needs an install approved, 1 not healed, 1 could not run, 1 cancelled');
    assert.strictEqual(tallyLine(all.flatMap((o) => times(2, file(o)))), '16 files: 2 healed, 2 need input, 2 need arguments, 2 stopped at a limit, 2 need an install approved, 2 not healed, 2 could not run, 2 cancelled');
    assert.deepStrictEqual([file('clean', 'import'), file('clean'), file('needs-input')].map(outcomeWords), ['imports cleanly', 'ran clean', 'needs input']);
  });

  it('adds the next step for unhealed files, or the model that could not be used', () => {
    const files = [file('healed'), file('not-healed')];
    assert.strictEqual(tallyMessage(files, { count: 0, model: 'configured' }), '2 files: 1 healed, 1 not healed.');
    assert.strictEqual(tallyMessage(files, { count: 1, model: 'configured' }), '2 files: 1 healed, 1 not healed. Fix Attempts shows what was tried.');
    const failure = { endpoint: 'http://127.0.0.1:9', kind: 'refused' as const, cause: 'refused the connection after 3 tries' };
    assert.strictEqual(tallyMessage(files, { count: 1, model: 'configured', failure }), '2 files: 1 healed, 1 not healed. The model at http://127.0.0.1:9 refused the connection after 3 tries.');
  });
});

function record(entry: string, run: Partial<RunSummary>): Pick<FileHealRecord, 'entry' | 'lastRun'> {
  return { entry, lastRun: { reason: 'exited', exitCode: 1, durationMs: 10, error: null, outputTail: '', stdoutBytes: 0, stderrBytes: 0, engine: 'Podman Engine 4.3.1', ...run } };
}

describe('program output sections', () => {
  const root = path.join(path.sep, 'ws');
  const disk = { root, isRunFile: (f: string) => f === 'app/stats.py' };

  it('heads the output with the file and its outcome, maps its frames, and ends with the summary', () => {
    const outputTail = 'mean\nTraceback (most recent call last):\n  File "/app/app/stats.py", line 3, in <module>\nZeroDivisionError: division by zero\n';
    const text = sectionText({ record: record('app/stats.py', { outputTail, stdoutBytes: 5, stderrBytes: outputTail.length - 5, workDir: '/app' }), outcome: 'not healed', summary: '✗ app/stats.py: ZeroDivisionError', disk });
    assert.strictEqual(text, `── app/stats.py · not healed ──\nmean\nTraceback (most recent call last):\n  File ${path.join(root, 'app', 'stats.py')}:3, in <module>\nZeroDivisionError: division by zero\n✗ app/stats.py: ZeroDivisionError`);
  });

  it('shows a silent clean program as its header and summary only', () => {
    assert.strictEqual(sectionText({ record: record('pkg/util.py', { exitCode: 0 }), outcome: 'imports cleanly', summary: '✓ pkg/util.py imports cleanly' }), '── pkg/util.py · imports cleanly ──\n✓ pkg/util.py imports cleanly');
  });

  it('caps a noisy program at its last lines and says how much was left out', () => {
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i}`);
    const outputTail = `${lines.join('\n')}\n`.slice(-2000);
    const written = 1_000_000;
    const text = sectionText({ record: record('noisy.py', { outputTail, stdoutBytes: written, exitCode: 0 }), outcome: 'ran clean', summary: '✓ noisy.py ran clean' });
    const shown = lines.slice(-SECTION_LINES);
    const leftOut = written - Buffer.byteLength(shown.join('\n'));
    assert.strictEqual(text, ['── noisy.py · ran clean ──', leftOutLine(leftOut), ...shown, '✓ noisy.py ran clean'].join('\n'));
    assert.strictEqual(leftOutLine(leftOut), `… ${leftOut.toLocaleString('en-US')} bytes of earlier output left out (the last 60 lines at most are shown)`);
    assert.strictEqual(leftOutLine(999_520), '… 999,520 bytes of earlier output left out (the last 60 lines at most are shown)');
  });

  it('says nothing was left out when the whole output is shown', () => {
    const outputTail = 'a\nb\n';
    const text = sectionText({ record: record('a.py', { outputTail, stdoutBytes: 4, exitCode: 0 }), outcome: 'ran clean', summary: '✓ a.py ran clean' });
    assert.strictEqual(text, '── a.py · ran clean ──\na\nb\n✓ a.py ran clean');
  });
});
