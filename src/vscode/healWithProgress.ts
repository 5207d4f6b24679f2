// The heal of Run & Self-Heal under one cancellable progress notification whose message names the
// file, the attempt and the step: the editor's runner, model, environment images and install
// questions handed to the shared workflow (core/heal/healTargets.ts), each program with its own run
// configuration. Cancel stops both the container and the model request. Each file's record is
// handed on as soon as its heal ends, so a workspace run shows (and offers) each result while the
// others still run.
import * as path from 'path';
import * as vscode from 'vscode';
import type { HealProgress } from '../core/heal/healFile';
import { healTargets, type HealTarget, type RunInput } from '../core/heal/healTargets';
import type { FileHealRecord } from '../core/heal/ledger';
import type { OutputOverflow } from '../core/run/runTypes';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import type { Channels } from './channels';
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
  /** Called as each target's heal ends, before the others finish. */
  onRecord: (target: HealTarget, record: FileHealRecord) => Promise<void>;
  /** A last step under the same notification (a workspace's tests), so Stop still reaches it; skipped after a cancel. */
  afterward?: (report: (message: string) => void) => Promise<void>;
}

export async function healWithProgress(deps: HealWithProgressDeps, run: EditorHeal): Promise<FileHealRecord[]> {
  const { channels, runners, models, statusBar } = deps;
  const { targets, settings, heal, controller, title } = run;
  statusBar.show({ kind: 'running', file: targets.length === 1 ? path.basename(targets[0].launch.target) : `${targets.length} files` });
  const runner = await runners.runnerFor(settings);
  const model = heal ? await models.fixerFor(settings) : undefined;
  // Requirements a fix added with the user's approval are not asked about again when built.
  const approvedInstalls = new Set<string>();
  const approveInstall = installApprovalForRun(deps.gate.questions, approvedInstalls);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Self-Heal: ${targets.length === 1 ? path.basename(targets[0].launch.target) : title}`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => controller.abort());
      // The install is a step of the run: it shows here while pip runs, before the program starts.
      const imageFor = await deps.environments.imageFor(settings, approvedInstalls, (message) => progress.report({ message }));
      const records = await healTargets(targets, {
        runner, limits: settings.limits, maxAttempts: heal ? settings.fix.maxAttempts : 0, rules: settings.fix.ruleBased, model, imageFor, tokenBudget: settings.model.maxTokensPerHeal,
        signal: controller.signal, approveInstall, parallel: settings.parallelRuns, outputOverflow: run.outputOverflow,
        inputFor: (target) => run.inputs.get(target) ?? {},
        onRecord: run.onRecord,
        onProgress: (target, p) => {
          const line = `${target.launch.target}: ${stepText(p, model?.model)}`;
          progress.report({ message: targets.length === 1 ? stepText(p, model?.model) : line });
          channels.log.info(line);
        },
      });
      if (run.afterward && !controller.signal.aborted) await run.afterward((message) => progress.report({ message }));
      return records;
    },
  );
}

export function stepText(progress: HealProgress, model: string | undefined): string {
  const attempt = progress.attempt === 0 ? 'running' : `attempt ${progress.attempt}/${progress.maxAttempts}`;
  if (progress.attempt === 0) return progress.step === 'running' ? 'running' : progress.step;
  const step = progress.step === 'asking the model' ? `asking ${model ?? 'the model'}` : progress.step === 'trying a rule fix' ? `trying ${progress.detail ?? 'a rule fix'}` : progress.step;
  return `${attempt}: ${step}`;
}
