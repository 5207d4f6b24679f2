// Parses CPython tracebacks (3.6-3.13) from any text: plain tracebacks, chains ("direct cause",
// "During handling"), ExceptionGroups (nested, "|"-prefixed), notes, carets, header-less
// SyntaxErrors, several tracebacks in one stream, tracebacks amid program output, Windows paths.
// It never throws: text it cannot read yields fewer errors, not an exception.
import { locate, type LocateOptions } from './errorLocation';
import type { PythonError } from './pythonError';
import { CAUSE_SEPARATOR, CONTEXT_SEPARATOR, EXCEPTION_LINE, isFrameLine, parseBlock, TRACEBACK_HEADER, type ParsedBlock } from './tracebackBlock';

const GROUP_START = /^(\s*)\+ Exception Group Traceback \(most recent call last\):\s*$/;

/** Every traceback in `text`, each as its final exception (with cause/context), in printed order. */
export function parseTracebacks(text: string, options: LocateOptions = {}): PythonError[] {
  try {
    return parseTracebacksOrThrow(text, options);
  } catch {
    return []; // a parser bug must never break a run report
  }
}

/** The same without the safety net, so tests see any throw. */
export function parseTracebacksOrThrow(text: string, options: LocateOptions = {}): PythonError[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const found = parseStream(lines, options);
  return found.length > 0 ? found : lastLineException(lines);
}

function parseStream(lines: readonly string[], options: LocateOptions): PythonError[] {
  const results: PythonError[] = [];
  let link: 'cause' | 'context' | undefined;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    let parsed: { error: PythonError; next: number } | undefined;
    const group = GROUP_START.exec(line);
    if (group) parsed = parseGroup(lines, i, group[1].length, options);
    else if (TRACEBACK_HEADER.test(line)) parsed = located(parseBlock(lines, i + 1), options);
    else if (isFrameLine(line) && !/, in /.test(line)) parsed = located(parseBlock(lines, i), options);
    if (parsed) {
      if (link && results.length > 0) parsed.error[link] = results.pop() as PythonError;
      results.push(parsed.error);
      link = undefined;
      i = Math.max(parsed.next, i + 1);
      continue;
    }
    if (CAUSE_SEPARATOR.test(line)) link = 'cause';
    else if (CONTEXT_SEPARATOR.test(line)) link = 'context';
    else if (line.trim() !== '') link = undefined;
    i++;
  }
  return results;
}

function located(block: ParsedBlock | undefined, options: LocateOptions): { error: PythonError; next: number } | undefined {
  return block && { error: locate(block, options), next: block.next };
}

/**
 * A group printed at `indent`: its own traceback on "|" lines, then members between "+---- N ----"
 * separators two columns further in, each shaped like a group body (recursively).
 */
function parseGroup(lines: readonly string[], start: number, indent: number, options: LocateOptions): { error: PythonError; next: number } | undefined {
  const block: string[] = [`| ${lines[start].slice(indent + 2)}`];
  let j = start + 1;
  for (; j < lines.length; j++) {
    const line = lines[j];
    if (line.length <= indent || line.slice(0, indent).trim() !== '' || !/[|+ ]/.test(line[indent])) break;
    block.push(line.slice(indent));
  }
  const error = parseGroupBody(block, options);
  return error && { error, next: j };
}

/** Lines at column 0 are "| text" (the group's own traceback) or "+-+---- 1 ----" (members start). */
function parseGroupBody(block: readonly string[], options: LocateOptions): PythonError | undefined {
  const own: string[] = [];
  let k = 0;
  for (; k < block.length && !block[k].startsWith('+'); k++) own.push(block[k].replace(/^\| ?/, ''));
  const errors = parseStream(own, options);
  const error = errors[errors.length - 1] ?? lastLineException(own)[0];
  if (!error) return undefined;
  const members: string[][] = [];
  for (; k < block.length; k++) {
    const line = block[k];
    // "+-+" opens the members here; "  +----" separates them. A nested group's own "  +-+" is content.
    if (/^\+-\+/.test(line) || /^ {2}\+-(?!\+)/.test(line)) members.push([]);
    else if (line.startsWith('  ')) members[members.length - 1]?.push(line.slice(2));
  }
  for (const member of members) {
    const parsed = parseGroupBody(member, options);
    if (parsed) error.exceptions.push(parsed);
  }
  return error;
}

/** Output with no traceback at all may still end with a bare exception line ("MemoryError"). */
function lastLineException(lines: readonly string[]): PythonError[] {
  const last = [...lines].reverse().find((line) => line.trim() !== '');
  const match = last !== undefined ? EXCEPTION_LINE.exec(last) : null;
  if (!match || !/(Error|Exception|Exit|Interrupt|Warning|Group)$/.test(match[1])) return [];
  const block = parseBlock([last as string], 0);
  return block ? [block.error] : [];
}
