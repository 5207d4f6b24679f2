// The unsandboxed runner: a plain Python process for machines without any container engine.
// Opt-in only. It enforces the timeout and output caps (or, asked to, lets the program run on with
// output past the cap discarded); it cannot enforce memory, CPU, process or network limits, and
// every result says it was not sandboxed. The program's environment variables go on top of the
// allow-listed ones, and it starts in its working folder as `python ENTRY` typed there would.
import { spawn } from 'child_process';
import * as fs from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import { EngineError } from '../core/run/engineError';
import { resultWithoutProgram } from '../core/run/runResults';
import type { EngineFacts, Runner, RunRequest, RunResult } from '../core/run/runTypes';
import { RunWatch } from '../core/run/runWatch';
import { programEnvironment } from './programEnvironment';
import { encodeSource } from '../core/files/sourceText';

export const UNSANDBOXED_NOTICE = 'unsandboxed: the program ran as a plain local process with your permissions';

export class LocalRunner implements Runner {
  private readonly facts: EngineFacts;

  constructor(private readonly python = 'python3') {
    this.facts = { runner: 'local', sandboxed: false, engine: `local ${python} (unsandboxed)` };
  }

  async run(request: RunRequest): Promise<RunResult> {
    const started = Date.now();
    if (request.signal?.aborted) return resultWithoutProgram('cancelled', this.facts, 0);
    const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'self-heal-run-'));
    try {
      await writeFiles(workDir, request.files);
      await makeWorkingFolder(workDir, request.cwd);
      return await this.runProcess(workDir, request, started);
    } catch (error) {
      const engineError = error instanceof EngineError ? error : new EngineError('api', `Could not prepare the run folder: ${(error as Error).message}`);
      return resultWithoutProgram('engine-error', this.facts, Date.now() - started, engineError);
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  }

  async dispose(): Promise<void> {
    // Every process is awaited by run(); nothing is kept between runs.
  }

  private runProcess(workDir: string, request: RunRequest, started: number): Promise<RunResult> {
    return new Promise((resolve) => {
      const cwd = path.resolve(workDir, request.cwd ?? '');
      const entry = path.relative(cwd, path.resolve(workDir, request.entry));
      // Its own process group, so a timeout also ends whatever the program started.
      const child = spawn(this.python, [entry, ...(request.args ?? [])], {
        cwd,
        detached: true,
        env: { ...programEnvironment(process.env, workDir), ...request.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const watch = new RunWatch(request, () => killGroup(child.pid));
      child.stdout.on('data', (chunk: Buffer) => watch.take('stdout', chunk));
      child.stderr.on('data', (chunk: Buffer) => watch.take('stderr', chunk));
      child.stdin.on('error', () => undefined); // a program that exits without reading its input
      child.stdin.end(request.stdin ?? '');
      const finish = (exitCode: number | null, engineError?: EngineError): void => {
        watch.close();
        if (engineError) return resolve(resultWithoutProgram('engine-error', this.facts, Date.now() - started, engineError));
        resolve({
          exitCode: watch.reason ? null : exitCode,
          reason: watch.reason ?? 'exited',
          ...watch.outputs(),
          durationMs: Date.now() - started,
          engine: this.facts,
          workDir,
        });
      };
      child.on('error', (error) =>
        finish(null, new EngineError('unreachable', `Could not start the local Python "${this.python}": ${error.message}. Set selfHeal.pythonPath (or --python).`)),
      );
      child.on('close', (code, signal) => finish(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : null)));
    });
  }
}

async function writeFiles(workDir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [relative, text] of Object.entries(files)) {
    const target = path.resolve(workDir, relative);
    if (!target.startsWith(workDir + path.sep)) throw new EngineError('api', `Refusing to write outside the run folder: ${relative}`);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Python reads a file in the codec its coding line names; text that codec cannot hold goes as UTF-8.
    const encoded = encodeSource(text, false);
    await fs.writeFile(target, encoded.ok ? encoded.bytes : Buffer.from(text, 'utf8'));
  }
}

/** The working folder inside the run folder, made when no file put it there. */
async function makeWorkingFolder(workDir: string, cwd: string | undefined): Promise<void> {
  if (!cwd) return;
  const folder = path.resolve(workDir, cwd);
  if (folder !== workDir && !folder.startsWith(workDir + path.sep)) throw new EngineError('api', `Refusing a working folder outside the run folder: ${cwd}`);
  await fs.mkdir(folder, { recursive: true });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
