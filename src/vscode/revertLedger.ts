// The fixes Run & Self-Heal applied, remembered so they can be undone exactly (Revert This Fix,
// Revert All Fixes From Last Run, Revert on the notice of a change to another file) where the files
// still hold them.
import { revertedMessage } from '../core/heal/outcomeMessages';
import { applyFileTexts } from './fileEdits';
import type { NoticeSeverity } from './notifications';

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

  constructor(private readonly onReverted: (runId: string, entry: string) => void, private readonly notify: (severity: NoticeSeverity, message: string) => void) {}

  remember(fix: AppliedFixes): void {
    this.applied = [...this.applied, fix].slice(-MAX_REMEMBERED_FIXES);
  }

  /** Revert All Fixes From Last Run, or Revert for some entries of a run: says what was put back. */
  async revertRun(runId: string | undefined, entries?: readonly string[]): Promise<string[]> {
    const fixes = this.applied.filter((a) => a.runId === runId && (!entries || entries.includes(a.entry)));
    const reverted = await this.revert(fixes);
    // A fix that could not be undone has said why on its own; "nothing to revert" would contradict it.
    if (fixes.length === 0 || reverted.length > 0) this.notify('info', `Self-Heal: ${revertedMessage(reverted)}`);
    return reverted;
  }

  /**
   * The user took a fix out by hand (Ctrl+Z, or typing the old text back): once every file it changed
   * holds its text from before the fix again, the fix is reverted, so the panel stops saying it is
   * applied and Revert This Fix stops offering it. `textOf` gives an open document's text, or
   * undefined for a file that is not open (then nothing is concluded).
   */
  noticeEdited(isEdited: (root: string, file: string) => boolean, textOf: (root: string, file: string) => string | undefined): void {
    const touched = this.applied.filter((fix) => Object.keys(fix.after).some((changed) => isEdited(fix.root, changed)));
    const undone = touched.filter((fix) => Object.keys(fix.after).every((changed) => {
      const before = fix.before[changed];
      return before !== undefined && before !== fix.after[changed] && textOf(fix.root, changed) === before;
    }));
    for (const fix of undone) {
      this.applied = this.applied.filter((a) => a !== fix);
      this.onReverted(fix.runId, fix.entry);
    }
  }

  /** Revert This Fix (the panel): one file's fixes from one run. */
  async revertFile(runId: unknown, entry: unknown): Promise<string[]> {
    const matching = this.applied.filter((a) => a.runId === runId && a.entry === entry);
    if (matching.length === 0) {
      this.notify('info', 'Self-Heal: that fix is not in the file (it was not applied, was already undone, or is too old to undo).');
      return [];
    }
    return this.revert(matching);
  }

  /** Puts each file back as it was before its fix; a file edited since is left alone and named. */
  private async revert(fixes: readonly AppliedFixes[]): Promise<string[]> {
    const reverted: string[] = [];
    for (const fix of fixes) {
      const restore = Object.fromEntries(Object.entries(fix.before).filter(([, text]) => text !== undefined)) as Record<string, string>;
      try {
        await applyFileTexts(fix.root, restore, fix.after);
        reverted.push(...Object.keys(restore));
        this.applied = this.applied.filter((a) => a !== fix);
        this.onReverted(fix.runId, fix.entry);
      } catch (error) {
        this.notify('warning', `Self-Heal: not reverted: ${(error as Error).message}`);
      }
    }
    return reverted;
  }
}
