// The docker runner as the CLI and the editor make it: the sandbox, together with the environment
// images built over its engine, base image and container labels. Handed out as a runner and a
// provider, so no caller needs the sandbox's class to build an environment.
import type { EnvironmentChoices, RunnerWithEnvironments } from '../../core/environment/environmentTypes';
import { DockerSandbox, type DockerSandboxOptions } from '../dockerSandbox';
import { EnvironmentBuilder } from './environmentBuilder';

export function sandboxWithEnvironments(options: DockerSandboxOptions): RunnerWithEnvironments {
  const sandbox = new DockerSandbox(options);
  return { runner: sandbox, environments: (choices: EnvironmentChoices) => new EnvironmentBuilder(sandbox, choices) };
}
