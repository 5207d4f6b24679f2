// Diagnosis fidelity on real interpreter texts where versions print the same error differently:
// multi-line messages and 3.11+ notes, `__main__.`-qualified class names (3.8-3.10), and the 3.8/3.9
// "unexpected EOF while parsing" spot. Texts are quoted from the shared corpus (row cited) or read
// from test/fixtures/tracebacks/fresh/ (printed by scripts/printFreshTracebacks.sh).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fromCaptured } from '../../src/core/errors/capturedException';
import type { PythonError } from '../../src/core/errors/pythonError';
import type { CapturedException } from '../../src/core/run/capturedExceptionTypes';
import { parseTracebacksOrThrow } from '../../src/core/errors/tracebackParser';

const FRESH = path.resolve(__dirname, '../../../test/fixtures/tracebacks/fresh');
const fresh = (name: string) => fs.readFileSync(path.join(FRESH, name), 'utf8');
const last = (text: string): PythonError => {
  const errors = parseTracebacksOrThrow(text);
  return errors[errors.length - 1];
};
const summary = (e: PythonError) => ({ type: e.type, qualifiedType: e.qualifiedType, message: e.message, notes: e.notes, file: e.file, line: e.line });
const VERSIONS = ['3.9', '3.11', '3.13'];

describe('traceback fidelity: multi-line messages and notes', () => {
  it('keeps a multi-line message whole in every version', () => {
    for (const version of VERSIONS) {
      assert.deepStrictEqual(summary(last(fresh(`multiline_message_py${version}.txt`))), {
        type: 'ValueError',
        qualifiedType: undefined,
        message: "bad name 'Bob'\nnames must be lower case\n  see the style guide",
        notes: [],
        file: '/tmp/fresh/multiline_message.py',
        line: 3,
      }, version);
    }
  });

  it('reads the lines after a bare exception name as notes (no message can continue there)', () => {
    // 3.11+ print notes after the exception line; before 3.11 add_note does not exist.
    for (const version of VERSIONS.filter((v) => v !== '3.9')) {
      assert.deepStrictEqual(summary(last(fresh(`notes_bare_py${version}.txt`))), {
        type: 'AssertionError', qualifiedType: undefined, message: '', notes: ['while checking record 7'], file: '/tmp/fresh/notes_bare.py', line: 4,
      }, version);
    }
  });

  it('reads the lines after "Type: message" as the message, notes included: text alone cannot tell them apart', () => {
    // own/notes_py3.12.txt of the shared corpus: a note-carrying ValueError printed by 3.12.
    const text =
      'Traceback (most recent call last):\n  File "/app/notes.py", line 9, in <module>\n    parse({"id": 3, "age": "unknown"})\n' +
      '  File "/app/notes.py", line 3, in parse\n    return int(record["age"])\n           ^^^^^^^^^^^^^^^^^^\n' +
      "ValueError: invalid literal for int() with base 10: 'unknown'\nwhile parsing record id=3\nhint: age must be an integer\n";
    const error = last(text);
    assert.deepStrictEqual([error.message, error.notes], ["invalid literal for int() with base 10: 'unknown'\nwhile parsing record id=3\nhint: age must be an integer", []]);
  });

  it('keeps a multi-line message of an exception inside a chain, and drops program output after a self-printed traceback', () => {
    const chained =
      'Traceback (most recent call last):\n  File "/app/a.py", line 2, in <module>\n    raise ValueError("a\\nb")\nValueError: a\nb\n\n' +
      'During handling of the above exception, another exception occurred:\n\n' +
      'Traceback (most recent call last):\n  File "/app/a.py", line 4, in <module>\n    raise KeyError("k")\nKeyError: \'k\'\n';
    assert.deepStrictEqual([last(chained).message, last(chained).context?.message], ["'k'", 'a\nb']);
    const printedItself = 'Traceback (most recent call last):\n  File "/app/a.py", line 3, in <module>\n    load()\nOSError: disk full\nretrying\n\nDone.\n';
    assert.deepStrictEqual([last(printedItself).message, last(printedItself).notes], ['disk full', []]);
  });

  it('keeps message and notes apart where the interpreter recorded them (the capture)', () => {
    const captured: CapturedException = {
      type: 'KeyError', message: "'id'", notes: ['while reading row 2'], frames: [{ file: '/app/notes_message.py', line: 4, function: '<module>', source: 'raise error' }],
      cause: null, context: null, exceptions: [],
    };
    const error = fromCaptured(captured, { mapPath: (f) => f.replace(/^\/app\//, ''), isRunFile: () => true });
    assert.deepStrictEqual(summary(error), { type: 'KeyError', qualifiedType: undefined, message: "'id'", notes: ['while reading row 2'], file: 'notes_message.py', line: 4 });
  });
});

describe('traceback fidelity: one type name in every version', () => {
  // own/chain_cause_py3.8.txt (3.8 prints `__main__.StorageError`) and own/chain_cause_py3.11.txt (`StorageError`).
  const chain = (typeName: string) =>
    'Traceback (most recent call last):\n  File "chain_cause.py", line 6, in fetch\n    return store[key]\nKeyError: \'b\'\n\n' +
    'The above exception was the direct cause of the following exception:\n\n' +
    'Traceback (most recent call last):\n  File "chain_cause.py", line 10, in <module>\n    fetch({"a": 1}, "b")\n' +
    '  File "chain_cause.py", line 8, in fetch\n    raise StorageError(f"key {key!r} missing from store") from exc\n' +
    `${typeName}: key 'b' missing from store\n`;

  it('reports a __main__ class by its bare name and keeps the qualified name apart (corpus own/chain_cause_py3.8.txt)', () => {
    const error = last(chain('__main__.StorageError'));
    assert.deepStrictEqual([error.type, error.qualifiedType, error.kind, error.line], ['StorageError', '__main__.StorageError', 'other', 8]);
    assert.deepStrictEqual([error.cause?.type, error.cause?.qualifiedType], ['KeyError', undefined]);
  });

  it('gives the same type for 3.11+ text, which prints no module (corpus own/chain_cause_py3.11.txt)', () => {
    const error = last(chain('StorageError'));
    assert.deepStrictEqual([error.type, error.qualifiedType], ['StorageError', undefined]);
  });

  it('reports the same type and message for the fresh programs in every version', () => {
    for (const version of VERSIONS) {
      assert.deepStrictEqual(summary(last(fresh(`main_class_py${version}.txt`))).type, 'ValidationError', version);
      const multi = last(fresh(`main_class_multiline_py${version}.txt`));
      assert.deepStrictEqual([multi.type, multi.message], ['ValidationError', '2 validation errors for User\nname\n  field required'], version);
    }
  });

  it('keeps classes of other modules qualified as every version prints them', () => {
    for (const version of VERSIONS) {
      const error = last(fresh(`stdlib_qualified_py${version}.txt`));
      assert.deepStrictEqual([error.type, error.qualifiedType, error.kind, error.line], ['json.decoder.JSONDecodeError', undefined, 'value', 3], version);
    }
  });

  it('gives the capture the same type and the qualified name the launcher records', () => {
    const captured: CapturedException = {
      type: 'ValidationError', qualifiedType: '__main__.ValidationError', message: 'age must be positive', notes: [],
      frames: [{ file: '/app/main_class.py', line: 7, function: 'validate', source: 'raise ValidationError("age must be positive")' }], cause: null, context: null, exceptions: [],
    };
    const error = fromCaptured(captured, { mapPath: (f) => f.replace(/^\/app\//, ''), isRunFile: () => true });
    assert.deepStrictEqual([error.type, error.qualifiedType], ['ValidationError', '__main__.ValidationError']);
  });
});

describe('traceback fidelity: 3.13 prints statements over several lines', () => {
  it('reads a frame whose source spans lines with carets under each and "...<N lines>..." (fresh multiline_statement, all versions)', () => {
    for (const version of VERSIONS) {
      const error = last(fresh(`multiline_statement_py${version}.txt`));
      assert.deepStrictEqual(summary(error), { type: 'AssertionError', qualifiedType: undefined, message: '', notes: [], file: '/tmp/fresh/multiline_statement.py', line: 2 }, version);
      assert.deepStrictEqual(error.frames.map((f) => [f.line, f.function, f.source]), [[12, '<module>', 'check('], [2, 'check', 'assert sorted(']], version);
    }
  });

  it('reads the 3.13 HumanEvalFix assertion over several lines (humanevalfix_buggy_tracebacks_by_version.jsonl, Python/87, 3.13.0)', () => {
    const text =
      'Traceback (most recent call last):\n  File "/home/user/hefixv/Python_87_buggy.py", line 57, in <module>\n    check(get_row)\n    ~~~~~^^^^^^^^^\n' +
      '  File "/home/user/hefixv/Python_87_buggy.py", line 28, in check\n    assert get_row([\n           ^^^^^^^^^\n    ...<3 lines>...\n' +
      '    ], 1) == [(0, 0), (1, 4), (1, 0), (2, 5), (2, 0)]\n    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\nAssertionError\n';
    assert.deepStrictEqual(summary(last(text)), { type: 'AssertionError', qualifiedType: undefined, message: '', notes: [], file: '/home/user/hefixv/Python_87_buggy.py', line: 28 });
  });
});

describe('traceback fidelity: "unexpected EOF while parsing" (3.8/3.9) has a line', () => {
  it('locates it at the line CPython names, with the caret under an empty source line', () => {
    // syntax_tracebacks_by_version.jsonl, tests/syntax/unexpected_eof.py with CPython 3.8.18 and 3.9.18.
    const py38 = '  File "unexpected_eof.py", line 8\n    \n                ^\nSyntaxError: unexpected EOF while parsing\n';
    const py39 = '  File "/home/user/ft/tests/syntax/unexpected_eof.py", line 8\n    \n    ^\nSyntaxError: unexpected EOF while parsing\n';
    assert.deepStrictEqual(summary(last(py38)), { type: 'SyntaxError', qualifiedType: undefined, message: 'unexpected EOF while parsing', notes: [], file: 'unexpected_eof.py', line: 8 });
    assert.deepStrictEqual([last(py39).file, last(py39).line], ['/home/user/ft/tests/syntax/unexpected_eof.py', 8]);
  });

  it('locates the fresh program in every version (3.9: EOF past the last line, 3.10+: the open bracket)', () => {
    const expected: Record<string, [string, number]> = { '3.9': ['unexpected EOF while parsing', 4], '3.11': ["'(' was never closed", 2], '3.13': ["'(' was never closed", 2] };
    for (const version of VERSIONS) {
      const error = last(fresh(`unexpected_eof_py${version}.txt`));
      assert.deepStrictEqual([error.type, error.message, error.file, error.line], ['SyntaxError', expected[version][0], '/tmp/fresh/unexpected_eof.py', expected[version][1]], version);
    }
  });
});

describe('traceback fidelity: a SyntaxError in code compiled from a string', () => {
  // syntax_tracebacks_by_version.jsonl, tests/syntax/invalid_non_printable_char.py with CPython 3.13.0.
  const evalText =
    'Traceback (most recent call last):\n  File "/home/user/ft/tests/syntax/invalid_non_printable_char.py", line 2, in <module>\n    eval(s)\n    ~~~~^^^\n' +
    '  File "<string>", line 1\n    print("Hello")\n         ^\nSyntaxError: invalid non-printable character U+0017\n';

  it('is located at the run\'s line that compiled it, not in "<string>"', () => {
    assert.deepStrictEqual([last(evalText).file, last(evalText).line], ['/home/user/ft/tests/syntax/invalid_non_printable_char.py', 2]);
  });

  it('is located at the compile call when CPython names line 0 (tests/syntax/invalid_encoding.py, 3.8.18)', () => {
    const text = 'Traceback (most recent call last):\n  File "invalid_encoding.py", line 2, in <module>\n    compile(source, filename="example.py", mode="exec")\n  File "example.py", line 0\nSyntaxError: encoding problem: utf8 with BOM\n';
    assert.deepStrictEqual([last(text).file, last(text).line], ['invalid_encoding.py', 2]);
  });

  it('has no location when CPython names only "<fstring>" (tests/syntax/cannot_use_double_star.py, 3.8.18)', () => {
    const text = '  File "<fstring>", line 1\n    (**k)\n     ^\nSyntaxError: invalid syntax\n';
    assert.deepStrictEqual([last(text).type, last(text).file, last(text).line], ['SyntaxError', null, null]);
  });

  it('gives the capture the same location', () => {
    const captured: CapturedException = {
      type: 'SyntaxError', message: 'invalid non-printable character U+0017', notes: [],
      frames: [{ file: '/app/main.py', line: 2, function: '<module>', source: 'eval(s)' }],
      syntax: { file: '<string>', line: 1, offset: 6, endLine: 1, endOffset: 7, text: 'print("Hello")' }, cause: null, context: null, exceptions: [],
    };
    const error = fromCaptured(captured, { mapPath: (f) => f.replace(/^\/app\//, ''), isRunFile: (f) => f === 'main.py' });
    assert.deepStrictEqual([error.file, error.line, error.column], ['main.py', 2, null]);
  });
});
