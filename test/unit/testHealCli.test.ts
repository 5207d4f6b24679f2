// `self-heal test --heal`'s arguments, refused before anything runs: in-process, with the exact
// messages and exit statuses a user sees.
import * as assert from 'assert';
import { PassThrough } from 'stream';
import { main } from '../../src/cli/main';
import { TEST_HEAL_USAGE } from '../../src/cli/testUsage';

async function cliRun(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const status = await main(argv, { stdout, stderr, stdin: new PassThrough(), cwd: process.cwd(), env: { OPENAI_API_KEY: '' } });
  return { status, stdout: out, stderr: err };
}

describe('self-heal test --heal arguments', () => {
  it('prints its own help', async () => {
    const run = await cliRun(['test', '--heal', '--help']);
    assert.deepStrictEqual([run.status, run.stdout, run.stderr], [0, TEST_HEAL_USAGE, '']);
  });

  it('refuses --junit, --sarif, --changed-since, a bad --max-attempts, a model flag without a value and the local runner, each with exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [['--junit', 'r.xml'], '--junit is for a plain test run; with --heal, --json carries the receipt'],
      [['--sarif', 'r.sarif'], '--sarif is for a plain test run; with --heal, --summary writes the receipt for a pull request'],
      [['--changed-since', 'main'], '--changed-since is for a plain test run; with --heal, --summary writes the receipt for a pull request'],
      [['--max-attempts', '0'], '--max-attempts must be a whole number from 1 to 20, not "0"'],
      [['--base-url'], '--base-url needs a value'],
      [['--runner', 'local'], 'tests run only in the sandbox: the local runner cannot report results per test'],
      [['--keep-partial'], 'unknown option --keep-partial'],
    ];
    for (const [args, message] of cases) {
      const run = await cliRun(['test', '--heal', ...args]);
      assert.deepStrictEqual([run.status, run.stderr], [2, `self-heal: ${message} (see "self-heal test --help")\n`], args.join(' '));
    }
  });
});
