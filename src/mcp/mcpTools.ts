// What each tool does, over the same workflows as `self-heal run`, `heal` and `parse`: the paths
// confined to the workspace, the targets and image chosen as the CLI chooses them, then the shared
// run or heal workflow, and the answer shaped for a model.
import { Readable } from 'stream';
import { createRunner, prepareTargets } from '../cli/commandSetup';
import type { CliIo } from '../cli/cliIo';
import type { HealCliOptions } from '../cli/healOptions';
import { progressLine } from '../cli/healReport';
import { healRunTargets, withEnvironment } from '../cli/healWorkflow';
import { parseTracebackText } from '../cli/parseCommand';
import { runTargets } from '../cli/runWorkflow';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { healEntry, reportedError, runEntry, toolResult } from './toolResults';
import { confinePaths } from './workspaceRoots';

export interface ServerContext {
  /** The options the server was started with (the flags of `run` and `heal`). */
  options: HealCliOptions;
  env: NodeJS.ProcessEnv;
  /** The folders tools may reach: the client's roots when it has them, else the start folder. */
  roots(): Promise<string[]>;
  /** A line for the server's log (stderr: stdout carries only the protocol). */
  log(line: string): void;
  /** Values never to appear in a result (the model's key). */
  secrets: string[];
}

export interface CallContext {
  /** Aborted when the client cancels the call or the server shuts down. */
  signal: AbortSignal;
  /** A progress notification, when the client asked for them. */
  progress(message: string): void;
}

export interface RunPythonArgs {
  paths: string[];
  args?: string[];
  stdin?: string;
  timeout_seconds?: number;
}

export async function runPython(input: RunPythonArgs, server: ServerContext, call: CallContext): Promise<CallToolResult> {
  const { root, relative } = await confinePaths(input.paths, await server.roots());
  const { options, targets } = await prepareTargets(withTimeout(server.options, input.timeout_seconds), relative, root);
  const { runner } = createRunner(options, toolIo(root, server, call.signal), targets.length, false);
  server.log(`run_python: ${targets.map((target) => target.file).join(', ')} in ${options.runner === 'local' ? 'a local process' : options.image}`);
  call.progress(`running ${targets.length} file${targets.length === 1 ? '' : 's'}`);
  try {
    const runs = await runTargets(targets, {
      runner, limits: options.limits, parallel: options.parallel, args: input.args ?? [], stdin: input.stdin, signal: call.signal,
      onRun: (target, run) => call.progress(`${target.file}: ${run.result.reason}${run.result.exitCode === null ? '' : ` ${run.result.exitCode}`}`),
    });
    return toolResult({ files: runs.map((run, i) => runEntry(targets[i], run, options.limits)) }, server.secrets);
  } finally {
    await runner.dispose();
  }
}

/** The server's options with a call's own time limit, when it gives one. */
function withTimeout(options: HealCliOptions, seconds: number | undefined): HealCliOptions {
  return seconds === undefined ? options : { ...options, limits: { ...options.limits, timeoutMs: seconds * 1000 } };
}

export interface HealArgs extends RunPythonArgs {
  write?: boolean;
}

export async function heal(input: HealArgs, server: ServerContext, call: CallContext): Promise<CallToolResult> {
  const { root, relative } = await confinePaths(input.paths, await server.roots());
  const { options, targets } = await prepareTargets({ ...withTimeout(server.options, input.timeout_seconds), write: input.write === true }, relative, root);
  server.log(`heal: ${targets.map((target) => target.file).join(', ')}${options.write ? ' (writing healed files)' : ''}`);
  const entries = await healRunTargets(await withEnvironment(targets), options, {
    io: toolIo(root, server, call.signal),
    args: input.args ?? [],
    stdin: input.stdin,
    say: (line) => server.log(`heal: ${line}`),
    onProgress: (target, progress) => call.progress(progressLine(target.file, progress)),
  });
  return toolResult({ model: options.model?.model ?? null, written: options.write, files: entries.map(healEntry) }, server.secrets);
}

export async function parseTraceback(input: { text: string }, server: ServerContext): Promise<CallToolResult> {
  const [root] = await server.roots();
  const errors = parseTracebackText(input.text, root);
  return toolResult({ errors: errors.map(reportedError), ...(errors.length === 0 ? { note: 'no traceback found in the text' } : {}) }, server.secrets);
}

/** What the shared workflows may touch: nothing reaches stdout, which is the protocol's. */
export function toolIo(root: string, server: ServerContext, signal: AbortSignal): CliIo {
  return { stdout: process.stderr, stderr: process.stderr, stdin: Readable.from([]), cwd: root, env: server.env, signal };
}
