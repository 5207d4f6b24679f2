// Reads one traceback block from clean lines (no group prefixes): frames with source and carets,
// "[Previous line repeated ...]", the header-less SyntaxError location, the exception line, notes.
import { classify, suggestionIn } from './errorKinds';
import type { ErrorFrame, PythonError } from './pythonError';

export const TRACEBACK_HEADER = /^\s*(?:Exception Group )?Traceback \(most recent call last\):\s*$/;
const FRAME = /^\s*File "(.*)", line (\d+)(?:, in (.*))?\s*$/;
const CARETS = /^\s*[\^~]+[\s\^~]*$/;
const REPEATED = /^\s*\[Previous line repeated (\d+) more times?\]\s*$/;
export const EXCEPTION_LINE = /^([A-Za-z_][\w.]*)(?::(?: (.*))?)?$/;
export const CAUSE_SEPARATOR = /^\s*The above exception was the direct cause of the following exception:\s*$/;
export const CONTEXT_SEPARATOR = /^\s*During handling of the above exception, another exception occurred:\s*$/;

/** A frame-like location with its caret range relative to the printed (stripped) source line. */
export interface Located extends ErrorFrame {
  caret?: { start: number; end: number };
}

export interface ParsedBlock {
  error: PythonError;
  /** Frames with "in NAME": the call stack. */
  frames: Located[];
  /** A `File "x", line N` entry without "in": where a SyntaxError points. */
  syntaxSpot: Located | null;
  next: number;
}

export function isFrameLine(line: string): boolean {
  return FRAME.test(line);
}

/** Parses from `start` (just after a header, or at a header-less `File` line). */
export function parseBlock(lines: readonly string[], start: number): ParsedBlock | undefined {
  const frames: Located[] = [];
  let syntaxSpot: Located | null = null;
  let j = start;
  while (j < lines.length) {
    const frame = FRAME.exec(lines[j]);
    if (frame) {
      const located: Located = { file: frame[1], line: Number(frame[2]), function: frame[3] ?? '', source: null, external: false };
      j++;
      if (j < lines.length && /^\s{2,}\S/.test(lines[j]) && !FRAME.test(lines[j]) && !CARETS.test(lines[j]) && !REPEATED.test(lines[j])) {
        located.source = lines[j].trim();
        const printedIndent = lines[j].length - lines[j].trimStart().length;
        j++;
        if (j < lines.length && CARETS.test(lines[j])) {
          located.caret = caretRange(lines[j], printedIndent);
          j++;
        }
      }
      if (frame[3] === undefined) syntaxSpot = located;
      else frames.push(located);
    } else if (REPEATED.test(lines[j]) || CARETS.test(lines[j])) {
      j++;
    } else {
      break;
    }
  }
  const exception = j < lines.length ? EXCEPTION_LINE.exec(lines[j]) : null;
  if (!exception) return undefined;
  j++;
  const notes: string[] = [];
  while (j < lines.length && lines[j].trim() !== '' && !startsSomething(lines[j])) notes.push(lines[j++]);
  const type = exception[1];
  const message = exception[2] ?? '';
  const error: PythonError = {
    type,
    message,
    kind: classify(type, message),
    file: null,
    line: null,
    column: null,
    endLine: null,
    endColumn: null,
    suggestion: suggestionIn(message) ?? notes.map(suggestionIn).find((s) => s !== null) ?? null,
    notes,
    frames: frames.map(({ caret: _caret, ...frame }) => frame),
    cause: null,
    context: null,
    exceptions: [],
  };
  return { error, frames, syntaxSpot, next: j };
}

function startsSomething(line: string): boolean {
  return TRACEBACK_HEADER.test(line) || CAUSE_SEPARATOR.test(line) || CONTEXT_SEPARATOR.test(line) || FRAME.test(line) || /^\s*\+[-+ ]/.test(line);
}

/** Caret range relative to the stripped source line, 1-based, end exclusive. */
function caretRange(carets: string, printedIndent: number): { start: number; end: number } {
  const first = carets.search(/[\^~]/);
  const last = Math.max(carets.lastIndexOf('^'), carets.lastIndexOf('~'));
  return { start: first - printedIndent + 1, end: last - printedIndent + 2 };
}
