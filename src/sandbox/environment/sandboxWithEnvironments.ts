// The docker runner as the CLI and the editor make it: the sandbox, together with the environment
// images built over its engine, base image and container labels. Handed out as a runner and a
// provider, so no caller needs the sandbox's class to build an environment. Several hosts make one
// sandbox per engine, spread as one runner (engineSpread.ts).
import type { EnvironmentChoices, RunnerWithEnvironments } from '../../core/environment/environmentTypes';
import { DockerSandbox, type DockerSandboxOptions } from '../dockerSandbox';
import { EngineSpread } from '../engineSpread';
import { EnvironmentBuilder } from './environmentBuilder';
import { SpreadEnvironments } from './spreadEnvironments';

export interface SandboxChoices extends DockerSandboxOptions {
  /** Engines to spread runs over; with fewer than two, `host` (or discovery) names the one engine. */
  hosts?: readonly string[];
  /** Said when one of several engines is taken out of rotation. */
  onEngineWarning?: (message: string) => void;
}

export function sandboxWithEnvironments(choices: SandboxChoices): RunnerWithEnvironments {
  const { hosts = [], onEngineWarning, ...options } = choices;
  if (hosts.length < 2) {
    const sandbox = new DockerSandbox(hosts.length === 1 ? { ...options, host: hosts[0] } : options);
    return { runner: sandbox, environments: (environment: EnvironmentChoices) => new EnvironmentBuilder(sandbox, environment) };
  }
  const sandboxes = hosts.map((host) => new DockerSandbox({ ...options, host }));
  const spread = new EngineSpread(sandboxes, { hosts, onWarning: onEngineWarning });
  return {
    runner: spread,
    environments: (environment: EnvironmentChoices) => new SpreadEnvironments(spread, sandboxes.map((sandbox) => new EnvironmentBuilder(sandbox, environment))),
  };
}
