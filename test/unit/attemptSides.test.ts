// The diff view's two sides, rebuilt from the ledger's unified diffs and the workspace text.
import * as assert from 'assert';
import type { FileHealRecord } from '../../src/core/heal/ledger';
import { unifiedDiff } from '../../src/core/heal/unifiedDiff';
import { attemptSides } from '../../src/webview/attemptSides';
import { trimDiff } from '../../src/webview/recordTrim';
import { applyPatch, excerptOf, parseUnifiedDiff } from '../../src/webview/unifiedPatch';
import { BROKEN_AREA, HEALED_AREA, healedAreaRecord, panelFileOf, WITH_IMPORT } from './panelFixtures';

const lines = (count: number, label = 'line') => Array.from({ length: count }, (_, i) => `${label} ${i + 1}\n`).join('');

describe('unified patches', () => {
  const pairs: [string, string, string][] = [
    ['an insertion at the top', 'a\nb\nc\n', 'import os\na\nb\nc\n'],
    ['a change in the middle', lines(20), lines(20).replace('line 10\n', 'line ten\n')],
    ['two hunks far apart', lines(40), lines(40).replace('line 3\n', 'line three\n').replace('line 35\n', '')],
    ['a final newline added', 'a\nb', 'a\nb\n'],
    ['a final newline removed', 'a\nb\n', 'a\nc'],
    ['a new file', '', 'requests==2.32.3\n'],
    ['a file emptied', 'x = 1\n', ''],
    ['CRLF lines', 'a\r\nb\r\n', 'a\r\nB\r\n'],
  ];
  for (const [name, before, after] of pairs) {
    it(`applies and undoes ${name}`, () => {
      const [patch] = parseUnifiedDiff(unifiedDiff('main.py', before, after));
      assert.strictEqual(patch.path, 'main.py');
      assert.strictEqual(applyPatch(before, patch), after);
      assert.strictEqual(applyPatch(after, patch, true), before);
    });
  }

  it('finds hunks that moved, and refuses text they do not fit', () => {
    const [patch] = parseUnifiedDiff(unifiedDiff('main.py', lines(20), lines(20).replace('line 10\n', 'line ten\n')));
    assert.strictEqual(applyPatch(`# added\n# above\n${lines(20)}`, patch), `# added\n# above\n${lines(20).replace('line 10\n', 'line ten\n')}`);
    assert.strictEqual(applyPatch(lines(20, 'row'), patch), undefined);
  });

  it('reads every file of a multi-file diff and marks a shortened one incomplete', () => {
    const diff = unifiedDiff('main.py', 'a\n', 'b\n') + unifiedDiff('requirements.txt', '', 'numpy\n');
    assert.deepStrictEqual(parseUnifiedDiff(diff).map((p) => [p.path, p.hunks.length, p.complete]), [['main.py', 1, true], ['requirements.txt', 1, true]]);
    const long = unifiedDiff('main.py', lines(5000), lines(5000, 'changed'));
    const [shortened] = parseUnifiedDiff(trimDiff(long));
    assert.strictEqual(shortened.complete, false);
    assert.strictEqual(applyPatch(lines(5000), shortened), undefined);
  });

  it('shows the hunks alone when no text fits, marking skipped lines', () => {
    const [patch] = parseUnifiedDiff(unifiedDiff('main.py', lines(40), lines(40).replace('line 20\n', 'line twenty\n')));
    assert.deepStrictEqual(excerptOf(patch), {
      before: '⋯\nline 17\nline 18\nline 19\nline 20\nline 21\nline 22\nline 23\n',
      after: '⋯\nline 17\nline 18\nline 19\nline twenty\nline 21\nline 22\nline 23\n',
    });
  });
});

describe('attempt sides', function () {
  this.timeout(20_000);
  let record: FileHealRecord;
  before(async () => {
    record = await healedAreaRecord();
    assert.deepStrictEqual(record.attempts.map((a) => [a.fix?.source, a.outcome]), [['rule:missing-import', 'progress'], ['rule:did-you-mean', 'healed']]);
  });

  const expected = (attempt: number) =>
    [[{ path: 'main.py', before: BROKEN_AREA, after: HEALED_AREA, excerpt: false }], [{ path: 'main.py', before: BROKEN_AREA, after: WITH_IMPORT, excerpt: false }], [{ path: 'main.py', before: WITH_IMPORT, after: HEALED_AREA, excerpt: false }]][attempt];

  it('rebuilds every attempt from the healed text kept in memory', () => {
    const file = panelFileOf(record);
    for (const attempt of [0, 1, 2]) assert.deepStrictEqual(attemptSides(file, attempt, () => undefined), expected(attempt), `attempt ${attempt}`);
  });

  it('rebuilds them from the workspace, whether the fix was applied there or not', () => {
    const file = panelFileOf({ ...record, changedFiles: {} });
    for (const workspace of [HEALED_AREA, BROKEN_AREA]) {
      for (const attempt of [0, 1, 2]) assert.deepStrictEqual(attemptSides(file, attempt, () => workspace), expected(attempt), `attempt ${attempt}`);
    }
  });

  it('falls back to the hunks when the file has changed beyond recognition', () => {
    const file = panelFileOf({ ...record, changedFiles: {} });
    const [sides] = attemptSides(file, 2, () => 'print("rewritten")\n');
    assert.deepStrictEqual(sides, {
      path: 'main.py', excerpt: true,
      before: '⋯\n\n\nprint(round(area(2), 2))\nprnt("done")\n',
      after: '⋯\n\n\nprint(round(area(2), 2))\nprint("done")\n',
    });
  });

  it('returns nothing for an attempt that changed nothing', () => {
    const file = panelFileOf({ ...record, attempts: [{ ...record.attempts[0], fix: { source: 'model:m', description: 'did not apply', diff: '' } }] });
    assert.deepStrictEqual(attemptSides(file, 1, () => BROKEN_AREA), []);
    assert.deepStrictEqual(attemptSides(file, 7, () => BROKEN_AREA), []);
  });
});
