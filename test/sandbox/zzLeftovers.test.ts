// Runs last (mocha loads files in name order): nothing this test process made may remain.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from './cliProcess';
import { containersOfThisProcess, shared } from './sandboxHelper';

describe('sandbox: after the suite', function () {
  this.timeout(60_000);

  it('leaves no container with our labels behind', async () => {
    await shared.dispose();
    assert.deepStrictEqual(await containersOfThisProcess(), []);
  });

  it('leaves no file in the repository, such as the "oom" an engine started here would write', () => {
    assert.deepStrictEqual(fs.readdirSync(REPO).filter((name) => ['oom', 'exit', 'attach', 'ctl'].includes(name)), []);
    assert.strictEqual(fs.existsSync(path.join(REPO, 'oom')), false);
  });
});
