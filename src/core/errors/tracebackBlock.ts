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
      if (j + 1 < lines.length && /^\s*$/.test(lines[j]) && CARETS.test(lines[j + 1])) {
        // 3.6-3.9 "unexpected EOF while parsing": an empty source line, the caret past its end.
        j += 2;
      } else if (j < lines.length && /^\s{2,}\S/.test(lines[j]) && !FRAME.test(lines[j]) && !CARETS.test(lines[j]) && !REPEATED.test(lines[j])) {
        located.source = lines[j].trim();
        const printedIndent = lines[j].length - lines[j].trimStart().length;
        j++;
        if (j < lines.length && CARETS.test(lines[j])) {
          located.caret = caretRange(lines[j], printedIndent);
          j++;
        }
        // 3.13 prints a statement over all its lines, carets under each, "...<N lines>..." for the
        // middle: everything at the source's indent (frames sit at 2, the exception line at 0).
        while (j < lines.length && printedIndent >= 4 && lines[j].startsWith(' '.repeat(printedIndent)) && !FRAME.test(lines[j]) && !REPEATED.test(lines[j])) j++;
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
  const following: string[] = [];
  while (j < lines.length && lines[j].trim() !== '' && !startsSomething(lines[j])) following.push(lines[j++]);
  // After the exception line CPython prints the rest of a multi-line message, then (3.11+) each
  // note: the text alone cannot tell the two apart. Multi-line messages occur in every version
  // (validation errors, database errors, assertion reports) while notes are 3.11+ and rarer, so
  // after "Type: message" every following line continues the message. After a bare "Type" no
  // message can continue (CPython prints the colon whenever str() is not empty), so the lines are
  // notes. The sandbox capture records message and notes apart and needs no such rule.
  // Lines that a blank line parts from anything but the end or a chain separator are the
  // program's own output after a traceback it printed itself, not part of the error.
  const tail = endsError(lines, j) ? following : [];
  const notes = exception[2] === undefined ? tail : [];
  const message = exception[2] === undefined ? '' : [exception[2], ...tail].join('\n');
  const { type, qualifiedType } = typeNames(exception[1]);
  const error: PythonError = {
    type,
    ...(qualifiedType ? { qualifiedType } : {}),
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

/**
 * 3.8-3.10 print classes of `__main__` as "__main__.Name", 3.11+ as "Name": one error, one type.
 * Classes of other modules stay qualified, as every version prints them.
 */
export function typeNames(printed: string): { type: string; qualifiedType?: string } {
  return printed.startsWith('__main__.') ? { type: printed.slice('__main__.'.length), qualifiedType: printed } : { type: printed };
}

/** True where CPython itself ends an exception's lines: the end, a chain separator, the next traceback. */
function endsError(lines: readonly string[], next: number): boolean {
  if (next < lines.length && lines[next].trim() !== '') return true;
  let k = next;
  while (k < lines.length && lines[k].trim() === '') k++;
  return k >= lines.length || CAUSE_SEPARATOR.test(lines[k]) || CONTEXT_SEPARATOR.test(lines[k]);
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
