// What a heal in the editor reports: to the Fix Attempts panel as it goes, and to its caller at the end.
import type { CutShort, FixState } from '../core/heal/fixLifecycle';
import type { FileHealRecord } from '../core/heal/ledger';
import type { LaunchKind } from '../core/program/launch';

/**
 * Where each run's story goes: the Fix Attempts panel. A file's state moves only as the state
 * machine (core/heal/fixLifecycle.ts) allows; the panel refuses and logs any other move.
 */
export interface HealRunSink {
  /** `entries`: the files the run sets out to heal (root-relative), in order. */
  startRun(run: { id: string; title: string; entries: readonly string[] }): void;
  /** `launchKind`: how the file was started (absent: run as `python FILE`), so a clean one is said as it was checked. */
  reportFile(runId: string, file: FileHealRecord & { root: string; launchKind?: LaunchKind }, state: FixState, note?: string): void;
  moveFile(runId: string, entry: string, state: FixState, note?: string): void;
  endHealing(runId: string, cutShort?: CutShort): void;
  /** A fact of the whole run, such as its workspace's failing tests. */
  noteRun?(runId: string, note: string): void;
}

export interface HealOutcome {
  record: FileHealRecord;
  /** Paths written to the documents (auto mode, or a quick fix). */
  applied: string[];
  /** Why the fix was not applied, when it was not. */
  notApplied?: string;
  /** True when the fix waits for Apply or Discard (preview). */
  waiting?: boolean;
}
