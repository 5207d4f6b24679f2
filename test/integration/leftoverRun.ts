// After a test that failed: a Run & Self-Heal it left going (a fix waiting for a choice, a run the
// test stopped waiting for) would refuse every later run as busy, so one failure would be reported
// as dozens. It is stopped here, its waiting fixes discarded, and the log says so.
import * as vscode from 'vscode';

interface HealActivity {
  healRunning: boolean;
  healStep?: string;
  waitingFixes: Array<{ runId: string; entry: string }>;
}

const activity = () => vscode.commands.executeCommand<HealActivity>('_selfHeal.testState');

export async function endLeftoverRun(testTitle: string): Promise<void> {
  const left = await activity();
  if (!left.healRunning && left.waitingFixes.length === 0) return;
  const what = [left.healRunning ? `a run still going (${left.healStep})` : '', left.waitingFixes.length > 0 ? `${left.waitingFixes.length} fix(es) waiting for a choice` : ''].filter(Boolean).join(' and ');
  console.log(`  (after "${testTitle}": ${what}; stopped and discarded so that later tests start idle)`);
  await vscode.commands.executeCommand('selfHeal.stop');
  for (const { runId, entry } of left.waitingFixes) await vscode.commands.executeCommand('selfHeal.discardFix', { runId, entry });
  for (let waited = 0; waited < 15_000 && (await activity()).healRunning; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  const after = await activity();
  if (after.healRunning) console.log(`  (the run did not end after Stop: ${after.healStep})`);
}
