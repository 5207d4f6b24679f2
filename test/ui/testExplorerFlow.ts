// The project's tests in the real Test Explorer: a small project with a passing, a failing, a
// parametrized and an erroring test, run with Test: Run All Tests in the pytest image, then the tree
// read back from the screen and a screenshot (README's docs/images/test-explorer.png with
// --update-docs), then Heal Failing Tests on a NameError with the receipt read from Fix Attempts
// (docs/images/test-receipt.png). `node out/test/ui/testExplorerFlow.js [--update-docs]` under withEngine.sh.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchBrowser, openWorkbench, REPO, startCodeServer, workbenchUrl, type CodeServer } from '../support/codeServer';
import { newestRunText, openAttemptsView, withoutTimes } from './attemptsView';
import { assertEqual, exitWith, finish, sequence, shotPath, updateDocImages } from './uiSteps';
import { palette, quickInputRow, quickOpen, THEMES, typeIntoQuickInput, waitUntil } from './workbench';

const FIXTURE = path.join(REPO, 'test/fixtures/test-explorer');
const PYTEST_IMAGE = 'localhost/self-heal-python-pytest:3.11';
export const TEST_EXPLORER_DOC_IMAGES = { 'ui/test-explorer.png': 'test-explorer.png', 'ui/test-receipt.png': 'test-receipt.png' };
/** Code under test that forgot an import (a NameError the rules heal), and its test. */
const STATS = 'def mean(values):\n    return statistics.fmean(values)\n';
const TEST_STATS = 'from stats import mean\n\n\ndef test_mean():\n    assert mean([1, 2, 3]) == 2\n';

/** The Test Explorer's rows as the screen labels them ("test_add (Passed)" and so on). */
async function explorerRows(page: Page): Promise<string[]> {
  return page.locator('.test-explorer .monaco-list-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
}

/** Opens every collapsed row of the tree, the cases' rows included. */
async function expandAll(page: Page): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const collapsed = page.locator('.test-explorer .monaco-list-row .monaco-tl-twistie.collapsible.collapsed');
    if ((await collapsed.count()) === 0) return;
    await collapsed.first().click();
    await page.waitForTimeout(200);
  }
}

/**
 * The Test Explorer view (and its Focus command) exists once a test controller is registered, which
 * the extension does as it activates, possibly after the workbench has opened: the command is tried
 * again until the palette lists it.
 */
async function focusTestExplorer(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      await typeIntoQuickInput(page, 'Testing: Focus on Test Explorer View', '>');
      await quickInputRow(page, 'Testing: Focus on Test Explorer View').click({ timeout: 10_000 });
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt === 4) throw error;
    }
  }
}

export async function testExplorerSteps(): Promise<void> {
  let server: CodeServer | undefined;
  let page: Page | undefined;
  const run = sequence(() => page, 'ui/test-explorer');
  const browser = await launchBrowser();
  try {
    await run('the workbench opens on a project with pytest tests', async () => {
      server = await startCodeServer({ fixtureWorkspace: FIXTURE, trusted: true, userSettings: { 'selfHeal.image': PYTEST_IMAGE, 'selfHeal.fix.applyMode': 'auto', 'workbench.colorTheme': THEMES.light } });
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await openWorkbench(page, workbenchUrl(server));
      await quickOpen(page, 'test_calc.py');
    });
    await run('Test: Run All Tests runs them in the sandbox and the tree shows each outcome', async () => {
      const p = page as Page;
      await focusTestExplorer(p);
      await p.locator('.test-explorer .monaco-list-row').first().waitFor({ timeout: 30_000 });
      await palette(p, 'Test: Run All Tests');
      // Six tests: test_add, test_add_negative, test_sum's two cases, test_ratio, TestCalc.test_add_zero.
      await waitUntil('the run ends with 3 of 6 passed', () => p.locator('.test-explorer .result-summary').innerText().catch(() => ''), (text) => /^3\/6\n/.test(text), 90_000);
      await expandAll(p);
    });
    await run('the rows say which passed and which failed', async () => {
      const p = page as Page;
      const rows = await waitUntil('the tree is expanded', () => explorerRows(p), (found) => found.some((row) => row.startsWith('[2-2-5]')), 20_000);
      assertEqual(rows.map((row) => row.replace(/, in [\d.]+m?s$/, '')), [
        'test_calc.py (Failed)', 'test_add (Passed)', 'test_add_negative (Failed)', 'test_sum (Failed)', '[1-2-3] (Passed)', '[2-2-5] (Failed)',
        'test_ratio (Failed)', 'TestCalc (Passed)', 'test_add_zero (Passed)',
      ], 'the rows of the tree (durations left out)');
      await p.screenshot({ path: shotPath('ui/test-explorer.png') });
    });
    await run('Heal Failing Tests on a NameError: the rules heal it and Fix Attempts shows the receipt', async () => {
      const p = page as Page;
      const workspace = (server as CodeServer).workspace;
      fs.writeFileSync(path.join(workspace, 'stats.py'), STATS);
      fs.writeFileSync(path.join(workspace, 'test_stats.py'), TEST_STATS);
      const row = p.locator('.test-explorer .monaco-list-row[aria-label^="test_stats.py"]');
      await row.waitFor({ timeout: 30_000 });
      // The item's context menu, as a user heals one file's tests.
      await row.click({ button: 'right' });
      // The menu acts on the key (a synthetic click lands before the menu takes mouse input).
      await p.locator('.context-view .monaco-menu .action-label', { hasText: /^Heal Failing Tests$/ }).hover({ timeout: 10_000 });
      await p.keyboard.press('Enter');
      await waitUntil('the fix is written to stats.py', async () => fs.readFileSync(path.join(workspace, 'stats.py'), 'utf8'), (text) => text !== STATS, 120_000);
      await openAttemptsView(p);
      const lines = await waitUntil('the receipt is on screen', async () => withoutTimes(await newestRunText(p)), (found) => found.includes('Revert This Fix'), 30_000);
      assertEqual(lines, [
        '✓', 'Heal failing tests: workspace', 'Fix applied · HH:MM · 1 passed',
        '✓Tests of workspace (pytest)', 'healed in 1 attempt: every target test passes and no test that passed before fails',
        'Before\t1 failed', 'After\t1 passed', 'Red to green (1)', 'test_stats.py::test_mean', 'Fix in stats.py',
        '✓', 'Attempt 1: every target test passes', "Fix: Add 'import statistics' rule:missing-import",
        'Verification: every target test passes and no test that passed before fails (1 test passed of 1)', 'Took TIME',
        'Revert This Fix', 'Copy Summary',
      ], 'the receipt in Fix Attempts');
      // The panel says the fix is applied: the file on disk has it.
      assertEqual(fs.readFileSync(path.join(workspace, 'stats.py'), 'utf8'), `import statistics\n${STATS}`, 'stats.py after the heal');
      await p.screenshot({ path: shotPath('ui/test-receipt.png') });
    });
  } finally {
    await browser.close();
    await server?.stop();
  }
}

if (require.main === module) {
  exitWith(async () => {
    await testExplorerSteps();
    updateDocImages(TEST_EXPLORER_DOC_IMAGES);
    return finish();
  });
}
