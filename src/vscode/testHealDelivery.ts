// What happens to a heal against the tests once it ended: its state (by the state machine's rules),
// the fix applied at once (auto) or offered with its diff (preview) through the same decisions as a
// file's fix, the receipt in the Fix Attempts panel, and the one notification that says how it went.
import * as vscode from 'vscode';
import type { AttemptsPanelFeed } from '../contract/editorPanelContract';
import type { FixState } from '../core/heal/fixLifecycle';
import type { TestHealReceipt } from '../core/testHeal/testHealTypes';
import type { FixDecisions } from './fixDecisions';
import type { Notifications } from './notifications';
import { folderLabel } from './testRequestFolders';

/** The key a heal against the tests has in its run: its fix is applied, discarded and reverted by it. */
export const TEST_HEAL_ENTRY = 'tests';

export interface DeliveredHeal {
  runId: string;
  root: string;
  receipt: TestHealReceipt;
  /** The texts the heal started from (root-relative), for the stale-document guard. */
  files: Readonly<Record<string, string>>;
  auto: boolean;
}

/** The state the heal ends in before any choice: its fix found means applied (auto) or waiting (preview). */
export function testHealEnding(receipt: TestHealReceipt, auto: boolean): FixState {
  const fixFound = receipt.outcome === 'healed' && Object.keys(receipt.changedFiles).length > 0;
  if (fixFound) return auto ? 'applied' : 'waiting';
  const states: Record<TestHealReceipt['outcome'], FixState> = { healed: 'clean', passing: 'clean', cancelled: 'cancelled', 'not-run': 'failed', 'not-healed': 'not-healed', flaky: 'not-healed' };
  return states[receipt.outcome];
}

/** The applied paths (auto), or why nothing was applied. */
export async function deliverTestHeal(heal: DeliveredHeal, deps: { decisions: FixDecisions; panel: AttemptsPanelFeed; notifications: Notifications }): Promise<{ state: FixState; applied: string[]; note?: string }> {
  const { runId, root, receipt } = heal;
  const changed = Object.keys(receipt.changedFiles).sort().map((file) => vscode.workspace.asRelativePath(vscode.Uri.joinPath(vscode.Uri.file(root), ...file.split('/'))));
  const report = { entry: TEST_HEAL_ENTRY, uri: vscode.Uri.file(root).toString(), path: folderLabel(root), changed, receipt };
  const ending = testHealEnding(receipt, heal.auto);
  const fix = { runId, root, record: { entry: TEST_HEAL_ENTRY, changedFiles: receipt.changedFiles }, files: heal.files, afterApply: () => undefined };
  const greenWords = `${receipt.green.length} failing test${receipt.green.length === 1 ? '' : 's'} pass${receipt.green.length === 1 ? 'es' : ''}`;
  if (ending === 'applied') {
    const decision = await deps.decisions.applyNow(fix);
    if ('notApplied' in decision) {
      const note = `not applied: ${decision.notApplied}`;
      deps.panel.reportTestHeal(runId, report, 'failed', note);
      return { state: 'failed', applied: [], note };
    }
    deps.panel.reportTestHeal(runId, report, 'applied');
    void deps.notifications.show('info', `Self-Heal: ${greenWords} now; the verified fix was applied to ${changed.join(', ')}.`);
    return { state: 'applied', applied: decision.applied };
  }
  deps.panel.reportTestHeal(runId, report, ending);
  if (ending === 'waiting') {
    await deps.decisions.offer(fix, `${greenWords} with the fix`, Object.keys(receipt.changedFiles).sort());
    return { state: ending, applied: [] };
  }
  const severity = ending === 'clean' ? 'info' : 'warning';
  void deps.notifications.show(severity, `Self-Heal: ${receipt.outcome === 'passing' ? 'every selected test passes' : receipt.reason}.`);
  return { state: ending, applied: [] };
}
