// Runs the bundled dist/cli.js in a child process, as a user would.
import { spawn } from 'child_process';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '../../..');
export const CLI = path.join(REPO, 'dist/cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; onStart?: (pid: number) => void } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(options.input ?? '');
    options.onStart?.(child.pid as number);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
