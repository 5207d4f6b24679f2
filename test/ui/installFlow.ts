// Requirements as a user meets them, in the light and then the dark theme: Run Python File on a
// program whose workspace has a requirements.txt asks before installing (a modal naming the package),
// shows "Installing requirements" while pip runs, and when the package index has no such package says
// so once ("install failed" in the status bar, one notification with pip's error), never "no
// engine". The index is a loopback server that has nothing, and records what pip asked it.
// uiSmoke.ts runs it; `node out/test/ui/installFlow.js` runs it alone.
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchBrowser, openWorkbench, REPO, startCodeServer, workbenchUrl, type CodeServer } from '../support/codeServer';
import { assertEqual, exitWith, finish, sequence, shotPath, testImageSettings } from './uiSteps';
import { palette, quickOpen, THEMES, toastMatching, waitUntil, type Theme } from './workbench';

const FIXTURE = path.join(REPO, 'test/fixtures/install-ui');
const FAILURE = "the environment could not be prepared: Could not install 'tabulate==0.9.0': No matching distribution found for tabulate==0.9.0";

/** A PEP 503 index with no projects: every page is 404, as for a package it does not have. */
async function emptyIndex(): Promise<{ url: string; asked: string[]; close: () => Promise<void> }> {
  const asked: string[] = [];
  const server = http.createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/simple/`, asked, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function installFails(page: Page, theme: Theme, asked: string[]): Promise<void> {
  await quickOpen(page, 'table.py');
  await palette(page, 'Self-Heal: Run Python File in Sandbox');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.getByText("Self-Heal: install this workspace's requirement into an environment image?").waitFor({ timeout: 60_000 });
  const said = await dialog.innerText();
  if (!said.includes('• tabulate==0.9.0') || !said.includes('pip downloads it from the package index')) throw new Error(`the question does not name the package: ${said}`);
  await page.screenshot({ path: shotPath(`ui/install-question-${theme}.png`) });
  await dialog.getByRole('button', { name: 'Build Environment' }).click();
  // The run's progress says what takes the time while pip runs.
  await page.locator('.notification-toast', { hasText: 'Installing requirements' }).first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: shotPath(`ui/install-progress-${theme}.png`) });
  const toast = await toastMatching(page, 'the install failure', /could not be prepared/, 180_000);
  assertEqual(toast, { message: `Self-Heal: table.py: ${FAILURE}`, buttons: ['Show Log'] }, 'the install failure notification');
  await page.locator('.statusbar-item', { hasText: 'Self-Heal: install failed' }).waitFor({ timeout: 10_000 });
  if (await page.locator('.statusbar-item', { hasText: 'no engine' }).count()) throw new Error('the status bar says "no engine" after a failed install');
  // pip asked the configured index, and nothing else reached it.
  await waitUntil('pip asked the index for tabulate', async () => asked, (urls) => urls.includes('/simple/tabulate/'), 5_000);
  await page.screenshot({ path: shotPath(`ui/install-failed-${theme}.png`) });
  await palette(page, 'Notifications: Clear All Notifications');
}

export async function installFlowSteps(settings: Record<string, unknown>): Promise<void> {
  const index = await emptyIndex();
  try {
    for (const theme of ['light', 'dark'] as const) {
      let server: CodeServer | undefined;
      let page: Page | undefined;
      const run = sequence(() => page, `ui/install-${theme}`);
      const browser = await launchBrowser();
      try {
        await run(`${theme}: the workbench opens on a program with a requirements.txt, pip pointed at an index that has nothing`, async () => {
          const user = { ...settings, 'workbench.colorTheme': THEMES[theme], 'selfHeal.environment.indexUrl': index.url, 'selfHeal.environment.trustedHosts': [new URL(index.url).host] };
          server = await startCodeServer({ fixtureWorkspace: FIXTURE, trusted: true, userSettings: user });
          page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
          await openWorkbench(page, workbenchUrl(server));
          await page.locator(`.monaco-workbench.${theme === 'dark' ? 'vs-dark' : 'vs'}`).waitFor({ timeout: 15_000 });
        });
        await run(`${theme}: 5. Run Python File asks before installing tabulate, says "Installing requirements"; the install fails: "install failed" and one notification with pip's error, never "no engine"`, () => installFails(page as Page, theme, index.asked));
      } finally {
        await browser.close();
        await server?.stop();
      }
    }
  } finally {
    await index.close();
  }
}

if (require.main === module) {
  exitWith(async () => {
    await installFlowSteps(testImageSettings());
    return finish();
  });
}
