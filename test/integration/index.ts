// Loaded by the extension host (code-server or test-electron) as extensionTestsPath: runs the
// mocha suite inside the host. SELF_HEAL_SUITE picks the set: "trusted" (default) or "untrusted".
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import { endLeftoverRun } from './leftoverRun';

export function run(): Promise<void> {
  const suite = process.env.SELF_HEAL_SUITE ?? 'trusted';
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: path.resolve(__dirname, '../../../test/support/summaryReporter.js') });
  // SELF_HEAL_TEST_GREP runs only the tests whose full title matches (mocha's --grep).
  if (process.env.SELF_HEAL_TEST_GREP) mocha.grep(process.env.SELF_HEAL_TEST_GREP);
  mocha.rootHooks({
    async afterEach(this: Mocha.Context) {
      if (this.currentTest?.state === 'failed') await endLeftoverRun(this.currentTest.fullTitle());
    },
  });
  const folder = path.join(__dirname, 'suite');
  for (const file of fs.readdirSync(folder).sort()) {
    const isUntrusted = file.startsWith('untrusted');
    if (file.endsWith('.test.js') && isUntrusted === (suite === 'untrusted')) mocha.addFile(path.join(folder, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed`)) : resolve()));
  });
}
