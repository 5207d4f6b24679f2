// The Fix Attempts panel's state, owned by the host: runs newest first, kept to the last 20 and
// saved per workspace so they come back after a reload. Free of `vscode` so plain mocha tests it.
import { isRunStatus, type PanelFile, type PanelRun, type PanelState, type RunStatus } from './protocol';
import { trimFile } from './recordTrim';

/** What the store needs of vscode.Memento (workspaceState). */
export interface StateMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const PANEL_RUNS_KEY = 'selfHeal.panel.runs';
export const MAX_RUNS = 20;
/** Saved runs stop here (newest kept first), so a huge workspace heal cannot bloat the memento. */
export const MAX_SAVED_CHARS = 2_000_000;
/** A file's changed texts are kept in memory (for the diff view) only up to this size in total. */
export const MAX_KEPT_TEXT_CHARS = 1024 * 1024;

interface SavedRuns {
  version: 1;
  runs: PanelRun[];
}

export class PanelStore {
  private runs: PanelRun[];
  private modelConfigured = false;
  private running = false;

  constructor(private readonly memento: StateMemento) {
    this.runs = restoreRuns(memento.get<unknown>(PANEL_RUNS_KEY));
  }

  /** Starts a run (a run id seen before starts over) at the top; the oldest beyond 20 go. */
  startRun(run: { id: string; title: string }, startedAt = Date.now()): void {
    const started: PanelRun = { id: run.id, title: run.title, startedAt, status: 'running', files: [] };
    this.runs = [started, ...this.runs.filter((r) => r.id !== run.id)].slice(0, MAX_RUNS);
  }

  /** Adds the file to the run or replaces the one with the same entry; false for an unknown run. */
  updateFile(runId: string, file: PanelFile): boolean {
    const run = this.find(runId);
    if (!run) return false;
    const kept = keepTextsBounded(file);
    const index = run.files.findIndex((f) => f.entry === file.entry);
    if (index >= 0) run.files[index] = kept;
    else run.files.push(kept);
    return true;
  }

  finishRun(runId: string, status: RunStatus): boolean {
    const run = this.find(runId);
    if (!run || run.status === status) return false;
    run.status = status;
    return true;
  }

  markReverted(runId: string, entry: string): boolean {
    const file = this.find(runId)?.files.find((f) => f.entry === entry);
    if (!file || file.reverted) return false;
    file.reverted = true;
    return true;
  }

  setModelConfigured(configured: boolean): boolean {
    const changed = this.modelConfigured !== configured;
    this.modelConfigured = configured;
    return changed;
  }

  setRunning(running: boolean): boolean {
    const changed = this.running !== running;
    this.running = running;
    return changed;
  }

  /** A copy of the whole state, file texts included. */
  snapshot(): PanelState {
    return structuredClone({ runs: this.runs, modelConfigured: this.modelConfigured, running: this.running });
  }

  /** What the webview gets: the state without file texts and with long fields cut. */
  webviewState(): PanelState {
    return { runs: this.runs.map(trimRun), modelConfigured: this.modelConfigured, running: this.running };
  }

  run(runId: string): PanelRun | undefined {
    const run = this.find(runId);
    return run && structuredClone(run);
  }

  file(runId: string, entry: string): PanelFile | undefined {
    const file = this.find(runId)?.files.find((f) => f.entry === entry);
    return file && structuredClone(file);
  }

  /** Saves the runs, trimmed, newest first, within MAX_SAVED_CHARS. */
  persist(): PromiseLike<void> {
    const saved: PanelRun[] = [];
    let size = 0;
    for (const run of this.runs.map(trimRun)) {
      size += JSON.stringify(run).length;
      if (saved.length > 0 && size > MAX_SAVED_CHARS) break;
      saved.push(run);
    }
    return this.memento.update(PANEL_RUNS_KEY, { version: 1, runs: saved } satisfies SavedRuns);
  }

  private find(runId: string): PanelRun | undefined {
    return this.runs.find((r) => r.id === runId);
  }
}

function trimRun(run: PanelRun): PanelRun {
  return { ...run, files: run.files.map(trimFile) };
}

function keepTextsBounded(file: PanelFile): PanelFile {
  const size = Object.values(file.changedFiles).reduce((sum, text) => sum + text.length, 0);
  return structuredClone(size > MAX_KEPT_TEXT_CHARS ? { ...file, changedFiles: {} } : file);
}

/**
 * The saved runs, or none when the value is missing or not ours. A run saved while running was cut
 * short by the window closing, so it comes back as cancelled.
 */
export function restoreRuns(value: unknown): PanelRun[] {
  if (!isSavedRuns(value)) return [];
  return value.runs
    .filter(isSavedRun)
    .slice(0, MAX_RUNS)
    .map((run) => ({ ...run, status: run.status === 'running' ? 'cancelled' : run.status }));
}

function isSavedRuns(value: unknown): value is SavedRuns {
  return typeof value === 'object' && value !== null && (value as SavedRuns).version === 1 && Array.isArray((value as SavedRuns).runs);
}

function isSavedRun(value: unknown): value is PanelRun {
  const run = value as PanelRun;
  return (
    typeof run === 'object' && run !== null &&
    typeof run.id === 'string' && typeof run.title === 'string' && typeof run.startedAt === 'number' &&
    isRunStatus(run.status) && Array.isArray(run.files) && run.files.every(isSavedFile)
  );
}

function isSavedFile(value: unknown): value is PanelFile {
  const file = value as PanelFile;
  return (
    typeof file === 'object' && file !== null &&
    typeof file.entry === 'string' && typeof file.uri === 'string' && typeof file.path === 'string' &&
    typeof file.outcome === 'string' && Array.isArray(file.attempts) && typeof file.diff === 'string'
  );
}
