// "unterminated string literal": CPython points at the quote left over after pairing the line's
// quotes, which is not always where the mistake is. Each reading below is one way programmers slip;
// a reading is offered only when the line then lexes cleanly (every string closed, no string or
// name standing next to another name) with the brackets the plain closing leaves.
import type { FixCandidate, RuleFixer } from './fixTypes';
import { lexesCleanly, tokensOf } from './lineTokens';
import { closerOf, scanLine } from './lineScan';
import { candidate, lineEdit, spotOf, type Spot } from './syntaxSpot';
import { changed, closedWithBrackets, earlierOpenings, implausible, laterClosings, mismatchedOnLine, type Change, type Reading } from './stringReadings';
import { bracketsPair, quoteAnywhere, writesTightCommas } from './droppedQuote';
import { compareScores, namesUsedElsewhere, scoreOf, swallowsCode } from './tokenStream';

export const unterminatedString: RuleFixer = {
  id: 'unterminated-string',
  kinds: ['syntax'],
  propose(error, files) {
    const spot = spotOf(error, files);
    if (spot && LOST_QUOTE.test(error.message)) return lostQuote(spot);
    if (!spot || !/^unterminated string literal/.test(error.message)) return [];
    const text = spot.lines[spot.line - 1] ?? '';
    const quoteAt = text.slice(spot.column - 1).search(/["']/) + spot.column - 1;
    if (quoteAt < spot.column - 1) return [];
    const atEnd = closeAtEnd(text, spot.column, quoteAt, spot.lines[spot.line]);
    const closed = changed(text, atEnd.changes);
    const plainIsClean = lexesCleanly(closed);
    const reference = scanLine(closed);
    const fitsLine = (line: string): boolean => {
      const scan = scanLine(line);
      return lexesCleanly(line) && !implausible(line) && !mismatchedOnLine(line) && scan.open.length <= reference.open.length && scan.extraClosers <= reference.extraClosers;
    };
    const fits = (reading: Reading): boolean => fitsLine(changed(text, reading.changes));
    const special = [escapedClosingQuote(text, quoteAt), apostrophe(text, quoteAt)].filter((r): r is Reading => r !== undefined && fits(r));
    const midLine = plainIsClean ? [] : quoteAfterWord(text, quoteAt).filter(fits);
    // One word after which the line lexes is a sure reading; several are tried leftmost first.
    if (special.length === 0 && midLine.length === 1) midLine[0].confident = true;
    const withBrackets = closedWithBrackets(text, atEnd, spot.lines[spot.line], closersOf(reference.open.map(([ch]) => ch)));
    const others = [...(plainIsClean && fits(atEnd) ? [atEnd] : []), ...midLine, ...laterClosings(text, quoteAt).filter(fits),
      ...(withBrackets && fits(withBrackets) ? [withBrackets] : []), ...earlierOpenings(text, quoteAt).filter(fits),
      ...quoteAnywhere(text, quoteAt, readsWell, fitsLine)];
    const known = namesUsedElsewhere(spot.lines, spot.line - 1);
    // A reading that leaves code inside a string has not found the slip (quotes paired the wrong way).
    const ranked = distinct(text, [...special, ...others]).filter((reading) => !swallowsCode(changed(text, reading.changes), known)).map((reading) => ({ reading, score: scoreOf(changed(text, reading.changes), known, insertedAt(reading.changes), writesTightCommas(text)) }));
    // The special readings name their slip outright; the rest go by the code they keep.
    const rest = prefixedFirst(ranked.slice(special.length).sort((a, b) => compareScores(a.score, b.score)), spot.lines, spot.line - 1, text[quoteAt]);
    const readings = [...ranked.slice(0, special.length), ...rest];
    // Nothing lexes cleanly (a line this scanner reads too simply): the plain reading, as ever.
    if (readings.length === 0) return swallowsCode(closed, known) ? [] : [toCandidate(spot, atEnd, atEnd.confident)];
    // Sure only when the first stands alone, or the next would leave a name the file does not know.
    const ahead = readings.length === 1 || readings[1].score.unknownNames > readings[0].score.unknownNames;
    return readings.map(({ reading }, i) => toCandidate(spot, reading, i === 0 && reading.confident && (special.length > 0 || ahead)));
  },
};

/** A line that lexes cleanly and pairs its brackets by type, whatever it leaves open (the dropped quote's own check). */
const readsWell = (line: string): boolean => lexesCleanly(line) && !implausible(line) && !mismatchedOnLine(line);

// A dropped quote CPython reports as what the quotes paired the wrong way leave outside a string:
// `'111000, '1010'` (leading zeros), `[d", "f"]` (invalid decimal literal), `("a,"b")` (a comma).
const LOST_QUOTE = /^(invalid (decimal|hexadecimal|octal|binary) literal|leading zeros in decimal integer literals|invalid syntax\. Perhaps you forgot a comma\?|closing parenthesis '.' does not match opening parenthesis|unexpected character after line continuation character)/;

/** One quote kind left unpaired on the line: put one back where the line then reads as written. */
function lostQuote(spot: Spot): FixCandidate[] {
  const text = spot.lines[spot.line - 1] ?? '';
  const odd = ['"', "'"].filter((quote) => text.split(quote).length % 2 === 0);
  if (odd.length !== 1) return [];
  const known = namesUsedElsewhere(spot.lines, spot.line - 1);
  const tight = writesTightCommas(text);
  return quoteAnywhere(text, text.lastIndexOf(odd[0]), readsWell, bracketsPair)
    .filter((reading) => !swallowsCode(changed(text, reading.changes), known))
    .map((reading) => ({ reading, score: scoreOf(changed(text, reading.changes), known, insertedAt(reading.changes), tight) }))
    .sort((a, b) => compareScores(a.score, b.score))
    .map(({ reading }) => toCandidate(spot, reading, false));
}

function toCandidate(spot: Spot, reading: Reading, confident: boolean): FixCandidate {
  return candidate('unterminated-string', reading.description, reading.changes.map(([column, endColumn, insert]) => lineEdit(spot, spot.line, column, endColumn, insert)), confident);
}

/** Where a reading's inserted text stands in the changed line (0-based). */
function insertedAt(changes: readonly Change[]): number[] {
  let shift = 0;
  return [...changes].sort((a, b) => a[0] - b[0]).map(([column, endColumn, insert]) => {
    const at = column - 1 + shift;
    shift += insert.length - (endColumn - column);
    return at;
  });
}

/** The readings with the first of those that leave the same line. */
/**
 * A reading that keeps a string prefix (`b'AIFF'`) goes just before its twin that takes the prefix
 * into the string (`'bAIFF'`) when the file writes that prefix before that quote elsewhere: a file
 * of bytes literals or f-strings dropped the quote after the prefix. It moves no further up.
 */
function prefixedFirst<T extends { reading: Reading }>(ranked: T[], lines: readonly string[], lineIndex: number, quote: string): T[] {
  const used = (prefix: string): boolean => lines.some((line, i) => i !== lineIndex && new RegExp(`(?<!\\w)${prefix}${quote}`).test(line));
  const order = [...ranked];
  for (const prefixed of ranked.filter(({ reading }) => reading.afterPrefix !== undefined && used(reading.afterPrefix))) {
    const at = prefixed.reading.changes[0][0] - (prefixed.reading.afterPrefix?.length ?? 0);
    const twin = order.findIndex(({ reading }) => reading.afterPrefix === undefined && reading.changes.length === 1 && reading.changes[0][0] === at);
    const from = order.indexOf(prefixed);
    if (twin < 0 || twin > from) continue;
    order.splice(from, 1);
    order.splice(twin, 0, prefixed);
  }
  return order;
}

function distinct(text: string, readings: Reading[]): Reading[] {
  const seen = new Set<string>();
  return readings.filter((reading) => {
    const key = changed(text, reading.changes);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The plain reading: the string runs to the end of the line, less the closers of brackets opened before it. */
function closeAtEnd(text: string, column: number, quoteAt: number, nextLine: string | undefined): Reading {
  const openBefore = scanLine(text.slice(0, column - 1)).open.length;
  let at = text.trimEnd().length;
  for (let k = 0; k < openBefore && /[)\]}]/.test(text[at - 1] ?? ''); k++) at--;
  // A call inside what becomes the string (`'- * len(title)`) says the quote belonged further left.
  const swallowedCode = /[A-Za-z_]\w*\([^()]*\)/.test(text.slice(quoteAt + 1, at));
  // A string continued by one on the next line keeps the blanks it ends in (`"must end "` then `"in ~>"`).
  if (at === text.trimEnd().length && /^[ \t]+$/.test(text.slice(at)) && /^\s*[rRbBuUfF]{0,2}["']/.test(nextLine ?? '')) at = text.length;
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

function closersOf(open: readonly string[]): string {
  return [...open].reverse().map(closerOf).join('');
}
