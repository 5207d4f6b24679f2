import * as assert from 'assert';
import { diagnosticFor, docsUrlOf } from '../../src/core/errors/diagnosticModel';
import type { PythonError } from '../../src/core/errors/pythonError';
import { parseTracebacks } from '../../src/core/errors/tracebackParser';

const FILES = {
  'main.py': 'from util import total\n\nnumbers = [1, 2]\nprint(total(numbers))\n',
  'util.py': 'def total(values):\n    return sum(values) + json.loads("1")\n',
};

function parsed(stderr: string, files: Record<string, string> = FILES): PythonError {
  const errors = parseTracebacks(stderr, { mapPath: (f) => f.replace('/app/', ''), isRunFile: (f) => f in files, readSource: (f) => files[f] });
  return errors[errors.length - 1];
}

const NAME_ERROR = `Traceback (most recent call last):
  File "/app/main.py", line 4, in <module>
    print(total(numbers))
          ^^^^^^^^^^^^^^
  File "/app/util.py", line 2, in total
    return sum(values) + json.loads("1")
                         ^^^^
NameError: name 'json' is not defined
`;

describe('diagnostic model', () => {
  it('puts a runtime error on its 3.11 column range in the file where it originates, with the other frames related', () => {
    assert.deepStrictEqual(diagnosticFor(parsed(NAME_ERROR), 'main.py', FILES), {
      file: 'util.py',
      startLine: 2,
      startColumn: 26,
      endLine: 2,
      endColumn: 30,
      message: "NameError: name 'json' is not defined",
      code: 'NameError',
      docsUrl: 'https://docs.python.org/3/library/exceptions.html#NameError',
      related: [{ file: 'main.py', line: 4, message: 'called from the top level: print(total(numbers))' }],
    });
  });

  it('uses the line without its indentation when there are no columns', () => {
    const old = NAME_ERROR.replace(/^\s+\^+\n/gm, '');
    const spec = diagnosticFor(parsed(old), 'main.py', FILES);
    assert.deepStrictEqual([spec.startLine, spec.startColumn, spec.endLine, spec.endColumn], [2, 5, 2, 41]);
  });

  it('marks one character at a SyntaxError offset', () => {
    const files = { 'main.py': 'def greet(name):\n    print(f"Hello, {name}"\n' };
    const stderr = `  File "/app/main.py", line 2\n    print(f"Hello, {name}"\n         ^\nSyntaxError: '(' was never closed\n`;
    const spec = diagnosticFor(parsed(stderr, files), 'main.py', files);
    assert.deepStrictEqual([spec.file, spec.startLine, spec.startColumn, spec.endLine, spec.endColumn, spec.message], ['main.py', 2, 10, 2, 11, "SyntaxError: '(' was never closed"]);
    assert.deepStrictEqual(spec.related, []);
  });

  it('puts a limit whose running line is unknown on the first statement after the docstring and imports, in words', () => {
    const timeout: PythonError = {
      type: 'time limit', message: 'stopped after 30 s (time limit)', kind: 'timeout', file: 'main.py', line: null, column: null, endLine: null,
      endColumn: null, suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [],
    };
    const files = { 'main.py': '# comment\n"""Waits."""\nimport time\nfrom os import (\n    path,\n)\n\nwhile True:\n    time.sleep(1)\n' };
    const spec = diagnosticFor(timeout, 'main.py', files);
    assert.deepStrictEqual([spec.file, spec.startLine, spec.startColumn, spec.endColumn, spec.message, spec.code, spec.docsUrl, spec.expected], ['main.py', 8, 1, 12, 'stopped after 30 s (time limit)', 'time limit', undefined, 'stopped-at-limit']);
    const known = diagnosticFor({ ...timeout, line: 9 }, 'main.py', files);
    assert.deepStrictEqual([known.startLine, known.startColumn, known.endColumn], [9, 5, 18]);
  });

  it('links module exceptions to their module page and leaves the program\'s own types unlinked', () => {
    assert.deepStrictEqual(
      [docsUrlOf('json.decoder.JSONDecodeError'), docsUrlOf('KeyError'), docsUrlOf('InsufficientFunds')],
      ['https://docs.python.org/3/library/json.html', 'https://docs.python.org/3/library/exceptions.html#KeyError', undefined],
    );
  });
});
