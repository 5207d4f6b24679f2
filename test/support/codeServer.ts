// Starts code-server (a real VS Code with a Node extension host) in its own process group and a
// headless Chromium on its workbench; stops both by PID. Shared by the integration and UI tests.
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import Docker from 'dockerode';
import { chromium, type Browser, type Page } from 'playwright-core';
import { dockerOptionsFor } from '../../src/sandbox/engineDiscovery';
import { sweepStaleContainers } from '../../src/sandbox/staleSweep';
import { installChatModelExtension } from './chatModelExtension';

export const REPO = path.resolve(__dirname, '../../..');

export interface CodeServer {
  port: number;
  workspace: string;
  /** code-server's user data (settings, logs), to check what was written to disk. */
  userData: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** Copied per run, because tests save edits to disk. */
  fixtureWorkspace: string;
  trusted: boolean;
  /** Installed .vsix files (for the packaging test); none means extensionDevelopmentPath only. */
  extensionsDir?: string;
  env?: NodeJS.ProcessEnv;
  userSettings?: Record<string, unknown>;
  /** Installs the test extension that offers a VS Code language model (chatModelExtension.ts). */
  chatModelExtension?: boolean;
}

export function codeServerBinary(): string {
  const found = spawnSync('bash', [path.join(REPO, 'scripts/setupCodeServer.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (found.status !== 0) throw new Error('code-server could not be installed (scripts/setupCodeServer.sh)');
  return found.stdout.trim().split('\n').pop() as string;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-code-server-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(options.fixtureWorkspace, workspace, { recursive: true });
  const userData = path.join(scratch, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.startupPrompt': 'never', ...options.userSettings }),
  );
  const port = await freePort();
  const extensionsDir = options.extensionsDir ?? path.join(scratch, 'extensions');
  const chatModel = options.chatModelExtension ? installChatModelExtension(REPO, extensionsDir) : [];
  const args = [
    '--config', '/dev/null', '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userData, '--extensions-dir', extensionsDir, ...chatModel,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
    ...(options.trusted ? ['--disable-workspace-trust'] : []),
  ];
  const child = spawn(codeServerBinary(), args, {
    detached: true, // its own process group: the extension host dies with it
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(scratch, 'config') },
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  await waitForHealth(port, child, () => log);
  return {
    port,
    workspace,
    userData,
    stop: async () => {
      await stopGroup(child);
      await sweepEngine();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The workbench URL, optionally carrying the extension-development payload. */
export function workbenchUrl(server: CodeServer, testsPath?: string): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = testsPath ? [['extensionDevelopmentPath', remote(REPO)], ['extensionTestsPath', remote(testsPath)]] : [['extensionDevelopmentPath', remote(REPO)]];
  return `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM first, so the extension host can deactivate (and remove its containers); SIGKILL after 5 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  killGroup(child, 'SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  killGroup(child, 'SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** What an extension host could not remove, the product's own start-up sweep removes. */
async function sweepEngine(): Promise<void> {
  if (!process.env.DOCKER_HOST) return;
  const docker = new Docker(dockerOptionsFor(process.env.DOCKER_HOST));
  // A container the host was still creating as it died appears a moment later: sweep until quiet.
  for (let round = 0; round < 6; round++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const removed = await sweepStaleContainers(docker).catch(() => 0);
    if (removed === 0 && round >= 2) return;
  }
}

async function waitForHealth(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`code-server exited: ${log()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  killGroup(child);
  throw new Error(`code-server did not become healthy: ${log()}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface TestsModuleRun {
  /** Settles with the host's exit code (0: the module's run() resolved). */
  exitCode: number;
}

/**
 * Loads `testsPath` (a module exporting run()) in the extension host of a fresh code-server, with
 * this repository as the extension under development; forwards the host's console to `onLog`. The
 * deadline only catches a host that hangs: the trusted suite takes 5-9 minutes alone and half as long
 * again on a shared, busy machine, so it is set well above that.
 */
export async function runTestsModule(testsPath: string, options: CodeServerOptions, onLog: (line: string, rest: unknown[]) => void, timeoutMs = 25 * 60_000): Promise<TestsModuleRun> {
  const server = await startCodeServer(options);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // The host forwards its console as (level, [message, ...]); the workbench's own chatter is dropped.
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => {
      const [first, ...rest] = Array.isArray(args) ? args : [args];
      if (!WORKBENCH_NOISE.test(String(first))) onLog(String(first), rest);
    });
    // Only the navigation itself is awaited: on a busy machine the workbench's scripts can take longer
    // than goto's 30 s to load, and the run's own deadline below catches a host that never settles.
    await page.goto(workbenchUrl(server, testsPath), { waitUntil: 'commit', timeout: 120_000 });
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(124), timeoutMs).unref());
    return { exitCode: await Promise.race([exited, timeout]) };
  } finally {
    await browser.close();
    await server.stop();
  }
}

const WORKBENCH_NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|\[Service Worker\]|ChatSessionStore|Updating additional builtin)/;
