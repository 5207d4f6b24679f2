// Where a failed test points: the line in the test file that failed (its assert, or the call that
// raised), and, when the exception came from deeper in the project's own code, that line too.
// The editor puts a problem on each and the test's message at the first; the CLI could print them.
import type { TestFrame, TestResult } from './testTypes';

export interface TestFailurePlace {
  file: string;
  /** 1-based. */
  line: number;
  /** The other frames of the failure, innermost last, for related information. */
  others: TestFrame[];
}

export interface TestFailurePlaces {
  /** "AssertionError", "ZeroDivisionError", or "error" when the message names none. */
  exceptionType: string;
  /** The innermost frame in the test's own file, else the test's line. */
  inTest?: TestFailurePlace;
  /** The innermost frame when it lies outside the test's file: the code under test. */
  inCode?: TestFailurePlace;
}

/** format_exception_only's first line: \"ZeroDivisionError: division by zero\", \"pkg.Custom\". */
const EXCEPTION_TYPE = /^([A-Za-z_][\w.]*)(?::\s|$)/;

export function exceptionTypeOf(message: string | undefined): string {
  const named = EXCEPTION_TYPE.exec(message ?? '');
  if (named) return named[1].slice(named[1].lastIndexOf('.') + 1);
  return /^assert\b/.test(message ?? '') ? 'AssertionError' : 'error';
}

export function failurePlacesOf(result: TestResult): TestFailurePlaces {
  const frames = result.frames;
  const exceptionType = exceptionTypeOf(result.message);
  const testFile = result.file;
  const innermost = frames[frames.length - 1];
  const inTestIndex = testFile === undefined ? -1 : lastIndexWhere(frames, (frame) => frame.file === testFile);
  const others = (index: number) => frames.filter((_, at) => at !== index);
  const inTest: TestFailurePlace | undefined =
    inTestIndex >= 0
      ? { file: frames[inTestIndex].file, line: frames[inTestIndex].line, others: others(inTestIndex) }
      : testFile !== undefined && result.line !== undefined
        ? { file: testFile, line: result.line, others: frames }
        : undefined;
  const inCode = innermost && innermost.file !== testFile ? { file: innermost.file, line: innermost.line, others: others(frames.length - 1) } : undefined;
  return { exceptionType, ...(inTest ? { inTest } : {}), ...(inCode ? { inCode } : {}) };
}

function lastIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (test(items[index])) return index;
  return -1;
}
