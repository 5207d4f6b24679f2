// `npm run test:integration`: runs the mocha suite inside a real VS Code extension host (code-server)
// driven through headless Chromium: first in a trusted workspace, then the untrusted-workspace suite
// in a host whose workspace is not trusted. Exit status 0 only when every test passed.
import * as path from 'path';
import { launchBrowser, REPO, startCodeServer, workbenchUrl } from '../support/codeServer';

const RUN_TIMEOUT_MS = 10 * 60_000;
const WORKBENCH_NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|\[Service Worker\]|ChatSessionStore|Updating additional builtin)/;

const totals = { passed: 0, failed: 0 };

async function main(): Promise<number> {
  const trusted = await runSuite(false);
  const untrusted = await runSuite(true);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  return trusted === 0 && untrusted === 0 ? 0 : 1;
}

async function runSuite(untrusted: boolean): Promise<number> {
  const server = await startCodeServer({
    fixtureWorkspace: path.join(REPO, 'test/fixtures/workspace'),
    trusted: !untrusted,
    env: { SELF_HEAL_SUITE: untrusted ? 'untrusted' : 'trusted' },
  });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // The host forwards its console as (level, [message, ...]); the workbench's own chatter is dropped.
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => {
      const parts = Array.isArray(args) ? args : [args];
      const line = String(parts[0]);
      if (WORKBENCH_NOISE.test(line)) return;
      const counts = /^(\d+) passed, (\d+) failed/.exec(line);
      if (counts) {
        totals.passed += Number(counts[1]);
        totals.failed += Number(counts[2]);
      }
      console.log(...parts);
    });
    await page.goto(workbenchUrl(server, path.join(REPO, 'out/test/integration/index.js')));
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => {
        console.log(`the extension tests did not finish within ${RUN_TIMEOUT_MS / 60_000} minutes`);
        resolve(1);
      }, RUN_TIMEOUT_MS).unref(),
    );
    return await Promise.race([exited, timeout]);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
