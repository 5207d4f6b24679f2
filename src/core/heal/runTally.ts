// A run of several files in one line of words, the same in the editor's notification and the CLI:
// "7 files: 5 healed, 1 needs input, 1 not healed". Counted by each file's outcome (a verified fix
// that waits for Apply or Discard, or that could not be written, is not "healed": the file is as it
// was), in a fixed order, zero counts left out; a clean module is counted as import-checked, never as run
// (CLEAN_RUN_WORDS), so "3 import cleanly" is not read as "3 ran".
import { CLEAN_RUN_WORDS, type LaunchKind } from '../program/launch';
import type { FileOutcome } from './ledger';

export interface TalliedFile {
  outcome: FileOutcome;
  /** How the file was started: decides the words for a clean one. */
  kind: LaunchKind;
  /** A verified fix the editor could not write (the file changed meanwhile): not counted as healed. */
  notApplied?: boolean;
  /** A verified fix shown for Apply or Discard (preview): the file is not changed yet. */
  waiting?: boolean;
}

/** [one, many]: "1 needs input", "2 need input". */
type Words = readonly [string, string];

const OUTCOME_WORDS: Readonly<Record<Exclude<FileOutcome, 'clean'>, Words>> = {
  healed: ['healed', 'healed'],
  'needs-input': ['needs input', 'need input'],
  'needs-arguments': ['needs arguments', 'need arguments'],
  'stopped-at-limit': ['stopped at a limit', 'stopped at a limit'],
  'needs-approval': ['needs an install approved', 'need an install approved'],
  'not-healed': ['not healed', 'not healed'],
  'engine-error': ['could not run', 'could not run'],
  cancelled: ['cancelled', 'cancelled'],
};

const NOT_APPLIED_WORDS: Words = ['fix not applied', 'fixes not applied'];
/** The words of the Fix Attempts panel for the same state. */
const WAITING_WORDS: Words = ['waiting for your choice', 'waiting for your choice'];

const CLEAN_WORDS: Readonly<Record<LaunchKind, Words>> = {
  run: [CLEAN_RUN_WORDS.run, CLEAN_RUN_WORDS.run],
  'run-module': [CLEAN_RUN_WORDS['run-module'], CLEAN_RUN_WORDS['run-module']],
  import: [CLEAN_RUN_WORDS.import, 'import cleanly'],
  compile: [CLEAN_RUN_WORDS.compile, 'compile cleanly'],
};

/** The order counts are told in: what went well, then what needs the user, then what failed. */
const ORDER: readonly string[] = [
  'healed', WAITING_WORDS[0], CLEAN_RUN_WORDS.run, CLEAN_RUN_WORDS.import, CLEAN_RUN_WORDS.compile,
  'needs input', 'needs arguments', 'stopped at a limit', 'needs an install approved', NOT_APPLIED_WORDS[0], 'not healed', 'could not run', 'cancelled',
];

function wordsOf(file: TalliedFile): Words {
  if (file.notApplied) return NOT_APPLIED_WORDS;
  if (file.waiting) return WAITING_WORDS;
  return file.outcome === 'clean' ? CLEAN_WORDS[file.kind] : OUTCOME_WORDS[file.outcome];
}

/** One file's outcome in the words of the tally: "healed", "imports cleanly", "needs input". */
export function outcomeWords(file: TalliedFile): string {
  return wordsOf(file)[0];
}

/** "7 files: 5 healed, 1 needs input, 1 not healed"; "1 file: 1 imports cleanly". */
export function tallyLine(files: readonly TalliedFile[]): string {
  const counts = new Map<string, { words: Words; count: number }>();
  for (const file of files) {
    const words = wordsOf(file);
    const counted = counts.get(words[0]) ?? { words, count: 0 };
    counted.count += 1;
    counts.set(words[0], counted);
  }
  const parts = [...counts.entries()]
    .sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b))
    .map(([, { words, count }]) => `${count} ${count === 1 ? words[0] : words[1]}`);
  return `${files.length} file${files.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
