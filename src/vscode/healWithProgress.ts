// The heal of Run & Self-Heal under one cancellable progress notification: the editor's runner,
// model, environment images and install questions handed to the shared workflow
// (core/heal/healTargets.ts), each program with its own run configuration. Cancel stops both the
// container and the model request.
import * as path from 'path';
import * as vscode from 'vscode';
import { healTargets, type HealTarget, type RunInput } from '../core/heal/healTargets';
import type { FileHealRecord } from '../core/heal/ledger';
import type { OutputOverflow } from '../core/run/runTypes';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import type { Channels } from './channels';
import { stepText } from './concludeHeal';
import type { EditorEnvironments } from './editorEnvironments';
import { installApprovalForRun } from './installApproval';
import type { ModelProvider } from './modelProvider';
import type { RunGate } from './runGate';
import type { RunnerProvider } from './runnerProvider';
import type { EngineStatusBar } from './statusBar';

export interface HealWithProgressDeps {
  channels: Channels;
  runners: RunnerProvider;
  models: ModelProvider;
  statusBar: EngineStatusBar;
  gate: RunGate;
  environments: EditorEnvironments;
}

export interface EditorHeal {
  targets: readonly HealTarget[];
  settings: SelfHealSettings;
  /** False for Run Without Healing: the run and its report, no attempts. */
  heal: boolean;
  controller: AbortController;
  title: string;
  /** Each program's arguments, input, variables and folder; import checks are absent. */
  inputs: ReadonlyMap<HealTarget, RunInput>;
  outputOverflow?: OutputOverflow;
}

export async function healWithProgress(deps: HealWithProgressDeps, run: EditorHeal): Promise<FileHealRecord[]> {
  const { channels, runners, models, statusBar } = deps;
  const { targets, settings, heal, controller, title } = run;
  statusBar.show({ kind: 'running', file: targets.length === 1 ? path.basename(targets[0].launch.target) : `${targets.length} files` });
  const runner = await runners.runnerFor(settings);
  const model = heal ? await models.fixerFor(settings) : undefined;
  // Requirements a fix added with the user's approval are not asked about again when built.
  const approvedInstalls = new Set<string>();
  const imageFor = await deps.environments.imageFor(settings, approvedInstalls);
  const approveInstall = installApprovalForRun(deps.gate.questions, approvedInstalls);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Self-Heal: ${targets.length === 1 ? path.basename(targets[0].launch.target) : title}`, cancellable: true },
    (progress, token) => {
      token.onCancellationRequested(() => controller.abort());
      return healTargets(targets, {
        runner, limits: settings.limits, maxAttempts: heal ? settings.fix.maxAttempts : 0, rules: settings.fix.ruleBased, model, imageFor,
        signal: controller.signal, approveInstall, parallel: settings.parallelRuns, outputOverflow: run.outputOverflow,
        inputFor: (target) => run.inputs.get(target) ?? {},
        onProgress: (target, p) => {
          const line = `${target.launch.target}: ${stepText(p, model?.model)}`;
          progress.report({ message: targets.length === 1 ? stepText(p, model?.model) : line });
          channels.log.info(line);
        },
      });
    },
  );
}
