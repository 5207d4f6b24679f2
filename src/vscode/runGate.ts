// The one gate every path that runs code passes (Run, Run & Self-Heal for a file or the workspace,
// Run Without Healing, Retry, both quick fixes): it settles which workspace values of sensitive
// settings count, asking about each new one, and asks once per workspace before unsandboxed runs.
import * as path from 'path';
import * as vscode from 'vscode';
import { dependenciesOf } from '../core/environment/dependencies';
import { withEnvironmentFiles } from '../core/program/runSet';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import { confirmationId, heldLogLine, MODEL_SETTINGS, overrideQuestion, settingsUsedBy, type GuardedSetting, type HeldValue } from '../core/settings/workspaceOverrides';
import type { OverrideConfirmations } from './overrideConfirmations';
import type { ProjectImages } from './projectImage';
import type { Questions } from './questions';
import { readGuardedSettings } from './settings';

const LOCAL_CONSENT = 'selfHeal.localRunnerConsent';
export const USE_WORKSPACE_VALUE = 'Use This Value';
export const RUN_UNSANDBOXED = 'Run Unsandboxed';
export const UNSANDBOXED_QUESTION =
  'Self-Heal is set to run Python unsandboxed (selfHeal.runner = local): the program runs as a plain process with your permissions, with no memory, process or network limits.';
export const UNSANDBOXED_REFUSED = 'Self-Heal: nothing was run: running unsandboxed (selfHeal.runner = local) was not allowed.';
export const UNTRUSTED_REFUSED = 'Self-Heal runs code only in trusted workspaces. Trust this workspace to run Python files.';

/** What the run needs besides a runner. */
export interface RunNeeds {
  /** It may ask the model (Run & Self-Heal, Fix with AI). */
  model: boolean;
}

export interface RunGateDeps {
  questions: Questions;
  confirmations: OverrideConfirmations;
  workspaceState: vscode.Memento;
  log: vscode.LogOutputChannel;
  /** Chooses the image by the project's Python version; without it runs use the image setting as it is. */
  images?: ProjectImages;
}

export class RunGate {
  /** Why the last run was not allowed, for the tests. */
  lastRefusal: string | undefined;
  /** Values the user said no to in this session: not asked again until the editor restarts. */
  private readonly declined = new Set<string>();

  constructor(private readonly deps: RunGateDeps) {}

  /** Where every other question before code runs (installs, environment builds) is asked too. */
  get questions(): Questions {
    return this.deps.questions;
  }

  /** The settings a run of `scope` uses, or why the run is not allowed. */
  async settingsFor(scope: vscode.Uri | undefined, needs: RunNeeds): Promise<{ settings: SelfHealSettings } | { refused: string }> {
    if (!vscode.workspace.isTrusted) return this.refuse(UNTRUSTED_REFUSED);
    const buildsEnvironment = await declaresRequirements(scope);
    await this.askAboutWorkspaceValues(scope, (settings) => settingsUsedBy({ runner: settings.runner, usesModel: needs.model && settings.fix.ai, buildsEnvironment, imageSet: settings.imageSet }));
    const { settings, held } = readGuardedSettings(scope, this.deps.confirmations.isConfirmed);
    for (const { held: value, used } of held) this.deps.log.warn(heldLogLine(value, used));
    if (settings.runner === 'local' && !(await this.localConsent())) return this.refuse(UNSANDBOXED_REFUSED);
    this.lastRefusal = undefined;
    return { settings: await this.withImage(settings, scope) };
  }

  /**
   * The settings of work done in a container on the workspace's behalf (an environment build): the
   * same questions about workspace values as a run, but never unsandboxed, so the local runner is a
   * refusal rather than a consent question.
   */
  async containerSettingsFor(scope: vscode.Uri | undefined, localRefusal: string): Promise<{ settings: SelfHealSettings } | { refused: string }> {
    if (!vscode.workspace.isTrusted) return this.refuse(UNTRUSTED_REFUSED);
    await this.askAboutWorkspaceValues(scope, (settings) => settingsUsedBy({ runner: settings.runner, usesModel: false, buildsEnvironment: true, imageSet: settings.imageSet }));
    const { settings, held } = readGuardedSettings(scope, this.deps.confirmations.isConfirmed);
    for (const { held: value, used } of held) this.deps.log.warn(heldLogLine(value, used));
    if (settings.runner === 'local') return this.refuse(localRefusal);
    this.lastRefusal = undefined;
    return { settings: await this.withImage(settings, scope) };
  }

  /**
   * The settings for a request to the model alone (Test Model Connection): nothing runs, so only a
   * workspace's model provider and base URL are asked about; in an untrusted workspace only the user's values count.
   */
  async modelSettingsFor(scope: vscode.Uri | undefined): Promise<SelfHealSettings> {
    if (!vscode.workspace.isTrusted) return readGuardedSettings(scope, () => false).settings;
    await this.askAboutWorkspaceValues(scope, () => [...MODEL_SETTINGS]);
    return readGuardedSettings(scope, this.deps.confirmations.isConfirmed).settings;
  }

  private withImage(settings: SelfHealSettings, scope: vscode.Uri | undefined): Promise<SelfHealSettings> {
    return this.deps.images ? this.deps.images.withImage(settings, scope) : Promise.resolve(settings);
  }

  private refuse(reason: string): { refused: string } {
    this.lastRefusal = reason;
    this.deps.log.warn(reason);
    return { refused: reason };
  }

  /** Asks about the most specific unconfirmed value of each setting the run uses until nothing new is left. */
  private async askAboutWorkspaceValues(scope: vscode.Uri | undefined, usedBy: (settings: SelfHealSettings) => GuardedSetting[]): Promise<void> {
    for (;;) {
      const { settings, held } = readGuardedSettings(scope, this.deps.confirmations.isConfirmed);
      const used = usedBy(settings);
      const open = held.map((h) => h.held).filter((value) => used.includes(value.key) && !this.declined.has(idOf(value)));
      const next = open.sort((a, b) => used.indexOf(a.key) - used.indexOf(b.key))[0];
      if (!next) return;
      const answer = await this.deps.questions.modal(
        overrideQuestion(next),
        `Until you choose ${USE_WORKSPACE_VALUE}, Self-Heal uses your own setting (or the default). You are asked again when the value changes.`,
        USE_WORKSPACE_VALUE,
      );
      if (answer === USE_WORKSPACE_VALUE) await this.deps.confirmations.confirm(next.key, next.value);
      else this.declined.add(idOf(next));
    }
  }

  private async localConsent(): Promise<boolean> {
    if (this.deps.workspaceState.get(LOCAL_CONSENT) === true) return true;
    const choice = await this.deps.questions.modal(UNSANDBOXED_QUESTION, 'You are asked once per workspace.', RUN_UNSANDBOXED);
    if (choice !== RUN_UNSANDBOXED) return false;
    await this.deps.workspaceState.update(LOCAL_CONSENT, true);
    return true;
  }
}

/**
 * Whether a run of `scope` builds an environment image: its folder declares requirements. Only then
 * is a workspace's package index asked about; a file that cannot be read is the run's refusal to make.
 */
async function declaresRequirements(scope: vscode.Uri | undefined): Promise<boolean> {
  if (!scope || scope.scheme !== 'file') return false;
  const root = vscode.workspace.getWorkspaceFolder(scope)?.uri.fsPath ?? path.dirname(scope.fsPath);
  return withEnvironmentFiles({}, root).then((files) => dependenciesOf(files).length > 0, () => false);
}

function idOf(value: HeldValue): string {
  return `${value.scope}:${confirmationId(value.key, value.value)}`;
}
