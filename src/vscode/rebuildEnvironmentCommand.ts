// "Self-Heal: Rebuild Environment": builds the active workspace's environment anew, ignoring the
// cached image (after a changed index, a yanked release, or to pick up new versions).
import * as vscode from 'vscode';
import { dependenciesOf } from '../core/environment/dependencies';
import { RunSetError, withEnvironmentFiles } from '../core/program/runSet';
import type { Channels } from './channels';
import type { EnvironmentConsent } from './environmentConsent';
import type { RunGate } from './runGate';
import type { RunnerProvider } from './runnerProvider';

export interface RebuildEnvironmentDeps {
  channels: Channels;
  runners: RunnerProvider;
  consent: EnvironmentConsent;
  /** The workspace's values of the engine settings count only once confirmed, as for a run. */
  gate: RunGate;
}

const LOCAL_RUNNER = 'Self-Heal: environments are container images; selfHeal.runner is local.';

/** What the command did, as the user was told: the new image, or why there is none; undefined when the user said no. */
export type RebuildOutcome = { tag: string } | { refused: string } | undefined;

export async function rebuildEnvironment({ channels, runners, consent, gate }: RebuildEnvironmentDeps): Promise<RebuildOutcome> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!vscode.workspace.isTrusted) return refuse('Self-Heal builds environments only in trusted workspaces.');
  if (!folder) return refuse('Self-Heal: open a folder to rebuild its environment.');
  const gated = await gate.containerSettingsFor(folder.uri, LOCAL_RUNNER);
  if ('refused' in gated) return refuse(gated.refused);
  const { settings } = gated;
  let requirements: string[];
  try {
    requirements = dependenciesOf(await withEnvironmentFiles({}, folder.uri.fsPath));
  } catch (error) {
    if (error instanceof RunSetError) return refuse(`Self-Heal: ${error.message}`);
    throw error;
  }
  if (requirements.length === 0) return refuse(`Self-Heal: ${folder.name} declares no requirements (requirements.txt or pyproject.toml).`);
  if (!(await consent.allowed(requirements))) return undefined;
  const builder = await runners.environmentsFor(settings, (line) => channels.log.info(`pip: ${line}`));
  if (!builder) return refuse(LOCAL_RUNNER);
  return vscode.window.withProgress<RebuildOutcome>(
    { location: vscode.ProgressLocation.Notification, title: `Self-Heal: rebuilding the environment of ${folder.name}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      try {
        const tag = await builder.imageFor(requirements, { rebuild: true, signal: controller.signal, onProgress: (line) => {
          channels.log.info(`pip: ${line}`);
          progress.report({ message: line.slice(0, 80) });
        } });
        channels.log.info(`environment rebuilt: ${tag} (${requirements.join(', ')})`);
        void vscode.window.showInformationMessage(`Self-Heal: environment rebuilt (${requirements.length} requirement${requirements.length === 1 ? '' : 's'}).`);
        return { tag };
      } catch (error) {
        channels.log.error(`environment not rebuilt: ${(error as Error).message}`);
        return refuse(`Self-Heal: ${(error as Error).message}`);
      }
    },
  );
}

function refuse(message: string): RebuildOutcome {
  void vscode.window.showWarningMessage(message);
  return { refused: message };
}
