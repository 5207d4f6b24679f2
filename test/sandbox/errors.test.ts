// Structured errors from real runs (Python 3.11 in the sandbox): golden values per error kind, the
// capture agreeing with the traceback parser, and the launcher leaving output and exit status as
// a plain `python FILE` leaves them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { PythonError } from '../../src/core/errors/pythonError';
import { errorsOfRun, pathsOf } from '../../src/core/errors/runErrors';
import type { RunLimits } from '../../src/core/run/runTypes';
import { parseTracebacks } from '../../src/core/errors/tracebackParser';
import { limits, shared } from './sandboxHelper';

const FOLDER = path.resolve(__dirname, '../../../test/fixtures/errors');
const programs = () => Object.fromEntries(fs.readdirSync(FOLDER).filter((f) => f.endsWith('.py')).map((f) => [f, fs.readFileSync(path.join(FOLDER, f), 'utf8')]));

async function errorsOf(entry: string, overrides: Partial<RunLimits> = {}) {
  const files = programs();
  const runLimits = limits(overrides);
  const result = await shared.run({ files, entry, limits: runLimits });
  return { result, files, errors: errorsOfRun(result, { files, entry }, runLimits) };
}

// Printed tracebacks fold repeated frames ("[Previous line repeated N more times]").
const folded = (frames: PythonError['frames']) => frames.filter((f, i) => i === 0 || JSON.stringify(f) !== JSON.stringify(frames[i - 1]));
const shape = (e: PythonError | null): unknown =>
  e && { where: where(e), notes: e.notes, frames: folded(e.frames), cause: shape(e.cause), context: shape(e.context), members: e.exceptions.map(shape) };

/**
 * CPython prints no caret for an indentation error or when the caret would underline the whole
 * line, so the text has no columns there; everywhere else the two must agree.
 */
function withoutUnprintedColumns(captured: PythonError, printed: PythonError | undefined, files: Record<string, string>): PythonError {
  if (!printed) return captured;
  const line = captured.file && captured.line ? files[captured.file]?.split('\n')[captured.line - 1] : undefined;
  const wholeLine = line !== undefined && captured.column === line.length - line.trimStart().length + 1 && captured.endColumn === line.trimEnd().length + 1;
  const unprinted = printed.column === null && captured.column !== null && (captured.kind === 'indentation' || wholeLine);
  return {
    ...captured,
    ...(unprinted ? { column: null, endLine: null, endColumn: null } : {}),
    cause: captured.cause && withoutUnprintedColumns(captured.cause, printed.cause ?? undefined, files),
    context: captured.context && withoutUnprintedColumns(captured.context, printed.context ?? undefined, files),
    exceptions: captured.exceptions.map((member, i) => withoutUnprintedColumns(member, printed.exceptions[i], files)),
  };
}

/** Text cannot tell notes after "Type: message" from message lines; the parser reads them as the message. */
function notesAsPrinted(error: PythonError): PythonError {
  const joined = error.message !== '' && error.notes.length > 0;
  return {
    ...error,
    ...(joined ? { message: [error.message, ...error.notes].join('\n'), notes: [] } : {}),
    cause: error.cause && notesAsPrinted(error.cause),
    context: error.context && notesAsPrinted(error.context),
    exceptions: error.exceptions.map(notesAsPrinted),
  };
}

type Where = [string, string, string, string | null, number | null, number | null, number | null, string | null];
const where = (e: PythonError): Where => [e.type, e.message, e.kind, e.file, e.line, e.column, e.endColumn, e.suggestion];

// type, message, kind, file, line, column, endColumn (exclusive), suggestion
const GOLDEN: Record<string, Where> = {
  'syntax.py': ['SyntaxError', "'(' was never closed", 'syntax', 'syntax.py', 1, 10, 11, null],
  'indentation.py': ['IndentationError', 'unexpected indent', 'indentation', 'indentation.py', 2, 4, 5, null],
  'module_not_found.py': ['ModuleNotFoundError', "No module named 'requests'", 'module-not-found', 'module_not_found.py', 1, 1, 16, null],
  'import_name.py': ['ImportError', "cannot import name 'bsin' from 'math' (unknown location)", 'import-name', 'import_name.py', 1, 1, 22, null],
  'name.py': ['NameError', "name 'totl' is not defined. Did you mean: 'total'?", 'name', 'name.py', 2, 7, 11, 'total'],
  'attribute.py': ['AttributeError', "'str' object has no attribute 'uper'. Did you mean: 'upper'?", 'attribute', 'attribute.py', 2, 7, 16, 'upper'],
  'type_error.py': ['TypeError', 'can only concatenate str (not "int") to str', 'type', 'type_error.py', 2, 12, 17, null],
  'value.py': ['ValueError', "invalid literal for int() with base 10: 'ten'", 'value', 'value.py', 1, 9, 19, null],
  'key.py': ['KeyError', "'pear'", 'key', 'key.py', 2, 7, 21, null],
  'index.py': ['IndexError', 'list index out of range', 'index', 'index.py', 2, 7, 15, null],
  'zero_division.py': ['ZeroDivisionError', 'division by zero', 'zero-division', 'zero_division.py', 2, 12, 17, null],
  'recursion.py': ['RecursionError', 'maximum recursion depth exceeded', 'recursion', 'recursion.py', 2, 12, 23, null],
  'assertion.py': ['AssertionError', 'arithmetic is broken', 'assertion', 'assertion.py', 1, 8, 18, null],
  'unbound_local.py': ['UnboundLocalError', "cannot access local variable 'count' where it is not associated with a value", 'unbound-local', 'unbound_local.py', 5, 5, 10, null],
  'file_not_found.py': ['FileNotFoundError', "[Errno 2] No such file or directory: 'missing.txt'", 'file-not-found', 'file_not_found.py', 1, 6, 25, null],
  'other.py': ['RuntimeError', 'something else', 'other', 'other.py', 1, 1, 37, null],
  'two_files.py': ['ValueError', "invalid literal for int() with base 10: 'unknown'", 'value', 'helpers.py', 2, 12, 21, null],
  'unicode.py': ['ValueError', 'naïve café ☕ 失败', 'value', 'unicode.py', 1, 1, 36, null],
  'exit_without_traceback.py': ['ExitStatus', 'exited with status 3 without a traceback', 'exit-without-traceback', 'exit_without_traceback.py', null, null, null, null],
  // Nothing is printed, but the exception was recorded before the program's hook ran.
  'excepthook_tamper.py': ['ValueError', 'hidden from the hook', 'value', 'excepthook_tamper.py', 4, 1, 41, null],
  'killed_by_signal.py': ['ExitStatus', 'exited with status 143 without a traceback', 'exit-without-traceback', 'killed_by_signal.py', null, null, null, null],
};

describe('sandbox: structured errors', function () {
  this.timeout(120_000);

  for (const [file, expected] of Object.entries(GOLDEN)) {
    it(`${file}: ${expected[2]}`, async () => {
      const { errors } = await errorsOf(file);
      assert.strictEqual(errors.length, 1);
      assert.deepStrictEqual(where(errors[0]), expected);
    });
  }

  it('keeps the frames outermost first with the imported module last', async () => {
    const { errors } = await errorsOf('two_files.py');
    assert.deepStrictEqual(errors[0].frames, [
      { file: 'two_files.py', line: 3, function: '<module>', source: 'print(parse_age("unknown"))', external: false },
      { file: 'helpers.py', line: 2, function: 'parse_age', source: 'return int(text)', external: false },
    ]);
  });

  it('records a direct cause with its frame in the standard library marked external', async () => {
    const { errors } = await errorsOf('chain_cause.py');
    const cause = errors[0].cause as PythonError;
    assert.deepStrictEqual([cause.type, cause.kind, cause.file, cause.line], ['json.decoder.JSONDecodeError', 'value', 'chain_cause.py', 6]);
    assert.strictEqual(cause.frames[cause.frames.length - 1].external, true);
    assert.match(cause.frames[cause.frames.length - 1].file, /^\/usr\/lib\/python3\.11\/json\/decoder\.py$/);
  });

  it('records the context of an error raised while handling another', async () => {
    const { errors } = await errorsOf('chain_context.py');
    assert.deepStrictEqual([errors[0].type, errors[0].context?.type, errors[0].context?.message, errors[0].context?.line], ['NameError', 'KeyError', "'a'", 2]);
  });

  it('records the members of an ExceptionGroup', async () => {
    const { errors } = await errorsOf('group.py');
    assert.deepStrictEqual(where(errors[0]).slice(0, 5), ['ExceptionGroup', 'batch failed (2 sub-exceptions)', 'other', 'group.py', 13]);
    assert.deepStrictEqual(errors[0].exceptions.map((e) => [e.type, e.message, e.line]), [
      ['ValueError', 'odd 1', 3],
      ['TypeError', 'even 2', 4],
    ]);
  });

  it('keeps notes', async () => {
    const { errors } = await errorsOf('notes.py');
    assert.deepStrictEqual([errors[0].message, errors[0].notes], ['bad input', ['while reading line 3']]);
  });

  it('finds no error in a program that prints a fake traceback to stdout and exits 0', async () => {
    const { result, errors } = await errorsOf('fake_traceback.py');
    assert.strictEqual(result.exitCode, 0);
    assert.deepStrictEqual(errors, []);
  });

  it('turns a timeout, an out-of-memory kill and an output flood into limits said in words, on the entry file', async () => {
    const files = { 'loop.py': 'while True:\n    pass\n', 'hog.py': 'x = []\nwhile True:\n    x.append(b"x" * 10_000_000)\n', 'flood.py': 'while True:\n    print("y" * 1000)\n' };
    const cases: Array<[string, Partial<RunLimits>, string, string, string]> = [
      ['loop.py', { timeoutMs: 1000 }, 'time limit', 'timeout', 'stopped after 1 s (time limit)'],
      ['hog.py', { memoryBytes: 64 * 1024 * 1024 }, 'memory limit', 'memory-limit', 'stopped at 64 MiB of memory (memory limit)'],
      ['flood.py', { outputLimitBytes: 4096 }, 'output limit', 'output-limit', 'stopped after 4 KiB of output (output limit)'],
    ];
    for (const [entry, overrides, type, kind, message] of cases) {
      const runLimits = limits(overrides);
      const result = await shared.run({ files, entry, limits: runLimits });
      const errors = errorsOfRun(result, { files, entry }, runLimits);
      assert.deepStrictEqual(errors.map((e) => [e.type, e.kind, e.message, e.file]), [[type, kind, message, entry]]);
    }
  });

  it('agrees with the traceback parser on the same runs', async () => {
    const checked: string[] = [];
    const printsNoTraceback = ['exit_without_traceback.py', 'excepthook_tamper.py', 'killed_by_signal.py'];
    for (const file of [...Object.keys(GOLDEN).filter((f) => !printsNoTraceback.includes(f)), 'chain_cause.py', 'chain_context.py', 'group.py', 'notes.py']) {
      const { result, files } = await errorsOf(file);
      const captured = errorsOfRun(result, { files, entry: file }, limits())[0];
      const parsed = parseTracebacks(result.stderr, { ...pathsOf(result, { files, entry: file }), readSource: (f) => files[f] });
      assert.deepStrictEqual(shape(parsed[parsed.length - 1]), shape(notesAsPrinted(withoutUnprintedColumns(captured, parsed[parsed.length - 1], files))), file);
      checked.push(file);
    }
    assert.strictEqual(checked.length, 22);
  });

  it('leaves stdout, stderr and the exit status exactly as a plain python FILE run', async () => {
    const wrapper =
      'import json, subprocess, sys\n' +
      'r = subprocess.run([sys.executable, sys.argv[1]], capture_output=True)\n' +
      '# a death by signal N is reported as a shell reports it: 128 + N\n' +
      'code = r.returncode if r.returncode >= 0 else 128 - r.returncode\n' +
      'sys.stdout.write(json.dumps([r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace"), code]))\n';
    const files = { ...programs(), 'plain_wrapper.py': wrapper };
    const names = Object.keys(programs()).filter((f) => f !== 'helpers.py');
    for (const entry of names) {
      const launched = await shared.run({ files, entry, limits: limits() });
      const plain = await shared.run({ files, entry: 'plain_wrapper.py', args: [entry], limits: limits() });
      const [stdout, stderr, status] = JSON.parse(plain.stdout);
      assert.deepStrictEqual([launched.stdout, launched.stderr, launched.exitCode], [stdout, stderr, status], entry);
    }
    assert.strictEqual(names.length, 26);
  });
});
