// Which value of a sensitive setting a run uses. A repository's .vscode/settings.json is written by
// whoever wrote the repository, so for the settings that decide where code runs, how it is isolated
// and where the model request (and key) goes, its value counts only once the user has confirmed that
// exact value; until then the user's own value (or the default) is used. Pure: the editor side passes
// what `WorkspaceConfiguration.inspect()` reported and what was confirmed.
import { createHash } from 'crypto';

/** Keys under `selfHeal.` a workspace may set only with the user's confirmation. */
export const GUARDED_SETTINGS = ['runner', 'pythonPath', 'docker.host', 'image', 'network', 'model.baseUrl'] as const;
export type GuardedSetting = (typeof GUARDED_SETTINGS)[number];

/** Values a workspace may set without asking: they can only make a run more isolated. */
const SAFEST: Partial<Record<GuardedSetting, unknown>> = { runner: 'docker', network: 'none' };

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
export function settingsUsedBy(run: { runner: 'docker' | 'local'; usesModel: boolean }): GuardedSetting[] {
  const runner: GuardedSetting[] = run.runner === 'local' ? ['pythonPath'] : ['docker.host', 'image', 'network'];
  return ['runner', ...runner, ...(run.usesModel ? (['model.baseUrl'] as const) : [])];
}

/** The name a confirmation is remembered by: a changed value is a new question. */
export function confirmationId(key: GuardedSetting, value: unknown): string {
  return createHash('sha256').update(JSON.stringify([key, value])).digest('hex');
}

/** The question put to the user: the setting, the value, and what using it would mean. */
export function overrideQuestion(held: HeldValue): string {
  const where = held.scope === 'workspaceFolder' ? 'This workspace folder' : 'This workspace';
  return `${where} sets selfHeal.${held.key} to '${String(held.value)}': ${consequence(held.key, held.value)}`;
}

/** The log line when a held value is not used. */
export function heldLogLine(held: HeldValue, used: GuardedChoice): string {
  const fallback = used.from === 'user' ? `your user setting '${String(used.value)}'` : used.from === 'default' ? `the default '${String(used.value)}'` : `the ${used.from} value '${String(used.value)}'`;
  return `selfHeal.${held.key}: the ${held.scope === 'workspaceFolder' ? 'workspace folder' : 'workspace'} value '${String(held.value)}' is not confirmed; using ${fallback}.`;
}

function consequence(key: GuardedSetting, value: unknown): string {
  switch (key) {
    case 'runner':
      return value === 'local' ? 'its programs would run unsandboxed on this machine.' : 'its programs would run with that runner.';
    case 'pythonPath':
      return 'the local runner would start that program on this machine.';
    case 'docker.host':
      return 'its programs would be sent to that container engine, which decides how they are isolated.';
    case 'image':
      return 'its programs would run in that image, pulled from its registry when missing.';
    case 'network':
      return value === 'host' ? "its programs would reach this machine's network, including services listening on localhost." : 'its programs would reach the network.';
    case 'model.baseUrl':
      return 'your code and its errors would be sent to that server for AI fixes.';
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
