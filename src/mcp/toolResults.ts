// What the tools answer: compact JSON a model can read and a client can parse, with the output's
// tails capped, errors without the launcher's internals, and the model's key never in it.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { reportedError, reportedRun } from '../core/errors/reportedError';
import { OUTPUT_TAIL_BYTES, redactSecrets, tail } from '../core/run/outputTail';
import type { FileHealRecord } from '../core/heal/ledger';
import type { RunLimits } from '../core/run/runTypes';
import type { HealReportEntry } from '../cli/healReport';
import { targetSummaryLine } from '../cli/runReport';
import type { RunTarget } from '../cli/runTargets';
import type { TargetRun } from '../cli/runWorkflow';

// The shapes the editor's language model tools share live in core.
export { OUTPUT_TAIL_BYTES, reportedError, tail };
export type { ReportedError } from '../core/errors/reportedError';

export function runEntry(target: RunTarget, { result, errors }: TargetRun, limits: RunLimits): Record<string, unknown> {
  const { exitCode, reason, ...rest } = reportedRun(result, errors);
  // The fields in the order the tool's answer documents: the summary after the ending.
  return { file: target.file, ...(target.role ? { role: target.role.role } : {}), exitCode, reason, summary: targetSummaryLine(target.file, target.launch, result, errors, limits), ...rest };
}

export function healEntry(entry: HealReportEntry): Record<string, unknown> {
  return {
    file: entry.file,
    outcome: entry.outcome,
    stopReason: entry.stopReason,
    attempts: entry.attempts.length,
    attemptLog: entry.attempts.map(attemptLine),
    diff: entry.diff,
    written: entry.written,
    ...(Object.keys(entry.notWritten).length > 0 ? { notWritten: entry.notWritten } : {}),
    lastError: entry.lastRun.error ? reportedError(entry.lastRun.error) : null,
    // The model's spend on this file, so an agent can see what its heals cost.
    tokens: entry.tokens,
  };
}

function attemptLine(attempt: FileHealRecord['attempts'][number]): Record<string, unknown> {
  return { attempt: attempt.number, fix: attempt.fix ? `${attempt.fix.source}: ${attempt.fix.description}` : null, outcome: attempt.outcome, why: attempt.why, tokens: attempt.tokens.totalTokens };
}

/**
 * The result as text (for models) and as structured content (for clients). Secrets are cut from
 * the text before either is made, so no path through an error message or a model's echo leaks them.
 */
export function toolResult(value: Record<string, unknown>, secrets: readonly string[], isError = false): CallToolResult {
  const text = redactSecrets(JSON.stringify(value, null, 2), secrets);
  const structuredContent = JSON.parse(text) as Record<string, unknown>;
  return { content: [{ type: 'text', text }], structuredContent, ...(isError ? { isError: true } : {}) };
}

/** A refusal or failure the agent should read and act on. */
export function toolError(message: string, secrets: readonly string[]): CallToolResult {
  return { content: [{ type: 'text', text: redactSecrets(message, secrets) }], isError: true };
}
