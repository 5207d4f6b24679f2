// A run as the ledger keeps it, and the one line that tells people and the model how a re-run ended.
import { problemText } from '../errors/expectedExits';
import type { RunResult } from '../run/runTypes';
import { engineLabel } from '../run/runResults';
import type { RunSummary } from './ledger';
import type { RunState } from './progress';

/** The most of a run's output a record keeps: its end, where the traceback is. */
export const OUTPUT_TAIL_CHARS = 2000;

export function summaryOf(state: RunState): RunSummary {
  const { result } = state;
  return {
    reason: result.reason,
    exitCode: result.exitCode,
    durationMs: result.durationMs,
    error: state.error,
    outputTail: tail(result),
    stdoutBytes: result.stdoutBytes,
    stderrBytes: result.stderrBytes,
    ...(result.workDir ? { workDir: result.workDir } : {}),
    engine: result.reason === 'engine-error' ? '' : engineLabel(result.engine),
  };
}

/** The summary of a run that never happened (the engine or the environment failed first). */
export function notRun(why: string): RunSummary {
  return { reason: 'engine-error', exitCode: null, durationMs: 0, error: null, outputTail: why, stdoutBytes: 0, engine: '' };
}

/** e.g. "NameError: name 'x' is not defined (main.py:3)", or "ran clean". */
export function describeEnding(state: RunState): string {
  const error = state.error;
  if (!error) return 'ran clean';
  const where = error.file && error.line ? ` (${error.file}:${error.line})` : '';
  return `${problemText(error)}${where}`;
}

function tail(result: RunResult): string {
  const text = result.stdout + (result.stdout && result.stderr && !result.stdout.endsWith('\n') ? '\n' : '') + result.stderr;
  return text.length > OUTPUT_TAIL_CHARS ? text.slice(text.length - OUTPUT_TAIL_CHARS) : text;
}
