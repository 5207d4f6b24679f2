// The capture and the traceback parser on the fresh fidelity programs, run in the sandbox: one type
// name for a __main__ class (the capture also names its module), a multi-line message kept whole, and
// message and notes apart in the capture, joined in text (the parser's documented rule).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { PythonError } from '../../src/core/errors/pythonError';
import { errorsOfRun, pathsOf } from '../../src/core/errors/runErrors';
import { parseTracebacks } from '../../src/core/errors/tracebackParser';
import { limits, shared } from './sandboxHelper';

const PROGRAMS = path.resolve(__dirname, '../../../test/fixtures/tracebacks/fresh/programs');

async function bothOf(entry: string): Promise<{ captured: PythonError; parsed: PythonError }> {
  const files = { [entry]: fs.readFileSync(path.join(PROGRAMS, entry), 'utf8') };
  const result = await shared.run({ files, entry, limits: limits() });
  const captured = errorsOfRun(result, { files, entry }, limits())[0];
  const parsed = parseTracebacks(result.stderr, pathsOf(result, { files, entry }));
  return { captured, parsed: parsed[parsed.length - 1] };
}

const summary = (e: PythonError) => [e.type, e.qualifiedType, e.message, e.notes, e.file, e.line];

describe('sandbox: capture and parser agree on the fidelity programs (Python 3.11)', function () {
  this.timeout(60_000);

  it('names a __main__ class by its bare name; the capture keeps the module apart', async () => {
    const { captured, parsed } = await bothOf('main_class.py');
    assert.deepStrictEqual(summary(captured), ['ValidationError', '__main__.ValidationError', 'age must be positive', [], 'main_class.py', 7]);
    assert.deepStrictEqual(summary(parsed), ['ValidationError', undefined, 'age must be positive', [], 'main_class.py', 7]);
  });

  it('keeps a multi-line message whole in both', async () => {
    const { captured, parsed } = await bothOf('multiline_message.py');
    const expected = ['ValueError', undefined, "bad name 'Bob'\nnames must be lower case\n  see the style guide", [], 'multiline_message.py', 3];
    assert.deepStrictEqual([summary(captured), summary(parsed)], [expected, expected]);
  });

  it('keeps notes apart in the capture; text reads them after a bare type as notes, after a message as message', async () => {
    const bare = await bothOf('notes_bare.py');
    const expected = ['AssertionError', undefined, '', ['while checking record 7'], 'notes_bare.py', 4];
    assert.deepStrictEqual([summary(bare.captured), summary(bare.parsed)], [expected, expected]);
    const withMessage = await bothOf('notes_message.py');
    assert.deepStrictEqual(summary(withMessage.captured), ['KeyError', undefined, "'id'", ['while reading row 2'], 'notes_message.py', 4]);
    assert.deepStrictEqual(summary(withMessage.parsed), ['KeyError', undefined, "'id'\nwhile reading row 2", [], 'notes_message.py', 4]);
  });
});
