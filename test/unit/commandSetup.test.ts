// What `run` and `heal` share before a program runs: --help, the files named, and the runner made
// with (docker) or without (local) environment images.
import * as assert from 'assert';
import { PassThrough } from 'stream';
import { parseArgs, UsageError } from '../../src/cli/cliArgs';
import type { CliIo } from '../../src/cli/cliIo';
import { createRunner, setUpCommand } from '../../src/cli/commandSetup';
import { HEAL_FLAGS, healOptionsFrom } from '../../src/cli/healOptions';
import { LocalRunner } from '../../src/local/localRunner';
import { DockerSandbox } from '../../src/sandbox/dockerSandbox';
import { EnvironmentBuilder } from '../../src/sandbox/environment/environmentBuilder';

function memoryIo(): CliIo & { written: () => string } {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stdout, stderr: new PassThrough(), stdin: new PassThrough(), cwd: process.cwd(), env: {}, written: () => Buffer.concat(chunks).toString('utf8') };
}

const HEAL = { flags: HEAL_FLAGS, usage: 'Usage: heal\n', verb: 'heal', optionsFrom: healOptionsFrom };

describe('CLI command setup', () => {
  it('answers --help with the usage and nothing else', async () => {
    const io = memoryIo();
    assert.strictEqual(await setUpCommand(['a.py', '--help'], io, HEAL), undefined);
    assert.strictEqual(io.written(), 'Usage: heal\n');
  });

  it('asks for a file when none is named', async () => {
    await assert.rejects(setUpCommand(['--no-llm'], memoryIo(), HEAL), (error: Error) => error instanceof UsageError && error.message === 'name at least one Python file to heal');
  });

  it('reads the options and collects the named files as targets', async () => {
    const setup = await setUpCommand(['examples/hello.py', '--no-llm', '--timeout', '4', '--', 'x'], memoryIo(), HEAL);
    assert.deepStrictEqual(setup?.targets.map((target) => [target.file, target.launch.kind]), [['examples/hello.py', 'run']]);
    assert.strictEqual(setup?.options.limits.timeoutMs, 4000);
    assert.strictEqual(setup?.options.modelOffReason, 'off (--no-llm)');
    assert.deepStrictEqual(setup?.parsed.rest, ['x']);
  });

  it('makes the local runner without environment images', async () => {
    const made = createRunner(healOptionsFrom(parseArgs(['a.py', '--runner', 'local'], HEAL_FLAGS), {}), memoryIo(), 1, true);
    assert.ok(made.runner instanceof LocalRunner);
    assert.strictEqual(made.environments, undefined);
    await made.runner.dispose();
  });

  it('makes the sandbox with environment images over its own image (no engine is contacted)', async () => {
    const made = createRunner(healOptionsFrom(parseArgs(['a.py', '--image', 'python:3.12-slim'], HEAL_FLAGS), {}), memoryIo(), 1, true);
    assert.ok(made.runner instanceof DockerSandbox);
    const environments = made.environments?.({ allowSourceBuilds: false });
    assert.ok(environments instanceof EnvironmentBuilder);
    assert.strictEqual(environments.baseImage, 'python:3.12-slim');
    await made.runner.dispose();
  });
});
