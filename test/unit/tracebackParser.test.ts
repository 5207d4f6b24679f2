import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { PythonError } from '../../src/core/errors/pythonError';
import { parseTracebacks, parseTracebacksOrThrow } from '../../src/core/errors/tracebackParser';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/tracebacks');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const last = (errors: PythonError[]) => errors[errors.length - 1];

describe('traceback parser', () => {
  it('reads a plain traceback: frames outermost first, external frames marked, location in the run files', () => {
    const error = last(parseTracebacks(fixture('twoframes_module_py3.11.txt')));
    assert.strictEqual(error.type, 'FileNotFoundError');
    assert.strictEqual(error.message, "[Errno 2] No such file or directory: '/definitely/missing/file.txt'");
    assert.strictEqual(error.kind, 'file-not-found');
    assert.deepStrictEqual(error.frames, [
      { file: '/app/twoframes_module.py', line: 6, function: '<module>', source: 'print(size_of("/definitely/missing/file.txt"))', external: false },
      { file: '/app/twoframes_module.py', line: 4, function: 'size_of', source: 'return os.path.getsize(path)', external: false },
      { file: '<frozen genericpath>', line: 50, function: 'getsize', source: null, external: true },
    ]);
    assert.deepStrictEqual([error.file, error.line], ['/app/twoframes_module.py', 4]);
  });

  it('maps container paths and turns 3.11 carets into columns when the source is at hand', () => {
    const source = 'import os\n\ndef size_of(path):\n    return os.path.getsize(path)\n';
    const error = last(
      parseTracebacks(fixture('twoframes_module_py3.11.txt'), {
        mapPath: (file) => file.replace(/^\/app\//, ''),
        isRunFile: (file) => file === 'twoframes_module.py',
        readSource: (file) => (file === 'twoframes_module.py' ? source : undefined),
      }),
    );
    assert.deepStrictEqual([error.file, error.line, error.column, error.endLine, error.endColumn], ['twoframes_module.py', 4, 12, 4, 33]);
  });

  it('links a "direct cause" chain: the last printed exception is the final one', () => {
    const error = last(parseTracebacks(fixture('chain_cause_py3.12.txt')));
    assert.deepStrictEqual([error.type, error.message], ['StorageError', "key 'b' missing from store"]);
    assert.deepStrictEqual([error.cause?.type, error.cause?.message, error.context], ['KeyError', "'b'", null]);
  });

  it('links a "During handling" chain with a dotted type name', () => {
    const errors = parseTracebacks(fixture('chain_handling_py3.13.txt'));
    assert.strictEqual(errors.length, 1);
    const error = errors[0];
    assert.deepStrictEqual([error.type, error.kind, error.message], ['NameError', 'name', "name 'defaults' is not defined"]);
    assert.strictEqual(error.context?.type, 'json.decoder.JSONDecodeError');
    assert.strictEqual(error.context?.kind, 'value');
    assert.deepStrictEqual([error.context?.file, error.context?.line], ['/app/chain_handling.py', 5]);
  });

  it('reads nested ExceptionGroups with their members', () => {
    const error = last(parseTracebacks(fixture('eg_nested_py3.11.txt')));
    assert.deepStrictEqual([error.type, error.message], ['ExceptionGroup', 'batch failed (2 sub-exceptions)']);
    assert.deepStrictEqual([error.file, error.line], ['/app/eg_nested.py', 14]);
    const [inner, key] = error.exceptions;
    assert.deepStrictEqual([inner.type, inner.message], ['ExceptionGroup', 'inner batch (2 sub-exceptions)']);
    assert.deepStrictEqual(inner.exceptions.map((e) => [e.type, e.message, e.line]), [
      ['ValueError', 'odd value 1', 3],
      ['TypeError', 'even value 2', 4],
    ]);
    assert.deepStrictEqual([key.type, key.message, key.frames], ['KeyError', "'k'", []]);
  });

  it('reads notes after "Type: message" as message lines: text alone cannot tell them apart', () => {
    const error = last(parseTracebacks(fixture('notes_py3.11.txt')));
    assert.strictEqual(error.message, "invalid literal for int() with base 10: 'unknown'\nwhile parsing record id=3\nhint: age must be an integer");
    assert.deepStrictEqual(error.notes, []);
  });

  it('reads a RecursionError with repeated lines', () => {
    const error = last(parseTracebacks(fixture('recursion_py3.12.txt')));
    assert.deepStrictEqual([error.type, error.kind, error.message], ['RecursionError', 'recursion', 'maximum recursion depth exceeded']);
    assert.strictEqual(error.frames[error.frames.length - 1].function, 'walk');
  });

  it('reads header-less syntax errors with their line and caret', () => {
    const error = last(parseTracebacks(fixture('syntax_unclosed_paren_py3.12.txt'), { readSource: () => "a = 1\nx = int('1'\n" }));
    assert.deepStrictEqual([error.type, error.kind, error.message], ['SyntaxError', 'syntax', "'(' was never closed"]);
    assert.deepStrictEqual([error.file, error.line, error.column], ['/home/user/ft/tests/syntax/unclosed_paren_1.py', 2, 8]);
    assert.deepStrictEqual(error.frames, []);
    const tab = last(parseTracebacks(fixture('tab_error_py3.13.txt')));
    assert.deepStrictEqual([tab.type, tab.kind, tab.line], ['TabError', 'indentation', 7]);
  });

  it('extracts "Did you mean" suggestions', () => {
    const error = last(parseTracebacks(fixture('import_error_did_you_mean_py3.13.txt')));
    assert.deepStrictEqual([error.kind, error.suggestion], ['import-name', 'asin']);
    const name = last(parseTracebacks("Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\n    totl\nNameError: name 'totl' is not defined. Did you mean: 'total'?\n"));
    assert.deepStrictEqual([name.kind, name.suggestion], ['name', 'total']);
    const forgot = last(parseTracebacks("Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\nNameError: name 'json' is not defined. Did you forget to import 'json'?\n"));
    assert.strictEqual(forgot.suggestion, 'json');
  });

  it('finds several tracebacks amid program output, Windows paths included', () => {
    const text =
      'starting\nTraceback (most recent call last):\n  File "C:\\\\work\\\\app.py", line 3, in <module>\n    handled()\nValueError: first\n' +
      'carrying on\nprogress 50%\n\nTraceback (most recent call last):\r\n  File "C:\\work\\app.py", line 9, in <module>\r\n    main()\r\nKeyError: \'x\'\r\n';
    const errors = parseTracebacks(text);
    assert.deepStrictEqual(errors.map((e) => [e.type, e.message, e.cause, e.context]), [
      ['ValueError', 'first', null, null],
      ['KeyError', "'x'", null, null],
    ]);
    assert.strictEqual(errors[1].file, 'C:\\work\\app.py');
  });

  it('reads a bare exception line with no traceback (the 3.6 parser MemoryError)', () => {
    const error = last(parseTracebacks(fixture('parser_memoryerror_py3.6.txt')));
    assert.deepStrictEqual([error.type, error.kind, error.message], ['MemoryError', 'oom', '']);
  });

  it('ignores a fake "Traceback" line in ordinary output', () => {
    assert.deepStrictEqual(parseTracebacks('Traceback (most recent call last):\nthis is only a story\n'), []);
    assert.deepStrictEqual(parseTracebacks('all good\n'), []);
  });

  it('never throws on arbitrary text', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['Traceback (most recent call last):', '  File "x.py", line 3, in f', '  File "y.py", line 2', '    ^^^', '  + Exception Group Traceback (most recent call last):',
      '  | ', '  +-+---- 1 ----', '    +----', 'Error: x', 'The above exception was the direct cause of the following exception:', '', '\t', '    ~~^^', 'ValueError', '|', '+'];
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => (random() < 0.8 ? pieces[Math.floor(random() * pieces.length)] : String.fromCharCode(Math.floor(random() * 0x3000)))).join(random() < 0.5 ? '\n' : '');
      assert.doesNotThrow(() => parseTracebacksOrThrow(text), text);
    }
  });
});
