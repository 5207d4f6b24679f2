// The heal flow in the real workbench, as a user goes through it, in the light and then the dark
// theme: a run puts the error in Problems; Ctrl+. offers the fixes; choosing one edits the file and
// clears the problem; Run & Self-Heal heals a broken file, shows the fix's diff with Apply and
// Discard in its title bar, and once Apply is clicked there the Fix Attempts view tells how.
// Every step asserts the text on screen, then takes a screenshot to test-results/ui/. uiSmoke.ts runs
// it; `node out/test/ui/healFlow.js [--update-docs]` runs it alone.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchBrowser, openWorkbench, REPO, startCodeServer, workbenchUrl, type CodeServer } from '../support/codeServer';
import { diffHiddenWidth, luminance, markedChanges, newestRunText, openAttemptsView, panelColours, tabTo, withoutTimes } from './attemptsView';
import { applyInTheTitleBar, previewWaitsForTheChoice } from './fixChoiceSteps';
import { needsInputIsSaid, runWithArgumentsGivesIt } from './needsFlow';
import { assertEqual, exitWith, finish, sequence, shotPath, testImageSettings, updateDocImages } from './uiSteps';
import { palette, problemRows, quickOpen, switchTheme, THEMES, waitForEditorText, waitUntil, type ProblemRow, type Theme } from './workbench';

const FIXTURE = path.join(REPO, 'test/fixtures/heal-ui');
const REPORT = fs.readFileSync(path.join(FIXTURE, 'report.py'), 'utf8');
const REPORT_FIXED = REPORT.replace('"""\n', '"""\nimport json\n');
const GREET = fs.readFileSync(path.join(FIXTURE, 'greet.py'), 'utf8');
const GREET_HEALED = GREET.replace('{name}"\n', '{name}")\n');

/** The screenshots README shows (docs/images/), from the light pass. */
export const HEAL_DOC_IMAGES = {
  'ui/heal-lightbulb-light.png': 'diagnostic-lightbulb.png',
  'ui/heal-panel-waiting-light.png': 'fix-waiting-choice.png',
  'ui/heal-panel-light.png': 'panel-healed-run.png',
  'ui/needs-input-light.png': 'needs-input.png',
};

const NAME_ERROR: ProblemRow = { message: "NameError: name 'json' is not defined", source: 'Self-Heal', code: 'NameError', position: '[Ln 7, Col 7]' };

async function problemsShowTheNameError(page: Page, theme: Theme): Promise<void> {
  await quickOpen(page, 'report.py');
  await palette(page, 'Self-Heal: Run Without Healing');
  // The run shows its output when it ends; Problems is opened after that, or the output covers it.
  await page.locator('.part.panel').getByText(/^✗\sreport\.py:\s/).waitFor({ timeout: 60_000 });
  await page.locator('.notification-toast', { hasText: 'Self-Heal: report.py' }).waitFor({ state: 'hidden', timeout: 10_000 });
  await page.keyboard.press('Control+Shift+M'); // View: Problems
  await waitUntil('Problems lists the NameError, from Self-Heal', () => problemRows(page), (rows) => JSON.stringify(rows) === JSON.stringify([NAME_ERROR]));
  await page.screenshot({ path: shotPath(`ui/heal-problems-${theme}.png`) });
}

async function lightbulbOffersTheFixes(page: Page, theme: Theme): Promise<void> {
  await quickOpen(page, 'report.py');
  // The cursor on the undefined name, where the diagnostic is.
  await page.keyboard.press('Control+G');
  await page.keyboard.type('7:7');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.locator('.monaco-list-row.action').first().waitFor({ timeout: 15_000 });
  const rows = await menu.locator('.monaco-list-row').allInnerTexts();
  assertEqual(rows.map((row) => row.trim()), ['Quick Fix', "Add 'import json'", 'Run & Self-Heal this file'], 'the quick-fix menu');
  assertEqual(await menu.locator('.monaco-list-row.action.focused').innerText(), "Add 'import json'", 'the preferred fix, focused');
  await page.screenshot({ path: shotPath(`ui/heal-lightbulb-${theme}.png`) });
}

async function choosingTheFixEditsAndClears(page: Page): Promise<void> {
  await page.keyboard.press('Enter'); // the focused, preferred fix
  await waitForEditorText(page, REPORT_FIXED);
  // The progress notification ("verifying ...") comes first; the outcome replaces it.
  const toast = page.locator('.notifications-toasts .notification-list-item-message', { hasText: ': applied (verified' });
  await toast.waitFor({ timeout: 15_000 });
  assertEqual(await toast.innerText(), "Self-Heal: Add 'import json': applied (verified: the program runs clean).", 'the notification');
  await palette(page, 'Notifications: Clear All Notifications'); // it would cover the next screenshots
  await page.locator('.markers-panel').getByText('No problems have been detected in the workspace.').waitFor({ timeout: 15_000 });
  assertEqual(await problemRows(page), [], 'Problems after the fix');
}

async function panelShowsTheHealedRun(page: Page, theme: Theme): Promise<void> {
  await openAttemptsView(page);
  const lines = await waitUntil('the Fix Attempts view shows the applied fix', () => newestRunText(page), (text) => text[1] === 'Run & Self-Heal: greet.py' && text[2].startsWith('Fix applied'));
  assertEqual(withoutTimes(lines), [
    '✓', 'Run & Self-Heal: greet.py', 'Fix applied · HH:MM · 1 file',
    '✓', 'greet.py', 'Healed, fix applied',
    'Healed in 1 attempt · TIME', 'Open Diff', 'Revert This Fix',
    '✗', 'First run', "SyntaxError: '(' was never closed greet.py:2:10",
    '✓', 'Attempt 1: Healed', "For SyntaxError: '(' was never closed greet.py:2:10",
    "Fix: Close '(' Rule: unclosed-bracket",
    '@@ -1,5 +1,5 @@', ' def greet(name):', '-    print(f"Hello, {name}"', '+    print(f"Hello, {name}")', ' ', ' ', ' greet("Ada")',
    'Verification: the re-run ran clean', 'Took TIME', 'Open Diff',
  ], 'the newest run in Fix Attempts');
  // The narrow side bar must not hide the end of a line, where a fix often is (a closing bracket).
  assertEqual(await diffHiddenWidth(page), 0, 'pixels of the diff hidden to the right');
  assertEqual(await markedChanges(page), ['+)'], 'the characters the diff marks as changed');
  await assertPanelColours(page, theme);
  await page.screenshot({ path: shotPath(`ui/heal-panel-${theme}.png`) });
  await keyboardFocusShows(page, theme);
}

/** A keyboard user reaches the fix's Open Diff with Tab and sees where focus is: the theme's focus border. */
async function keyboardFocusShows(page: Page, theme: Theme): Promise<void> {
  await palette(page, 'Self-Heal: Focus on Fix Attempts View');
  const focus = await tabTo(page, 'Open Diff', 12);
  assertEqual([focus.style, focus.width], ['solid', '1px'], 'the focus outline');
  assertEqual(focus.color, focus.focusBorder, "the focus outline's colour (the theme's focus border)");
  await page.screenshot({ path: shotPath(`ui/heal-panel-focus-${theme}.png`) });
}

/** The panel follows the theme: its text contrasts with it, and the diff's added lines are green, removed red. */
async function assertPanelColours(page: Page, theme: Theme): Promise<void> {
  const colours = await panelColours(page);
  assertEqual(colours.themeKind, `vscode-${theme}`, 'the webview theme kind');
  const textLight = luminance(colours.text) > 0.5;
  if (textLight !== (theme === 'dark')) throw new Error(`the panel's text colour ${colours.text} does not suit the ${theme} theme`);
  const [ar, ag, , aa] = colours.added;
  const [rr, rg, , ra] = colours.removed;
  if (!(aa > 0 && ag > ar)) throw new Error(`added diff lines are not green: ${colours.added}`);
  if (!(ra > 0 && rr > rg)) throw new Error(`removed diff lines are not red: ${colours.removed}`);
  const [cr, cg, , ca] = colours.addedChange;
  if (!(ca > 0 && cg > cr)) throw new Error(`the changed characters of an added line are not marked green: ${colours.addedChange}`);
}

/** Undo both fixes the way README says: Revert All Fixes From Last Run, and Ctrl+Z for a quick fix. */
async function undoTheFixes(page: Page): Promise<void> {
  await quickOpen(page, 'greet.py');
  await palette(page, 'Self-Heal: Revert All Fixes From Last Run');
  await waitForEditorText(page, GREET);
  await quickOpen(page, 'report.py');
  await page.keyboard.press('Control+Z');
  await waitForEditorText(page, REPORT, 10_000);
  await page.keyboard.press('Control+S');
}

async function pass(run: ReturnType<typeof sequence>, page: Page, theme: Theme): Promise<void> {
  await run(`${theme}: Run Without Healing -> Problems shows "${NAME_ERROR.message}" from Self-Heal at ${NAME_ERROR.position}`, () => problemsShowTheNameError(page, theme));
  await run(`${theme}: Ctrl+. on the error lists "Add 'import json'" (focused) and "Run & Self-Heal this file"`, () => lightbulbOffersTheFixes(page, theme));
  await run(`${theme}: choosing "Add 'import json'" adds the import and clears the problem`, () => choosingTheFixEditsAndClears(page));
  await run(`${theme}: Run & Self-Heal on ask_name.py says "needs input" (notification, Problems, status bar, Fix Attempts), not a bug`, () => needsInputIsSaid(page, theme));
  await run(`${theme}: the notification's Run with Arguments... takes typed input, and the run is clean`, () => runWithArgumentsGivesIt(page, theme));
  await run(`${theme}: Run & Self-Heal heals greet.py and ends with the fix's diff: Apply Fix and Discard Fix in its title bar, the question, Fix Attempts "Waiting for your choice"`, () => previewWaitsForTheChoice(page, theme));
  await run(`${theme}: Apply Fix in the diff's title bar edits greet.py and closes the diff`, () => applyInTheTitleBar(page, GREET_HEALED));
  await run(`${theme}: Fix Attempts shows the applied fix, rule:unclosed-bracket and the diff; Tab shows focus`, () => panelShowsTheHealedRun(page, theme));
}

/** The whole flow in one workbench: light pass, switch to dark live, undo the fixes, dark pass. */
export async function healFlowSteps(settings: Record<string, unknown>): Promise<void> {
  let server: CodeServer | undefined;
  let page: Page | undefined;
  const run = sequence(() => page, 'ui/heal');
  const browser = await launchBrowser();
  try {
    await run('heal flow: the workbench opens on the fixture, in the light theme', async () => {
      server = await startCodeServer({ fixtureWorkspace: FIXTURE, trusted: true, userSettings: { ...settings, 'workbench.colorTheme': THEMES.light } });
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await openWorkbench(page, workbenchUrl(server));
      await page.locator('.monaco-workbench.vs').waitFor({ timeout: 15_000 });
    });
    // After a failed start the sequence runs nothing more, but still counts every step as failed.
    const workbench = page as Page;
    await pass(run, workbench, 'light');
    await run('switching to the dark theme: the workbench and the open Fix Attempts view follow', async () => {
      await switchTheme(workbench, 'dark');
      // The open webview gets the new theme's variables a moment after the workbench.
      await waitUntil('the Fix Attempts view in the dark theme', () => assertPanelColours(workbench, 'dark').then(() => true), () => true, 10_000);
    });
    await run('Revert All Fixes From Last Run puts greet.py back; Ctrl+Z takes the quick fix out of report.py', () => undoTheFixes(workbench));
    await pass(run, workbench, 'dark');
  } finally {
    await browser.close();
    await server?.stop();
  }
}

if (require.main === module) {
  exitWith(async () => {
    await healFlowSteps(testImageSettings());
    updateDocImages(HEAL_DOC_IMAGES);
    return finish();
  });
}
