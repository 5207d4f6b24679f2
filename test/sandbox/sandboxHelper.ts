// Shared set-up for tests against the real engine named by DOCKER_HOST.
import Docker from 'dockerode';
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

/** Containers on the engine that this test process made (any state). */
export async function containersOfThisProcess(label = `${LABEL_PID}=${process.pid}`): Promise<string[]> {
  const docker = new Docker(dockerOptionsFor(engineHost()));
  const found = await docker.listContainers({ all: true, filters: { label: [label] } });
  return found.map((c) => c.Id);
}

export const sessionLabel = `${LABEL_SESSION}=${SESSION}`;
