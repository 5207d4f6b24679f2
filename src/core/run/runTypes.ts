// The runner contract shared by every way of running a program (container engine, local process).
// Core defines it; implementations live at the edge (src/sandbox, src/local).
import type { CapturedException } from './capturedExceptionTypes';
import type { EngineError } from './engineError';
import type { FailedCheck } from './failedCheckTypes';

/** Why a run ended. `exited` means the program ended on its own, whatever its exit code. */
export type TerminationReason = 'exited' | 'timeout' | 'oom' | 'output-limit' | 'cancelled' | 'engine-error';

/** `none`: no network at all; `bridge`: the engine's default network; `host`: the host's network. */
export type NetworkMode = 'none' | 'bridge' | 'host';

export interface RunLimits {
  timeoutMs: number;
  memoryBytes: number;
  cpus: number;
  processes: number;
  network: NetworkMode;
  /** Bytes kept per stream; the program is stopped once either stream goes past it. */
  outputLimitBytes: number;
}

export type OutputStream = 'stdout' | 'stderr';

/** Past the output limit: `stop` the program (the default), or `discard` what it writes past the cap and let it run. */
export type OutputOverflow = 'stop' | 'discard';

export interface RunRequest {
  /** Workspace-relative POSIX path -> file text. */
  files: Readonly<Record<string, string>>;
  /** Key of `files` to run as `python <entry>`. */
  entry: string;
  /** Image to run in instead of the runner's own (a derived environment); container runners only. */
  image?: string;
  args?: readonly string[];
  /** Text on the program's standard input; absent means end-of-file at once. */
  stdin?: string;
  /** Variables added to the program's environment (on top of what the runner gives every program). */
  env?: Readonly<Record<string, string>>;
  /** The program's working folder, relative to the run's root; absent or '' is the root. */
  cwd?: string;
  limits: RunLimits;
  /** What happens once a stream passes `limits.outputLimitBytes`; absent is `stop`. */
  outputOverflow?: OutputOverflow;
  signal?: AbortSignal;
  /** Called with each chunk as it arrives (within the kept part of the output). */
  onOutput?: (stream: OutputStream, chunk: Uint8Array) => void;
}

/** What ran the program: reported with every result so a user can tell sandboxed from not. */
export interface EngineFacts {
  runner: 'docker' | 'local';
  sandboxed: boolean;
  /** e.g. "Podman Engine 4.3.1", "Docker Engine 27.1.1", "local python3 (unsandboxed)". */
  engine: string;
  /** Where the engine answered, e.g. "unix:///run/podman/podman.sock". */
  host?: string;
  image?: string;
  /** True when the run used a container prepared ahead of time. */
  warm?: boolean;
  /** True when the run was one engine's share of several (`--docker-host` given more than once): reports then name the host. */
  spread?: boolean;
}

/** The folder the sandbox places a run's files in, as the interpreter sees them (a local run's is a new temporary folder each time). */
export const SANDBOX_WORK_DIR = '/app';

export interface RunResult {
  /** null when the program did not end on its own (timeout, cancel, engine error). */
  exitCode: number | null;
  reason: TerminationReason;
  stdout: string;
  stderr: string;
  /** Bytes the program wrote, including those past the output limit that were counted but not kept. */
  stdoutBytes: number;
  stderrBytes: number;
  truncated: { stdout: boolean; stderr: boolean };
  durationMs: number;
  engine: EngineFacts;
  /** Set when reason is `engine-error`. */
  engineError?: EngineError;
  /** The uncaught exception, recorded inside the interpreter (sandbox runs); absent otherwise. */
  captured?: CapturedException;
  /**
   * The program's own checks that failed (doctest examples, unittest tests), observed inside the
   * interpreter (sandbox runs); absent when none failed or the runner cannot observe them (local).
   * A run with any is not clean, whatever its exit status.
   */
  failedChecks?: FailedCheck[];
  /** The folder the files were placed in, as the interpreter sees it ("/app" in the sandbox). */
  workDir?: string;
  /**
   * The line that was running when a limit stopped the program (its path as the interpreter names
   * it), when the runner could tell: the sandbox asks its launcher; the local runner does not tell.
   */
  stoppedAt?: { file: string; line: number };
  /**
   * A test run's events (JSON texts, in order), as its generated driver reported them over the
   * sandbox launcher's own channel; decoded by core/testing/testEvents.ts. Absent when none came
   * (a local run has no such channel).
   */
  testEvents?: string[];
}

export interface Runner {
  run(request: RunRequest): Promise<RunResult>;
  /** Releases warm resources and waits until nothing the runner started is left. */
  dispose(): Promise<void>;
}
