// One program read once for every mutation class: its tokens, logical lines, the names it uses, and
// the part of it that may be mutated (a harness appended after the real code is left alone).
import { codeTokens, tokenize, type LogicalLine, type Token } from './pythonTokens';

export interface ProgramView {
  text: string;
  /** Only tokens starting before this offset are mutated. */
  editableEnd: number;
  tokens: Token[];
  lines: LogicalLine[];
  /** Every name and attribute the program spells, so a typo never lands on one. */
  names: Set<string>;
  /** How many times each plain name appears. */
  nameCounts: Map<string, number>;
}

export function viewOf(text: string, editableEnd = text.length): ProgramView {
  const { tokens, lines } = tokenize(text);
  const names = new Set<string>();
  const nameCounts = new Map<string, number>();
  for (const token of tokens) {
    if (token.kind !== 'name') continue;
    names.add(token.text);
    nameCounts.set(token.text, (nameCounts.get(token.text) ?? 0) + 1);
  }
  return { text, editableEnd, tokens, lines, names, nameCounts };
}

export function editable(view: ProgramView, token: Token): boolean {
  return token.end <= view.editableEnd;
}

/** The logical line's code tokens (no comments). */
export function lineTokens(view: ProgramView, index: number): Token[] {
  return codeTokens(view.tokens, view.lines[index]);
}

/** True when the logical line opens a block (its last code token is the header's `:`). */
export function opensBlock(view: ProgramView, index: number): boolean {
  const code = lineTokens(view, index);
  return code.length > 0 && code[code.length - 1].text === ':' && code[code.length - 1].depth === code[0].depth;
}

/** The text with [start, end) replaced. */
export function edited(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text[i] === '\n') line++;
  return line;
}
