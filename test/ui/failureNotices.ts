// Failures as a user meets them in the real workbench, in the light and then the dark theme: no
// engine (the notification, the status item, and the engine settings it opens in the User tab), then a
// model endpoint that is down (one notification naming it, with Test Connection and Open Settings,
// and what Test Connection then reports). Settings and the theme are changed through the workbench,
// as a user changes them.
// uiSmoke.ts runs it; `node out/test/ui/failureNotices.js` runs it alone.
import * as path from 'path';
import type { Page } from 'playwright-core';
import { startScriptedModelServer } from '../support/scriptedModelServer';
import { launchBrowser, openWorkbench, REPO, startCodeServer, workbenchUrl, type CodeServer } from '../support/codeServer';
import { assertEqual, exitWith, finish, sequence, shotPath, testImageSettings } from './uiSteps';
import { palette, quickOpen, switchTheme, THEMES, toastMatching, toasts, type Theme } from './workbench';

const FIXTURE = path.join(REPO, 'test/fixtures/failure-ui');
const NO_ENGINE_HOST = 'unix:///nonexistent/self-heal-ui.sock';
/** selfHeal.docker.host and selfHeal.docker.hosts: the search for the first finds both. */
const ENGINE_SETTINGS_FOUND = '2 Settings Found';

/** Types a value into the Docker: Host setting of the settings editor on screen (the User tab), then closes it. */
async function setDockerHost(page: Page, value: string): Promise<void> {
  const input = page.locator('.settings-editor .setting-item-contents input').first();
  await input.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (value) await page.keyboard.type(value);
  await page.keyboard.press('Tab'); // the setting is written when the field loses focus
  await page.waitForTimeout(1000); // the configuration change reaches the extension
  await palette(page, 'View: Close Editor');
}

async function openDockerHostSetting(page: Page): Promise<void> {
  await palette(page, 'Preferences: Open User Settings');
  const editor = page.locator('.settings-editor');
  await editor.locator('textarea.inputarea').first().waitFor({ timeout: 20_000 });
  await page.keyboard.type('selfHeal.docker.host');
  await editor.getByText(ENGINE_SETTINGS_FOUND).waitFor({ timeout: 20_000 });
}

async function noEngine(page: Page, theme: Theme): Promise<void> {
  await quickOpen(page, 'bill.py');
  await palette(page, 'Self-Heal: Run & Self-Heal');
  const toast = await toastMatching(page, 'the engine notification', /No Docker or Podman engine answered/);
  assertEqual(toast.buttons, ['Open Settings', 'Retry', 'Show Troubleshooting'], 'the engine notification\'s buttons');
  const item = page.locator('.statusbar-item', { hasText: 'Self-Heal: no engine' });
  await item.waitFor({ timeout: 10_000 });
  await page.screenshot({ path: shotPath(`ui/notices-no-engine-${theme}.png`) });
  await palette(page, 'Notifications: Clear All Notifications');
  // Its tooltip says what a click does, and the click does exactly that.
  await item.hover();
  await page.locator('.monaco-hover, .workbench-hover').getByText('Click to open the setting selfHeal.docker.host.').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: shotPath(`ui/notices-no-engine-tooltip-${theme}.png`) });
  await item.click();
  // The exact setting, in the User tab: in code-server a machine-scoped setting would be under Remote only.
  const editor = page.locator('.settings-editor');
  await editor.getByText('Address of the container engine that speaks the Docker API').first().waitFor({ timeout: 20_000 });
  assertEqual(await editor.locator('.settings-tabs-widget .action-label.checked').first().innerText(), 'User', 'the settings tab shown');
  // The search box is a small editor: its text is in the textarea the editor types into.
  assertEqual(await editor.locator('textarea.inputarea').first().inputValue(), 'selfHeal.docker.host', 'the search');
  // The search names the one engine's address; the list of several engines' addresses matches it too.
  assertEqual(await editor.locator('.settings-count-widget').innerText(), ENGINE_SETTINGS_FOUND, 'the settings shown');
  await editor.getByText('Several container engines to spread runs over').first().waitFor({ timeout: 10_000 });
  await page.screenshot({ path: shotPath(`ui/notices-docker-host-setting-${theme}.png`) });
  // The user empties it there, which lets Self-Heal find the engine on its own again.
  await setDockerHost(page, '');
}

async function modelDown(page: Page, theme: Theme, origin: string): Promise<void> {
  await quickOpen(page, 'bill.py');
  await palette(page, 'Self-Heal: Run & Self-Heal');
  const line = `the model at ${origin} refused the connection after 3 tries`;
  const toast = await toastMatching(page, 'the model notification', /was not healed/);
  assertEqual(toast, { message: `Self-Heal: bill.py was not healed: ${line}.`, buttons: ['Test Connection', 'Open Settings'] }, 'the model notification');
  assertEqual((await toasts(page)).filter((t) => t.message.startsWith('Self-Heal: bill.py')).length, 1, 'notifications about bill.py');
  // The engine answered: the status item says ready (a check), not "no engine".
  await page.locator('.statusbar-item:has(.codicon-check)', { hasText: 'Self-Heal' }).waitFor({ timeout: 10_000 });
  await page.screenshot({ path: shotPath(`ui/notices-model-down-${theme}.png`) });
  await page.locator('.notification-toast', { hasText: 'was not healed' }).getByRole('button', { name: 'Test Connection' }).click();
  const test = await toastMatching(page, 'the connection test', /refused the connection \(model test-model, \d+ ms\)/, 30_000);
  assertEqual(test.buttons, ['Open Settings'], 'the connection test\'s buttons');
  if (!test.message.startsWith(`Self-Heal: the model at ${origin} refused the connection (model test-model, `)) throw new Error(`the connection test said: ${test.message}`);
  await page.screenshot({ path: shotPath(`ui/notices-test-connection-${theme}.png`) });
  await palette(page, 'Notifications: Clear All Notifications');
}

export async function failureNoticeSteps(settings: Record<string, unknown>): Promise<void> {
  let server: CodeServer | undefined;
  let page: Page | undefined;
  const run = sequence(() => page, 'ui/notices');
  const closed = await startScriptedModelServer(() => ({ content: '' }));
  await closed.close(); // nothing listens at its address now
  const origin = new URL(closed.baseUrl).origin;
  const user = { ...settings, 'workbench.colorTheme': THEMES.light, 'selfHeal.model.baseUrl': closed.baseUrl, 'selfHeal.model.name': 'test-model', 'selfHeal.docker.host': NO_ENGINE_HOST };
  const browser = await launchBrowser();
  try {
    await run('failure notices: the workbench opens with no engine configured', async () => {
      server = await startCodeServer({ fixtureWorkspace: FIXTURE, trusted: true, userSettings: user });
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await openWorkbench(page, workbenchUrl(server));
      await page.locator('.monaco-workbench.vs').waitFor({ timeout: 15_000 });
    });
    const workbench = page as Page;
    for (const theme of ['light', 'dark'] as const) {
      await run(`${theme}: no engine: one notification; the status item says "no engine" and opens selfHeal.docker.host in the User tab`, async () => {
        if (theme === 'dark') {
          await switchTheme(workbench, 'dark');
          await openDockerHostSetting(workbench);
          await setDockerHost(workbench, NO_ENGINE_HOST);
        }
        await noEngine(workbench, theme);
      });
      await run(`${theme}: model endpoint down: one notification naming ${origin} with Test Connection and Open Settings; Test Connection says why`, () => modelDown(workbench, theme, origin));
    }
  } finally {
    await browser.close();
    await server?.stop();
  }
}

if (require.main === module) {
  exitWith(async () => {
    await failureNoticeSteps(testImageSettings());
    return finish();
  });
}
