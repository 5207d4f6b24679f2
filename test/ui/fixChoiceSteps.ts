// A previewed fix as the user meets it: Run & Self-Heal ends with the fix's diff open, Apply and
// Discard in the diff editor's title bar, the question in a notification, and the Fix Attempts view
// saying the run waits for a choice; Apply in the title bar edits the file and closes the diff.
import type { Page } from 'playwright-core';
import { newestRunText, openAttemptsView, withoutTimes } from './attemptsView';
import { assertEqual, shotPath } from './uiSteps';
import { palette, quickOpen, waitForEditorText, waitUntil } from './workbench';

const DIFF_TAB = 'greet.py: current ↔ fixed (Self-Heal)';
export const QUESTION = 'Self-Heal: ✓ greet.py: healed in 1 attempt. Apply the verified fix?';

/** The labels of the active editor's title bar actions, in order. */
export function titleActions(page: Page): Promise<string[]> {
  return page.locator('.part.editor .editor-group-container.active .editor-actions .action-label').evaluateAll((labels) => labels.map((label) => label.getAttribute('aria-label') ?? ''));
}

export async function previewWaitsForTheChoice(page: Page, theme: string): Promise<void> {
  await quickOpen(page, 'greet.py');
  await palette(page, 'Self-Heal: Run & Self-Heal');
  await page.locator('.part.editor .tab.active', { hasText: DIFF_TAB }).waitFor({ timeout: 60_000 });
  // The run is over while the fix waits (the diff opens a moment before it ends): no Stop stays.
  const actions = await waitUntil('Apply Fix and Discard Fix in the diff editor\'s title bar, and no Stop', () => titleActions(page), (labels) => labels.includes('Apply Fix') && !labels.includes('Stop'), 15_000);
  // Side by side, and nothing that would run the diff's text as a program.
  const apply = actions.indexOf('Apply Fix');
  assertEqual(actions.slice(apply, apply + 2), ['Apply Fix', 'Discard Fix'], 'the title bar actions');
  for (const run of ['Run & Self-Heal', 'Run Python File in Sandbox']) if (actions.includes(run)) throw new Error(`the diff's title bar offers ${run}: ${actions.join(', ')}`);
  await page.locator('.notification-toast', { hasText: QUESTION }).waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500); // the toast slides in
  await page.screenshot({ path: shotPath(`ui/heal-preview-${theme}.png`) });
  await openAttemptsView(page);
  const lines = await waitUntil('the Fix Attempts view shows the run waiting', () => newestRunText(page), (text) => text[1] === 'Run & Self-Heal: greet.py' && text[2].startsWith('Waiting'));
  assertEqual(withoutTimes(lines).slice(0, 10), [
    '?', 'Run & Self-Heal: greet.py', 'Waiting for your choice · HH:MM · 1 file',
    '?', 'greet.py', 'Healed, waiting for your choice',
    'Healed in 1 attempt · TIME', 'Apply', 'Discard', 'Review Diff',
  ], 'the waiting run in Fix Attempts');
  await page.screenshot({ path: shotPath(`ui/heal-panel-waiting-${theme}.png`) });
}

export async function applyInTheTitleBar(page: Page, healed: string): Promise<void> {
  await page.locator('.part.editor .editor-group-container.active .editor-actions .action-label[aria-label="Apply Fix"]').click();
  await page.locator('.part.editor .tab', { hasText: DIFF_TAB }).waitFor({ state: 'detached', timeout: 15_000 });
  await waitForEditorText(page, healed);
  // The notification cannot be withdrawn; it would cover the next screenshots.
  await palette(page, 'Notifications: Clear All Notifications');
}
