// The Markdown job summary: exact text for counts, the table and the collapsed diffs, and a hostile
// program's text shown as text, never as HTML or Markdown.
import * as assert from 'assert';
import { markdownSummary } from '../../src/cli/reports/markdownSummary';
import { codeBlock, inlineText } from '../../src/cli/reports/markdownText';
import type { ReportInput } from '../../src/cli/reports/reportTypes';

const INPUT: ReportInput = {
  command: 'heal', toolVersion: '0.1.0', rootUri: 'file:///repo/', checked: 3, passed: 2, failed: 1,
  findings: [
    {
      ruleId: 'NameError', level: 'error', message: "name 'sqrt' is not defined", file: 'app/calc.py', line: 4, subject: 'app/calc.py', frames: [],
      fix: { description: 'rule:missing-import: import sqrt', diff: '--- a/app/calc.py\n+++ b/app/calc.py\n@@ -1 +1,2 @@\n+from math import sqrt\n def root(x):\n', changes: [] },
      fixState: 'verified',
    },
    { ruleId: 'ValueError', level: 'error', message: 'bad | value', file: 'app/io.py', line: 7, subject: 'app/io.py', frames: [], fixState: 'not-fixed' },
  ],
};

describe('markdownSummary', () => {
  it('gives the counts, a row per error and each verified fix collapsed', () => {
    assert.strictEqual(markdownSummary(INPUT), [
      '## Self-Heal heal',
      '',
      '3 files: 2 passed, 1 failed; 2 errors, 1 with a verified fix',
      '',
      '| Where | Error | Fix |',
      '| --- | --- | --- |',
      "| app/calc.py:4 | NameError: name &#39;sqrt&#39; is not defined | fixed, verified (rule:missing-import: import sqrt) |",
      '| app/io.py:7 | ValueError: bad \\| value | not fixed |',
      '',
      '<details>',
      '<summary>Fix for app/calc.py:4: rule:missing-import: import sqrt</summary>',
      '',
      '```diff',
      '--- a/app/calc.py',
      '+++ b/app/calc.py',
      '@@ -1 +1,2 @@',
      '+from math import sqrt',
      ' def root(x):',
      '```',
      '',
      '</details>',
      '',
    ].join('\n'));
  });

  it('says so when nothing was checked', () => {
    assert.strictEqual(markdownSummary({ ...INPUT, command: 'test', checked: 0, passed: 0, failed: 0, findings: [] }), '## Self-Heal test\n\n0 tests: 0 passed, 0 failed; 0 errors, 0 with a verified fix\n');
  });

  it('shows a hostile message as text: no tag, no link, no closed section', () => {
    const hostile = '</details><img src=x onerror=alert(1)>\n[click](javascript:x) `code` **b**';
    const summary = markdownSummary({ ...INPUT, findings: [{ ...INPUT.findings[1], message: hostile, file: '<b>x</b>.py' }] });
    assert.strictEqual(summary.split('\n')[6], '| &#60;b&#62;x&#60;/b&#62;.py:7 | ValueError: &#60;/details&#62;&#60;img src=x onerror=alert\\(1\\)&#62; \\[click\\]\\(javascript:x\\) \\`code\\` \\*\\*b\\*\\* | not fixed |');
    assert.ok(!summary.includes('<img') && !summary.includes('</details><'), summary);
  });

  it('fences a diff with more backticks than it holds, so a line of the program cannot close it', () => {
    assert.strictEqual(codeBlock('x = 1\n````\n</details>\n', 'diff'), '`````diff\nx = 1\n````\n</details>\n`````');
    assert.strictEqual(inlineText('a\r\nb & "c"'), 'a b &#38; &#34;c&#34;');
  });
});
