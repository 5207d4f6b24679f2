// The statements of a Python file as its indentation sees them: where each begins and ends (over
// brackets, backslashes and triple-quoted strings), which open a block, and the levels they stack.
// Widths count a tab to the next multiple of 8, as CPython's tokenizer does.

export const CLAUSE = /^(elif|else|except|finally)\b/;

export interface Layout {
  lines: string[];
  /** Lines that begin a statement (not blank, not a comment, not a continuation). */
  starts: number[];
  /** Lines that begin inside a triple-quoted string: their whitespace is the string's. */
  inString: boolean[];
  /** Last line of each statement, by its first line. */
  endOf: Map<number, number>;
  /** Statements (by first line) whose line ends with ':' and opens a block. */
  headers: Set<number>;
}

export function layoutOf(source: string): Layout {
  const lines = source.split('\n');
  const layout: Layout = { lines, starts: [], inString: [], endOf: new Map(), headers: new Set() };
  const state: ScanState = { depth: 0 };
  let current: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const continued = state.depth > 0 || state.triple !== undefined || state.backslash === true;
    layout.inString.push(state.triple !== undefined);
    const code = lines[i].trim();
    if (!continued && code !== '' && !code.startsWith('#')) {
      current = i;
      layout.starts.push(i);
    }
    const last = scanCarrying(lines[i], state);
    if (current === undefined) continue;
    layout.endOf.set(current, i);
    if (state.depth > 0 || state.triple !== undefined || state.backslash) continue;
    if (last === ':') layout.headers.add(current);
    current = undefined;
  }
  return layout;
}

export interface Level {
  indent: string;
  /** The latest statement at that level (undefined: none yet). */
  line?: number;
}

/** The indentation levels open at line `at`, outermost first, as CPython's tokenizer stacks them. */
export function openLevels(layout: Layout, at: number): Level[] {
  const open: Level[] = [{ indent: '' }];
  for (const start of layout.starts.filter((s) => s < at)) {
    const indent = leading(layout.lines[start]);
    while (open.length > 1 && widthOf(indent) < widthOf(open[open.length - 1].indent)) open.pop();
    if (widthOf(indent) > widthOf(open[open.length - 1].indent)) open.push({ indent, line: start });
    else open[open.length - 1].line = start;
  }
  return open;
}

/** Just past the statement at `start` and its block: the next statement as little indented. */
export function blockEnd(layout: Layout, start: number): number {
  const width = widthOf(leading(layout.lines[start]));
  const next = layout.starts.find((s) => s > start && widthOf(leading(layout.lines[s])) <= width);
  const inside = layout.starts.filter((s) => s >= start && (next === undefined || s < next));
  return (layout.endOf.get(inside[inside.length - 1]) as number) + 1;
}

/** Just past the run of statements at `start`'s level that a blank line, a dedent or a clause ends. */
export function runEnd(layout: Layout, start: number): number {
  let end = blockEnd(layout, start);
  for (;;) {
    const next = layout.starts.find((s) => s >= end);
    if (next === undefined || widthOf(leading(layout.lines[next])) !== widthOf(leading(layout.lines[start]))) return end;
    if (CLAUSE.test(layout.lines[next].trim()) || layout.lines.slice(end, next).some((line) => line.trim() === '')) return end;
    end = blockEnd(layout, next);
  }
}

/** Lines in [from, to) whose indentation is code's to change: not blank, not inside a string. */
export function linesFrom(layout: Layout, from: number, to: number): number[] {
  const found: number[] = [];
  for (let line = from; line < to; line++) if (layout.lines[line].trim() !== '' && !layout.inString[line]) found.push(line);
  return found;
}

/** The indentation step of the file's space-indented blocks (the most common), else 4. */
export function spaceUnit(layout: Layout): number {
  const steps = new Map<number, number>();
  for (const header of layout.headers) {
    const body = layout.starts.find((s) => s > header);
    const [outer, inner] = [leading(layout.lines[header]), body === undefined ? '' : leading(layout.lines[body])];
    const step = inner.length - outer.length;
    if (step > 0 && !(outer + inner).includes('\t')) steps.set(step, (steps.get(step) ?? 0) + 1);
  }
  return [...steps].sort(([a, m], [b, n]) => n - m || a - b)[0]?.[0] ?? 4;
}

/**
 * Whether the indentation is one CPython accepts: a header's body deeper than the header, no
 * deeper line elsewhere, every dedent back to an open level, no tab and space read two ways.
 */
export function indentationHolds(layout: Layout): boolean {
  const open = [''];
  let expectBody = false;
  for (const start of layout.starts) {
    const indent = leading(layout.lines[start]);
    const top = open[open.length - 1];
    if (expectBody !== widthOf(indent) > widthOf(top) || (expectBody && widthOf(indent, 1) <= widthOf(top, 1))) return false;
    if (expectBody) open.push(indent);
    while (widthOf(indent) < widthOf(open[open.length - 1])) open.pop();
    // CPython compares with a tab as 8 columns and as 1: both readings must agree.
    if (widthOf(indent) !== widthOf(open[open.length - 1]) || widthOf(indent, 1) !== widthOf(open[open.length - 1], 1)) return false;
    expectBody = layout.headers.has(start);
  }
  return !expectBody;
}

interface ScanState {
  depth: number;
  triple?: string;
  backslash?: boolean;
}

/** Scans one line, carrying brackets and triple-quoted strings over; returns its last code character. */
function scanCarrying(line: string, state: ScanState): string | undefined {
  let last: string | undefined;
  let quote: string | undefined;
  state.backslash = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (state.triple || quote) {
      if (ch === '\\') i++;
      else if (state.triple && line.startsWith(state.triple, i)) [state.triple, i] = [undefined, i + 2];
      else if (ch === quote) quote = undefined;
      last = ch;
      continue;
    }
    if (ch === '#') break;
    if (line.startsWith('"""', i) || line.startsWith("'''", i)) [state.triple, i] = [line.slice(i, i + 3), i + 2];
    else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) state.depth++;
    else if (')]}'.includes(ch)) state.depth = Math.max(0, state.depth - 1);
    if (ch.trim() !== '') last = ch;
  }
  state.backslash = last === '\\' && !quote && !state.triple;
  return last;
}

export function leading(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

export function widthOf(indent: string, tabSize = 8): number {
  let width = 0;
  for (const ch of indent) width = ch === '\t' ? (Math.floor(width / tabSize) + 1) * tabSize : width + 1;
  return width;
}
