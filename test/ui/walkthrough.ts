// The situations a new user met in the editor, walked in the real workbench in the light and then the
// dark theme, each asserting what the screen says: the Problems rows, the notification's text and
// buttons, the diff editor's title actions and the Fix Attempts view. The model endpoint that is
// down and the settings the status item opens are walked in failureNotices.ts; needs input and the
// previewed fix's Apply in healFlow.ts. uiSmoke.ts runs it; `node out/test/ui/walkthrough.js` alone.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchBrowser, openWorkbench, REPO, startCodeServer, workbenchUrl, type CodeServer } from '../support/codeServer';
import { attemptsFrame, newestRunText, openAttemptsView, withoutTimes } from './attemptsView';
import { titleActions } from './fixChoiceSteps';
import { assertEqual, exitWith, finish, shotPath, step, testImageSettings } from './uiSteps';
import { palette, problemRows, quickOpen, THEMES, toastMatching, waitForEditorText, waitUntil, type ProblemRow, type Theme } from './workbench';

const FIXTURE = path.join(REPO, 'test/fixtures/walkthrough');

/** The screenshots README shows (docs/images/), from the light pass. */
export const WALK_DOC_IMAGES = {
  'ui/walk-10-workspace-summary-light.png': 'workspace-run.png',
  'ui/walk-7-limit-light.png': 'time-limit.png',
  'ui/install-failed-light.png': 'install-failed.png',
};
const ORDERS = fs.readFileSync(path.join(FIXTURE, 'orders.py'), 'utf8');
const STATS = fs.readFileSync(path.join(FIXTURE, 'app/stats.py'), 'utf8');

const ORDERS_PROBLEM: ProblemRow = { message: "NameError: name 'math' is not defined", source: 'Self-Heal', code: 'NameError', position: '[Ln 4, Col 8]' };
const WORKSPACE_SUMMARY = 'Self-Heal: 7 files: 2 waiting for your choice, 2 import cleanly, 1 needs arguments, 1 stopped at a limit, 1 not healed. Rule fixes cover common mistakes only; set an API key or a local model server (selfHeal.model.baseUrl) for AI fixes.';
const PRICES_PROBLEM: ProblemRow = { message: 'TypeError: can only concatenate str (not "int") to str', source: 'Self-Heal', code: 'TypeError', position: '[Ln 4, Col 7]' };

async function showProblems(page: Page): Promise<void> {
  await palette(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  await page.locator('.markers-panel').waitFor({ timeout: 10_000 });
}

async function problemsAre(page: Page, what: string, expected: ProblemRow[]): Promise<void> {
  await showProblems(page);
  const key = (rows: ProblemRow[]) => JSON.stringify([...rows].sort((a, b) => a.message.localeCompare(b.message)));
  await waitUntil(what, () => problemRows(page), (rows) => key(rows) === key(expected), 30_000);
}

/** The Problems rows with this code, once there is one (the other files' rows depend on the steps before). */
async function problemsCoded(page: Page, code: string): Promise<ProblemRow[]> {
  await showProblems(page);
  const rows = await waitUntil(`Problems has a "${code}" row`, () => problemRows(page), (found) => found.some((row) => row.code === code));
  return rows.filter((row) => row.code === code);
}

async function clearNotifications(page: Page): Promise<void> {
  await palette(page, 'Notifications: Clear All Notifications');
}

async function runWithoutHealing(page: Page, file: string): Promise<void> {
  await quickOpen(page, file);
  await palette(page, 'Self-Heal: Run Without Healing');
  await page.locator('.part.panel').getByText(new RegExp(`^✗\\s${file.replace('.', '\\.')}:\\s`)).waitFor({ timeout: 60_000 });
}

/** 1. A run keeps other files' problems; undoing a quick fix brings its problem back. */
async function problemsPersist(page: Page, theme: Theme): Promise<void> {
  await runWithoutHealing(page, 'orders.py');
  await problemsAre(page, 'Problems shows orders.py\'s NameError', [ORDERS_PROBLEM]);
  await runWithoutHealing(page, 'prices.py');
  await problemsAre(page, 'Problems keeps orders.py\'s NameError beside prices.py\'s TypeError', [ORDERS_PROBLEM, PRICES_PROBLEM]);
  await page.screenshot({ path: shotPath(`ui/walk-1-problems-kept-${theme}.png`) });
  await quickOpen(page, 'orders.py');
  await page.keyboard.press('Control+G');
  await page.keyboard.type('4:8');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+.');
  await page.locator('.action-widget .monaco-list-row.action.focused', { hasText: "Add 'import math'" }).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await waitForEditorText(page, ORDERS.replace('"""\n\n', '"""\nimport math\n\n'));
  await problemsAre(page, 'the quick fix clears orders.py\'s problem', [PRICES_PROBLEM]);
  await quickOpen(page, 'orders.py');
  await page.keyboard.press('Control+Z');
  await waitForEditorText(page, ORDERS, 10_000);
  await page.keyboard.press('Control+S');
  await problemsAre(page, 'undo brings orders.py\'s problem back', [ORDERS_PROBLEM, PRICES_PROBLEM]);
  await clearNotifications(page);
  await page.screenshot({ path: shotPath(`ui/walk-1-undo-brings-it-back-${theme}.png`) });
}

/** 2 and 3. A previewed fix waits in the diff's title bar; Discard closes it and the panel says discarded. */
async function discardInTheTitleBar(page: Page, theme: Theme): Promise<void> {
  await quickOpen(page, 'orders.py');
  await palette(page, 'Self-Heal: Run & Self-Heal');
  await page.locator('.part.editor .tab.active', { hasText: 'orders.py: current ↔ fixed (Self-Heal)' }).waitFor({ timeout: 60_000 });
  await waitUntil('Apply Fix and Discard Fix in the title bar', () => titleActions(page), (labels) => labels.includes('Discard Fix') && labels.includes('Apply Fix'), 15_000);
  // The question's toast hides itself after a while; the title bar keeps the choice.
  await clearNotifications(page);
  await page.screenshot({ path: shotPath(`ui/walk-2-choice-in-title-bar-${theme}.png`) });
  await page.locator('.part.editor .editor-group-container.active .editor-actions .action-label[aria-label="Discard Fix"]').click();
  await page.locator('.part.editor .tab', { hasText: 'orders.py: current ↔ fixed' }).waitFor({ state: 'detached', timeout: 15_000 });
  await waitForEditorText(page, ORDERS);
  await problemsAre(page, 'the discarded fix leaves orders.py\'s problem', [ORDERS_PROBLEM, PRICES_PROBLEM]);
  await openAttemptsView(page);
  const lines = await waitUntil('Fix Attempts says the fix was discarded', () => newestRunText(page), (text) => text[1] === 'Run & Self-Heal: orders.py' && text[2].startsWith('Fix discarded'));
  assertEqual(withoutTimes(lines).slice(0, 7), ['⊘', 'Run & Self-Heal: orders.py', 'Fix discarded · HH:MM · 1 file', '⊘', 'orders.py', 'Fix discarded', 'Healed in 1 attempt · TIME'], 'the discarded run in Fix Attempts');
  if (lines.includes('Revert This Fix')) throw new Error('a discarded fix offers Revert This Fix');
  await page.screenshot({ path: shotPath(`ui/walk-3-discarded-${theme}.png`) });
}

/** 3. A heal whose fix is in another file names that file; applying it is recorded; Revert All says what it did (9). */
async function changedFileNamedAndReverted(page: Page, theme: Theme): Promise<void> {
  await quickOpen(page, 'main.py');
  await palette(page, 'Self-Heal: Run & Self-Heal');
  await page.locator('.part.editor .tab.active', { hasText: 'stats.py: current ↔ fixed (Self-Heal)' }).waitFor({ timeout: 60_000 });
  await page.locator('.part.editor .editor-group-container.active .editor-actions .action-label[aria-label="Apply Fix"]').click();
  await page.locator('.part.editor .tab', { hasText: 'stats.py: current ↔ fixed' }).waitFor({ state: 'detached', timeout: 15_000 });
  await clearNotifications(page);
  await openAttemptsView(page);
  const lines = await waitUntil('Fix Attempts names app/stats.py', () => newestRunText(page), (text) => text[1] === 'Run & Self-Heal: main.py' && text[2].startsWith('Fix applied'));
  assertEqual(withoutTimes(lines).slice(0, 6), ['✓', 'Run & Self-Heal: main.py', 'Fix applied · HH:MM · 1 file', '✓', 'main.py', 'Healed, fix applied · fix in app/stats.py'], 'the applied run in Fix Attempts');
  await page.screenshot({ path: shotPath(`ui/walk-3-other-file-named-${theme}.png`) });
  await palette(page, 'Self-Heal: Revert All Fixes From Last Run');
  const toast = await toastMatching(page, 'Revert All says what it did', /reverted/, 15_000);
  assertEqual(toast.message, 'Self-Heal: reverted 1 file (app/stats.py).', 'the Revert All notification');
  await quickOpen(page, 'app/stats.py');
  await waitForEditorText(page, STATS);
  await page.screenshot({ path: shotPath(`ui/walk-9-reverted-${theme}.png`) });
  await clearNotifications(page);
}

/** 3. A cancelled run is marked cancelled, not healed. */
async function cancelledRunMarked(page: Page, theme: Theme): Promise<void> {
  await quickOpen(page, 'spin.py');
  await palette(page, 'Self-Heal: Run & Self-Heal');
  const toast = page.locator('.notification-toast', { hasText: 'Self-Heal: ' }).filter({ has: page.getByRole('button', { name: 'Cancel' }) });
  await toast.getByRole('button', { name: 'Cancel' }).click({ timeout: 30_000 });
  await openAttemptsView(page);
  const lines = await waitUntil('Fix Attempts marks the run cancelled', () => newestRunText(page), (text) => text[1] === 'Run & Self-Heal: spin.py' && text[2].startsWith('Cancelled'));
  assertEqual(withoutTimes(lines).slice(0, 3), ['■', 'Run & Self-Heal: spin.py', 'Cancelled · HH:MM · 1 file'], 'the cancelled run in Fix Attempts');
  await page.screenshot({ path: shotPath(`ui/walk-3-cancelled-${theme}.png`) });
  await clearNotifications(page);
}

/** 9. A heal with no model and no rule fix says so once, with the next step. */
async function failedHealSaid(page: Page, theme: Theme): Promise<void> {
  await quickOpen(page, 'prices.py');
  await palette(page, 'Self-Heal: Run & Self-Heal');
  const toast = await toastMatching(page, 'the failed heal is said', /prices\.py was not healed/);
  assertEqual(toast.message, `Self-Heal: prices.py was not healed: no fix is known for TypeError (${PRICES_PROBLEM.message} at prices.py:4). Rule fixes cover common mistakes only; set an API key or a local model server (selfHeal.model.baseUrl) for AI fixes.`, 'the failed heal notification');
  await page.screenshot({ path: shotPath(`ui/walk-9-not-healed-${theme}.png`) });
  await clearNotifications(page);
}

/** 6. A program that needs arguments is said to need them, not healed. */
async function needsArguments(page: Page, theme: Theme): Promise<void> {
  await quickOpen(page, 'ask_args.py');
  await palette(page, 'Self-Heal: Run & Self-Heal');
  const toast = await toastMatching(page, 'the need for arguments is said', /ask_args\.py needs arguments/);
  assertEqual(toast, { message: 'Self-Heal: ask_args.py needs arguments: the following arguments are required: name (usage: ask_args.py [-h] name).', buttons: ['Run with Arguments...'] }, 'the needs-arguments notification');
  assertEqual(await problemsCoded(page, 'needs arguments'), [{ message: 'needs arguments: the following arguments are required: name (usage: ask_args.py [-h] name)', source: 'Self-Heal', code: 'needs arguments', position: '[Ln 6, Col 1]' }], 'the need in Problems, on parse_args()');
  await openAttemptsView(page);
  const lines = await waitUntil('Fix Attempts says needs arguments', () => newestRunText(page), (text) => text[1] === 'Run & Self-Heal: ask_args.py' && !text[2].startsWith('Running'));
  assertEqual(withoutTimes(lines).slice(0, 6), ['?', 'Run & Self-Heal: ask_args.py', 'Needs arguments · HH:MM · 1 file', '?', 'ask_args.py', 'Needs arguments'], 'the run in Fix Attempts');
  if (!lines.includes('Run with Arguments...') || lines.includes('Retry')) throw new Error(`Fix Attempts does not offer Run with Arguments... alone: ${lines.join(' | ')}`);
  await page.screenshot({ path: shotPath(`ui/walk-6-needs-arguments-${theme}.png`) });
  await clearNotifications(page);
}

/** 7. A time limit is said in words, on the line that was running, with a raised limit to run again. */
async function limitIsALimit(page: Page, theme: Theme): Promise<void> {
  await quickOpen(page, 'spin.py');
  await palette(page, 'Self-Heal: Run & Self-Heal');
  const toast = await toastMatching(page, 'the limit is said', /spin\.py stopped after/);
  assertEqual(toast, { message: 'Self-Heal: spin.py stopped after 2 s (time limit).', buttons: ['Run again with 2x the limit', 'Change the limit'] }, 'the limit notification');
  assertEqual(await problemsCoded(page, 'time limit'), [{ message: 'stopped after 2 s (time limit)', source: 'Self-Heal', code: 'time limit', position: '[Ln 5, Col 5]' }], 'the limit in Problems');
  await page.screenshot({ path: shotPath(`ui/walk-7-limit-${theme}.png`) });
  await clearNotifications(page);
  // Fix Attempts offers the same raised run, not a Retry that would stop at the same limit.
  await openAttemptsView(page);
  await waitUntil('Fix Attempts shows the run stopped at the limit', () => newestRunText(page), (text) => text[1] === 'Run & Self-Heal: spin.py' && text.includes('Stopped at a limit'));
  await attemptsFrame(page).locator('.run').first().getByRole('button', { name: 'Run spin.py again with twice the limit it hit' }).click();
  await toastMatching(page, 'the run with twice the limit', /spin\.py stopped after 4 s \(time limit\)/);
  await clearNotifications(page);
}

/** 10. A workspace run ends with one summary in words, each program's output in its own section, frames on disk. */
async function workspaceRunReads(page: Page, theme: Theme, server: CodeServer): Promise<void> {
  const workspace = server.workspace;
  // The notifications step 9 cleared are still closing: the palette opened at once can miss the focus.
  await page.waitForTimeout(3000);
  await palette(page, 'Self-Heal: Run & Self-Heal: Workspace');
  const summary = await toastMatching(page, 'the workspace summary', /^Self-Heal: \d+ files:/, 180_000);
  assertEqual(summary, { message: WORKSPACE_SUMMARY, buttons: ['Show Problems', 'Show Fix Attempts'] }, 'the workspace summary');
  await page.screenshot({ path: shotPath(`ui/walk-10-workspace-summary-${theme}.png`) });
  await clearNotifications(page);
  await palette(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  await page.locator('.panel .composite-bar').getByText('Output').click();
  // The Output view draws only the lines in sight, and sections arrive in the order the programs
  // end: a tall window and a maximized panel keep every section in sight at once.
  await page.setViewportSize({ width: 1280, height: 2400 });
  await palette(page, 'View: Toggle Maximized Panel');
  const output = page.locator('.part.panel .monaco-editor .view-lines');
  await output.getByText(/──\sprices\.py\s·\snot\shealed\s──/).waitFor({ timeout: 15_000 });
  const lines = await waitUntil('the frame line of prices.py', async () => (await output.locator('.view-line').allInnerTexts()).map((line) => line.replace(/\u00a0/g, ' ')), (all) => all.some((line) => line.startsWith('  File ')));
  assertEqual(lines.filter((line) => line.startsWith('  File ') && line.includes('prices.py')), [`  File ${workspace}/prices.py:4, in <module>`], 'the traceback frame, on disk');
  assertEqual(lines.filter((line) => line.includes('/app/')), [], 'no path inside the sandbox');
  // Monaco turns the path and line into a link the user can click.
  await output.locator('.detected-link').first().waitFor({ timeout: 10_000 });
  await page.screenshot({ path: shotPath(`ui/walk-10-workspace-output-${theme}.png`) });
}

async function pass(run: (name: string, work: () => Promise<void>) => Promise<unknown>, page: Page, theme: Theme, server: CodeServer): Promise<void> {
  await run(`${theme}: 1. problems persist: running prices.py keeps orders.py's problem; Ctrl+Z of a quick fix brings it back`, () => problemsPersist(page, theme));
  await run(`${theme}: 2, 3. Discard Fix in the diff's title bar closes the diff, keeps the file and the problem; Fix Attempts says "Fix discarded"`, () => discardInTheTitleBar(page, theme));
  await run(`${theme}: 3, 9. a fix in app/stats.py is named in Fix Attempts; Revert All says "reverted 1 file"`, () => changedFileNamedAndReverted(page, theme));
  await run(`${theme}: 3. a cancelled run is marked cancelled`, () => cancelledRunMarked(page, theme));
  await run(`${theme}: 6. an argparse program "needs arguments": notification, Problems row, Fix Attempts`, () => needsArguments(page, theme));
  await run(`${theme}: 7. a loop stops at the 2 s limit, said in words on the running line, with "Run again with 2x the limit", also in Fix Attempts`, () => limitIsALimit(page, theme));
  await run(`${theme}: 9. a heal with no fix known says so in one notification`, () => failedHealSaid(page, theme));
  await run(`${theme}: 10. Run & Self-Heal: Workspace ends with one summary in words; each program's output in a section, its frames on disk`, () => workspaceRunReads(page, theme, server));
}

/** Each theme in a workbench of its own, so the light pass's problems and runs do not meet the dark's. */
export async function walkthroughSteps(settings: Record<string, unknown>): Promise<void> {
  let failures = 0;
  for (const theme of ['light', 'dark'] as const) {
    let server: CodeServer | undefined;
    let page: Page | undefined;
    // The situations do not build on each other: after one fails the others still run and say what they see.
    const run = (name: string, work: () => Promise<void>) => step(name, () => work().catch(async (error) => {
      await page?.screenshot({ path: shotPath(`ui/walk-${theme}-failure-${++failures}.png`) }).catch(() => undefined);
      await page?.keyboard.press('Escape').catch(() => undefined);
      throw error;
    }));
    const browser = await launchBrowser();
    try {
      await run(`${theme}: the workbench opens on a small project, with a 2 s time limit`, async () => {
        server = await startCodeServer({ fixtureWorkspace: FIXTURE, trusted: true, userSettings: { ...settings, 'workbench.colorTheme': THEMES[theme], 'selfHeal.timeoutSeconds': 2 } });
        page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await openWorkbench(page, workbenchUrl(server));
        await page.locator(`.monaco-workbench.${theme === 'dark' ? 'vs-dark' : 'vs'}`).waitFor({ timeout: 15_000 });
      });
      await pass(run, page as Page, theme, server as CodeServer);
    } finally {
      await browser.close();
      await server?.stop();
    }
  }
}

if (require.main === module) {
  exitWith(async () => {
    await walkthroughSteps(testImageSettings());
    return finish();
  });
}
