// A quote dropped anywhere on a line, opening or closing: every quote after it then pairs the wrong
// way, and CPython points at the last one (`longest([x', 'y']) == 'x'`). One quote of the kind left
// open is put back at each place where the line then reads as its author would have written it;
// which of those is likeliest is left to the code each keeps (tokenStream.ts) and the compile check.
import { tokensOf, type Token } from './lineTokens';
import { scanLine, type LineScan } from './lineScan';
import type { Reading } from './stringReadings';
import { scoreOf } from './tokenStream';

/**
 * `lexes`: whether a line reads as code at all; `pairsAsCut`: whether its brackets are those the
 * line's plain reading leaves, asked only when quotes hold brackets of their own (`['())']`).
 */
export function quoteAnywhere(text: string, quoteAt: number, lexes: (line: string) => boolean, pairsAsCut: (line: string) => boolean = () => false): Reading[] {
  const quote = text[quoteAt];
  const end = text.trimEnd().length;
  const readings: Reading[] = [];
  // The brackets the line has when quotes are ignored are the ones its author wrote (outside strings):
  // the quote put back must leave the same ones open and closed.
  const written = scanLine(text.replace(/["']/g, ''));
  const tightCommas = writesTightCommas(text);
  const bracketsAsWritten = (line: string): boolean => sameBrackets(scanLine(line), written) || (!sameBrackets(written, scanLine('')) && pairsAsCut(line));
  for (let at = text.length - text.trimStart().length; at <= end; at++) {
    const line = text.slice(0, at) + quote + text.slice(at);
    // Never inside a word: a quote is dropped at a string's edge, beside a bracket, blank or operator.
    if (at === quoteAt || (/\w/.test(text[at - 1] ?? '') && /\w/.test(text[at] ?? '')) || !lexes(line)) continue;
    if (!bracketsAsWritten(line) || !asWritten(line, at, tightCommas)) continue;
    readings.push({ description: describe(line, at), changes: [[at + 1, at + 1, quote]], confident: false });
  }
  return readings;
}

/**
 * Whether the string the quote at `at` makes reads as written code: not beside another string
 * (`"a: " "b"`, `'It''s'`) nor glued to a word, not an argument with a comma and nothing after it (`split('',)`), and
 * spaced as PEP 8 spaces it (`"x =" , y` is the quote put back a word too early), or as the line's
 * author does (`["a","b"]`).
 */
function asWritten(line: string, at: number, tightCommas: boolean): boolean {
  const tokens = tokensOf(line);
  const i = tokens.findIndex((token) => token.kind === 'string' && token.start <= at && at < token.end);
  if (i < 0) return false;
  const op = (k: number): string => (tokens[k]?.kind === 'op' ? line[tokens[k].start] : '');
  if ([tokens[i - 1], tokens[i + 1]].some((token) => token?.kind === 'string')) return false;
  // Nor glued to a word (`return'  '.join`, `'a'in`): a blank between them is what the author typed.
  const word = (token: Token | undefined): boolean => token !== undefined && (token.kind === 'name' || token.kind === 'number');
  if ((word(tokens[i - 1]) && tokens[i - 1].end === tokens[i].start) || (word(tokens[i + 1]) && tokens[i + 1].start === tokens[i].end)) return false;
  if (op(i + 1) === ',' && /[)\]}]/.test(op(i + 2))) return false;
  const score = scoreOf(line, new Set(), [at], tightCommas);
  return score.oddSpaces === 0 && score.splitItems === 0;
}

/** As many commas with no blank after them as with one: `["a","b"]` is the author's way. */
export function writesTightCommas(text: string): boolean {
  return (text.match(/,[^\s)\]}]/g) ?? []).length >= (text.match(/,\s/g) ?? []).length;
}

/** Every bracket the line opens, closed on it. */
export function bracketsPair(line: string): boolean {
  const scan = scanLine(line);
  return scan.open.length === 0 && scan.extraClosers === 0;
}

function sameBrackets(a: LineScan, b: LineScan): boolean {
  return a.extraClosers === b.extraClosers && a.open.map(([ch]) => ch).join('') === b.open.map(([ch]) => ch).join('');
}

/** "Open the string before 'x'" when the quote put back starts its string, "Close ... after" when it ends it. */
function describe(line: string, at: number): string {
  const token = tokensOf(line).find((t: Token) => t.kind === 'string' && t.start <= at && at < t.end);
  if (token === undefined) return 'Put back the quote';
  const opens = at < token.end - 1;
  const body = (opens ? line.slice(at + 1, token.end - 1) : line.slice(token.start, at).replace(/^[A-Za-z]*["']/, '')).trim();
  if (body === '') return `Put back the quote of ${line.slice(token.start, token.end)}`;
  const word = body.length > 12 ? `${body.slice(0, 12)}...` : body;
  return opens ? `Open the string before '${word}'` : `Close the string after '${word}'`;
}
