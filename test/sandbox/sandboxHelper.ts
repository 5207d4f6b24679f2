// Shared set-up for tests against the real engine named by DOCKER_HOST.
import * as assert from 'assert';
import Docker from 'dockerode';
import { errorsOfRun } from '../../src/core/errors/runErrors';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import type { RunLimits, RunRequest, RunResult } from '../../src/core/run/runTypes';
import { LABEL_PID, LABEL_SESSION } from '../../src/sandbox/containerSpec';
import { DockerSandbox, type DockerSandboxOptions } from '../../src/sandbox/dockerSandbox';
import { dockerOptionsFor } from '../../src/sandbox/engineDiscovery';

export const TEST_IMAGE = process.env.SELF_HEAL_TEST_IMAGE ?? 'python:3.11-slim';
/** Every container of this test process carries it, so leftovers can be counted exactly. */
export const SESSION = `test-${process.pid}-${Date.now()}`;

export function engineHost(): string {
  const host = process.env.DOCKER_HOST;
  if (!host) throw new Error('DOCKER_HOST must name the engine for the sandbox tests (see scripts/withEngine.sh)');
  return host;
}

export function newSandbox(options: DockerSandboxOptions = {}): DockerSandbox {
  return new DockerSandbox({ image: TEST_IMAGE, session: SESSION, ...options });
}

/** One sandbox shared by the tests that need nothing special, so most runs are warm. */
export const shared = newSandbox();

export function limits(overrides: Partial<RunLimits> = {}): RunLimits {
  return { ...DEFAULT_LIMITS, timeoutMs: 20_000, ...overrides };
}

export function runCode(code: string, extra: Partial<RunRequest> = {}, sandbox = shared): Promise<RunResult> {
  return sandbox.run({ files: { 'main.py': code }, entry: 'main.py', limits: limits(), ...extra });
}

export interface HealedOnce {
  description: string;
  confident: boolean;
  healed: string;
  /** The healed program's run. */
  stdout: string;
  exitCode: number | null;
  /** The Python that raised the error, from the launcher's record. */
  python?: string;
}

/** Runs main.py, takes the first rule fix for its last error, and runs the fixed text to prove it. */
export async function healOnce(source: string, sandbox: DockerSandbox = shared): Promise<HealedOnce> {
  const files = { 'main.py': source };
  const broken = await sandbox.run({ files, entry: 'main.py', limits: limits() });
  const errors = errorsOfRun(broken, { files, entry: 'main.py' }, limits());
  const error = errors[errors.length - 1];
  const [fix] = ruleFixesFor(error, files);
  assert.ok(fix, `no rule fix for ${error?.type}: ${error?.message}`);
  const healed = applyEdits(source, fix.edits) as string;
  const verified = await sandbox.run({ files: { 'main.py': healed }, entry: 'main.py', limits: limits() });
  return { description: fix.description, confident: fix.confident, healed, stdout: verified.stdout, exitCode: verified.exitCode, python: error.python };
}

/** Containers on the engine that this test process made (any state). */
export async function containersOfThisProcess(label = `${LABEL_PID}=${process.pid}`): Promise<string[]> {
  const docker = new Docker(dockerOptionsFor(engineHost()));
  const found = await docker.listContainers({ all: true, filters: { label: [label] } });
  return found.map((c) => c.Id);
}

export const sessionLabel = `${LABEL_SESSION}=${SESSION}`;
