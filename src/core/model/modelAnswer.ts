// Turns a model's answer into a fix candidate, or says exactly why it cannot be used, so the model
// can be told and answer again. Edits are matched against the run's files as they are now.
import { fileText } from '../files/fileTexts';
import { applyEdits, type FixCandidate, type TextEdit } from '../fixes/fixTypes';
import { firstProseLine, scanAnswer, type RawEdit, type RawWholeFile } from './answerBlocks';
import { evasionIn } from './evasion';
import { locateSearch } from './searchMatch';

export interface ModelAnswer {
  content: string;
  /** As the endpoint reports it: 'stop', 'length' (cut off at the token limit), ... */
  finishReason?: string | null;
}

export interface AnswerContext {
  files: Readonly<Record<string, string>>;
  model: string;
  /** The type of the error being fixed, for the fallback description. */
  errorType: string;
}

export type AnswerVerdict = { candidate: FixCandidate } | { rejection: string };

const MAX_DESCRIPTION = 100;
/** Below this share of the original's lines, a "whole file" is taken to be cut short. */
const MIN_WHOLE_FILE_SHARE = 0.5;
const MIN_LINES_FOR_SHARE_CHECK = 10;
/** Lines that stand for code left out; refused unless the original has the same line. */
const PLACEHOLDERS = [
  /^#\s*(\.\.\.|…)/,
  /^(\.\.\.|…)$/,
  /^#.*\b(rest|remainder) of (the )?(code|file|program|function|class|module|script)\b/i,
  /^#.*\b(unchanged|omitted|same as (before|above|the original))\b/i,
  /^#.*\b(existing|previous|original|other) code\b/i,
];

export function parseModelAnswer(answer: ModelAnswer, context: AnswerContext): AnswerVerdict {
  if (answer.finishReason === 'length') return reject('the answer was cut off at the token limit');
  if (answer.content.trim() === '') return reject('the answer is empty');
  const scanned = scanAnswer(answer.content);
  if (scanned.form === 'invalid') return reject(scanned.reason);
  const edits = scanned.form === 'edits' ? editsFromBlocks(scanned.edits, context.files) : editFromWholeFile(scanned.file, context.files);
  if (typeof edits === 'string') return reject(edits);
  if (!changesSomething(edits, context.files)) return reject('the answer changes nothing');
  const evasion = evasionIn(context.files, filesAfter(edits, context.files));
  if (evasion) return reject(evasion);
  const prose = firstProseLine(answer.content);
  const description = prose !== undefined && prose.length <= MAX_DESCRIPTION ? prose : `Model fix for ${context.errorType}`;
  return { candidate: { source: `model:${context.model}`, description, edits, confident: false } };
}

/** The text edits of the blocks, or the reason they cannot be used. */
function editsFromBlocks(blocks: readonly RawEdit[], files: Readonly<Record<string, string>>): TextEdit[] | string {
  const only = onlyFile(files);
  const placed: Array<{ number: number; edit: TextEdit; start: number; end: number }> = [];
  for (const block of blocks) {
    const file = block.path ?? only;
    if (file === null) return `edit ${block.number} does not name its file: put the path on the line before "<<<<<<< SEARCH"`;
    const text = fileText(files, file);
    if (text === undefined) return `edit ${block.number} changes ${file}, which is not part of this run`;
    const lines = linesOf(text);
    const emptySearch = block.search.every((l) => l.trim() === '');
    if (emptySearch && lines.length > 0) return `edit ${block.number} has an empty SEARCH part`;
    const outcome = emptySearch ? { hit: { start: 0, end: 0, replacement: block.replace } } : locateSearch(lines, block.search, block.replace);
    if ('matches' in outcome) {
      return outcome.matches === 0
        ? `edit ${block.number} matches nothing in ${file}`
        : `edit ${block.number} matches ${outcome.matches} places in ${file}`;
    }
    const { start, end, replacement } = outcome.hit;
    const clash = placed.find((p) => p.edit.file === file && p.start < Math.max(end, start + 1) && start < Math.max(p.end, p.start + 1));
    if (clash) return `edits ${clash.number} and ${block.number} overlap in ${file}`;
    placed.push({ number: block.number, start, end, edit: lineRangeEdit(file, text, start, end, replacement) });
  }
  return placed.map((p) => p.edit);
}

/** One edit spanning the old text, or the reason the block is not a usable whole file. */
function editFromWholeFile(block: RawWholeFile, files: Readonly<Record<string, string>>): TextEdit[] | string {
  const file = block.path ?? onlyFile(files);
  if (file === null) return 'the answer gives a whole file but not its path: put the path on the line before the code block';
  const old = fileText(files, file);
  if (old === undefined) return `the code block is for ${file}, which is not part of this run`;
  const oldLines = linesOf(old);
  const oldTrimmed = new Set(oldLines.map((l) => l.trim()));
  const placeholder = block.lines.map((l) => l.trim()).find((l) => !oldTrimmed.has(l) && PLACEHOLDERS.some((p) => p.test(l)));
  if (placeholder !== undefined) return `the code block is not the whole file: it has "${placeholder}" in place of code`;
  const newLines = [...block.lines];
  while (newLines.length > 0 && newLines[newLines.length - 1].trim() === '') newLines.pop();
  // A code block cannot carry blank lines at its end: the file's own stay as they were.
  let blankTail = 0;
  while (blankTail < oldLines.length && oldLines[oldLines.length - 1 - blankTail].trim() === '') blankTail++;
  if (newLines.length > 0) newLines.push(...oldLines.slice(oldLines.length - blankTail));
  if (oldLines.length >= MIN_LINES_FOR_SHARE_CHECK && newLines.length < oldLines.length * MIN_WHOLE_FILE_SHARE) {
    return `the code block has ${newLines.length} lines where ${file} has ${oldLines.length}: it looks cut short`;
  }
  return [changedLinesEdit(file, old, newLines)];
}

/**
 * The whole-file answer as an edit of only the lines it changes: the lines before and after the
 * change keep their bytes (line ends included), and the final-newline state of the file stays.
 */
function changedLinesEdit(file: string, old: string, newLines: readonly string[]): TextEdit {
  const oldLines = linesOf(old);
  const same = (a: string, b: string): boolean => a.replace(/\r$/, '') === b.replace(/\r$/, '');
  let start = 0;
  while (start < oldLines.length && start < newLines.length && same(oldLines[start], newLines[start])) start++;
  // Adding after a last line that has no line end must rewrite that line, to give it one.
  if (start === oldLines.length && start > 0 && !old.endsWith('\n')) start--;
  let tail = 0;
  while (tail < oldLines.length - start && tail < newLines.length - start && same(oldLines[oldLines.length - 1 - tail], newLines[newLines.length - 1 - tail])) tail++;
  return lineRangeEdit(file, old, start, oldLines.length - tail, newLines.slice(start, newLines.length - tail));
}

/** Replaces whole lines [start, end) (0-based) with `replacement`, keeping the file's final-newline state. */
function lineRangeEdit(file: string, text: string, start: number, end: number, replacement: readonly string[]): TextEdit {
  const lines = linesOf(text);
  const reachesUnterminatedEnd = end === lines.length && end > start && !text.endsWith('\n');
  if (reachesUnterminatedEnd) {
    // The old last line had no line end, so the new one gets none either ('\r' included).
    const newText = replacement.join('\n').replace(/\r$/, '');
    return { file, startLine: start + 1, startColumn: 1, endLine: end, endColumn: lines[end - 1].length + 1, newText };
  }
  return { file, startLine: start + 1, startColumn: 1, endLine: end + 1, endColumn: 1, newText: replacement.map((l) => `${l}\n`).join('') };
}

/** The file's lines without the empty one after a final newline; each may keep a '\r'. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

/** The touched files as the edits leave them. */
function filesAfter(edits: readonly TextEdit[], files: Readonly<Record<string, string>>): Record<string, string> {
  const touched = [...new Set(edits.map((e) => e.file))];
  return Object.fromEntries(touched.map((file) => [file, applyEdits(fileText(files, file) ?? '', edits.filter((e) => e.file === file)) ?? '']));
}

function changesSomething(edits: readonly TextEdit[], files: Readonly<Record<string, string>>): boolean {
  const touched = [...new Set(edits.map((e) => e.file))];
  return touched.some((file) => applyEdits(fileText(files, file) ?? '', edits.filter((e) => e.file === file)) !== fileText(files, file));
}

function onlyFile(files: Readonly<Record<string, string>>): string | null {
  const paths = Object.keys(files);
  return paths.length === 1 ? paths[0] : null;
}

const reject = (rejection: string): AnswerVerdict => ({ rejection });
