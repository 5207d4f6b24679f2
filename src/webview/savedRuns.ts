// The panel's runs as saved in the workspace state, and how they come back after a reload. The
// window closing cuts short whatever was still going on, and the state machine says what that
// becomes: a heal still running is cancelled, a fix still waiting for a choice is discarded (its
// diff is gone, and nothing was applied).
import { isFixState, moveFix, runStatusOf, type FixState } from '../core/heal/fixLifecycle';
import { statesOf, type PanelFile, type PanelRun, type PanelTestHeal } from './protocol';

/** Runs saved before file states existed (version 1) said "healed" for discarded fixes: not restored. */
export const SAVED_RUNS_VERSION = 2;

export interface SavedRuns {
  version: typeof SAVED_RUNS_VERSION;
  runs: PanelRun[];
}

export const CLOSED_BEFORE_CHOICE = 'the window closed before a choice was made';

/** The saved runs (at most `max`), or none when the value is missing or not ours. */
export function restoreRuns(value: unknown, max: number): PanelRun[] {
  if (!isSavedRuns(value)) return [];
  return value.runs.filter(isSavedRun).slice(0, max).map(afterReload);
}

/** What a state still open when the window closed becomes (a move the state machine allows). */
const CLOSED: Partial<Record<FixState, FixState>> = { running: 'cancelled', waiting: 'discarded' };

function afterReload(run: PanelRun): PanelRun {
  const files = run.files.map(closedAfterReload);
  const testHeal = run.testHeal && closedAfterReload(run.testHeal);
  const ended = { ...run, files, ...(testHeal ? { testHeal } : {}), healing: false, ...(run.healing ? { cutShort: 'cancelled' as const } : {}) };
  return { ...ended, status: runStatusOf(ended, statesOf(ended)) };
}

function closedAfterReload<T extends PanelFile | PanelTestHeal>(file: T): T {
  const closed = CLOSED[file.state];
  if (!closed || !moveFix(file.state, closed).ok) return file;
  return closed === 'discarded' ? { ...file, state: closed, note: CLOSED_BEFORE_CHOICE } : { ...file, state: closed };
}

function isSavedRuns(value: unknown): value is SavedRuns {
  return typeof value === 'object' && value !== null && (value as SavedRuns).version === SAVED_RUNS_VERSION && Array.isArray((value as SavedRuns).runs);
}

function isSavedRun(value: unknown): value is PanelRun {
  const run = value as PanelRun;
  return (
    typeof run === 'object' && run !== null &&
    typeof run.id === 'string' && typeof run.title === 'string' && typeof run.startedAt === 'number' &&
    isFixState(run.status) && typeof run.healing === 'boolean' && Array.isArray(run.planned) && run.planned.every((entry) => typeof entry === 'string') &&
    Array.isArray(run.files) && run.files.every(isSavedFile) && (run.testHeal === undefined || isSavedTestHeal(run.testHeal))
  );
}

function isSavedTestHeal(value: unknown): value is PanelTestHeal {
  const heal = value as PanelTestHeal;
  return (
    typeof heal === 'object' && heal !== null &&
    typeof heal.entry === 'string' && typeof heal.path === 'string' && typeof heal.summary === 'string' && isFixState(heal.state) &&
    [heal.changed, heal.red, heal.green, heal.stillRed, heal.flaky, heal.attempts].every(Array.isArray)
  );
}

function isSavedFile(value: unknown): value is PanelFile {
  const file = value as PanelFile;
  return (
    typeof file === 'object' && file !== null &&
    typeof file.entry === 'string' && typeof file.uri === 'string' && typeof file.path === 'string' &&
    isFixState(file.state) && Array.isArray(file.changed) &&
    typeof file.outcome === 'string' && Array.isArray(file.attempts) && typeof file.diff === 'string'
  );
}
