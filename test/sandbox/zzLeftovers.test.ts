// Runs last (mocha loads files in name order): nothing this test process made may remain.
import * as assert from 'assert';
import { containersOfThisProcess, shared } from './sandboxHelper';

describe('sandbox: after the suite', function () {
  this.timeout(60_000);

  it('leaves no container with our labels behind', async () => {
    await shared.dispose();
    assert.deepStrictEqual(await containersOfThisProcess(), []);
  });
});
