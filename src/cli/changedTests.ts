// `self-heal test --changed-since REF`: the test files a change reaches (changed, or importing a
// changed module through any chain). A changed conftest.py, configuration or data file can change
// any test's outcome, so then every test runs.
import { filesReachedBy } from '../core/program/importGraph';
import { isTestFileName } from '../core/testing/testDiscovery';
import type { TestProject } from '../core/testing/testProject';
import { changedIn, changedSince } from './changedSince';
import type { CliIo } from './cliIo';

/** The project with `paths` narrowed to the test files reached; undefined when the change reaches none. */
export async function changedTestProject(ref: string | undefined, project: TestProject, io: CliIo, quiet: boolean): Promise<TestProject | undefined> {
  if (ref === undefined) return project;
  const changed = changedIn(project.root, project.files, (await changedSince(ref, io.cwd)).changed);
  const say = (line: string): void => {
    if (!quiet) io.stderr.write(`self-heal: changed since ${ref}: ${line}\n`);
  };
  const everything = [...changed].find((file) => !file.endsWith('.py') || baseName(file) === 'conftest.py');
  if (everything !== undefined) {
    say(`${everything} may change any test: all of them run`);
    return project;
  }
  const reached = [...filesReachedBy(project.files, changed)]
    .filter((file) => isTestFileName(baseName(file)) && (project.paths.length === 0 || project.paths.some((given) => file === given || file.startsWith(`${given}/`))))
    .sort();
  say(`${reached.length} test ${reached.length === 1 ? 'file' : 'files'} changed or import a changed file`);
  return reached.length === 0 ? undefined : { ...project, paths: reached };
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
