// Reads the structure of a model's answer: SEARCH/REPLACE edit blocks, or one fenced code block
// holding a whole file, with the path line that names each. Knows nothing of the run's files; the
// verdict (modelAnswer.ts) matches what is found here against them.

export interface RawEdit {
  /** 1-based, in answer order, for messages. */
  number: number;
  /** The path named on the line before the block; null when none is named. */
  path: string | null;
  search: string[];
  replace: string[];
}

export interface RawWholeFile {
  path: string | null;
  language: string;
  lines: string[];
}

export type ScannedAnswer =
  | { form: 'edits'; edits: RawEdit[] }
  | { form: 'file'; file: RawWholeFile }
  | { form: 'invalid'; reason: string };

// Models miscount marker characters now and then; five to nine of them still say the same thing.
const SEARCH = /^\s*<{5,9}\s*SEARCH\s*$/;
const DIVIDER = /^\s*={5,9}\s*$/;
const REPLACE = /^\s*>{5,9}\s*REPLACE\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*).*$/;

export function scanAnswer(text: string): ScannedAnswer {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.some((l) => SEARCH.test(l) || REPLACE.test(l))) return scanEdits(lines);
  return scanWholeFile(lines);
}

function scanEdits(lines: string[]): ScannedAnswer {
  const edits: RawEdit[] = [];
  let i = 0;
  while (i < lines.length) {
    if (REPLACE.test(lines[i])) return invalid('the answer has a ">>>>>>> REPLACE" line without a "<<<<<<< SEARCH" line before it');
    if (!SEARCH.test(lines[i])) {
      i++;
      continue;
    }
    const number = edits.length + 1;
    const named = pathBefore(lines, i);
    const path = named === 'previous' ? (edits[edits.length - 1]?.path ?? null) : named;
    const search: string[] = [];
    for (i++; i < lines.length && !DIVIDER.test(lines[i]); i++) {
      if (SEARCH.test(lines[i]) || REPLACE.test(lines[i])) return invalid(`edit ${number} has no "=======" line`);
      search.push(lines[i]);
    }
    if (i >= lines.length) return invalid(`edit ${number} has no "=======" line`);
    const replace: string[] = [];
    for (i++; i < lines.length && !REPLACE.test(lines[i]); i++) {
      if (SEARCH.test(lines[i]) || DIVIDER.test(lines[i])) return invalid(`edit ${number} has no ">>>>>>> REPLACE" line`);
      replace.push(lines[i]);
    }
    if (i >= lines.length) return invalid(`edit ${number} has no ">>>>>>> REPLACE" line`);
    edits.push({ number, path, search, replace });
    i++;
  }
  return { form: 'edits', edits };
}

/** The path on the line before a block, skipping blank and fence lines; 'previous' right after another block. */
function pathBefore(lines: string[], index: number): string | null | 'previous' {
  let j = index - 1;
  while (j >= 0 && (lines[j].trim() === '' || FENCE.test(lines[j]))) j--;
  if (j < 0) return null;
  if (REPLACE.test(lines[j])) return 'previous';
  return pathOf(lines[j]);
}

interface Fence {
  open: number;
  language: string;
  lines: string[];
  closed: boolean;
}

function scanWholeFile(lines: string[]): ScannedAnswer {
  const fences = fencesOf(lines);
  if (fences.length === 0) return invalid('the answer has neither edit blocks nor a code block');
  if (fences.length > 1) return invalid(`the answer has ${fences.length} code blocks; give edit blocks, or exactly one code block with the whole file`);
  const [fence] = fences;
  if (!fence.closed) return invalid('the code block is not closed');
  if (fence.language === 'diff' || fence.language === 'patch' || looksLikeDiff(fence.lines)) {
    return invalid('the answer is a diff; give edit blocks or the whole file');
  }
  let j = fence.open - 1;
  while (j >= 0 && lines[j].trim() === '') j--;
  const path = (j >= 0 ? pathOf(lines[j]) : null) ?? pathOf(fence.language);
  return { form: 'file', file: { path, language: fence.language, lines: fence.lines } };
}

function fencesOf(lines: string[]): Fence[] {
  const fences: Fence[] = [];
  let current: (Fence & { marker: string }) | undefined;
  lines.forEach((line, index) => {
    if (current) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === current.marker[0] && close[1].length >= current.marker.length) {
        current.closed = true;
        fences.push(current);
        current = undefined;
      } else {
        current.lines.push(line);
      }
      return;
    }
    const open = FENCE.exec(line);
    if (open) current = { open: index, language: open[2].toLowerCase(), lines: [], closed: false, marker: open[1] };
  });
  if (current) fences.push(current);
  return fences;
}

function looksLikeDiff(lines: string[]): boolean {
  return lines.some((l) => l.startsWith('--- ')) && lines.some((l) => l.startsWith('+++ ')) && lines.some((l) => l.startsWith('@@'));
}

/** The path a line names, when the whole line is a path ("main.py", "`pkg/util.py`:", "File: main.py"). */
export function pathOf(line: string): string | null {
  const cleaned = line
    .trim()
    .replace(/^#+\s*/, '')
    .replace(/^(file|path)\s*:\s*/i, '')
    .replace(/^[*`'"]+|[*`'":]+$/g, '')
    .replace(/^\.\//, '');
  return /^[^\s`*'"]+\.[A-Za-z0-9_]+$/.test(cleaned) ? cleaned : null;
}

/** The first line of prose before any block, if it reads as a description rather than filler. */
export function firstProseLine(text: string): string | undefined {
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (SEARCH.test(raw) || FENCE.test(raw)) return undefined;
    const line = raw.trim().replace(/^([#>*-]+\s*)+/, '').replace(/\*\*/g, '').replace(/[:.]+$/, '').trim();
    if (line === '') continue;
    if (pathOf(raw) !== null) return undefined;
    if (/^(here('s| is| are)|below|sure|certainly|ok(ay)?\b|the (fixed|corrected|updated) (code|file|program|version))/i.test(line)) return undefined;
    return line;
  }
  return undefined;
}

const invalid = (reason: string): ScannedAnswer => ({ form: 'invalid', reason });
