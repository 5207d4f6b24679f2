// Programs that need input or arguments, or stop at a limit, run in the real sandbox: each is
// reported as what it needs and healed by nothing; given what it needs, it runs clean. Output past
// the cap can be discarded while the program runs on; variables and a working folder reach it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { problemText } from '../../src/core/errors/expectedExits';
import { errorsOfRun } from '../../src/core/errors/runErrors';
import { healFile } from '../../src/core/heal/healFile';
import type { ModelFixer, ModelFixRequest } from '../../src/core/model/modelTypes';
import type { RunLimits, RunRequest } from '../../src/core/run/runTypes';
import { limits, shared } from './sandboxHelper';

const FOLDER = path.resolve(__dirname, '../../../test/fixtures/expected-exits/programs');
const FILES = Object.fromEntries(fs.readdirSync(FOLDER).map((name) => [name, fs.readFileSync(path.join(FOLDER, name), 'utf8')]));

async function ending(entry: string, extra: Partial<RunRequest> = {}, overrides: Partial<RunLimits> = {}) {
  const runLimits = limits(overrides);
  const result = await shared.run({ files: FILES, entry, limits: runLimits, ...extra });
  const errors = errorsOfRun(result, { files: FILES, entry, stdinGiven: extra.stdin !== undefined }, runLimits);
  return { result, error: errors[errors.length - 1] ?? null };
}

/** Fails the test if the heal asks it anything. */
class NeverAsked implements ModelFixer {
  readonly model = 'never-asked';
  readonly requests: ModelFixRequest[] = [];
  async propose(request: ModelFixRequest): Promise<never> {
    this.requests.push(request);
    throw new Error(`the model was asked to fix ${request.error.type}`);
  }
}

describe('sandbox: programs that need input or arguments, and limits', function () {
  this.timeout(120_000);

  it('input() with no input needs input, on the input() line; with input it runs clean', async () => {
    const { result, error } = await ending('ask_name.py');
    assert.deepStrictEqual([result.exitCode, error?.kind, error?.line, problemText(error!)], [1, 'needs-input', 1, 'needs input: input() found no input to read, and none was given']);
    const given = await ending('ask_name.py', { stdin: 'Ada\n' });
    assert.deepStrictEqual([given.result.exitCode, given.result.stdout, given.error], [0, 'Your name? Hello, Ada!\n', null]);
  });

  it('an argparse usage exit needs arguments, on the parse_args line; with them it runs clean', async () => {
    const { result, error } = await ending('greet_args.py');
    assert.deepStrictEqual([result.exitCode, error?.type, error?.kind, error?.line, problemText(error!)], [
      2, 'SystemExit', 'needs-arguments', 6, 'needs arguments: the following arguments are required: name (usage: greet_args.py [-h] [--shout] name)',
    ]);
    const given = await ending('greet_args.py', { args: ['Ada', '--shout'] });
    assert.deepStrictEqual([given.result.exitCode, given.result.stdout, given.error], [0, 'HELLO, ADA!\n', null]);
  });

  it('a SystemExit with a message needs arguments, on the exit call', async () => {
    const { result, error } = await ending('exit_message.py');
    assert.deepStrictEqual([result.exitCode, result.stderr, error?.kind, error?.line], [1, 'usage: exit_message.py FILE\n', 'needs-arguments', 4]);
  });

  it('the heal asks no model about any of them, nor about a time limit', async () => {
    const model = new NeverAsked();
    const files = { ...FILES, 'forever.py': 'import time\n\nwhile True:\n    time.sleep(0.1)\n' };
    const outcomes = [];
    for (const entry of ['ask_name.py', 'greet_args.py', 'exit_message.py', 'forever.py']) {
      // Long enough for the loop to have started on a loaded machine, so the line it was on is known.
      const record = await healFile({ files, entry }, { runner: shared, limits: limits({ timeoutMs: 3000 }), model });
      outcomes.push([entry, record.outcome, record.attempts.length, record.lastRun.error?.line ?? null]);
    }
    assert.deepStrictEqual(outcomes, [
      ['ask_name.py', 'needs-input', 0, 1],
      ['greet_args.py', 'needs-arguments', 0, 6],
      ['exit_message.py', 'needs-arguments', 0, 4],
      ['forever.py', 'stopped-at-limit', 0, 4],
    ]);
    assert.strictEqual(model.requests.length, 0);
  });

  it('a flood runs to its end with output past the cap discarded when asked, and is stopped otherwise', async () => {
    const flood = { 'flood.py': 'for i in range(3000):\n    print("y" * 1000)\nprint("done")\n' };
    const cap = limits({ outputLimitBytes: 4096 });
    const stopped = await shared.run({ files: flood, entry: 'flood.py', limits: cap });
    const discarded = await shared.run({ files: flood, entry: 'flood.py', limits: cap, outputOverflow: 'discard' });
    assert.deepStrictEqual([stopped.reason, stopped.exitCode], ['output-limit', null]);
    assert.deepStrictEqual([discarded.reason, discarded.exitCode, discarded.stdout.length, discarded.stdoutBytes, discarded.truncated.stdout], ['exited', 0, 4096, 3000 * 1001 + 5, true]);
    assert.deepStrictEqual(errorsOfRun(discarded, { files: flood, entry: 'flood.py' }, cap), []);
  });

  it('gives the program its variables and working folder', async () => {
    const files = { 'app/main.py': 'import os, sys\nprint(os.getcwd(), os.environ["GREETING"], sys.argv, open("in.txt").read().strip())\n', 'data/in.txt': 'from data\n' };
    const result = await shared.run({ files, entry: 'app/main.py', args: ['-v'], env: { GREETING: 'good day' }, cwd: 'data', limits: limits() });
    assert.deepStrictEqual([result.stdout, result.stderr, result.exitCode], ["/app/data good day ['../app/main.py', '-v'] from data\n", '', 0]);
  });
});
