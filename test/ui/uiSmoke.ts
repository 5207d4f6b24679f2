// `npm run test:ui`: drives the real workbench in headless Chromium as a user would - open a file,
// run the command from the palette, see the output - once with the extension under development and
// once installed from the built .vsix; then the heal flow (healFlow.ts), the failure notices
// (failureNotices.ts) and the walk through the situations a new user met (walkthrough.ts). Screenshots go to
// test-results/; --update-docs also copies the ones README shows to docs/images/.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { codeServerBinary, launchBrowser, openWorkbench, REPO, startCodeServer, workbenchUrl, type CodeServer } from '../support/codeServer';
import { failureNoticeSteps } from './failureNotices';
import { HEAL_DOC_IMAGES, healFlowSteps } from './healFlow';
import { installFlowSteps } from './installFlow';
import { TEST_EXPLORER_DOC_IMAGES, testExplorerSteps } from './testExplorerFlow';
import { WALK_DOC_IMAGES, walkthroughSteps } from './walkthrough';
import { exitWith, finish, RESULTS, step, testImageSettings, updateDocImages } from './uiSteps';
import { palette, quickInputRow, quickOpen, typeIntoQuickInput } from './workbench';

const VSIX = path.join(REPO, 'self-heal.vsix');

async function runFromPalette(page: Page, shotName: string): Promise<void> {
  await quickOpen(page, 'hello.py');
  await page.keyboard.press('F1');
  await typeIntoQuickInput(page, 'Self-Heal: Run Python File in Sandbox', '>');
  const command = quickInputRow(page, 'Self-Heal: Run Python File in Sandbox');
  await command.waitFor({ timeout: 15_000 });
  await page.screenshot({ path: path.join(RESULTS, `${shotName}-palette.png`) });
  await command.click();
  // The output channel opens with the program's output and the summary line.
  // Monaco renders spaces as no-break spaces, which \s matches.
  await page.locator('.part.panel').getByText(/✓\sexited\s0\sin/).waitFor({ timeout: 60_000 });
  await page.locator('.part.panel').getByText(/^Hello\sfrom\sthe\ssandbox$/).first().waitFor({ timeout: 5_000 });
  await page.locator('.statusbar').getByText(/Self-Heal/).first().waitFor({ timeout: 5_000 });
  await page.screenshot({ path: path.join(RESULTS, `${shotName}-output.png`) });
}

/** The progress notification's Cancel stops a running program. */
async function cancelFromNotification(page: Page): Promise<void> {
  await quickOpen(page, 'slow.py');
  await palette(page, 'Self-Heal: Run Python File in Sandbox');
  await page.locator('.part.panel').getByText(/^started$/).waitFor({ timeout: 30_000 });
  const toast = page.locator('.notification-toast', { hasText: 'Self-Heal: running slow.py' });
  await page.screenshot({ path: path.join(RESULTS, 'dev-running.png') });
  await toast.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('.part.panel').getByText(/■\scancelled\safter/).waitFor({ timeout: 5_000 });
}

/** The status bar item opens the extension's settings. */
async function statusBarOpensSettings(page: Page): Promise<void> {
  await page.locator('.statusbar-item', { hasText: 'Self-Heal' }).first().click();
  await page.locator('.settings-editor').getByText('CPU limit of a run (may be fractional).').first().waitFor({ timeout: 20_000 });
  await page.screenshot({ path: path.join(RESULTS, 'dev-settings.png') });
}

/** Set API Key stores the key where no file on disk shows it; Clear API Key removes it. */
async function apiKeyRoundTrip(page: Page, server: CodeServer): Promise<void> {
  const key = `sk-self-heal-ui-test-${Date.now()}`;
  await palette(page, 'Self-Heal: Set API Key');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
  await page.locator('.notifications-toasts').getByText('API key saved in secret storage').waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500); // the toast slides in
  await page.screenshot({ path: path.join(RESULTS, 'dev-api-key.png') });
  const leaks = filesContaining([server.userData, server.workspace], key);
  if (leaks.length > 0) throw new Error(`the API key was written to ${leaks.join(', ')}`);
  await palette(page, 'Self-Heal: Clear API Key');
  await page.locator('.notifications-toasts').getByText('API key removed').waitFor({ timeout: 15_000 });
}

function filesContaining(folders: string[], needle: string): string[] {
  const found: string[] = [];
  const visit = (entry: string): void => {
    const stat = fs.statSync(entry, { throwIfNoEntry: false });
    if (stat?.isDirectory()) fs.readdirSync(entry).forEach((name) => visit(path.join(entry, name)));
    else if (stat?.isFile() && stat.size < 16 * 1024 * 1024 && fs.readFileSync(entry).includes(needle)) found.push(entry);
  };
  folders.forEach(visit);
  return found;
}

async function withWorkbench(server: CodeServer, url: string, name: string, work: (page: Page) => Promise<void>): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openWorkbench(page, url);
    await work(page).catch(async (error) => {
      await page.screenshot({ path: path.join(RESULTS, `${name}-failure.png`) });
      throw error;
    });
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function main(): Promise<number> {
  fs.mkdirSync(RESULTS, { recursive: true });
  const fixture = path.join(REPO, 'test/fixtures/workspace');
  const settings = testImageSettings();

  await step('development build: palette -> run -> output; Cancel; status bar -> settings; API key set and cleared', async () => {
    const server = await startCodeServer({ fixtureWorkspace: fixture, trusted: true, userSettings: settings });
    await withWorkbench(server, workbenchUrl(server), 'dev', async (page) => {
      await runFromPalette(page, 'dev');
      await cancelFromNotification(page);
      await statusBarOpensSettings(page);
      await apiKeyRoundTrip(page, server);
    });
  });

  await step('installed .vsix: palette -> Run Python File in Sandbox -> output', async () => {
    if (!fs.existsSync(VSIX)) throw new Error('self-heal.vsix is missing: run npm run package first');
    const extensions = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-extensions-'));
    try {
      const install = spawnSync(codeServerBinary(), ['--extensions-dir', extensions, '--install-extension', VSIX], { encoding: 'utf8' });
      if (!/was successfully installed/.test(install.stdout)) throw new Error(`install failed: ${install.stdout}${install.stderr}`);
      const server = await startCodeServer({ fixtureWorkspace: fixture, trusted: true, extensionsDir: extensions, userSettings: settings });
      await withWorkbench(server, `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(server.workspace)}`, 'vsix', (page) => runFromPalette(page, 'vsix'));
    } finally {
      fs.rmSync(extensions, { recursive: true, force: true });
    }
  });

  await healFlowSteps(settings);
  await failureNoticeSteps(settings);
  await walkthroughSteps(settings);
  await installFlowSteps(settings);
  await testExplorerSteps();

  updateDocImages({ 'dev-output.png': 'run-output.png', ...HEAL_DOC_IMAGES, ...WALK_DOC_IMAGES, ...TEST_EXPLORER_DOC_IMAGES });
  return finish();
}

exitWith(main);
