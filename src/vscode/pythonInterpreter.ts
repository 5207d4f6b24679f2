// The interpreter selected in the Python extension (ms-python.python), when that extension is
// installed: one of the places a project's Python version is stated. Without the extension, or when
// its API does not answer in time, there is no interpreter and nothing is said: it is optional.
import * as vscode from 'vscode';

const PYTHON_EXTENSION = 'ms-python.python';
/** The Python extension may still be starting; a run does not wait longer than this for it. */
const ANSWER_DEADLINE_MS = 3000;

/** The part of the Python extension's API used here (its `environments` API). */
interface PythonEnvironmentsApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { id: string; path: string };
    resolveEnvironment(environment: { id: string; path: string } | string): Promise<{ version?: { major?: number; minor?: number; micro?: number } } | undefined>;
  };
}

export interface SelectedInterpreter {
  /** "3.9.18" */
  version: string;
  path: string;
}

export async function selectedInterpreter(resource: vscode.Uri | undefined): Promise<SelectedInterpreter | undefined> {
  const extension = vscode.extensions.getExtension<PythonEnvironmentsApi>(PYTHON_EXTENSION);
  if (!extension) return undefined;
  try {
    const api = extension.isActive ? extension.exports : await withDeadline(Promise.resolve(extension.activate()));
    const environments = api?.environments;
    if (typeof environments?.getActiveEnvironmentPath !== 'function' || typeof environments.resolveEnvironment !== 'function') return undefined;
    const active = environments.getActiveEnvironmentPath(resource);
    const version = (await withDeadline(environments.resolveEnvironment(active)))?.version;
    if (!isRelease(version?.major) || !isRelease(version?.minor)) return undefined;
    return { version: [version.major, version.minor, ...(isRelease(version.micro) ? [version.micro] : [])].join('.'), path: active.path };
  } catch {
    return undefined;
  }
}

/** The API reports -1 for a part it does not know. */
function isRelease(part: number | undefined): part is number {
  return typeof part === 'number' && Number.isInteger(part) && part >= 0;
}

function withDeadline<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ANSWER_DEADLINE_MS)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
