// The files a test run sends: every Python file of the project folder (tests, conftest.py, the
// code under test), the configuration pytest reads at the root, so pyproject.toml, pytest.ini,
// setup.cfg, tox.ini and conftest.py apply inside the sandbox as they do on disk, the files that
// declare the run's requirements, and the project's other small text files (testDataFiles.ts).
// The folder is the run's root, /app in the sandbox, and pytest's rootdir.
import * as path from 'path';
import { FileRefusedError, readFileSafely } from '../files/safeFileRead';
import { sourceTextForRun } from '../files/sourceText';
import { describeBytes } from '../run/limits';
import { TEST_REQUIREMENTS_FILES } from '../environment/testDependencies';
import { ENVIRONMENT_FILE_MAX_BYTES, ENVIRONMENT_FILES, listPythonFiles, readFilesCapped, RUN_SET_MAX_BYTES, RUN_SET_MAX_FILES, RunSetError } from '../program/runSet';
import { collectDataFiles } from './testDataFiles';
import { PYTEST_CONFIG_FILES } from './testFramework';

export interface TestProject {
  /** The project folder on disk. */
  root: string;
  /** Root-relative POSIX path -> text. */
  files: Record<string, string>;
  /** Root-relative files or folders to run (empty: the whole project, or pytest's testpaths). */
  paths: string[];
  /** The project's other files that were not sent (binary, over 1 MiB, past the run set's cap, unsafe). */
  leftOut: string[];
}

/** Read before the data files, each as a program's environment file is: a refusal stops the run. */
const DECLARATION_FILES = [...new Set([...Object.keys(PYTEST_CONFIG_FILES), ...ENVIRONMENT_FILES, ...TEST_REQUIREMENTS_FILES])];


/** `paths` are files or folders inside `root` (absolute, or relative to it). */
export async function collectTestProject(root: string, paths: readonly string[] = []): Promise<TestProject> {
  const folder = path.resolve(root);
  const relativePaths = paths.map((given) => {
    const relative = path.relative(folder, path.resolve(folder, given));
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new RunSetError(`${given} is outside the project folder ${folder}`);
    return relative.split(path.sep).join('/');
  });
  const found = await listPythonFiles(folder, RUN_SET_MAX_FILES + 1);
  if (found.length > RUN_SET_MAX_FILES) {
    throw new RunSetError(`${folder} holds more than ${RUN_SET_MAX_FILES} Python files; Self-Heal copies them into the sandbox. Name a smaller folder.`);
  }
  const { files, totalBytes } = await readFilesCapped(found, folder, RUN_SET_MAX_BYTES, () =>
    `The Python files under ${folder} exceed ${describeBytes(RUN_SET_MAX_BYTES)}; Self-Heal copies them into the sandbox. Name a smaller folder.`,
  );
  for (const name of DECLARATION_FILES) {
    const text = await configFile(folder, name);
    if (text !== undefined) files[name] = text;
  }
  const data = await collectDataFiles(folder, RUN_SET_MAX_BYTES - totalBytes, new Set(Object.keys(files)));
  return { root: folder, files: { ...files, ...data.files }, paths: relativePaths.filter((relative) => relative !== ''), leftOut: data.leftOut };
}

async function configFile(folder: string, name: string): Promise<string | undefined> {
  const file = path.join(folder, name);
  try {
    const content = await readFileSafely(file, { root: folder, maxBytes: ENVIRONMENT_FILE_MAX_BYTES, label: file });
    return content === undefined ? undefined : sourceTextForRun(content);
  } catch (error) {
    if (error instanceof FileRefusedError) throw new RunSetError(`${error.message}; the test configuration was not read`);
    throw error;
  }
}
