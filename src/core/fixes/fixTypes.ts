// A fix is a set of text edits with a one-line description, proposed by a rule or a model and
// kept only when a run proves it. Lines and columns are 1-based; end columns are exclusive.
import { lineEndingOf, withLineEnding } from '../files/lineEndings';
import type { ErrorKind, PythonError } from '../errors/pythonError';

export interface TextEdit {
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface FixCandidate {
  /** "rule:missing-import", or the model's name. */
  source: string;
  description: string;
  edits: TextEdit[];
  /** Safe to offer as the preferred quick fix. */
  confident: boolean;
}

export interface RuleFixer {
  id: string;
  kinds: readonly ErrorKind[];
  propose(error: PythonError, files: Readonly<Record<string, string>>): FixCandidate[];
}

/**
 * Applies edits to one file's text; edits must not overlap. Returns undefined if any is out of range.
 * The line ends an edit brings are written in the file's own ending (lineEndings.ts).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string | undefined {
  const ending = lineEndingOf(text);
  const lines = text.split('\n');
  const offset = (line: number, column: number): number | undefined => {
    if (line < 1 || line > lines.length + 1 || column < 1) return undefined;
    if (line === lines.length + 1) return column === 1 ? text.length : undefined;
    if (column > lines[line - 1].length + 1) return undefined;
    return lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
  };
  const spans = edits.map((edit) => ({ edit, start: offset(edit.startLine, edit.startColumn), end: offset(edit.endLine, edit.endColumn) }));
  if (spans.some((s) => s.start === undefined || s.end === undefined || (s.end as number) < (s.start as number))) return undefined;
  let result = text;
  for (const span of spans.sort((a, b) => (b.start as number) - (a.start as number))) {
    result = result.slice(0, span.start) + withLineEnding(span.edit.newText, ending) + result.slice(span.end);
  }
  return result;
}
