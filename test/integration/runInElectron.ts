// `npm run test:electron`: the same suite as test:integration, in desktop VS Code downloaded by
// @vscode/test-electron (needs the VS Code download server; code-server is used where it is not
// reachable). Runs the trusted suite, then the untrusted one.
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '../../..');

async function runSuite(untrusted: boolean): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-electron-'));
  fs.cpSync(path.join(REPO, 'test/fixtures/workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: REPO,
      extensionTestsPath: path.join(REPO, 'out/test/integration/index.js'),
      extensionTestsEnv: { SELF_HEAL_SUITE: untrusted ? 'untrusted' : 'trusted' },
      launchArgs: [workspace, '--disable-extensions', ...(untrusted ? [] : ['--disable-workspace-trust'])],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

runSuite(false)
  .then(() => runSuite(true))
  .then(
    () => process.exit(0),
    (error) => {
      console.error(`test:electron failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
