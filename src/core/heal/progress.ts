// Whether a re-run got further than the run before it: the rule that decides if a fix is kept.
import { succeeded } from '../run/runEnding';
import type { PythonError } from '../errors/pythonError';
import type { RunResult } from '../run/runTypes';

export interface RunState {
  result: RunResult;
  /** What ended the run; null for a clean run. */
  error: PythonError | null;
}

/**
 * clean: runs clean (and its own checks pass); progress: got further; same: the same error again;
 * worse: failed earlier; own-error: failed on a line the fix itself changed or added.
 */
export type Verdict = 'clean' | 'progress' | 'same' | 'worse' | 'own-error';

/** How a re-run that did not count failed, for the reason a fix was undone. */
export function failedRerunPhrase(verdict: Exclude<Verdict, 'clean' | 'progress'>): string {
  return verdict === 'same' ? 'failed with the same error' : verdict === 'own-error' ? 'failed on a line the fix changed' : 'failed earlier';
}

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

export function judge(before: RunState, after: RunState, lineShift: LineShift = () => 0, changed: ChangedLines = () => NO_LINES): Verdict {
  if (succeeded(after.result) || after.error === null) return 'clean';
  if (before.error === null) return 'worse';
  if (before.error.check && after.error.check) return fewerChecks(before.error, after.error);
  if (errorSignature(after.error) === errorSignature(before.error)) return 'same';
  const own = failsOnChangedLine(after.error, changed);
  if (own === 'fails') return 'own-error';
  // The program ran to its end before (its checks failing); crashing now is worse, but for the
  // import the fix added whose package is not installed (see failsOnChangedLine).
  if (before.error.check && !after.error.check && own !== 'missing-package') return 'worse';
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

/**
 * Both runs went to their end with checks failing: fewer failing is progress, more is worse, and as
 * many is the same only when the last one is the same failure (a fix that trades one failing check
 * for another has not shown it is right).
 */
function fewerChecks(before: PythonError, after: PythonError): Verdict {
  const count = (error: PythonError): number => error.check?.failedInRun ?? 0;
  if (count(after) !== count(before)) return count(after) < count(before) ? 'progress' : 'worse';
  return errorSignature(after) === errorSignature(before) ? 'same' : 'worse';
}

/** Per file, the 1-based lines of the fixed text that the fix changed or added (changedLines.ts). */
export type ChangedLines = (file: string) => ReadonlySet<number>;
const NO_LINES: ReadonlySet<number> = new Set();

/**
 * Whether a runtime error sits on a line the fix wrote: the innermost frame in the run's files (or
 * the error's own line). Such an error is of the fix's making - a bracket put back in the wrong
 * place turns a parameter into an annotation and fails with a NameError right there - so it is no
 * sign the program got further. The one exception is a ModuleNotFoundError on an import line the
 * fix wrote: it says the environment lacks a package, not that the fix is wrong (installing the
 * requirement heals it), so it is left to the usual comparison, exactly as before this rule; refusing
 * it outright would throw away right imports whenever the package is installed in a later step.
 */
function failsOnChangedLine(error: PythonError, changed: ChangedLines): 'fails' | 'missing-package' | undefined {
  if (stageOf(error) === 0) return undefined;
  const inner = innermostFrame(error);
  const place = inner ?? (error.file !== null && error.line !== null ? { file: error.file, line: error.line, source: null } : undefined);
  if (!place || !changed(place.file).has(place.line)) return undefined;
  const source = inner?.source ?? null;
  if (error.kind === 'module-not-found' && source !== null && /^\s*(import|from)\s/.test(source)) return 'missing-package';
  return 'fails';
}

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

function innermostFrame(error: PythonError): (Place & { source: string | null }) | undefined {
  return [...error.frames].reverse().find((frame) => !frame.external);
}

/** A new syntax error further down the same file (or in another file) means the first is fixed. */
function compilesFurther(before: PythonError, after: PythonError): boolean {
  if (after.file !== before.file) return true;
  return (after.line ?? 0) > (before.line ?? 0);
}
