// A program that needs input, in the real workbench: the run says so in a notification with "Run
// with Arguments...", in Problems (from Self-Heal, as information), in the status bar and in Fix
// Attempts; the button opens the quick input, where typing the input and choosing Run & Self-Heal
// runs it clean. Every step asserts what is on screen, then takes a screenshot to test-results/ui/.
import type { Page } from 'playwright-core';
import { attemptsFrame, newestRunText, openAttemptsView } from './attemptsView';
import { assertEqual, shotPath } from './uiSteps';
import type { Locator } from 'playwright-core';
import { palette, problemRows, quickOpen, typeIntoQuickInput, waitUntil, type ProblemRow } from './workbench';

const NEEDS_INPUT: ProblemRow = { message: 'needs input: input() found no input to read, and none was given', source: 'Self-Heal', code: 'needs input', position: '[Ln 1, Col 8]' };
const NOTICE = 'Self-Heal: ask_name.py needs input: input() found no input to read, and none was given.';

export async function needsInputIsSaid(page: Page, theme: string): Promise<void> {
  await quickOpen(page, 'ask_name.py');
  await palette(page, 'Self-Heal: Run & Self-Heal');
  const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'needs input' });
  await toast.waitFor({ timeout: 60_000 });
  assertEqual(await toast.locator('.notification-list-item-message').innerText(), NOTICE, 'the notification');
  assertEqual(await toast.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts(), ['Run with Arguments...'], "the notification's buttons");
  await page.keyboard.press('Control+Shift+M'); // View: Problems
  await waitUntil('Problems lists the need for input, from Self-Heal', () => problemRows(page), (rows) => JSON.stringify(rows) === JSON.stringify([NEEDS_INPUT]));
  await page.locator('.statusbar-item', { hasText: 'Self-Heal: needs input' }).waitFor({ timeout: 10_000 });
  await openAttemptsView(page);
  // The panel hears the run's end a moment after the notification is shown.
  const lines = await waitUntil('Fix Attempts shows the run that needs input', () => newestRunText(page), (text) => text[1] === 'Run & Self-Heal: ask_name.py' && !text[2].startsWith('Running'));
  assertEqual(lines.slice(0, 6).map((line) => line.replace(/ · \d{1,2}:\d{2}( [AP]M)? · /, ' · HH:MM · ')), ['?', 'Run & Self-Heal: ask_name.py', 'Needs input · HH:MM · 1 file', '?', 'ask_name.py', 'Needs input'], 'the newest run in Fix Attempts');
  // The file offers its input, not a heal again.
  const actions = await attemptsFrame(page).locator('.run').first().locator('.file .actions button').allInnerTexts();
  assertEqual(actions, ['Run with Arguments...'], "the file's buttons in Fix Attempts");
  await page.screenshot({ path: shotPath(`ui/needs-input-${theme}.png`) });
}

export async function runWithArgumentsGivesIt(page: Page, theme: string): Promise<void> {
  await page.locator('.notifications-toasts .notification-list-item', { hasText: 'needs input' }).getByRole('button', { name: 'Run with Arguments...' }).click();
  await pickRow(page, 'Standard input').waitFor({ timeout: 15_000 });
  const rows = await page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
  assertEqual(rows.map((row) => row.trim()), ['Run & Self-Heal', 'Run Python File', 'Arguments', 'Standard input', 'Environment variables', 'Working folder', 'Clear these settings', 'Done'], 'the rows of Run with Arguments');
  await page.screenshot({ path: shotPath(`ui/run-with-arguments-${theme}.png`) });
  await pickRow(page, 'Standard input').click();
  await pickRow(page, 'Type the input').click({ timeout: 15_000 });
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Input for ask_name.py' }).waitFor({ timeout: 15_000 });
  await typeIntoQuickInput(page, 'Ada');
  await page.keyboard.press('Enter');
  await pickRow(page, 'Run & Self-Heal').click({ timeout: 15_000 });
  await page.locator('.part.panel').getByText('Your name? Hello, Ada!').waitFor({ timeout: 60_000 });
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').getByText('No problems have been detected in the workspace.').waitFor({ timeout: 15_000 });
  await page.screenshot({ path: shotPath(`ui/needs-input-given-${theme}.png`) });
  // The next pass starts from no configuration again.
  await palette(page, 'Self-Heal: Run with Arguments...');
  await pickRow(page, 'Clear these settings').click({ timeout: 15_000 });
  await pickRow(page, 'Done').click({ timeout: 15_000 });
  await palette(page, 'Notifications: Clear All Notifications');
}

/** A quick pick row by its label; an icon in the label ($(keyboard)) is drawn, not written, so it is not in the text. */
function pickRow(page: Page, label: string): Locator {
  return page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) }).first();
}
