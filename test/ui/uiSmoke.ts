// `npm run test:ui`: drives the real workbench in headless Chromium as a user would - open a file,
// run the command from the palette, see the output - once with the extension under development and
// once installed from the built .vsix. Screenshots go to test-results/; --update-docs also copies the
// one README shows to docs/images/.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { codeServerBinary, launchBrowser, openWorkbench, REPO, startCodeServer, workbenchUrl, type CodeServer } from '../support/codeServer';

const RESULTS = path.join(REPO, 'test-results');
const VSIX = path.join(REPO, 'self-heal.vsix');
const results = { passed: 0, failed: 0 };

async function step(name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
    results.passed++;
    console.log(`  ✔ ${name}`);
  } catch (error) {
    results.failed++;
    console.log(`  ✗ ${name}\n    ${(error as Error).message.split('\n').join('\n    ')}`);
  }
}

async function runFromPalette(page: Page, shotName: string): Promise<void> {
  try {
    await runSteps(page, shotName);
  } catch (error) {
    await page.screenshot({ path: path.join(RESULTS, `${shotName}-failure.png`) });
    throw error;
  }
}

async function runSteps(page: Page, shotName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.keyboard.type('hello.py');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'hello.py' }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.monaco-editor.focused', { timeout: 30_000 });
  await page.keyboard.press('F1');
  await page.keyboard.type('Self-Heal: Run Python File in Sandbox');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Run Python File in Sandbox' }).first().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: path.join(RESULTS, `${shotName}-palette.png`) });
  await page.keyboard.press('Enter');
  // The output channel opens with the program's output and the summary line.
  // Monaco renders spaces as no-break spaces, which \s matches.
  await page.locator('.part.panel').getByText(/✓\sexited\s0\sin/).waitFor({ timeout: 60_000 });
  await page.locator('.part.panel').getByText(/^Hello\sfrom\sthe\ssandbox$/).first().waitFor({ timeout: 5_000 });
  await page.locator('.statusbar').getByText(/Self-Heal/).first().waitFor({ timeout: 5_000 });
  await page.screenshot({ path: path.join(RESULTS, `${shotName}-output.png`) });
}

async function withWorkbench(server: CodeServer, url: string, work: (page: Page) => Promise<void>): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openWorkbench(page, url);
    await work(page);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function main(): Promise<number> {
  fs.mkdirSync(RESULTS, { recursive: true });
  const fixture = path.join(REPO, 'test/fixtures/workspace');
  const settings = process.env.SELF_HEAL_TEST_IMAGE ? { 'selfHeal.image': process.env.SELF_HEAL_TEST_IMAGE } : {};

  await step('development build: palette -> Run Python File in Sandbox -> output', async () => {
    const server = await startCodeServer({ fixtureWorkspace: fixture, trusted: true, userSettings: settings });
    await withWorkbench(server, workbenchUrl(server), (page) => runFromPalette(page, 'dev'));
  });

  await step('installed .vsix: palette -> Run Python File in Sandbox -> output', async () => {
    if (!fs.existsSync(VSIX)) throw new Error('self-heal.vsix is missing: run npm run package first');
    const extensions = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-extensions-'));
    try {
      const install = spawnSync(codeServerBinary(), ['--extensions-dir', extensions, '--install-extension', VSIX], { encoding: 'utf8' });
      if (!/was successfully installed/.test(install.stdout)) throw new Error(`install failed: ${install.stdout}${install.stderr}`);
      const server = await startCodeServer({ fixtureWorkspace: fixture, trusted: true, extensionsDir: extensions, userSettings: settings });
      await withWorkbench(server, `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(server.workspace)}`, (page) => runFromPalette(page, 'vsix'));
    } finally {
      fs.rmSync(extensions, { recursive: true, force: true });
    }
  });

  if (process.argv.includes('--update-docs') && results.failed === 0) {
    // README shows what this test saw.
    fs.mkdirSync(path.join(REPO, 'docs/images'), { recursive: true });
    fs.copyFileSync(path.join(RESULTS, 'dev-output.png'), path.join(REPO, 'docs/images/run-output.png'));
  }
  console.log(`${results.passed} passed, ${results.failed} failed`);
  if (process.env.SELF_HEAL_TEST_TALLY) fs.appendFileSync(process.env.SELF_HEAL_TEST_TALLY, `${results.passed} ${results.failed}\n`);
  return results.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
