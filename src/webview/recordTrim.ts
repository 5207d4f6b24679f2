// Shrinks a file's heal record to what the panel shows, for the workspace memento and the webview:
// neither needs whole file texts, long output or a deep traceback. Pure, so it is tested directly.
import type { AttemptRecord, RunSummary } from '../core/heal/ledger';
import type { ErrorFrame, PythonError } from '../core/errors/pythonError';
import type { PanelFile } from './protocol';

export const TRIM = {
  diffChars: 64 * 1024,
  outputTailChars: 1000,
  messageChars: 2000,
  sourceLineChars: 500,
  /** Innermost frames kept; the panel shows only the location. */
  frames: 5,
  notes: 5,
  groupMembers: 5,
  /** Levels of cause/context/group members kept below the error itself. */
  chainDepth: 2,
  rejections: 10,
  rejectionChars: 500,
} as const;

export const DIFF_SHORTENED = '… (diff shortened for storage)\n';

/** The record without file texts and with long fields cut; `diff`s end at a line boundary. */
export function trimFile(file: PanelFile): PanelFile {
  return {
    ...file,
    changedFiles: {},
    diff: trimDiff(file.diff),
    firstRun: trimSummary(file.firstRun),
    lastRun: trimSummary(file.lastRun),
    attempts: file.attempts.map(trimAttempt),
  };
}

function trimAttempt(attempt: AttemptRecord): AttemptRecord {
  return {
    ...attempt,
    error: trimError(attempt.error, 0),
    fix: attempt.fix && { ...attempt.fix, description: head(attempt.fix.description, TRIM.messageChars), diff: trimDiff(attempt.fix.diff) },
    rejections: attempt.rejections.slice(0, TRIM.rejections).map((r) => head(r, TRIM.rejectionChars)),
    rerun: attempt.rerun && trimSummary(attempt.rerun),
    why: head(attempt.why, TRIM.messageChars),
  };
}

function trimSummary(summary: RunSummary): RunSummary {
  const tail = summary.outputTail;
  return {
    ...summary,
    error: summary.error && trimError(summary.error, 0),
    outputTail: tail.length > TRIM.outputTailChars ? tail.slice(tail.length - TRIM.outputTailChars) : tail,
  };
}

function trimError(error: PythonError, depth: number): PythonError {
  const deeper = depth < TRIM.chainDepth;
  return {
    ...error,
    message: head(error.message, TRIM.messageChars),
    notes: error.notes.slice(0, TRIM.notes).map((note) => head(note, TRIM.messageChars)),
    frames: error.frames.slice(-TRIM.frames).map(trimFrame),
    cause: deeper && error.cause ? trimError(error.cause, depth + 1) : null,
    context: deeper && error.context ? trimError(error.context, depth + 1) : null,
    exceptions: deeper ? error.exceptions.slice(0, TRIM.groupMembers).map((member) => trimError(member, depth + 1)) : [],
  };
}

function trimFrame(frame: ErrorFrame): ErrorFrame {
  return { ...frame, source: frame.source === null ? null : head(frame.source, TRIM.sourceLineChars) };
}

export function trimDiff(diff: string): string {
  if (diff.length <= TRIM.diffChars) return diff;
  const cut = diff.lastIndexOf('\n', TRIM.diffChars - DIFF_SHORTENED.length);
  return diff.slice(0, cut + 1) + DIFF_SHORTENED;
}

function head(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
