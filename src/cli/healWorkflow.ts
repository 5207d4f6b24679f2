// The heal workflow `self-heal heal` and the MCP server's heal tool share: the targets with their
// environment files, the runner, the heal of each target (rules, then the model, each fix proved by
// a run), and the write-back of what healed when asked.
import * as path from 'path';
import type { EnvironmentChoices } from '../core/environment/environmentTypes';
import { healTargets, imagesFrom, type HealTarget } from '../core/heal/healTargets';
import type { HealProgress } from '../core/heal/healFile';
import type { FileHealRecord } from '../core/heal/ledger';
import type { ModelFixer } from '../core/model/modelTypes';
import { withEnvironmentFiles, type RunSet } from '../core/program/runSet';
import type { CliIo } from './cliIo';
import { createRunner } from './commandSetup';
import { writeHealedFiles } from './healedFileWriter';
import { modelKeyOf, type HealCliOptions } from './healOptions';
import type { HealReportEntry } from './healReport';
import { healTargetOf, type RunTarget } from './runTargets';

export interface HealWorkflowContext {
  /** The key and pip settings come from `env`; `signal` cancels every heal. */
  io: CliIo;
  args: readonly string[];
  stdin?: string;
  /** One line about the run (pip's progress, what was written), for a log. */
  say: (line: string) => void;
  onProgress?: (target: RunTarget, progress: HealProgress) => void;
  onRecord?: (target: RunTarget, record: FileHealRecord) => void;
}

/**
 * Each target's heal, in the targets' order; with `options.write` what healed is on disk after.
 * The targets carry their environment files (withEnvironment), read by the caller first so that a
 * project file refused there is said before anything else.
 */
export async function healRunTargets(targets: readonly RunTarget[], options: HealCliOptions, context: HealWorkflowContext): Promise<HealReportEntry[]> {
  const { io, say } = context;
  const { runner, environments } = createRunner(options, io, targets.length, true);
  const byHealTarget = new Map<HealTarget, RunTarget>(targets.map((target) => [healTargetOf(target), target]));
  const runTargetOf = (target: HealTarget): RunTarget => byHealTarget.get(target) as RunTarget;
  const imageFor = environments && imagesFrom(environments(environmentChoices(options, io.env, say)));
  const model = options.model ? await modelFixer(options, io) : undefined;
  let records: FileHealRecord[];
  try {
    records = await healTargets([...byHealTarget.keys()], {
      runner, limits: options.limits, maxAttempts: options.maxAttempts, rules: options.rules, model, keepPartial: options.keepPartial, tokenBudget: options.tokenBudget,
      imageFor, args: [...context.args], stdin: context.stdin, signal: io.signal, parallel: options.parallel,
      approveInstall: options.allowInstall ? async () => true : undefined,
      onProgress: (target, progress) => context.onProgress?.(runTargetOf(target), progress),
      onRecord: (target, record) => context.onRecord?.(runTargetOf(target), record),
    });
  } finally {
    await runner.dispose();
  }
  const entries: HealReportEntry[] = records.map((record, i) => ({ file: targets[i].file, ...record, written: [], notWritten: {} }));
  if (options.write) await writeBack(entries, targets.map((target) => target.runSet), options, say);
  return entries;
}

/** requirements.txt and pyproject.toml at the run's root travel with the program (read once per run set). */
export async function withEnvironment(targets: readonly RunTarget[]): Promise<RunTarget[]> {
  const withFiles = new Map<RunSet, RunSet>();
  for (const { runSet } of targets) {
    if (!withFiles.has(runSet)) withFiles.set(runSet, { ...runSet, files: await withEnvironmentFiles(runSet.files, runSet.root) });
  }
  return targets.map((target) => ({ ...target, runSet: withFiles.get(target.runSet) as RunSet }));
}

/** pip settings a user may need for a mirror or a private index; passed to pip, never kept in an image. */
const PIP_SETTINGS = ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_TRUSTED_HOST', 'PIP_FIND_LINKS'];

/** What the install flags and pip's settings choose for the environment builds of `heal` and `test`. */
export function environmentChoices(options: Pick<HealCliOptions, 'installNetwork' | 'allowSourceBuilds'>, env: NodeJS.ProcessEnv, say: (line: string) => void): EnvironmentChoices {
  const pipEnv = Object.fromEntries(PIP_SETTINGS.filter((name) => env[name]).map((name) => [name, env[name] as string]));
  return { buildNetwork: options.installNetwork, pipEnv, allowSourceBuilds: options.allowSourceBuilds, onProgress: (line) => say(`pip: ${line}`) };
}

/** The model client is loaded only when a model is used: a heal by rules alone never starts it. */
async function modelFixer(options: HealCliOptions, io: CliIo): Promise<ModelFixer> {
  const settings = options.model!;
  const { OpenAIFixer } = await import('../llm/openaiFixer');
  return new OpenAIFixer(settings, async () => modelKeyOf(io.env));
}

/** Writes each healed file once; two programs healing one shared file differently keep the first. */
async function writeBack(entries: HealReportEntry[], runSets: RunSet[], options: HealCliOptions, say: (line: string) => void): Promise<void> {
  const claimed = new Map<string, string>();
  for (const [index, entry] of entries.entries()) {
    const keep = entry.outcome === 'healed' || (options.keepPartial && entry.outcome === 'not-healed');
    if (!keep) continue;
    const root = runSets[index].root;
    const changed: Record<string, string> = {};
    const conflicts = new Map<string, string>();
    for (const [relative, text] of Object.entries(entry.changedFiles)) {
      const absolute = path.resolve(root, relative);
      const earlier = claimed.get(absolute);
      if (earlier !== undefined && earlier !== text) {
        say(`${relative}: not written for ${entry.file}: another file's heal changed it differently`);
        conflicts.set(relative, 'another file\'s heal changed it differently');
        continue;
      }
      if (earlier === undefined) changed[relative] = text;
      claimed.set(absolute, text);
    }
    const outcome = await writeHealedFiles(root, changed, runSets[index].files);
    entry.written = outcome.written;
    entry.notWritten = { ...Object.fromEntries(conflicts), ...outcome.skipped };
    for (const written of outcome.written) say(`wrote ${written}`);
    for (const [relative, why] of Object.entries(outcome.skipped)) say(`${relative}: not written: ${why}`);
  }
}
