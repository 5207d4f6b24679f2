// What `self-heal test` and `self-heal test --heal` share: the flags of a test run, the problems that
// are the command's failure rather than the tests', the project with the image it runs in, and the
// environment and doctests it runs with, so a heal judges the suite exactly as a plain run runs it.
import type { RunnerWithEnvironments } from '../core/environment/environmentTypes';
import { withoutCredentials } from '../core/environment/requirementSources';
import { chooseRunImage } from '../core/environment/runImageChoice';
import { readStatedPython } from '../core/environment/statedPython';
import type { TestEnvironment } from '../core/testing/testEnvironment';
import { collectTestProject, type TestProject } from '../core/testing/testProject';
import type { TestRunProblemKind } from '../core/testing/testTypes';
import { DEFAULT_IMAGE } from '../sandbox/dockerSandbox';
import { flagTable, flagValue, UsageError, type ParsedArgs } from './cliArgs';
import type { CliIo } from './cliIo';
import { ENGINE_VALUE_FLAGS } from './engineFlags';
import { environmentChoices } from './healWorkflow';
import type { RunOptions } from './runOptions';

export const TEST_FLAGS = flagTable({
  switch: ['json', 'help'],
  value: ['runner', 'image', 'python-images', ...ENGINE_VALUE_FLAGS, 'timeout', 'memory', 'cpus', 'processes', 'output-limit', 'keyword', 'junit'],
  optional: ['network'],
});

/** A plain test run's own flags besides those it shares with `test --heal`: doctests and the install's. */
export const TEST_RUN_FLAGS = { ...TEST_FLAGS, ...flagTable({ switch: ['allow-source-builds', 'doctest-modules'], value: ['install-network', 'sarif', 'summary', 'changed-since'] }) };

/** Problems that kept the tests from running at all: the command's failure, not the tests'. */
export const SETUP_PROBLEMS: readonly TestRunProblemKind[] = ['pytest-missing', 'engine', 'driver', 'install'];

/** `-k` is the short form of `--keyword`, as in pytest. */
export function withLongKeyword(argv: readonly string[]): string[] {
  return argv.map((arg) => (arg === '-k' ? '--keyword' : arg));
}

export async function testProjectAndImage(cwd: string, paths: readonly string[], options: RunOptions): Promise<{ project: TestProject; image: string | undefined }> {
  // Results travel over the sandbox launcher's channel, which a plain local process does not have.
  if (options.runner === 'local') throw new UsageError('tests run only in the sandbox: the local runner cannot report results per test');
  const project = await collectTestProject(cwd, paths);
  const { image } = await chooseRunImage({
    explicitImage: options.image,
    defaultImage: DEFAULT_IMAGE,
    imagesByVersion: options.imagesByPythonVersion,
    stated: await readStatedPython(project.root),
    names: { image: '--image', table: '--python-images' },
  });
  return { project, image };
}

/** The install flags of a test run, as `heal` reads them: the build's network, and source builds only when asked. */
export function testInstallOptions(parsed: ParsedArgs): { installNetwork: 'bridge' | 'host'; allowSourceBuilds: boolean } {
  const installNetwork = flagValue(parsed, 'install-network') ?? 'bridge';
  if (installNetwork !== 'bridge' && installNetwork !== 'host') throw new UsageError(`--install-network must be bridge or host, not "${installNetwork}"`);
  return { installNetwork, allowSourceBuilds: parsed.flags.has('allow-source-builds') };
}

/**
 * The environment of the tests' requirements (requirements-dev.txt and the like), built without
 * asking, as `heal` builds a program's, each install said on stderr; none for a runner without images.
 */
export function testEnvironmentOf(
  environments: RunnerWithEnvironments['environments'],
  install: { installNetwork: 'bridge' | 'host'; allowSourceBuilds: boolean },
  io: CliIo,
  say: (line: string) => void,
): TestEnvironment | undefined {
  if (!environments) return undefined;
  return {
    provider: environments(environmentChoices(install, io.env, say)),
    onInstall: (requirements) => say(`installing the tests' requirements: ${requirements.map(withoutCredentials).join(', ')}`),
  };
}

/** --doctest-modules, as pytest's flag: the doctests of the modules the run collects (the PATHs given, else the project). */
export function doctestsOf(parsed: ParsedArgs, project: TestProject): string[] | undefined {
  if (!parsed.flags.has('doctest-modules')) return undefined;
  return project.paths.length > 0 ? [...project.paths] : [''];
}
