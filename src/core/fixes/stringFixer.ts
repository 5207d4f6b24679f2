// "unterminated string literal": CPython points at the quote left over after pairing the line's
// quotes, which is not always where the mistake is. Each reading below is one way programmers slip;
// a reading is offered only when the line then lexes cleanly (every string closed, no string or
// name standing next to another name) with the brackets the plain closing leaves.
import type { RuleFixer } from './fixTypes';
import { lexesCleanly, tokensOf } from './lineTokens';
import { scanLine } from './lineScan';
import { candidate, lineEdit, spotOf } from './syntaxSpot';

/** Replaces [column, endColumn) of the line (1-based, end exclusive). */
type Change = [column: number, endColumn: number, text: string];

interface Reading {
  description: string;
  changes: Change[];
  confident: boolean;
}

export const unterminatedString: RuleFixer = {
  id: 'unterminated-string',
  kinds: ['syntax'],
  propose(error, files) {
    const spot = spotOf(error, files);
    if (!spot || !/^unterminated string literal/.test(error.message)) return [];
    const text = spot.lines[spot.line - 1] ?? '';
    const quoteAt = text.slice(spot.column - 1).search(/["']/) + spot.column - 1;
    if (quoteAt < spot.column - 1) return [];
    const atEnd = closeAtEnd(text, spot.column, quoteAt);
    const closed = changed(text, atEnd.changes);
    const plainIsClean = lexesCleanly(closed);
    const fits = (reading: Reading): boolean => {
      const line = changed(text, reading.changes);
      const [scan, reference] = [scanLine(line), scanLine(closed)];
      return lexesCleanly(line) && scan.open.length === reference.open.length && scan.extraClosers === reference.extraClosers;
    };
    const special = [escapedClosingQuote(text, quoteAt), apostrophe(text, quoteAt)].filter((r): r is Reading => r !== undefined && fits(r));
    const midLine = plainIsClean ? [] : quoteAfterWord(text, quoteAt).filter(fits);
    // One word after which the line lexes is a sure reading; several are tried leftmost first.
    if (special.length === 0 && midLine.length === 1) midLine[0].confident = true;
    const readings = [...special, ...(plainIsClean ? [atEnd] : []), ...midLine];
    // Nothing lexes cleanly (a line this scanner reads too simply): the plain reading, as ever.
    if (readings.length === 0) readings.push(atEnd);
    return readings.map((reading, i) => candidate('unterminated-string', reading.description,
      reading.changes.map(([column, endColumn, insert]) => lineEdit(spot, spot.line, column, endColumn, insert)), i === 0 && reading.confident));
  },
};

/** The plain reading: the string runs to the end of the line, less the closers of brackets opened before it. */
function closeAtEnd(text: string, column: number, quoteAt: number): Reading {
  const openBefore = scanLine(text.slice(0, column - 1)).open.length;
  let at = text.trimEnd().length;
  for (let k = 0; k < openBefore && /[)\]}]/.test(text[at - 1] ?? ''); k++) at--;
  // A call inside what becomes the string (`'- * len(title)`) says the quote belonged further left.
  const swallowedCode = /[A-Za-z_]\w*\([^()]*\)/.test(text.slice(quoteAt + 1, at));
  return { description: 'Close the string', changes: [[at + 1, at + 1, text[quoteAt]]], confident: !swallowedCode };
}

/**
 * `"C:\\Users\\ada\"`: a trailing backslash escapes the closing quote. Doubled, it is a backslash
 * again. Not when the string escapes quotes elsewhere (`"say \"hi\"`), nor in a raw string.
 */
function escapedClosingQuote(text: string, quoteAt: number): Reading | undefined {
  const quote = text[quoteAt];
  const last = text.lastIndexOf(quote);
  const prefix = /[A-Za-z]*$/.exec(text.slice(0, quoteAt))?.[0] ?? '';
  if (last <= quoteAt || /[rR]/.test(prefix) || !/^[\s)\]},:;]*(#.*)?$/.test(text.slice(last + 1))) return undefined;
  const escaped: number[] = [];
  for (let i = quoteAt + 1; i <= last; i++) {
    if (text[i] !== '\\') continue;
    if (text[i + 1] === quote) escaped.push(i + 1);
    i++;
  }
  if (escaped.length !== 1 || escaped[0] !== last) return undefined;
  return { description: 'Double the backslash before the closing quote', changes: [[last + 1, last + 1, '\\']], confident: true };
}

/**
 * `'It's sold out'`: an apostrophe between letters ended the string early. The quote left open
 * belongs to the string that holds it: delimit that string with `"` instead.
 */
function apostrophe(text: string, quoteAt: number): Reading | undefined {
  if (text[quoteAt] !== "'") return undefined;
  // Between letters, unless the letters before are a string prefix (`f'It`).
  const between = (i: number): boolean => /[A-Za-z]/.test(text[i + 1] ?? '') && /[A-Za-z]+$/.test(text.slice(0, i)) && !/(?<!\w)(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/.test(text.slice(0, i));
  let open = text.lastIndexOf("'", quoteAt - 1);
  let apostrophes = 0;
  while (open >= 0 && between(open)) [open, apostrophes] = [text.lastIndexOf("'", open - 1), apostrophes + 1];
  const startsString = tokensOf(text).some((token) => token.kind === 'string' && token.start <= open && /^[A-Za-z]{0,2}$/.test(text.slice(token.start, open)));
  if (open < 0 || apostrophes === 0 || !startsString || text.slice(open, quoteAt).includes('"')) return undefined;
  return { description: 'Quote the string with " around its apostrophe', changes: [[open + 1, open + 2, '"'], [quoteAt + 1, quoteAt + 2, '"']], confident: true };
}

/**
 * `"role: "admiral"` or `'gamma, 'delta'`: the closing quote was left out after a word, and every
 * quote after it pairs the wrong way. Candidates: after each word followed by `,` `:` `)` `]` `}`,
 * leftmost first (the first word of the string is where its quote is usually forgotten).
 */
function quoteAfterWord(text: string, quoteAt: number): Reading[] {
  const quote = text[quoteAt];
  return [...text.matchAll(/\w(?=\s*[,:)\]}])/g)].map((m): Reading => {
    const at = (m.index as number) + 2;
    return { description: `Close the string after '${wordEndingAt(text, at - 1)}'`, changes: [[at, at, quote]], confident: false };
  });
}

function wordEndingAt(text: string, end: number): string {
  return /\w+$/.exec(text.slice(0, end))?.[0] ?? '';
}

/** The line with changes that do not overlap applied, rightmost first. */
function changed(text: string, changes: readonly Change[]): string {
  return [...changes].sort((a, b) => b[0] - a[0]).reduce((line, [column, endColumn, insert]) => line.slice(0, column - 1) + insert + line.slice(endColumn - 1), text);
}
