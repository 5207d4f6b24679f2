// `npm run test:integration`: runs the mocha suite inside a real VS Code extension host (code-server)
// driven through headless Chromium: first in a trusted workspace, then the untrusted-workspace suite
// in a host whose workspace is not trusted. Exit status 0 only when every test passed.
import * as path from 'path';
import { REPO, runTestsModule } from '../support/codeServer';

const totals = { passed: 0, failed: 0 };

async function runSuite(untrusted: boolean): Promise<number> {
  const run = await runTestsModule(
    path.join(REPO, 'out/test/integration/index.js'),
    { fixtureWorkspace: path.join(REPO, 'test/fixtures/workspace'), trusted: !untrusted, chatModelExtension: true, env: { SELF_HEAL_SUITE: untrusted ? 'untrusted' : 'trusted' } },
    (line, rest) => {
      const counts = /^(\d+) passed, (\d+) failed/.exec(line);
      if (counts) {
        totals.passed += Number(counts[1]);
        totals.failed += Number(counts[2]);
      }
      console.log(line, ...rest);
    },
  );
  if (run.exitCode === 124) console.log('the extension tests did not finish in time');
  return run.exitCode;
}

async function main(): Promise<number> {
  const trusted = await runSuite(false);
  const untrusted = await runSuite(true);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  return trusted === 0 && untrusted === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
