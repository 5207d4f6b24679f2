// The image a test run uses: the given one when the project declares nothing, else the environment
// image of the project's requirements plus its test requirements (core/environment/testDependencies.ts),
// built on the runner's base image by the caller's EnvironmentProvider, the same builder, vetting
// and index settings as a program's environment. Without a provider nothing is installed.
import { EnvironmentError, InstallNotApproved, type EnvironmentProvider } from '../environment/environmentTypes';
import { testEnvironmentOf } from '../environment/testDependencies';
import type { TestRunProblem } from './testTypes';

export interface TestEnvironment {
  provider: EnvironmentProvider;
  /** May refuse the set (by throwing InstallNotApproved) before anything is built: the editor asks the user there. */
  beforeBuild?: (requirements: readonly string[]) => Promise<void>;
  /** The set is not built yet: installing starts. */
  onInstall?: (requirements: readonly string[]) => void;
  /** pip's lines while it builds. */
  onLine?: (line: string) => void;
}

export type TestImage =
  | { image: string | undefined; requirements: readonly string[]; installed: boolean }
  | { problem: TestRunProblem };

/** Requirement names that bring pytest: `pytest`, `pytest==7.4`, `pytest[testing]>=7; python_version>"3"`. */
export function declaresPytest(requirements: readonly string[]): boolean {
  return requirements.some((requirement) => /^pytest(?![A-Za-z0-9._-])/i.test(requirement.trim()));
}

export async function testImageFor(
  files: Readonly<Record<string, string>>,
  image: string | undefined,
  environment: TestEnvironment | undefined,
  signal?: AbortSignal,
): Promise<TestImage> {
  const requirements = testEnvironmentOf(files);
  if (requirements.length === 0 || environment === undefined) return { image, requirements, installed: false };
  try {
    await environment.beforeBuild?.(requirements);
    const built = await environment.provider.imageFor(requirements, {
      signal,
      onBuild: () => environment.onInstall?.(requirements),
      onProgress: environment.onLine,
    });
    return { image: built, requirements, installed: true };
  } catch (error) {
    if (signal?.aborted) return { problem: { kind: 'cancelled', message: 'the test run was cancelled while its requirements were installed' } };
    if (error instanceof InstallNotApproved) return { problem: { kind: 'install', message: `the tests' requirements were not installed: ${error.message}` } };
    if (error instanceof EnvironmentError) return { problem: { kind: 'install', message: `the tests' requirements could not be installed: ${error.message}` } };
    throw error;
  }
}
