// The words and numbers the panel shows (the browser code's DOM-free part).
import * as assert from 'assert';
import { unifiedDiff } from '../../src/core/heal/unifiedDiff';
import type { FixState } from '../../src/core/heal/fixLifecycle';
import type { PanelFile } from '../../src/webview/protocol';
import { FILE_ACTION_LABEL, fileActionsOf } from '../../src/webview-ui/fileActions';
import { changedElsewhere, cleanWordsOf, diffLines, FIX_STATE, fileLabel, fixSourceLabel, formatDuration, formatStartedAt, formatTokens, locationLabel, runFilesText } from '../../src/webview-ui/format';

describe('panel formatting', () => {
  it('writes durations and tokens as a person reads them', () => {
    assert.deepStrictEqual([840, 3240, 59_949, 125_000].map(formatDuration), ['840 ms', '3.2 s', '59.9 s', '2 min 05 s']);
    assert.deepStrictEqual([0, 1, 1234].map(formatTokens), ['', '1 token', '1,234 tokens']);
  });

  it('names the source of a fix and the place of an error', () => {
    assert.deepStrictEqual(['rule:missing-import', 'model:gpt-4o-mini', 'llama3'].map(fixSourceLabel), ['Rule: missing-import', 'Model: gpt-4o-mini', 'Model: llama3']);
    assert.strictEqual(locationLabel({ file: 'pkg/util.py', line: 12, column: 5 }), 'pkg/util.py:12:5');
    assert.strictEqual(locationLabel({ file: 'main.py', line: 3, column: null }), 'main.py:3');
    assert.strictEqual(locationLabel({ file: null, line: null, column: null }), null);
  });

  it('marks each line of a diff for colouring', () => {
    const diff = unifiedDiff('main.py', 'a\nb\n', 'a\nc\n');
    assert.deepStrictEqual(diffLines(diff), [
      { kind: 'file', text: '--- a/main.py' },
      { kind: 'file', text: '+++ b/main.py' },
      { kind: 'hunk', text: '@@ -1,2 +1,2 @@' },
      { kind: 'context', text: ' a' },
      { kind: 'removed', text: '-b' },
      { kind: 'added', text: '+c' },
    ]);
  });

  it('shows only the time for a run started today', () => {
    const now = new Date(2025, 5, 1, 15, 0).getTime();
    const today = new Date(2025, 5, 1, 9, 5).getTime();
    const earlier = new Date(2025, 4, 30, 9, 5).getTime();
    assert.strictEqual(formatStartedAt(today, now), new Date(today).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
    assert.strictEqual(formatStartedAt(earlier, now), `${new Date(earlier).toLocaleDateString()} ${new Date(earlier).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`);
  });

  it('labels a file by where its fix stands, and how far the fix got', () => {
    const label = (state: FixState, outcome: PanelFile['outcome']) => fileLabel({ state, outcome });
    assert.deepStrictEqual(
      [label('waiting', 'healed'), label('applied', 'healed'), label('applied', 'not-healed'), label('discarded', 'healed'), label('reverted', 'healed'),
        label('not-healed', 'not-healed'), label('not-healed', 'needs-approval'), label('clean', 'clean'), label('cancelled', 'cancelled'), label('failed', 'engine-error')],
      ['Healed, waiting for your choice', 'Healed, fix applied', 'Got further, fix applied', 'Fix discarded', 'Fix reverted',
        'Not healed', 'Needs approval to install', 'Ran clean', 'Cancelled', 'Failed'],
    );
  });

  it('says a clean file as it was checked: a module only import-checked imports cleanly, never "ran clean"; a run is clean', () => {
    assert.deepStrictEqual(
      [fileLabel({ state: 'clean', outcome: 'clean', cleanWords: 'imports cleanly' }), fileLabel({ state: 'clean', outcome: 'clean', cleanWords: 'compiles cleanly' }), fileLabel({ state: 'clean', outcome: 'clean', cleanWords: 'ran clean' })],
      ['Imports cleanly', 'Compiles cleanly', 'Ran clean'],
    );
    // Runs saved before the words were recorded were all said as runs.
    assert.strictEqual(cleanWordsOf({}), 'Ran clean');
    assert.strictEqual(FIX_STATE.clean.label, 'Clean');
  });

  it('offers Run with Arguments... for a need and Run again with 2x the limit for a limit, instead of Retry', () => {
    const offered = (state: FixState, diff = '') => fileActionsOf({ state, diff }).map((action) => FILE_ACTION_LABEL[action]);
    assert.deepStrictEqual(
      [offered('needs-input'), offered('needs-arguments'), offered('stopped-at-limit'), offered('not-healed'), offered('failed'), offered('clean'), offered('waiting', '+x'), offered('applied', '+x')],
      [['Run with Arguments...'], ['Run with Arguments...'], ['Run again with 2x the limit'], ['Retry'], ['Retry'], [], ['Apply', 'Discard', 'Open Diff'], ['Open Diff', 'Revert This Fix']],
    );
  });

  it('says a need in words, also when fixes got the program as far as the need', () => {
    const label = (state: FixState, outcome: PanelFile['outcome']) => fileLabel({ state, outcome });
    assert.deepStrictEqual(
      [label('needs-input', 'needs-input'), label('needs-arguments', 'needs-arguments'), label('stopped-at-limit', 'stopped-at-limit'), label('waiting', 'needs-input'), label('applied', 'needs-arguments')],
      ['Needs input', 'Needs arguments', 'Stopped at a limit', 'Got further, now needs input, waiting for your choice', 'Got further, now needs arguments, fix applied'],
    );
    const files = (...states: FixState[]) => states.map((state) => ({ state }) as PanelFile);
    assert.strictEqual(runFilesText({ healing: false, planned: ['a', 'b', 'c'], files: files('needs-input', 'clean', 'stopped-at-limit') }), '3 files: 1 clean, 1 needing input, 1 stopped at a limit');
  });

  it('counts a run\'s files: done so far while healing, then how many ended in each state', () => {
    const files = (...states: FixState[]) => states.map((state) => ({ state }) as PanelFile);
    assert.strictEqual(runFilesText({ healing: true, planned: ['a', 'b', 'c', 'd'], files: files('applied') }), '1 of 4 files done');
    assert.strictEqual(runFilesText({ healing: true, planned: ['a'], files: [] }), '0 of 1 file done');
    assert.strictEqual(runFilesText({ healing: false, planned: ['a'], files: files('waiting') }), '1 file');
    assert.strictEqual(runFilesText({ healing: false, planned: ['a', 'b', 'c', 'd'], files: files('not-healed', 'applied', 'waiting', 'applied') }), '4 files: 1 waiting for your choice, 2 applied, 1 not healed');
    assert.strictEqual(runFilesText({ healing: false, planned: ['a', 'b', 'c'], files: files('applied') }), '3 files: 1 applied, 2 not run');
  });

  it('names the files a fix changes when they are not just the file that was run', () => {
    assert.deepStrictEqual(changedElsewhere({ path: 'main.py', changed: ['main.py'] }), []);
    assert.deepStrictEqual(changedElsewhere({ path: 'main.py', changed: ['app/stats.py'] }), ['app/stats.py']);
    assert.deepStrictEqual(changedElsewhere({ path: 'main.py', changed: ['main.py', 'requirements.txt'] }), ['main.py', 'requirements.txt']);
    assert.deepStrictEqual(changedElsewhere({ path: 'main.py', changed: [] }), []);
  });
});
