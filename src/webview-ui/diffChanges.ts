// Which characters of a changed line changed, so the panel can mark them: a one-character fix (a
// closing bracket, a colon) is hard to spot by comparing two whole lines. No DOM here.
import type { DiffLineKind } from './format';

/** Indices into a diff line's text (its +/- marker included), end exclusive. */
export interface ChangedSpan {
  start: number;
  end: number;
}

/**
 * A block of removed lines followed by as many added lines is read as those lines edited in place,
 * pair by pair; each pair's common start and end are cut off and what is left is marked. Blocks of
 * different sizes are left unmarked: pairing them would be a guess.
 */
export function changedSpans(lines: readonly { kind: DiffLineKind; text: string }[]): (ChangedSpan | null)[] {
  const spans: (ChangedSpan | null)[] = lines.map(() => null);
  let i = 0;
  while (i < lines.length) {
    if (lines[i].kind !== 'removed') {
      i++;
      continue;
    }
    const addedStart = endOfRun(lines, i, 'removed');
    const addedEnd = endOfRun(lines, addedStart, 'added');
    if (addedEnd - addedStart === addedStart - i) {
      for (let k = 0; k < addedStart - i; k++) {
        [spans[i + k], spans[addedStart + k]] = pairSpans(lines[i + k].text, lines[addedStart + k].text);
      }
    }
    i = addedEnd;
  }
  return spans;
}

function endOfRun(lines: readonly { kind: DiffLineKind }[], from: number, kind: DiffLineKind): number {
  let end = from;
  while (end < lines.length && lines[end].kind === kind) end++;
  return end;
}

function pairSpans(removed: string, added: string): [ChangedSpan | null, ChangedSpan | null] {
  const [before, after] = [removed.slice(1), added.slice(1)];
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  // A line rewritten from end to end would be marked whole, which says no more than its colour.
  if (prefix + suffix < shorter / 2) return [null, null];
  const span = (text: string): ChangedSpan | null => (prefix < text.length - suffix ? { start: 1 + prefix, end: 1 + text.length - suffix } : null);
  return [span(before), span(after)];
}
