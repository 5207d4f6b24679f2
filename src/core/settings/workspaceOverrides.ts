// Which value of a sensitive setting a run uses. A repository's .vscode/settings.json is written by
// whoever wrote the repository, so for the settings that decide where code runs, how it is isolated
// and where the model request (and key) goes, its value counts only once the user has confirmed that
// exact value; until then the user's own value (or the default) is used. Pure: the editor side passes
// what `WorkspaceConfiguration.inspect()` reported and what was confirmed.
import { createHash } from 'crypto';
import { withoutCredentials } from '../environment/requirementSources';

/** Keys under `selfHeal.` a workspace may set only with the user's confirmation. */
export const GUARDED_SETTINGS = [
  'runner', 'pythonPath', 'docker.host', 'docker.hosts', 'image', 'imagesByPythonVersion', 'network', 'model.baseUrl', 'model.provider',
  'environment.indexUrl', 'environment.extraIndexUrls', 'environment.trustedHosts',
] as const;
export type GuardedSetting = (typeof GUARDED_SETTINGS)[number];

/** Where pip looks for packages while an environment is built. */
export const PACKAGE_INDEX_SETTINGS: readonly GuardedSetting[] = ['environment.indexUrl', 'environment.extraIndexUrls', 'environment.trustedHosts'];

/**
 * Values a workspace may set without asking: they can only make a run more isolated, or send pip to
 * fewer places. An empty index URL is not one: it sends the workspace's package names to PyPI
 * instead of the user's own index.
 */
const SAFEST: Partial<Record<GuardedSetting, unknown>> = { runner: 'docker', network: 'none', 'docker.hosts': [], 'environment.extraIndexUrls': [], 'environment.trustedHosts': [] };

/** The part of `inspect()` that matters (language-specific values never apply to a Uri scope). */
export interface InspectedSetting {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export type WorkspaceScope = 'workspaceFolder' | 'workspace';

/** A workspace value that was not used because the user has not confirmed it. */
export interface HeldValue {
  key: GuardedSetting;
  value: unknown;
  scope: WorkspaceScope;
}

export interface GuardedChoice {
  /** What the setting getter should return (undefined: the model's default). */
  value: unknown;
  from: WorkspaceScope | 'user' | 'default';
  /** Workspace values passed over, most specific first. */
  held: HeldValue[];
}

export type IsConfirmed = (key: GuardedSetting, value: unknown) => boolean;

export function isGuarded(key: string): key is GuardedSetting {
  return (GUARDED_SETTINGS as readonly string[]).includes(key);
}

/** Folder, then workspace, then user, then default; a workspace value counts only when confirmed. */
export function chooseGuardedValue(key: GuardedSetting, inspected: InspectedSetting, confirmed: IsConfirmed): GuardedChoice {
  const user = inspected.globalValue !== undefined ? { value: inspected.globalValue, from: 'user' as const } : { value: inspected.defaultValue, from: 'default' as const };
  const held: HeldValue[] = [];
  // A single-folder workspace reports its .vscode/settings.json as both: one value, one question.
  const folderValue = sameValue(inspected.workspaceFolderValue, inspected.workspaceValue) ? undefined : inspected.workspaceFolderValue;
  const candidates: Array<[WorkspaceScope, unknown]> = [['workspaceFolder', folderValue], ['workspace', inspected.workspaceValue]];
  for (const [scope, value] of candidates) {
    if (value === undefined) continue;
    if (sameValue(value, user.value) || (key in SAFEST && sameValue(value, SAFEST[key])) || confirmed(key, value)) return { value, from: scope, held };
    held.push({ key, value, scope });
  }
  return { ...user, held };
}

/**
 * The settings a run depends on, in the order to ask about them: the runner first, since it decides
 * which of the others matter; a question about a setting the run does not use would only confuse.
 */
export function settingsUsedBy(run: { runner: 'docker' | 'local'; usesModel: boolean; buildsEnvironment?: boolean; imageSet?: boolean }): GuardedSetting[] {
  // A set image wins over the project's Python version, so the table of images by version is not used then.
  const images: GuardedSetting[] = run.imageSet ? ['image'] : ['image', 'imagesByPythonVersion'];
  // Only the container runner builds environment images, so only it uses the package index.
  const runner: GuardedSetting[] = run.runner === 'local' ? ['pythonPath'] : ['docker.host', 'docker.hosts', ...images, 'network', ...(run.buildsEnvironment ? PACKAGE_INDEX_SETTINGS : [])];
  return ['runner', ...runner, ...(run.usesModel ? MODEL_SETTINGS : [])];
}

/** Where a model request goes: the provider, and the endpoint an OpenAI-compatible one uses. */
export const MODEL_SETTINGS: readonly GuardedSetting[] = ['model.provider', 'model.baseUrl'];

/** The name a confirmation is remembered by: a changed value is a new question. */
export function confirmationId(key: GuardedSetting, value: unknown): string {
  return createHash('sha256').update(JSON.stringify([key, value])).digest('hex');
}

/** The question put to the user: the setting, the value, and what using it would mean. */
export function overrideQuestion(held: HeldValue): string {
  const where = held.scope === 'workspaceFolder' ? 'This workspace folder' : 'This workspace';
  return `${where} sets selfHeal.${held.key} to ${shown(held.value)}: ${consequence(held.key, held.value)}`;
}

/** The log line when a held value is not used. */
export function heldLogLine(held: HeldValue, used: GuardedChoice): string {
  const fallback = used.from === 'user' ? `your user setting ${shown(used.value)}` : used.from === 'default' ? `the default ${shown(used.value)}` : `the ${used.from} value ${shown(used.value)}`;
  return `selfHeal.${held.key}: the ${held.scope === 'workspaceFolder' ? 'workspace folder' : 'workspace'} value ${shown(held.value)} is not confirmed; using ${fallback}.`;
}

function consequence(key: GuardedSetting, value: unknown): string {
  switch (key) {
    case 'runner':
      return value === 'local' ? 'its programs would run unsandboxed on this machine.' : 'its programs would run with that runner.';
    case 'pythonPath':
      return 'the local runner would start that program on this machine.';
    case 'docker.host':
      return 'its programs would be sent to that container engine, which decides how they are isolated.';
    case 'docker.hosts':
      return 'its programs would be sent to those container engines, which decide how they are isolated.';
    case 'image':
      return 'its programs would run in that image, pulled from its registry when missing.';
    case 'imagesByPythonVersion':
      return 'its programs would run in the image it names for the Python version the project asks for, pulled from its registry when missing.';
    case 'network':
      return value === 'host' ? "its programs would reach this machine's network, including services listening on localhost." : 'its programs would reach the network.';
    case 'model.baseUrl':
      return 'your code and its errors would be sent to that server for AI fixes.';
    case 'model.provider':
      return value === 'openai-compatible' ? 'AI fixes would be asked of the OpenAI-compatible endpoint only.' : 'your code and its errors would be sent to a language model VS Code offers (GitHub Copilot\'s, for example) for AI fixes.';
    case 'environment.indexUrl':
      return "pip would install the workspace's requirements from that package index instead of yours (or PyPI).";
    case 'environment.extraIndexUrls':
      return "pip would also look for the workspace's requirements there, and take whichever index offers the newest version.";
    case 'environment.trustedHosts':
      return 'pip would accept those hosts over plain HTTP or with certificates it cannot verify.';
  }
}

/** A value as the user reads it: quoted, a list joined, a table of images as JSON, credentials in a URL hidden. */
function shown(value: unknown): string {
  const text = Array.isArray(value) ? value.map(String).join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  return `'${withoutCredentials(text)}'`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
