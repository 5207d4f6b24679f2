import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { parseModelAnswer, type AnswerVerdict } from '../../src/core/model/modelAnswer';
import { locateSearch } from '../../src/core/model/searchMatch';

const MAIN = 'import os\n\ndef total(items):\n    result = 0\n    for item in items:\n        result += item\n    return reslt\n\nprint(total([1, 2]))\n';
const UTIL = 'def helper():\n    return 1\n';
const FILES = { 'main.py': MAIN, 'util.py': UTIL };

const judge = (content: string, files: Record<string, string> = FILES, finishReason: string | null = 'stop'): AnswerVerdict =>
  parseModelAnswer({ content, finishReason }, { files, model: 'gpt-test', errorType: 'NameError' });

/** The file's text after the candidate's edits, for answers expected to be accepted. */
function resultOf(verdict: AnswerVerdict, file: string, files: Record<string, string> = FILES): string | undefined {
  assert.ok('candidate' in verdict, `refused: ${'rejection' in verdict ? verdict.rejection : ''}`);
  return applyEdits(files[file], verdict.candidate.edits.filter((e) => e.file === file));
}

const block = (path: string, search: string, replace: string): string =>
  `${path}\n<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE\n`;

describe('model answers', () => {
  describe('edit blocks', () => {
    it('turns one exact edit into a whole-line text edit with a description from the first line', () => {
      const verdict = judge(`Fix the misspelled name \`reslt\`.\n\n${block('main.py', '    return reslt', '    return result')}`);
      assert.deepStrictEqual(verdict, {
        candidate: {
          source: 'model:gpt-test',
          description: 'Fix the misspelled name `reslt`',
          edits: [{ file: 'main.py', startLine: 7, startColumn: 1, endLine: 8, endColumn: 1, newText: '    return result\n' }],
          confident: false,
        },
      });
    });

    it('takes edits for two files, inside code fences, and falls back to a plain description', () => {
      const answer = '```python\n' + block('main.py', 'import os', 'import os\nimport sys') + '```\n\n`util.py`:\n```python\n' +
        '<<<<<<< SEARCH\n    return 1\n=======\n    return 2\n>>>>>>> REPLACE\n```\n';
      const verdict = judge(answer);
      assert.ok('candidate' in verdict);
      assert.strictEqual(verdict.candidate.description, 'Model fix for NameError');
      assert.strictEqual(resultOf(verdict, 'main.py'), MAIN.replace('import os\n', 'import os\nimport sys\n'));
      assert.strictEqual(resultOf(verdict, 'util.py'), 'def helper():\n    return 2\n');
    });

    it('keeps the file of the previous edit when a block follows another directly', () => {
      const answer = block('main.py', 'import os', 'import sys') + block('', '    return reslt', '    return result').replace(/^\n/, '');
      assert.strictEqual(resultOf(judge(answer), 'main.py'), MAIN.replace('import os', 'import sys').replace('reslt', 'result'));
    });

    it('needs no path when the run has one file', () => {
      const files = { 'main.py': MAIN };
      const verdict = judge('<<<<<<< SEARCH\n    return reslt\n=======\n    return result\n>>>>>>> REPLACE\n', files);
      assert.strictEqual(resultOf(verdict, 'main.py', files), MAIN.replace('reslt', 'result'));
    });

    it('matches despite trailing spaces and a consistent indentation shift, and shifts the replacement too', () => {
      const search = 'for item in items:   \n    result += item';
      const replace = 'for item in items:\n    if item:\n        result += item';
      assert.strictEqual(
        resultOf(judge(block('main.py', search, replace)), 'main.py'),
        MAIN.replace('    for item in items:\n        result += item\n', '    for item in items:\n        if item:\n            result += item\n'),
      );
    });

    it('keeps CRLF line ends of the file', () => {
      const files = { 'main.py': 'x = 1\r\nprint(y)\r\n' };
      assert.strictEqual(resultOf(judge(block('main.py', 'print(y)', 'y = x\nprint(y)'), files), 'main.py', files), 'x = 1\r\ny = x\r\nprint(y)\r\n');
    });

    it('replaces the last line of a file without a final newline without adding one', () => {
      const files = { 'main.py': 'x = 1\nprint(y)' };
      assert.strictEqual(resultOf(judge(block('main.py', 'print(y)', 'print(x)'), files), 'main.py', files), 'x = 1\nprint(x)');
    });

    it('deletes lines with an empty replacement', () => {
      assert.strictEqual(resultOf(judge('main.py\n<<<<<<< SEARCH\nimport os\n\n=======\n>>>>>>> REPLACE\n'), 'main.py'), MAIN.replace('import os\n\n', ''));
    });

    const refusals: Array<[string, string, string]> = [
      ['a SEARCH that matches nothing', block('main.py', 'import os', 'import sys') + block('main.py', 'return nothing', 'x'), 'edit 2 matches nothing in main.py'],
      ['a SEARCH that is part of a line only', block('main.py', 'result', 'r'), 'edit 1 matches nothing in main.py'],
      ['an empty SEARCH part', block('main.py', '    ', 'x = 1'), 'edit 1 has an empty SEARCH part'],
      ['an edit to a file outside the run', block('other.py', 'x = 1', 'x = 2'), 'edit 1 changes other.py, which is not part of this run'],
      ['an edit that names no file in a run of two', '<<<<<<< SEARCH\nimport os\n=======\nimport sys\n>>>>>>> REPLACE\n', 'edit 1 does not name its file: put the path on the line before "<<<<<<< SEARCH"'],
      ['a block without a divider', 'main.py\n<<<<<<< SEARCH\nimport os\n>>>>>>> REPLACE\n', 'edit 1 has no "=======" line'],
      ['a block without its end', 'main.py\n<<<<<<< SEARCH\nimport os\n=======\nimport sys\n', 'edit 1 has no ">>>>>>> REPLACE" line'],
      ['an end marker without a start', 'main.py\nimport os\n=======\nimport sys\n>>>>>>> REPLACE\n', 'the answer has a ">>>>>>> REPLACE" line without a "<<<<<<< SEARCH" line before it'],
      ['overlapping edits', block('main.py', 'def total(items):\n    result = 0', 'x') + block('main.py', '    result = 0', 'y'), 'edits 1 and 2 overlap in main.py'],
      ['an edit that changes nothing', block('main.py', 'import os', 'import os'), 'the answer changes nothing'],
    ];
    for (const [name, answer, reason] of refusals) {
      it(`refuses ${name}`, () => assert.deepStrictEqual(judge(answer), { rejection: reason }));
    }

    it('counts every place a SEARCH matches', () => {
      const files = { 'main.py': 'x = 1\nprint(x)\nprint(x)\nprint(x)\n' };
      assert.deepStrictEqual(judge(block('main.py', 'print(x)', 'print(x + 1)'), files), { rejection: 'edit 1 matches 3 places in main.py' });
    });
  });

  describe('a whole file', () => {
    const fixedMain = MAIN.replace('reslt', 'result');

    it('becomes one edit of the lines it changes, the others keeping their bytes', () => {
      const files = { 'main.py': MAIN };
      const verdict = judge('```python\n' + fixedMain + '```\n', files);
      assert.deepStrictEqual(verdict, {
        candidate: {
          source: 'model:gpt-test',
          description: 'Model fix for NameError',
          edits: [{ file: 'main.py', startLine: 7, startColumn: 1, endLine: 8, endColumn: 1, newText: '    return result\n' }],
          confident: false,
        },
      });
    });

    it("keeps the file's trailing blank lines, which a code block cannot carry", () => {
      const files = { 'main.py': MAIN + '\n\n' };
      const verdict = judge('```python\n' + fixedMain + '```\n', files);
      assert.strictEqual(resultOf(verdict, 'main.py', files), fixedMain + '\n\n');
    });

    it('takes its file from the path line before the fence when the run has several', () => {
      const verdict = judge('Rename the variable.\n\nmain.py\n```python\n' + fixedMain + '```\n');
      assert.strictEqual(resultOf(verdict, 'main.py'), fixedMain);
      assert.strictEqual('candidate' in verdict && verdict.candidate.description, 'Rename the variable');
    });

    const refusals: Array<[string, string, string, Record<string, string>?]> = [
      ['a file without a path in a run of two', '```python\n' + fixedMain + '```\n', 'the answer gives a whole file but not its path: put the path on the line before the code block'],
      ['a file for another path', 'other.py\n```python\n' + fixedMain + '```\n', 'the code block is for other.py, which is not part of this run'],
      ['a placeholder comment', 'main.py\n```python\nimport os\n\n# ... rest unchanged\n```\n', 'the code block is not the whole file: it has "# ... rest unchanged" in place of code'],
      ['a "rest of the code" comment', 'main.py\n```python\n' + fixedMain + '# rest of the code\n```\n', 'the code block is not the whole file: it has "# rest of the code" in place of code'],
      ['a bare ellipsis line', 'main.py\n```python\n' + fixedMain.replace('    result = 0\n', '    ...\n') + '```\n', 'the code block is not the whole file: it has "..." in place of code'],
      ['a file much shorter than the original', 'main.py\n```python\nimport os\nprint(total([1, 2]))\n```\n', 'the code block has 2 lines where main.py has 12: it looks cut short', { 'main.py': `# Adds numbers.\n# Prints the total.\n\n${MAIN}` }],
      ['two code blocks', '```python\na = 1\n```\n```python\nb = 2\n```\n', 'the answer has 2 code blocks; give edit blocks, or exactly one code block with the whole file'],
      ['an unclosed code block', 'main.py\n```python\nimport os\n', 'the code block is not closed'],
      ['a diff', '```diff\n--- a/main.py\n+++ b/main.py\n@@ -7 +7 @@\n-    return reslt\n+    return result\n```\n', 'the answer is a diff; give edit blocks or the whole file'],
      ['prose only', 'Rename reslt to result on line 7.', 'the answer has neither edit blocks nor a code block'],
      ['an empty answer', '  \n', 'the answer is empty'],
      ['an unchanged file', 'main.py\n```python\n' + MAIN + '```\n', 'the answer changes nothing'],
    ];
    for (const [name, answer, reason, files] of refusals) {
      it(`refuses ${name}`, () => assert.deepStrictEqual(judge(answer, files), { rejection: reason }));
    }

    it('accepts an ellipsis the original already had', () => {
      const files = { 'stub.py': 'def later():\n    ...\n\nprint(laterr())\n' };
      const verdict = judge('```python\ndef later():\n    ...\n\nprint(later())\n```\n', files);
      assert.strictEqual(resultOf(verdict, 'stub.py', files), 'def later():\n    ...\n\nprint(later())\n');
    });

    it('refuses any answer cut off at the token limit', () => {
      assert.deepStrictEqual(judge('```python\n' + fixedMain + '```\n', { 'main.py': MAIN }, 'length'), { rejection: 'the answer was cut off at the token limit' });
    });

    it('keeps CRLF and the missing final newline of the original', () => {
      const files = { 'main.py': 'x = 1\r\nprint(y)' };
      assert.strictEqual(resultOf(judge('```python\nx = 1\nprint(x)\n```\n', files), 'main.py', files), 'x = 1\r\nprint(x)');
    });
  });

  describe('locating a SEARCH part', () => {
    it('refuses an indentation shift that differs between lines', () => {
      assert.deepStrictEqual(locateSearch(['    a', '        b'], ['a', 'b'], ['c']), { matches: 0 });
    });

    it('removes indentation the SEARCH part had beyond the file', () => {
      assert.deepStrictEqual(locateSearch(['a = 1', 'b = 2'], ['    a = 1', '    b = 2'], ['    a = 3', '      b = 4']), {
        hit: { start: 0, end: 2, replacement: ['a = 3', '  b = 4'] },
      });
    });
  });
});
