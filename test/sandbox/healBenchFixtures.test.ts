// The heal bench's broken programs really are broken, each by an error of its folder's class.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { PythonError } from '../../src/core/errors/pythonError';
import { errorsOfRun } from '../../src/core/errors/runErrors';
import { limits, shared } from './sandboxHelper';

const FOLDER = path.resolve(__dirname, '../../../test/fixtures/heal-bench');

/** What the error that ends each class's programs looks like, as [kind, what of the message matters]. */
const EXPECTED: Record<string, (error: PythonError) => [string, boolean]> = {
  brackets: (e) => [e.kind, /was never closed|does not match opening parenthesis|^invalid syntax/.test(e.message)],
  colons: (e) => [e.kind, e.message === "expected ':'"],
  strings: (e) => [e.kind, /^unterminated string literal/.test(e.message)],
  imports: (e) => [e.kind, /^name '\w+' is not defined$/.test(e.message)],
  typos: (e) => [e.kind, e.suggestion !== null && /Did you mean/.test(e.message)],
  indentation: (e) => [e.kind, e.type === 'IndentationError' || e.type === 'TabError'],
};
const KIND: Record<string, string[]> = {
  brackets: ['syntax'], colons: ['syntax'], strings: ['syntax'], imports: ['name'], typos: ['name', 'attribute'], indentation: ['indentation'],
};

describe('sandbox: heal bench fixtures fail as their class says', function () {
  this.timeout(60_000);

  it('has at least 10 programs in every class', () => {
    const counts = Object.keys(EXPECTED).map((cls) => fs.readdirSync(path.join(FOLDER, cls)).filter((f) => f.endsWith('.py')).length >= 10);
    assert.deepStrictEqual(counts, Object.keys(EXPECTED).map(() => true));
  });

  for (const cls of Object.keys(EXPECTED)) {
    for (const file of fs.readdirSync(path.join(FOLDER, cls)).filter((f) => f.endsWith('.py')).sort()) {
      it(`${cls}/${file}`, async () => {
        const files = { 'main.py': fs.readFileSync(path.join(FOLDER, cls, file), 'utf8') };
        const result = await shared.run({ files, entry: 'main.py', limits: limits() });
        const errors = errorsOfRun(result, { files, entry: 'main.py' }, limits());
        const last = errors[errors.length - 1];
        assert.ok(last, `${cls}/${file} ran clean`);
        const [kind, matches] = EXPECTED[cls](last);
        assert.deepStrictEqual([result.exitCode, KIND[cls].includes(kind), matches], [1, true, true], `${last.type}: ${last.message}`);
      });
    }
  }
});
