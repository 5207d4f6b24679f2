// The words and numbers the panel shows (the browser code's DOM-free part).
import * as assert from 'assert';
import { unifiedDiff } from '../../src/core/heal/unifiedDiff';
import { diffLines, fixSourceLabel, formatDuration, formatStartedAt, formatTokens, locationLabel } from '../../src/webview-ui/format';

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
});
