// The heal loop for one program: run -> diagnose -> fix (rules first, then the model) -> apply ->
// re-run. A fix stays only when the re-run gets further; otherwise it is undone and the next one is
// tried. The original text comes back unless the program ends up healed (or a partial fix is asked for).
import { fileText, hasFile } from '../files/fileTexts';
import { applyEdits, type FixCandidate } from '../fixes/fixTypes';
import { ruleFixesFor } from '../fixes/ruleFixers';
import { errorsOfRun } from '../errors/runErrors';
import type { RunLimits, Runner, RunResult } from '../run/runTypes';
import { installGate, type InstallApproval } from '../environment/installGate';
import { ENVIRONMENT_NOT_PREPARED } from '../environment/environmentTypes';
import type { AttemptRecord, FileHealRecord, RunSummary } from './ledger';
import { addUsage, NO_TOKENS, type EarlierAttempt, type ModelFixer, type TokenUsage } from '../model/modelTypes';
import { errorSignature, judge, type RunState } from './progress';
import { unifiedDiffOfFiles } from './unifiedDiff';

export const DEFAULT_MAX_ATTEMPTS = 3;
const OUTPUT_TAIL_CHARS = 2000;

export type HealStep = 'running' | 'trying a rule fix' | 'asking the model' | 'verifying';

export interface HealProgress {
  entry: string;
  /** 0 for the first run, then the attempt being made. */
  attempt: number;
  maxAttempts: number;
  step: HealStep;
  /** e.g. the rule fix's description or the model's name. */
  detail?: string;
}

export interface HealOptions {
  runner: Runner;
  limits: RunLimits;
  maxAttempts?: number;
  /** Off: only the model proposes fixes (for comparisons). */
  rules?: boolean;
  model?: ModelFixer;
  /** Keep the furthest-reaching fixes even when the program is not healed. */
  keepPartial?: boolean;
  /** The image for a set of files (their requirements.txt / pyproject.toml); undefined: the runner's own. */
  imageFor?: (files: Readonly<Record<string, string>>, signal?: AbortSignal) => Promise<string | undefined>;
  /** Asked before a fix that adds requirements is built; absent or no: the heal stops with `needs-approval`. */
  approveInstall?: InstallApproval;
  args?: readonly string[];
  stdin?: string;
  signal?: AbortSignal;
  onProgress?: (progress: HealProgress) => void;
}

export interface HealInput {
  /** The run's files (path -> text), including requirements.txt / pyproject.toml when present. */
  files: Readonly<Record<string, string>>;
  /** The file being healed: where errors without a place in a frame are put. */
  entry: string;
  /**
   * A generated driver that starts the run instead of `python entry` (an import check, `python -m`):
   * added to every run, never edited, and outside the program's files, so its frames are external.
   */
  driver?: { entry: string; files: Readonly<Record<string, string>> };
}

/** Thrown by `imageFor` failures and the like, so the loop can report them as a stop reason. */
class StopHeal extends Error {}

export async function healFile(input: HealInput, options: HealOptions): Promise<FileHealRecord> {
  return new HealSession(input, options).heal();
}

class HealSession {
  private readonly started = Date.now();
  private readonly maxAttempts: number;
  private readonly attempts: AttemptRecord[] = [];
  private readonly earlier: EarlierAttempt[] = [];
  private tokens: TokenUsage = NO_TOKENS;
  private current: Record<string, string>;
  private healed = false;
  private readonly approvedInstalls = new Set<string>();

  constructor(private readonly input: HealInput, private readonly options: HealOptions) {
    this.maxAttempts = Math.max(0, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.current = { ...input.files };
  }

  async heal(): Promise<FileHealRecord> {
    let first: RunState;
    try {
      first = await this.run(this.current, 0, 'running');
    } catch (error) {
      return this.record('engine-error', (error as Error).message, undefined);
    }
    if (first.result.reason === 'engine-error') return this.record('engine-error', first.result.engineError?.message ?? 'the engine failed', first);
    if (first.result.reason === 'cancelled') return this.record('cancelled', 'cancelled', first);
    if (first.error === null) return this.record('clean', 'ran clean', first, first);
    return this.loop(first);
  }

  private async loop(first: RunState): Promise<FileHealRecord> {
    let state = first;
    let sameInARow = 0;
    const seen = new Set([errorSignature(first.error!)]);
    let rules = this.ruleCandidates(state);
    let modelDone = false;
    while (this.attempts.length < this.maxAttempts) {
      if (this.options.signal?.aborted) return this.record('cancelled', 'cancelled', first, state);
      const number = this.attempts.length + 1;
      const startedAt = Date.now();
      let candidate: FixCandidate | undefined;
      let rejections: string[] = [];
      let usage = NO_TOKENS;
      if (rules.length > 0) {
        candidate = rules.shift();
        this.progress(number, 'trying a rule fix', candidate?.description);
      } else if (this.options.model && !modelDone) {
        this.progress(number, 'asking the model', this.options.model.model);
        const answer = await this.options.model.propose({
          error: state.error!, files: this.current, entry: this.input.entry, outputTail: summaryOf(state).outputTail,
          earlier: this.earlier, signal: this.options.signal,
        });
        usage = answer.usage;
        this.tokens = addUsage(this.tokens, usage);
        rejections = answer.rejections;
        candidate = answer.candidate;
        if (!candidate) {
          const outcome = answer.cancelled ? 'cancelled' : 'refused';
          this.attempts.push({ number, error: state.error!, rejections, outcome, why: answer.failure ?? 'the model gave no usable fix', durationMs: Date.now() - startedAt, tokens: usage });
          if (answer.cancelled) return this.record('cancelled', 'cancelled', first, state);
          // A model that failed outright (server down, no key) will fail the same way again.
          if (rejections.length === 0) modelDone = true;
          continue;
        }
      } else {
        return this.record('not-healed', this.attempts.length === 0 ? `no fix is known for ${state.error!.type}` : 'no further fix to try', first, state);
      }
      if (!candidate) continue;

      const attempt = await this.tryCandidate(number, state, candidate, rejections, usage, startedAt);
      this.attempts.push(attempt.record);
      if (attempt.record.outcome === 'cancelled') return this.record('cancelled', 'cancelled', first, state);
      if (attempt.stop) return this.record('engine-error', attempt.stop, first, state);
      if (attempt.needsApproval) return this.record('needs-approval', attempt.needsApproval, first, state);
      if (attempt.record.outcome === 'healed') {
        this.healed = true;
        return this.record('healed', `healed in ${number} attempt${number === 1 ? '' : 's'}`, first, attempt.state);
      }
      if (attempt.record.outcome === 'progress' && attempt.state) {
        state = attempt.state;
        const signature = errorSignature(state.error!);
        if (seen.has(signature)) return this.record('not-healed', `${state.error!.type} came back after a fix`, first, state);
        seen.add(signature);
        sameInARow = 0;
        rules = this.ruleCandidates(state);
        modelDone = false;
        continue;
      }
      if (attempt.verdict === 'same' && ++sameInARow >= 2) {
        return this.record('not-healed', `the same ${state.error!.type} came back twice with no progress`, first, state);
      }
    }
    if (this.maxAttempts === 0) return this.record('not-healed', 'ran without healing', first, state);
    return this.record('not-healed', `no fix held within ${this.maxAttempts} attempt${this.maxAttempts === 1 ? '' : 's'}`, first, state);
  }

  private ruleCandidates(state: RunState): FixCandidate[] {
    if (this.options.rules === false || !state.error) return [];
    return ruleFixesFor(state.error, this.current);
  }

  private async tryCandidate(number: number, state: RunState, candidate: FixCandidate, rejections: string[], tokens: TokenUsage, startedAt: number) {
    const base = { number, error: state.error!, rejections, tokens };
    const fixed = this.applied(candidate);
    const fix = { source: candidate.source, description: candidate.description, diff: fixed ? unifiedDiffOfFiles(this.current, fixed) : '' };
    const done = (record: Omit<AttemptRecord, 'number' | 'error' | 'rejections' | 'tokens' | 'durationMs' | 'fix'>, extra: { state?: RunState; stop?: string; verdict?: string; needsApproval?: string } = {}) => ({
      record: { ...base, fix, ...record, durationMs: Date.now() - startedAt },
      ...extra,
    });
    if (!fixed) {
      this.remember(fix, 'its edits did not apply to the file');
      return done({ outcome: 'reverted', why: 'its edits did not apply to the file' });
    }
    const before = this.earlier.find((earlier) => earlier.diff === fix.diff);
    if (before) return done({ outcome: 'reverted', why: `the same fix was tried before: ${before.why}` });
    const gate = await installGate(this.input.files, fixed, this.approvedInstalls, this.options.approveInstall, this.options.signal);
    if ('refused' in gate) {
      this.remember(fix, gate.refused);
      return done({ outcome: 'reverted', why: gate.refused });
    }
    if ('needsApproval' in gate) return done({ outcome: 'reverted', why: gate.needsApproval }, { needsApproval: gate.needsApproval });
    let after: RunState;
    try {
      after = await this.run(fixed, number, 'verifying');
    } catch (error) {
      const why = (error as Error).message;
      if (error instanceof StopHeal) {
        this.remember(fix, why);
        return done({ outcome: 'reverted', why });
      }
      throw error;
    }
    const rerun = summaryOf(after);
    if (after.result.reason === 'cancelled') return done({ outcome: 'cancelled', why: 'cancelled while verifying', rerun });
    if (after.result.reason === 'engine-error') return done({ outcome: 'reverted', why: 'the engine failed while verifying', rerun }, { stop: rerun.error?.message ?? after.result.engineError?.message ?? 'the engine failed' });
    const lineCount = (text: string | undefined): number => (text ?? '').split('\n').length;
    const verdict = judge(state, after, (file) => lineCount(fileText(fixed, file)) - lineCount(fileText(this.current, file)));
    if (verdict === 'clean') {
      this.current = fixed;
      return done({ outcome: 'healed', why: 'the re-run ran clean', rerun }, { state: after, verdict });
    }
    if (verdict === 'progress') {
      this.current = fixed;
      return done({ outcome: 'progress', why: `the re-run got further: ${describe(after)}`, rerun }, { state: after, verdict });
    }
    const why = verdict === 'same' ? `the re-run failed with the same error: ${describe(after)}` : `the re-run failed earlier: ${describe(after)}`;
    this.remember(fix, why);
    return done({ outcome: 'reverted', why, rerun }, { verdict });
  }

  private remember(fix: { description: string; diff: string }, why: string): void {
    this.earlier.push({ description: fix.description, diff: fix.diff, why });
  }

  /** The files with the candidate's edits, or undefined when an edit names an unknown file or does not fit. */
  private applied(candidate: FixCandidate): Record<string, string> | undefined {
    const next = { ...this.current };
    const byFile = new Map<string, typeof candidate.edits>();
    for (const edit of candidate.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
    for (const [file, edits] of byFile) {
      const known = hasFile(next, file) || file === 'requirements.txt';
      const text = known ? applyEdits(fileText(next, file) ?? '', edits) : undefined;
      if (text === undefined) return undefined;
      next[file] = text;
    }
    return next;
  }

  private async run(files: Record<string, string>, attempt: number, step: HealStep): Promise<RunState> {
    let image: string | undefined;
    if (this.options.imageFor) {
      try {
        image = await this.options.imageFor(files, this.options.signal);
      } catch (error) {
        throw new StopHeal(`${ENVIRONMENT_NOT_PREPARED}${(error as Error).message}`);
      }
    }
    this.progress(attempt, step);
    const driver = this.input.driver;
    const result = await this.options.runner.run({
      files: { ...pythonFilesOf(files), ...driver?.files }, entry: driver?.entry ?? this.input.entry, image, args: this.options.args, stdin: this.options.stdin,
      limits: this.options.limits, signal: this.options.signal,
    });
    const errors = errorsOfRun(result, { files, entry: this.input.entry }, this.options.limits);
    return { result, error: errors.length > 0 ? errors[errors.length - 1] : null };
  }

  private progress(attempt: number, step: HealStep, detail?: string): void {
    this.options.onProgress?.({ entry: this.input.entry, attempt, maxAttempts: this.maxAttempts, step, detail });
  }

  private record(outcome: FileHealRecord['outcome'], stopReason: string, first: RunState | undefined, last?: RunState): FileHealRecord {
    const keep = this.healed || (this.options.keepPartial === true && outcome !== 'cancelled');
    const finalFiles = keep ? this.current : this.input.files;
    const changedFiles: Record<string, string> = {};
    for (const [file, text] of Object.entries(finalFiles)) if (fileText(this.input.files, file) !== text) changedFiles[file] = text;
    const firstRun = first ? summaryOf(first) : notRun(stopReason);
    return {
      entry: this.input.entry,
      outcome,
      stopReason,
      firstRun,
      lastRun: last ? summaryOf(last) : firstRun,
      attempts: this.attempts,
      changedFiles,
      diff: unifiedDiffOfFiles(this.input.files, finalFiles),
      durationMs: Date.now() - this.started,
      tokens: this.tokens,
    };
  }
}

/** Only Python files go into the sandbox; requirements reach it through the image. */
function pythonFilesOf(files: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([file]) => file.endsWith('.py')));
}

function summaryOf(state: RunState): RunSummary {
  const { result } = state;
  return {
    reason: result.reason,
    exitCode: result.exitCode,
    durationMs: result.durationMs,
    error: state.error,
    outputTail: tail(result),
    stdoutBytes: result.stdoutBytes,
    engine: result.reason === 'engine-error' ? '' : result.engine.engine,
  };
}

function tail(result: RunResult): string {
  const text = result.stdout + (result.stdout && result.stderr && !result.stdout.endsWith('\n') ? '\n' : '') + result.stderr;
  return text.length > OUTPUT_TAIL_CHARS ? text.slice(text.length - OUTPUT_TAIL_CHARS) : text;
}

function notRun(why: string): RunSummary {
  return { reason: 'engine-error', exitCode: null, durationMs: 0, error: null, outputTail: why, stdoutBytes: 0, engine: '' };
}

function describe(state: RunState): string {
  const error = state.error;
  if (!error) return 'ran clean';
  const where = error.file && error.line ? ` (${error.file}:${error.line})` : '';
  return `${error.type}: ${error.message}${where}`;
}
