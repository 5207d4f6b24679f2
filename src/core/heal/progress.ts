// Whether a re-run got further than the run before it: the rule that decides if a fix is kept.
import { succeeded } from '../run/runEnding';
import type { PythonError } from '../errors/pythonError';
import type { RunResult } from '../run/runTypes';

export interface RunState {
  result: RunResult;
  /** What ended the run; null for a clean run. */
  error: PythonError | null;
}

/** clean: runs clean; progress: got further; same: the same error again; worse: failed earlier. */
export type Verdict = 'clean' | 'progress' | 'same' | 'worse';

/**
 * The error's identity across edits: its type, message, file and function. Not the line: line
 * numbers move when a fix adds lines above, and a fix that only rewrites the failing line without
 * changing what fails is no progress.
 */
export function errorSignature(error: PythonError): string {
  const message = error.message.replace(/0x[0-9a-f]+/gi, '0x?');
  const innermost = [...error.frames].reverse().find((frame) => !frame.external);
  const where = error.kind === 'syntax' || error.kind === 'indentation' ? `${error.line ?? ''}` : innermost?.function ?? '';
  return [error.type, message, error.file ?? '', where].join('\u0000');
}

/** Errors found before the program starts (it does not compile) come before any runtime error. */
function stageOf(error: PythonError): number {
  return error.kind === 'syntax' || error.kind === 'indentation' ? 0 : 1;
}

/** Lines a fix added to a file (negative: removed), to compare positions before and after it. */
export type LineShift = (file: string) => number;

export function judge(before: RunState, after: RunState, lineShift: LineShift = () => 0): Verdict {
  if (succeeded(after.result) || after.error === null) return 'clean';
  if (before.error === null) return 'worse';
  if (errorSignature(after.error) === errorSignature(before.error)) return 'same';
  const stageBefore = stageOf(before.error);
  const stageAfter = stageOf(after.error);
  if (stageAfter !== stageBefore) return stageAfter > stageBefore ? 'progress' : 'worse';
  if (stageAfter === 0) return compilesFurther(before.error, after.error) ? 'progress' : 'worse';
  // A program that printed less before failing stopped earlier than it did before the fix.
  if (after.result.stdoutBytes !== before.result.stdoutBytes) return after.result.stdoutBytes > before.result.stdoutBytes ? 'progress' : 'worse';
  // Same output: compare where it failed, first by the top-level statement that was running...
  const order = compareLines(topLevelFrame(before.error), topLevelFrame(after.error), lineShift);
  if (order !== undefined && order !== 0) return order > 0 ? 'progress' : 'worse';
  // ...then by the innermost frame: the same line failing with the same type of error is not
  // further; another type there (NameError -> ModuleNotFoundError at an added import) is.
  const inner = compareLines(innermostFrame(before.error), innermostFrame(after.error), lineShift);
  if (inner === 0) return after.error.type === before.error.type ? 'same' : 'progress';
  return inner === undefined || inner > 0 ? 'progress' : 'worse';
}

type Place = { file: string; line: number; function: string };

/** 1: `after` is further down than `before`; -1: above; 0: the same line; undefined: not comparable. */
function compareLines(before: Place | undefined, after: Place | undefined, lineShift: LineShift): number | undefined {
  if (!before || !after || before.file !== after.file || before.function !== after.function) return undefined;
  const shift = lineShift(after.file);
  if (after.line < before.line + Math.min(0, shift)) return -1;
  if (after.line > before.line + Math.max(0, shift)) return 1;
  return 0;
}

function topLevelFrame(error: PythonError): Place | undefined {
  const outermost = error.frames[0];
  return outermost && !outermost.external && outermost.function === '<module>' ? outermost : undefined;
}

function innermostFrame(error: PythonError): Place | undefined {
  return [...error.frames].reverse().find((frame) => !frame.external);
}

/** A new syntax error further down the same file (or in another file) means the first is fixed. */
function compilesFurther(before: PythonError, after: PythonError): boolean {
  if (after.file !== before.file) return true;
  return (after.line ?? 0) > (before.line ?? 0);
}
