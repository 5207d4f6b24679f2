// selfHeal_runPython: each file run once in the sandbox as "Run Python File in Sandbox" runs it (the
// run gate, the file's imports and the workspace's requirements, the environment image only with
// the user's consent), with the texts the editor shows, unsaved ones included, and answered as the
// MCP server's run_python answers: exit, reason, a summary, the output's tails and the errors.
import * as vscode from 'vscode';
import { problemText } from '../core/errors/expectedExits';
import { reportedRun } from '../core/errors/reportedError';
import { errorsOfRun } from '../core/errors/runErrors';
import { pythonFilesOf } from '../core/heal/healRun';
import type { HealTarget } from '../core/heal/healTargets';
import { setupFailureOfInstall } from '../core/heal/setupFailure';
import { RunSetError } from '../core/program/runSet';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import { fileTargetAt } from './editorTargets';
import { MAX_ARGS, MAX_PATHS, MAX_STDIN_CHARS, objectInput, onlyKnown, optionalSeconds, optionalString, stringList, ToolRefusal, workspacePath, type WorkspacePath } from './lmToolInput';
import type { LmToolDeps } from './lmTools';
import { uriOf } from './runDiagnostics';

export const RUN_TOOL = 'selfHeal_runPython';

interface RunPythonInput {
  paths: WorkspacePath[];
  args: string[];
  stdin?: string;
  timeoutSeconds?: number;
}

async function checkedInput(input: unknown): Promise<RunPythonInput> {
  const given = objectInput(input);
  onlyKnown(given, ['paths', 'args', 'stdin', 'timeout_seconds']);
  const paths = stringList(given, 'paths', { min: 1, max: MAX_PATHS }) ?? [];
  return {
    paths: await Promise.all(paths.map((p) => workspacePath(p, { kind: 'python-file' }))),
    args: stringList(given, 'args', { min: 0, max: MAX_ARGS }) ?? [],
    stdin: optionalString(given, 'stdin', MAX_STDIN_CHARS),
    timeoutSeconds: optionalSeconds(given, 'timeout_seconds'),
  };
}

export async function runPython(deps: LmToolDeps, input: unknown, signal: AbortSignal): Promise<Record<string, unknown>> {
  const checked = await checkedInput(input);
  const files: Array<Record<string, unknown>> = [];
  // One after another: each run is short, and the answer keeps the order the paths were given in.
  for (const file of checked.paths) files.push(await runOne(deps, file, checked, signal));
  return { files };
}

async function runOne(deps: LmToolDeps, file: WorkspacePath, input: RunPythonInput, signal: AbortSignal): Promise<Record<string, unknown>> {
  const settings = await gatedSettings(deps, file, { model: false }, input.timeoutSeconds);
  const target = await editorTarget(file);
  const runner = await deps.runners.runnerFor(settings);
  const imageFor = await deps.environments.imageFor(settings, new Set());
  let image: string | undefined;
  try {
    image = await imageFor?.(target.files, signal);
  } catch (error) {
    const failure = setupFailureOfInstall(error);
    return { file: file.relative, exitCode: null, reason: 'not-started', summary: `${file.relative}: not run: ${failure.message}` };
  }
  const entry = target.launch.target;
  const result = await runner.run({
    files: pythonFilesOf(target.files), entry, image, args: input.args, stdin: input.stdin,
    limits: settings.limits, outputOverflow: settings.outputOverflow, signal,
  });
  const errors = errorsOfRun(result, { files: target.files, entry, stdinGiven: input.stdin !== undefined }, settings.limits);
  const last = errors[errors.length - 1];
  const ending = `${result.reason}${result.exitCode === null ? '' : ` ${result.exitCode}`}`;
  deps.log.info(`${RUN_TOOL}: ${file.relative}: ${ending}, image ${image ?? settings.image}, ${Math.round(result.durationMs)} ms`);
  const { exitCode, reason, ...rest } = reportedRun(result, errors);
  return {
    file: file.relative,
    ...(vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders.length > 1 ? { workspaceFolder: file.root } : {}),
    exitCode,
    reason,
    summary: `${file.relative}: ${ending}${last ? `: ${problemText(last)}${last.file && last.line ? ` (${last.file}:${last.line})` : ''}` : ''}`,
    ...rest,
  };
}

/** The run gate's settings for this file (trust, the workspace values asked about, unsandboxed consent), or its refusal. */
export async function gatedSettings(deps: LmToolDeps, file: WorkspacePath, needs: { model: boolean }, timeoutSeconds?: number): Promise<SelfHealSettings> {
  const allowed = await deps.gate.settingsFor(vscode.Uri.file(file.file), needs);
  if ('refused' in allowed) throw new ToolRefusal(allowed.refused);
  allowed.settings.problems.forEach((problem) => deps.log.warn(problem));
  if (timeoutSeconds === undefined) return allowed.settings;
  return { ...allowed.settings, limits: { ...allowed.settings.limits, timeoutMs: Math.round(timeoutSeconds * 1000) } };
}

/**
 * The file as a program with what the editor shows: an open document's unsaved text takes the place
 * of the file's, so the agent's edits are run without saving them behind the user's back.
 */
export async function editorTarget(file: WorkspacePath): Promise<HealTarget> {
  let target: HealTarget;
  try {
    target = await fileTargetAt(file.file, file.root);
  } catch (error) {
    if (error instanceof RunSetError) throw new ToolRefusal(error.message);
    throw error;
  }
  const files = { ...target.files };
  for (const relative of Object.keys(files)) {
    const uri = uriOf(target.root, relative).toString();
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (document?.isDirty) files[relative] = document.getText();
  }
  return { ...target, files };
}
