// A program can compile code under any file name, and its traceback then names that file: names
// that every plain object has (`constructor`, `__proto__`, ...) must not crash the heal.
import * as assert from 'assert';
import * as path from 'path';
import { makeTree, removeTree } from '../support/tempDir';
import { startScriptedModelServer } from '../support/scriptedModelServer';
import { cli } from './cliProcess';
import { TEST_IMAGE } from './sandboxHelper';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
const program = (name: string): string => `exec(compile("print(json.dumps(1))\\n", "${name}", "exec"))\n`;
const common = ['--json', '--max-attempts', '1', '--image', TEST_IMAGE, '--timeout', '10'];
const noModel = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };

describe('CLI: heal when a traceback names a file called like an object member', function () {
  this.timeout(180_000);
  let dir: string;
  afterEach(() => removeTree(dir));

  for (const name of NAMES) {
    it(`${name}: the rules find nothing to fix there, and a model fix to the program heals it`, async () => {
      dir = makeTree({ 'main.py': program(name) });
      const rules = await cli(['heal', 'main.py', '--no-llm', ...common], { cwd: dir, env: noModel });
      assert.strictEqual(rules.status, 1, rules.stderr + rules.stdout);
      const [unhealed] = JSON.parse(rules.stdout).files;
      assert.deepStrictEqual([unhealed.outcome, unhealed.stopReason, unhealed.firstRun.error.file], ['not-healed', 'no fix is known for NameError', name]);

      const answer = `main.py\n<<<<<<< SEARCH\n${program(name)}=======\nimport json\n${program(name)}>>>>>>> REPLACE\n`;
      const server = await startScriptedModelServer(() => ({ content: answer }));
      try {
        const model = await cli(['heal', path.join(dir, 'main.py'), '--no-rules', '--base-url', server.baseUrl, ...common], { cwd: dir, env: noModel });
        assert.strictEqual(model.status, 0, model.stderr + model.stdout);
        const [healed] = JSON.parse(model.stdout).files;
        assert.deepStrictEqual([healed.outcome, healed.changedFiles], ['healed', { 'main.py': `import json\n${program(name)}` }]);
      } finally {
        await server.close();
      }
    });
  }
});
