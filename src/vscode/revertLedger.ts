// The fixes Run & Self-Heal applied, remembered so they can be undone exactly (Revert This Fix,
// Revert All Fixes From Last Run) where the files still hold them.
import * as vscode from 'vscode';
import { applyFileTexts } from './fileEdits';

/** Applied fixes remembered for undoing; older ones can still be undone by hand (Ctrl+Z, git). */
const MAX_REMEMBERED_FIXES = 100;

/** The fixes one file of a run got. */
export interface AppliedFixes {
  runId: string;
  entry: string;
  root: string;
  before: Record<string, string | undefined>;
  after: Record<string, string>;
}

export class RevertLedger {
  private applied: AppliedFixes[] = [];

  constructor(private readonly onReverted: (runId: string, entry: string) => void) {}

  remember(fix: AppliedFixes): void {
    this.applied = [...this.applied, fix].slice(-MAX_REMEMBERED_FIXES);
  }

  ofRun(runId: string | undefined): AppliedFixes[] {
    return this.applied.filter((a) => a.runId === runId);
  }

  ofFile(runId: unknown, entry: unknown): AppliedFixes[] {
    return this.applied.filter((a) => a.runId === runId && a.entry === entry);
  }

  /** Puts each file back as it was before its fix; a file edited since is left alone and named. */
  async revert(fixes: readonly AppliedFixes[]): Promise<string[]> {
    const reverted: string[] = [];
    for (const fix of fixes) {
      const restore = Object.fromEntries(Object.entries(fix.before).filter(([, text]) => text !== undefined)) as Record<string, string>;
      try {
        await applyFileTexts(fix.root, restore, fix.after);
        reverted.push(...Object.keys(restore));
        this.applied = this.applied.filter((a) => a !== fix);
        this.onReverted(fix.runId, fix.entry);
      } catch (error) {
        void vscode.window.showWarningMessage(`Self-Heal: not reverted: ${(error as Error).message}`);
      }
    }
    return reverted;
  }
}
