// Where a syntax error points, with the file's lines at hand, and the edits the syntax fixers make there.
import { fileText } from '../files/fileTexts';
import type { PythonError } from '../errors/pythonError';
import type { FixCandidate, TextEdit } from './fixTypes';

/** Compound statements: their header ends with ':' and opens a block. */
export const COMPOUND = /^\s*(?:async\s+)?(?:def|class|if|elif|else|for|while|try|except|finally|with|match|case)\b/;

export interface Spot {
  file: string;
  lines: string[];
  line: number;
  column: number;
}

export function spotOf(error: PythonError, files: Readonly<Record<string, string>>): Spot | undefined {
  const source = error.file !== null ? fileText(files, error.file) : undefined;
  if (source === undefined || !error.file || !error.line) return undefined;
  return { file: error.file, lines: source.split('\n'), line: error.line, column: error.column ?? 1 };
}

/** Replaces [column, endColumn) of one line (1-based, end exclusive); equal columns insert. */
export function lineEdit(spot: Spot, line: number, column: number, endColumn: number, text: string): TextEdit {
  return { file: spot.file, startLine: line, startColumn: column, endLine: line, endColumn, newText: text };
}

export function candidate(rule: string, description: string, edits: TextEdit[], confident: boolean): FixCandidate {
  return { source: `rule:${rule}`, description, edits, confident };
}

/** A line's text with one edit of `lineEdit`'s shape applied. */
export function editedLine(text: string, column: number, endColumn: number, insert: string): string {
  return text.slice(0, column - 1) + insert + text.slice(endColumn - 1);
}
