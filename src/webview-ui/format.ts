// Words and numbers the panel shows. No DOM here, so the unit tests cover it under Node.
import type { FixState } from '../core/heal/fixLifecycle';
import type { AttemptOutcome, FileOutcome } from '../core/heal/ledger';
import type { PythonError } from '../core/errors/pythonError';
import type { PanelFile, PanelRun } from '../webview/protocol';

/**
 * A run's status: label, a one-character icon (hidden from screen readers: the label says it), and
 * the words for a count of files in that state.
 */
export const FIX_STATE: Record<FixState, { label: string; icon: string; count: string }> = {
  running: { label: 'Running', icon: '◌', count: 'running' },
  waiting: { label: 'Waiting for your choice', icon: '?', count: 'waiting for your choice' },
  applied: { label: 'Fix applied', icon: '✓', count: 'applied' },
  discarded: { label: 'Fix discarded', icon: '⊘', count: 'discarded' },
  reverted: { label: 'Fix reverted', icon: '↶', count: 'reverted' },
  cancelled: { label: 'Cancelled', icon: '■', count: 'cancelled' },
  failed: { label: 'Failed', icon: '!', count: 'failed' },
  // A run's word: its files may have run or only been import-checked; each file says which (cleanWordsOf).
  clean: { label: 'Clean', icon: '✓', count: 'clean' },
  'not-healed': { label: 'Not healed', icon: '✗', count: 'not healed' },
  // Ended with a need, never healed: nothing in the code is at fault, so no check and no cross.
  'needs-input': { label: 'Needs input', icon: '?', count: 'needing input' },
  'needs-arguments': { label: 'Needs arguments', icon: '?', count: 'needing arguments' },
  'stopped-at-limit': { label: 'Stopped at a limit', icon: '■', count: 'stopped at a limit' },
};

/** A file's label: its state, and for a fix how far it got. */
export function fileLabel(file: Pick<PanelFile, 'state' | 'outcome' | 'cleanWords'>): string {
  // A fix may get the program as far as needing input or arguments: the label says both.
  const need = file.outcome === 'needs-input' || file.outcome === 'needs-arguments' || file.outcome === 'stopped-at-limit';
  const reached = file.outcome === 'healed' ? 'Healed' : need ? `Got further, now ${FILE_OUTCOME[file.outcome].toLowerCase()}` : 'Got further';
  switch (file.state) {
    case 'waiting':
      return `${reached}, waiting for your choice`;
    case 'applied':
      return `${reached}, fix applied`;
    case 'not-healed':
      return FILE_OUTCOME[file.outcome];
    case 'clean':
      return cleanWordsOf(file);
    default:
      return FIX_STATE[file.state].label;
  }
}

/** "Ran clean", or for a module only import-checked "Imports cleanly": never "ran" for what did not run. */
export function cleanWordsOf(file: Pick<PanelFile, 'cleanWords'>): string {
  const words = file.cleanWords ?? 'ran clean';
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "2 of 4 files done" while healing, then "3 files: 2 applied, 1 not healed", or "1 file". */
export function runFilesText(run: Pick<PanelRun, 'healing' | 'planned' | 'files'>): string {
  const total = Math.max(run.planned.length, run.files.length);
  if (run.healing && run.files.length < total) return `${run.files.length} of ${plural(total, 'file')} done`;
  const counts = (Object.keys(FIX_STATE) as FixState[])
    .map((state) => [FIX_STATE[state].count, run.files.filter((f) => f.state === state).length] as const)
    .concat([['not run', total - run.files.length]])
    .filter(([, count]) => count > 0);
  if (counts.length < 2) return plural(total, 'file');
  return `${plural(total, 'file')}: ${counts.map(([words, count]) => `${count} ${words}`).join(', ')}`;
}

/** The files other than the entry that its fix changes, or all of them when the entry is not among them. */
export function changedElsewhere(file: Pick<PanelFile, 'path' | 'changed'>): string[] {
  return file.changed.length === 1 && file.changed[0] === file.path ? [] : file.changed;
}

/** How a heal ended, for a file whose state needs no choice (not healed). */
const FILE_OUTCOME: Record<FileOutcome, string> = {
  clean: 'Ran clean',
  healed: 'Healed',
  'not-healed': 'Not healed',
  cancelled: 'Cancelled',
  'engine-error': 'Engine error',
  'needs-approval': 'Needs approval to install',
  'needs-input': 'Needs input',
  'needs-arguments': 'Needs arguments',
  'stopped-at-limit': 'Stopped at a limit',
};

export const ATTEMPT_OUTCOME: Record<AttemptOutcome, { label: string; icon: string }> = {
  healed: { label: 'Healed', icon: '✓' },
  progress: { label: 'Kept: got further', icon: '↗' },
  reverted: { label: 'Undone', icon: '↶' },
  refused: { label: 'No usable fix', icon: '⊘' },
  cancelled: { label: 'Cancelled', icon: '■' },
};

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** Empty for zero: rule fixes cost no tokens and say nothing about them. */
export function formatTokens(total: number): string {
  if (total <= 0) return '';
  return `${total.toLocaleString('en-US')} token${total === 1 ? '' : 's'}`;
}

/** "rule:missing-import" -> "Rule: missing-import"; a model's source (with or without "model:") -> "Model: name". */
export function fixSourceLabel(source: string): string {
  if (source.startsWith('rule:')) return `Rule: ${source.slice('rule:'.length)}`;
  return `Model: ${source.startsWith('model:') ? source.slice('model:'.length) : source}`;
}

/**
 * What the panel says an error was: its type and message, or for an expected exit what the program
 * needs, in the words of core's problemText (a unit test holds the two together).
 */
export function errorWords(error: Pick<PythonError, 'type' | 'message' | 'kind' | 'notes'>): { title: string; detail: string } {
  switch (error.kind) {
    case 'needs-input':
      return { title: 'Needs input', detail: 'input() found no input to read, and none was given' };
    case 'needs-arguments': {
      const usage = error.notes.find((note) => note.startsWith('usage: '));
      return { title: 'Needs arguments', detail: usage ? `${error.message} (${usage})` : `the program exited with "${error.message}"` };
    }
    case 'timeout':
    case 'output-limit':
    case 'memory-limit':
      return { title: error.message[0].toUpperCase() + error.message.slice(1), detail: '' };
    default:
      return { title: error.type, detail: error.message };
  }
}

/** '?' for a need of input or arguments, '■' for a limit, undefined for a bug. */
export function needMark(error: Pick<PythonError, 'kind'>): string | undefined {
  if (error.kind === 'needs-input' || error.kind === 'needs-arguments') return '?';
  return error.kind === 'timeout' || error.kind === 'output-limit' || error.kind === 'memory-limit' ? '■' : undefined;
}

/** "main.py:3:5", "main.py:3", or null when the error has no place in the run's files. */
export function locationLabel(error: Pick<PythonError, 'file' | 'line' | 'column'>): string | null {
  if (!error.file || !error.line) return null;
  return `${error.file}:${error.line}${error.column ? `:${error.column}` : ''}`;
}

export type DiffLineKind = 'file' | 'hunk' | 'added' | 'removed' | 'context' | 'note';

/** Each line of a unified diff with what it is, for colouring. */
export function diffLines(diff: string): { kind: DiffLineKind; text: string }[] {
  const lines = diff.endsWith('\n') ? diff.slice(0, -1).split('\n') : diff.split('\n');
  return lines
    .filter((line, index) => line !== '' || index < lines.length - 1)
    .map((text) => ({ kind: diffLineKind(text), text }));
}

function diffLineKind(line: string): DiffLineKind {
  if (line.startsWith('--- a/') || line.startsWith('+++ b/')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'added';
  if (line.startsWith('-')) return 'removed';
  if (line.startsWith(' ')) return 'context';
  return 'note';
}

/** The time of day for today's runs, else the date and time. */
export function formatStartedAt(startedAt: number, now: number = Date.now()): string {
  const started = new Date(startedAt);
  const time = started.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return started.toDateString() === new Date(now).toDateString() ? time : `${started.toLocaleDateString()} ${time}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
