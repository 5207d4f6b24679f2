// A failing test's result as the error the rule fixers and the model prompt already understand: the
// exception's type and message from the test's message ("NameError: name 'sqrt' is not defined"),
// the place from its innermost frame in the project's files, so a NameError raised in the code
// under test is put where the missing import is, not in the test.
import { classify, suggestionIn } from '../errors/errorKinds';
import type { ErrorFrame, PythonError } from '../errors/pythonError';
import type { TestResult } from '../testing/testTypes';

/** pytest's "E   " prefixes aside, the first line of the message splits at the first ": " after a type name. */
export function errorOfTest(test: TestResult): PythonError {
  const first = (test.message ?? '').split('\n')[0];
  const match = /^([A-Za-z_][\w.]*)(?::\s?(.*))?$/.exec(first);
  const type = match ? match[1] : test.outcome === 'failed' ? 'AssertionError' : 'Error';
  const message = match ? match[2] ?? '' : first;
  const frames: ErrorFrame[] = test.frames.map((frame) => ({ file: frame.file, line: frame.line, function: frame.function, source: null, external: false }));
  const innermost = frames[frames.length - 1];
  return {
    type,
    message,
    kind: classify(type, message),
    file: innermost?.file ?? test.file ?? null,
    line: innermost?.line ?? test.line ?? null,
    column: null,
    endLine: null,
    endColumn: null,
    suggestion: suggestionIn(message),
    notes: [],
    frames,
    cause: null,
    context: null,
    exceptions: [],
  };
}
