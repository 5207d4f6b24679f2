// A fix chosen from the lightbulb ("Add 'import json'", Fix with AI) is a run of its own in the Fix
// Attempts panel, with its outcome: applied (and then revertible like any other), not healed,
// cancelled or failed. Without this, the panel knew nothing of it, or said "Not healed" after a
// fix that was applied.
import type { FixState } from '../core/heal/fixLifecycle';
import type { FileHealRecord } from '../core/heal/ledger';
import type { HealRunSink } from './healRunTypes';
import type { RevertLedger } from './revertLedger';

export type LightbulbFix = 'Rule fix' | 'Fix with AI';

export class LightbulbRuns {
  private count = 0;

  constructor(private readonly sink: HealRunSink | undefined, private readonly ledger: RevertLedger) {}

  /** Starts the fix's run in the panel; returns its id. */
  start(kind: LightbulbFix, entry: string): string {
    const runId = `${kind === 'Rule fix' ? 'rule' : 'ai'}-${Date.now()}-${++this.count}`;
    this.sink?.startRun({ id: runId, title: `${kind}: ${entry}`, entries: [entry] });
    return runId;
  }

  /**
   * Ends the run with the fix's record in `state`. `files` are the texts the fix was made from: an
   * applied fix is remembered with them, so Revert This Fix can put them back.
   */
  end(runId: string, fix: { root: string; files: Readonly<Record<string, string>>; record: FileHealRecord }, state: FixState, note?: string): void {
    const { root, files, record } = fix;
    if (state === 'applied') {
      const before = Object.fromEntries(Object.keys(record.changedFiles).map((file) => [file, Object.hasOwn(files, file) ? files[file] : undefined]));
      this.ledger.remember({ runId, entry: record.entry, root, before, after: record.changedFiles });
    }
    this.sink?.reportFile(runId, { ...record, root }, state, note);
    this.sink?.endHealing(runId);
  }
}
