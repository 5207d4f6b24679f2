// File names that are also names on every plain object: a traceback may name them (a program can
// compile code under any file name), and each lookup must see only the run's own files.
import * as assert from 'assert';
import { diagnosticFor } from '../../src/core/errors/diagnosticModel';
import { fileText, hasFile } from '../../src/core/files/fileTexts';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import { buildFixMessages, filesToShow } from '../../src/core/model/modelPrompt';
import type { PythonError } from '../../src/core/errors/pythonError';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
const MAIN = 'print(json.dumps(1))\n';

function error(file: string): PythonError {
  return {
    type: 'NameError', message: "name 'json' is not defined", kind: 'name', file, line: 1, column: null, endLine: null, endColumn: null,
    suggestion: null, notes: [], frames: [{ file, line: 1, function: '<module>', source: 'print(json.dumps(1))', external: false, column: null, endColumn: null }],
    cause: null, context: null, exceptions: [],
  } as PythonError;
}

describe('file names that are names of every object', () => {
  for (const name of NAMES) {
    describe(name, () => {
      it('is not a file of a run that lacks it', () => {
        const files = { 'main.py': MAIN };
        assert.strictEqual(fileText(files, name), undefined);
        assert.strictEqual(hasFile(files, name), false);
        assert.deepStrictEqual(ruleFixesFor(error(name), files), []);
        assert.strictEqual(diagnosticFor(error(name), 'main.py', files).file, 'main.py');
        assert.deepStrictEqual(filesToShow({ error: error(name), files, entry: 'main.py', outputTail: '', earlier: [] }), { included: ['main.py'], leftOut: [] });
        const prompt = buildFixMessages({ error: error(name), files, entry: 'main.py', outputTail: '', earlier: [] })[1].content;
        assert.ok(prompt.includes(`${name}, line 1, in <module>\n    print(json.dumps(1))`), prompt);
      });

      it('is found, and fixed, when the run holds a file of that name', () => {
        const files: Record<string, string> = Object.fromEntries([['main.py', 'x = 1\n'], [name, MAIN]]);
        assert.strictEqual(fileText(files, name), MAIN);
        const [fix] = ruleFixesFor(error(name), files);
        assert.deepStrictEqual(fix.edits, [{ file: name, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, newText: 'import json\n' }]);
        assert.strictEqual(diagnosticFor(error(name), 'main.py', files).file, name);
      });
    });
  }
});
