// Words and numbers the panel shows. No DOM here, so the unit tests cover it under Node.
import type { AttemptOutcome, FileOutcome } from '../core/heal/ledger';
import type { PythonError } from '../core/errors/pythonError';
import type { RunStatus } from '../webview/protocol';

/** Label and a one-character icon (hidden from screen readers: the label says it). */
export const RUN_STATUS: Record<RunStatus, { label: string; icon: string }> = {
  running: { label: 'Running', icon: '◌' },
  healed: { label: 'Healed', icon: '✓' },
  'not-healed': { label: 'Not healed', icon: '✗' },
  cancelled: { label: 'Cancelled', icon: '■' },
  failed: { label: 'Failed', icon: '!' },
  'needs-input': { label: 'Needs input', icon: '?' },
  'needs-arguments': { label: 'Needs arguments', icon: '?' },
  'stopped-at-limit': { label: 'Stopped at a limit', icon: '■' },
};

export const FILE_OUTCOME: Record<FileOutcome, { label: string; icon: string }> = {
  clean: { label: 'Ran clean', icon: '✓' },
  healed: { label: 'Healed', icon: '✓' },
  'not-healed': { label: 'Not healed', icon: '✗' },
  cancelled: { label: 'Cancelled', icon: '■' },
  'engine-error': { label: 'Engine error', icon: '!' },
  'needs-approval': { label: 'Needs approval to install', icon: '?' },
  'needs-input': { label: 'Needs input', icon: '?' },
  'needs-arguments': { label: 'Needs arguments', icon: '?' },
  'stopped-at-limit': { label: 'Stopped at a limit', icon: '■' },
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
