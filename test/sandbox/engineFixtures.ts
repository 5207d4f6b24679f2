// More engines on this machine for the tests of several engines: a second Podman service on a
// private socket (as scripts/withEngine.sh starts the first), and a loopback proxy in front of an
// engine's socket that a test can close to make that address stop answering. Both stopped by PID.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export interface LocalEngine {
  host: string;
  stop(): Promise<void>;
}

/** A Podman service of its own (the same image store), started from its own folder, which conmon writes into. */
export async function startPodmanService(): Promise<LocalEngine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-engine2-'));
  const socket = path.join(dir, 'podman.sock');
  const child: ChildProcess = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], { cwd: dir, stdio: 'ignore', detached: true });
  for (let i = 0; i < 100 && !fs.existsSync(socket); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!fs.existsSync(socket)) throw new Error('the second podman service did not start');
  return {
    host: `unix://${socket}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const ended = new Promise((resolve) => child.once('exit', resolve));
        process.kill(child.pid as number, 'SIGTERM');
        await ended;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A unix socket that passes every connection on to `target` (a unix:// host) until stopped. */
export async function startSocketProxy(target: string): Promise<LocalEngine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-proxy-'));
  const socket = path.join(dir, 'engine.sock');
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.slice('unix://'.length));
    for (const end of [client, upstream]) {
      open.add(end);
      end.on('close', () => open.delete(end));
      end.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    host: `unix://${socket}`,
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const end of open) end.destroy();
      await closed;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
