// What a heal in the editor reports: to the Fix Attempts panel as it goes, and to its caller at the end.
import type { HealRunEnding } from '../contract/editorPanelContract';
import type { FileHealRecord } from '../core/heal/ledger';

/** Where each run's story goes: the Fix Attempts panel. */
export interface HealRunSink {
  startRun(run: { id: string; title: string }): void;
  updateFile(runId: string, file: FileHealRecord & { root: string }): void;
  finishRun(runId: string, status: HealRunEnding): void;
  markReverted(runId: string, entry: string): void;
}

export interface HealOutcome {
  record: FileHealRecord;
  /** Paths written to the documents (auto mode, or preview accepted). */
  applied: string[];
  /** Why the fix was not applied, when it was not. */
  notApplied?: string;
}
