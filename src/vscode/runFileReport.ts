// What Run Python File tells the user once a run ended: the log line, the program's summary, the
// status bar, a need's offer, and engine problems; or, when the program never started because its
// environment could not be made, the install's state and one notice, said as Run & Self-Heal says it.
import * as vscode from 'vscode';
import { problemText } from '../core/errors/expectedExits';
import { errorsOfRun } from '../core/errors/runErrors';
import type { SetupFailure } from '../core/heal/setupFailure';
import { formatSize } from '../core/run/limits';
import { discardedPhrase, endingPhrase, limitOf, succeeded } from '../core/run/runEnding';
import type { RunResult } from '../core/run/runTypes';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import type { Channels } from './channels';
import type { EngineProblemNotifier } from './engineProblems';
import type { Notifications } from './notifications';
import { LIMIT_SETTINGS, reportNeed } from './runNeeds';
import { announceSetupFailure } from './runNotices';
import type { EngineStatusBar } from './statusBar';
import { setupFailureState } from './statusView';
import { engineLabel } from '../core/run/runResults';

export interface RunFileReportDeps {
  channels: Channels;
  statusBar: EngineStatusBar;
  problems: EngineProblemNotifier;
  notifications: Notifications;
}

/** Says how the run ended; returns the log line written for it. */
export function reportRunResult(deps: RunFileReportDeps, result: RunResult, settings: SelfHealSettings, uri: vscode.Uri, run: Parameters<typeof errorsOfRun>[1], rerun: () => Thenable<unknown>): string {
  const { channels, statusBar, problems } = deps;
  const limits = settings.limits;
  const logLine =
    `ran ${vscode.workspace.asRelativePath(uri)}: ${engineLabel(result.engine)}${result.engine.sandboxed ? '' : ' (unsandboxed)'}, ` +
    `image ${result.engine.image ?? '-'}, limits ${limits.timeoutMs / 1000}s ${formatSize(limits.memoryBytes)} ${limits.cpus}cpu ` +
    `${limits.processes}proc net=${limits.network}; ${result.reason}, exit ${result.exitCode ?? '-'}, ${result.durationMs} ms`;
  channels.log.info(logLine);
  if (result.reason === 'engine-error' && result.engineError) {
    if (result.engine.runner === 'docker') statusBar.showEngineError(result.engineError);
    channels.appendProgram(`\n✗ ${result.engineError.message}\n`);
    void problems.show(result.engineError, rerun, result.engine.runner);
    return logLine;
  }
  statusBar.show({ kind: 'found', engine: engineLabel(result.engine) });
  const errors = errorsOfRun(result, run, settings.limits);
  const ending = errors[errors.length - 1] ?? null;
  const entry = vscode.workspace.asRelativePath(uri);
  if (reportNeed(deps, entry, ending, { entry: uri, mode: 'run', limits: settings.limits, notify: true })) {
    channels.appendProgram(`\n${limitOf(result.reason) ? '■' : '?'} ${problemText(ending!)}${settingFor(result)}\n`);
    return logLine;
  }
  channels.appendProgram(`\n${summaryOf(result, settings)}\n`);
  return logLine;
}

/** The program did not start: its environment failed (install failed: its state and one notice) or was declined or cancelled. */
export function reportNotStarted(deps: RunFileReportDeps, failure: SetupFailure, uri: vscode.Uri, rerun: () => Thenable<unknown>, cancelled: boolean): void {
  const { channels, statusBar } = deps;
  channels.log.warn(`not run: ${failure.message}`);
  channels.appendProgram(`\n${cancelled ? '■' : '✗'} ${failure.message}\n`);
  if (cancelled) {
    statusBar.show({ kind: 'unknown' });
    return;
  }
  statusBar.show(setupFailureState(failure, undefined));
  announceSetupFailure({ ...deps, showLog: () => channels.log.show() }, vscode.workspace.asRelativePath(uri), failure, rerun);
}

/** Where the limit a run hit is raised. */
function settingFor(result: RunResult): string {
  const limit = limitOf(result.reason);
  return limit ? `; raise it with ${LIMIT_SETTINGS[limit]}` : '';
}

function summaryOf(result: RunResult, settings: SelfHealSettings): string {
  const mark = result.reason === 'cancelled' ? '■' : succeeded(result) ? '✓' : '✗';
  const discarded = discardedPhrase(result, settings.limits);
  return `${mark} ${endingPhrase(result, settings.limits)}${discarded ? `; ${discarded}` : ''}${settingFor(result)}`;
}
