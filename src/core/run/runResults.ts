// Results for runs that never reached the program (engine failure, cancelled before start).
import type { EngineError } from './engineError';
import type { EngineFacts, RunResult, TerminationReason } from './runTypes';

export function resultWithoutProgram(reason: TerminationReason, engine: EngineFacts, durationMs: number, engineError?: EngineError): RunResult {
  return {
    exitCode: null,
    reason,
    stdout: '',
    stderr: '',
    stdoutBytes: 0,
    stderrBytes: 0,
    truncated: { stdout: false, stderr: false },
    durationMs,
    engine,
    ...(engineError ? { engineError } : {}),
  };
}

/** The engine as reports name it ("Podman Engine 4.3.1"); its host too when runs were spread over several engines. */
export function engineLabel(engine: EngineFacts): string {
  return `${engine.engine}${engine.spread && engine.host ? ` at ${engine.host}` : ''}`;
}
