// Finds where a SEARCH part sits in a file: exactly first, then tolerating what models commonly get
// wrong without changing meaning - trailing spaces, CRLF line ends, and an indentation shift that is
// the same on every line. The replacement gets the same shift and line ends, so the edit fits.

export interface SearchHit {
  /** 0-based line indexes into the file's lines, end exclusive. */
  start: number;
  end: number;
  /** The replacement lines adapted to the file (indentation shift, CRLF). */
  replacement: string[];
}

/** One hit, or how many places matched (0, or more than 1). */
export type SearchOutcome = { hit: SearchHit } | { matches: number };

/** Indentation the file has beyond the SEARCH lines (added), or the SEARCH lines have beyond the file (removed). */
interface Shift {
  added: string;
  removed: string;
}

export function locateSearch(fileLines: readonly string[], search: readonly string[], replace: readonly string[]): SearchOutcome {
  const exact = positions(fileLines, search.length, (p) => search.every((s, k) => fileLines[p + k] === s));
  if (exact.length === 1) return { hit: { start: exact[0], end: exact[0] + search.length, replacement: [...replace] } };
  if (exact.length > 1) return { matches: exact.length };

  const loose: Array<{ at: number; shift: Shift }> = [];
  for (const at of positions(fileLines, search.length, () => true)) {
    const shift = looseShift(fileLines.slice(at, at + search.length), search);
    if (shift) loose.push({ at, shift });
  }
  if (loose.length !== 1) return { matches: loose.length };
  const { at, shift } = loose[0];
  const crlf = fileLines[at].endsWith('\r');
  const replacement = replace.map((line) => shifted(line, shift) + (crlf ? '\r' : ''));
  return { hit: { start: at, end: at + search.length, replacement } };
}

function positions(fileLines: readonly string[], length: number, matches: (p: number) => boolean): number[] {
  const found: number[] = [];
  for (let p = 0; p + length <= fileLines.length; p++) if (matches(p)) found.push(p);
  return found;
}

/** The one shift that turns every SEARCH line into its file line (ignoring line-end whitespace), if any. */
function looseShift(fileSlice: readonly string[], search: readonly string[]): Shift | undefined {
  let shift: Shift | undefined;
  for (let k = 0; k < search.length; k++) {
    const f = fileSlice[k].trimEnd();
    const s = search[k].trimEnd();
    if (f === '' || s === '') {
      if (f !== s) return undefined;
      continue;
    }
    const fIndent = indentOf(f);
    const sIndent = indentOf(s);
    if (f.slice(fIndent.length) !== s.slice(sIndent.length)) return undefined;
    let here: Shift;
    if (fIndent.endsWith(sIndent)) here = { added: fIndent.slice(0, fIndent.length - sIndent.length), removed: '' };
    else if (sIndent.endsWith(fIndent)) here = { added: '', removed: sIndent.slice(0, sIndent.length - fIndent.length) };
    else return undefined;
    if (shift && (shift.added !== here.added || shift.removed !== here.removed)) return undefined;
    shift = here;
  }
  return shift ?? { added: '', removed: '' };
}

function shifted(line: string, shift: Shift): string {
  if (line.trim() === '') return line;
  if (shift.added !== '') return shift.added + line;
  if (shift.removed === '') return line;
  return line.startsWith(shift.removed) ? line.slice(shift.removed.length) : line.trimStart();
}

const indentOf = (line: string): string => /^[ \t]*/.exec(line)![0];
