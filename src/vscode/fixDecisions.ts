// What happens to a verified fix after its heal: applied at once (auto mode), or shown for a choice
// (preview) that stays open until it is made - in the diff editor's title bar, in the Fix Attempts
// panel, or in the notification, whichever comes first. Applying is one WorkspaceEdit for every file
// the fix changes; the diff closes after either choice; the panel hears each step.
import * as vscode from 'vscode';
import type { FileHealRecord } from '../core/heal/ledger';
import { applyFileTexts, StaleDocumentError } from './fileEdits';
import { keyOf, type FixPreview, type FixRef } from './fixPreview';
import type { HealRunSink } from './healRunTypes';
import type { Notifications } from './notifications';
import type { RevertLedger } from './revertLedger';

export interface DecidedFix {
  runId: string;
  root: string;
  /** A file's heal record, or what a heal against the tests changed under its key. */
  record: Pick<FileHealRecord, 'entry' | 'changedFiles'>;
  /** The texts the fix was made from (root-relative); a file that no longer holds them is not touched. */
  files: Readonly<Record<string, string>>;
  /** Shows the problems of the fixed files once the fix is in them. */
  afterApply: () => void;
}

export type Decision = { applied: string[] } | { applied: []; notApplied: string };

interface Waiting {
  fix: DecidedFix;
  question: string;
}

export const NOT_WAITING = 'Self-Heal: no fix is waiting for a choice there.';
/** Choices remembered, so a late click in an old notification can say what was already done. */
const REMEMBERED_CHOICES = 50;
export const SUPERSEDED = 'replaced by a newer run of the same file';

export class FixDecisions {
  private readonly waiting = new Map<string, Waiting>();
  private readonly chosen = new Map<string, 'applied' | 'discarded'>();

  constructor(
    private readonly preview: FixPreview,
    private readonly ledger: RevertLedger,
    private readonly sink: HealRunSink | undefined,
    private readonly notifications: Notifications,
  ) {}

  /** Applies the fix now, remembering it for Revert; on refusal, says why. */
  async applyNow(fix: DecidedFix): Promise<Decision> {
    const fixed = fix.record.changedFiles;
    try {
      await applyFileTexts(fix.root, fixed, fix.files);
    } catch (error) {
      if (!(error instanceof StaleDocumentError)) throw error;
      void this.notifications.show('warning', `Self-Heal: the fix was not applied: ${error.message}`);
      return { applied: [], notApplied: error.message };
    }
    const before = Object.fromEntries(Object.keys(fixed).map((file) => [file, Object.hasOwn(fix.files, file) ? fix.files[file] : undefined]));
    this.ledger.remember({ runId: fix.runId, entry: fix.record.entry, root: fix.root, before, after: fixed });
    fix.afterApply();
    return { applied: Object.keys(fixed) };
  }

  /** Shows the fix's diff and asks; returns at once, the fix waiting for Apply or Discard. */
  async offer(fix: DecidedFix, summary: string, changed: readonly string[]): Promise<void> {
    const ref = { runId: fix.runId, entry: fix.record.entry };
    const where = changed.length === 1 && changed[0] === fix.record.entry ? '' : ` to ${changed.join(', ')}`;
    const question = `Self-Heal: ${summary}. Apply the verified fix${where}?`;
    this.waiting.set(keyOf(ref), { fix, question });
    await this.preview.show({ ref, root: fix.root, current: fix.files, fixed: fix.record.changedFiles });
    // Chosen while the diff opened (the panel, the title bar): nothing is left to ask.
    if (!this.waiting.has(keyOf(ref))) return;
    // Dismissing the notification decides nothing: the choice stays in the title bar and the panel.
    void this.notifications.show('info', question, 'Apply', 'Discard').then(async (choice) => {
      if (!choice) return;
      // The notification cannot be withdrawn when the choice is made elsewhere; its late buttons say so.
      const decision = await this.decide(ref, choice === 'Apply' ? 'applied' : 'discarded');
      const earlier = this.chosen.get(keyOf(ref));
      if (!decision && earlier) void this.notifications.show('info', `Self-Heal: that fix was already ${earlier}.`);
    });
  }

  /** Apply (title bar: the diff's URI; panel: { runId, entry }; palette: the active diff). */
  apply(target: unknown): Promise<Decision | undefined> {
    return this.decideFor(target, 'applied');
  }

  discard(target: unknown): Promise<Decision | undefined> {
    return this.decideFor(target, 'discarded');
  }

  /** Shows a waiting fix's diff again (the panel's Review Diff). */
  async review(target: unknown): Promise<void> {
    const found = this.find(target);
    if (!found) return void this.notifications.show('info', NOT_WAITING);
    const { fix } = found;
    await this.preview.show({ ref: { runId: fix.runId, entry: fix.record.entry }, root: fix.root, current: fix.files, fixed: fix.record.changedFiles });
  }

  /** A new run of these entries makes their waiting fixes stale: they are discarded, and say why. */
  async supersede(root: string, entries: readonly string[]): Promise<void> {
    const stale = [...this.waiting.values()].filter(({ fix }) => fix.root === root && entries.includes(fix.record.entry));
    for (const { fix } of stale) await this.decide({ runId: fix.runId, entry: fix.record.entry }, 'discarded', SUPERSEDED);
  }

  /** The fixes waiting for a choice, for the tests: the question asked and the files each changes. */
  waitingFixes(): Array<{ runId: string; entry: string; question: string; files: string[] }> {
    return [...this.waiting.values()].map(({ fix, question }) => ({ runId: fix.runId, entry: fix.record.entry, question, files: Object.keys(fix.record.changedFiles).sort() }));
  }

  private async decideFor(target: unknown, choice: 'applied' | 'discarded'): Promise<Decision | undefined> {
    const found = this.find(target);
    if (!found) {
      void this.notifications.show('info', NOT_WAITING);
      return undefined;
    }
    return this.decide({ runId: found.fix.runId, entry: found.fix.record.entry }, choice);
  }

  /** Makes the choice once: a second one (the notification after the title bar) finds nothing to do. */
  private async decide(ref: FixRef, choice: 'applied' | 'discarded', note?: string): Promise<Decision | undefined> {
    const waiting = this.waiting.get(keyOf(ref));
    if (!waiting) return undefined;
    this.waiting.delete(keyOf(ref));
    this.chosen.set(keyOf(ref), choice);
    if (this.chosen.size > REMEMBERED_CHOICES) this.chosen.delete(this.chosen.keys().next().value as string);
    await this.preview.close(ref);
    if (choice === 'discarded') {
      this.sink?.moveFile(ref.runId, ref.entry, 'discarded', note);
      return { applied: [], notApplied: 'discarded' };
    }
    const decision = await this.applyNow(waiting.fix);
    if ('notApplied' in decision) this.sink?.moveFile(ref.runId, ref.entry, 'failed', `not applied: ${decision.notApplied}`);
    else this.sink?.moveFile(ref.runId, ref.entry, 'applied');
    return decision;
  }

  private find(target: unknown): Waiting | undefined {
    // The title bar of a multi-file diff passes no URI of ours: its fix is the active tab's.
    const ref = isRef(target) ? target : (target instanceof vscode.Uri ? this.preview.refOf(target) : undefined) ?? this.preview.activeRef();
    return ref && this.waiting.get(keyOf(ref));
  }
}

function isRef(value: unknown): value is FixRef {
  const ref = value as FixRef | undefined;
  return typeof ref === 'object' && ref !== null && typeof ref.runId === 'string' && typeof ref.entry === 'string';
}
