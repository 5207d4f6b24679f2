// `self-heal mcp`: serves run_python, heal and parse_traceback over MCP on stdio, for coding agents
// (Claude Code, Cursor, Cline, VS Code's agent mode). It takes the flags of `run` and `heal`; the
// files it reaches are those under the folder it starts in (or --root, or the client's roots).
import * as fs from 'fs/promises';
import * as path from 'path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { RootsListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { flagTable, flagValue, parseArgs, UsageError } from '../cli/cliArgs';
import type { CliIo } from '../cli/cliIo';
import { HEAL_FLAGS, healOptionsFrom } from '../cli/healOptions';
import { HEAL_USAGE } from '../cli/healCommand';
import { InputError } from '../cli/inputFiles';
import { createSelfHealServer, type InFlight } from './mcpServer';
import { folderRoots } from './workspaceRoots';

/** Per-call matters (output format, input, writing, CI report files) are the tools' arguments or not the server's at all. */
const PER_CALL = new Set(['json', 'stdin', 'write', 'keep-partial', 'sarif', 'summary', 'changed-since']);
const MCP_FLAGS = {
  ...Object.fromEntries(Object.entries(HEAL_FLAGS).filter(([name]) => !PER_CALL.has(name))),
  ...flagTable({ value: ['root'] }),
};

const SHARED_OPTIONS = HEAL_USAGE.slice(HEAL_USAGE.indexOf('Options:\n') + 'Options:\n'.length)
  .split('\n').filter((line) => !/^ {2}--(json|stdin|write|keep-partial)\b/.test(line)).join('\n');

export const MCP_USAGE = `Usage: self-heal mcp [options]

Serves Self-Heal to coding agents over the Model Context Protocol on stdin/stdout: run_python (run
files in the sandbox), heal (verified fixes, written only when the call asks) and parse_traceback.
Paths must lie under the workspace: --root, else the folder it starts in, or the roots the client
names. Logs go to stderr. See docs/agents.md for each agent's configuration.

Options:
  --root DIR           the workspace the tools may reach (default: the current folder)
${SHARED_OPTIONS}`;

export async function mcpCommand(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  const parsed = parseArgs(argv, MCP_FLAGS);
  if (parsed.flags.has('help')) {
    io.stdout.write(MCP_USAGE);
    return 0;
  }
  if (parsed.positionals.length > 0 || parsed.rest.length > 0) throw new UsageError('mcp takes no files: the agent names them in each call');
  const options = healOptionsFrom(parsed, io.env);
  const startRoot = await workspaceFolder(path.resolve(io.cwd, flagValue(parsed, 'root') ?? '.'));
  const log = (line: string): void => void io.stderr.write(`self-heal mcp: ${line}\n`);
  // Whatever a dependency prints must not corrupt the protocol on stdout.
  console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);

  const lifetime = new AbortController();
  io.signal?.addEventListener('abort', () => lifetime.abort(), { once: true });
  const inFlight: InFlight = new Set();
  let clientRoots: Promise<string[]> | undefined;
  const server = createSelfHealServer({
    options, env: io.env, log,
    secrets: [io.env.OPENAI_API_KEY ?? ''].filter((key) => key !== ''),
    roots: () => (clientRoots ??= rootsOfClient()),
  }, lifetime.signal, inFlight, version);
  async function rootsOfClient(): Promise<string[]> {
    if (!server.getClientCapabilities()?.roots) return [startRoot];
    const listed = await server.listRoots(undefined, { timeout: 10_000 }).catch(() => undefined);
    const folders = folderRoots(listed?.roots.map((root) => root.uri) ?? []);
    return folders.length > 0 ? folders : [startRoot];
  }
  server.setNotificationHandler(RootsListChangedNotificationSchema, async () => {
    clientRoots = undefined;
  });

  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    lifetime.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.connect(new StdioServerTransport());
  log(`serving ${startRoot} over stdio; ${options.runner === 'local' ? 'local runner (unsandboxed)' : `image ${options.image ?? 'by the project\'s Python version'}`}; model ${options.model?.model ?? options.modelOffReason}`);
  await closed;
  // Calls still running are cancelled, and awaited so their containers are removed before exit.
  lifetime.abort();
  await Promise.allSettled([...inFlight]);
  await server.close().catch(() => undefined);
  return 0;
}

async function workspaceFolder(folder: string): Promise<string> {
  const real = await fs.realpath(folder).catch(() => undefined);
  const isFolder = real !== undefined && (await fs.stat(real)).isDirectory();
  if (!isFolder) throw new InputError(`--root ${folder}: no such folder`);
  return real;
}
