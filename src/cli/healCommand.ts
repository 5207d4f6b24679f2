// `self-heal heal FILE|FOLDER...`: runs each file (a folder's modules: import-checks them), fixes what
// breaks (rules first, then a model), proves each fix by running it again, and reports the ledger.
// Files on disk change only with --write.
import * as path from 'path';
import type { EnvironmentChoices } from '../core/environment/environmentTypes';
import { healTargets, imagesFrom, type HealTarget } from '../core/heal/healTargets';
import type { FileHealRecord } from '../core/heal/ledger';
import type { ModelFixer } from '../core/model/modelTypes';
import { withEnvironmentFiles, type RunSet } from '../core/program/runSet';
import { OpenAIFixer } from '../llm/openaiFixer';
import { UNSANDBOXED_NOTICE } from '../local/localRunner';
import type { CliIo } from './cliIo';
import { createRunner, readStdin, setUpCommand } from './commandSetup';
import { writeHealedFiles } from './healedFileWriter';
import { HEAL_FLAGS, healOptionsFrom, type HealCliOptions } from './healOptions';
import { healExitStatus, healSummaryLine, progressLine, type HealReportEntry } from './healReport';
import { RUN_USAGE } from './runCommand';
import { withRole } from './runReport';
import { healTargetOf, type RunTarget } from './runTargets';


export const HEAL_USAGE = `Usage: self-heal heal FILE|FOLDER... [options] [-- ARGS...]

Runs each Python file in a sandbox, fixes what breaks and proves each fix by running it again. For a
folder, its entry points are run and its other modules are import-checked, and both are healed.
Rule-based fixes come first; a model (any OpenAI-compatible endpoint) is asked when they run out.
Without --write the files on disk stay as they are and the healed text is in the report.

Options:
  --no-llm             rule-based fixes only
  --no-rules           model fixes only (to measure a model on its own)
  --max-attempts N     fixes tried per file (default 3)
  --write              write healed files back (only files that end up running clean)
  --keep-partial       with --write, also keep fixes that got a file further without healing it
  --model M            model name (default gpt-4o-mini, or SELF_HEAL_MODEL)
  --base-url URL       OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (default OpenAI,
                       or OPENAI_BASE_URL); the key is read from OPENAI_API_KEY
  --model-timeout SEC  time allowed per model request (default 60)
  --temperature T      sampling temperature, 0 to 2 (default 0)
  --max-tokens N       longest answer; an answer cut off at it is refused (default 4096)
  --allow-install      let fixes add requirements (name[extras] specifiers ; marker lines only) to
                       requirements.txt or pyproject.toml and install them; without it a heal that
                       needs one stops and names it. URLs, paths, VCS links and pip options are
                       always refused
  --install-network bridge|host
                       network pip uses while installing requirements.txt into an environment
                       image (default bridge); PIP_INDEX_URL, PIP_EXTRA_INDEX_URL, PIP_TRUSTED_HOST
                       and PIP_FIND_LINKS are passed to it
  --allow-source-builds
                       let pip build source archives (sdists, URLs, VCS links) for the environment,
                       which runs the packages' own build code; by default only wheels are installed
${RUN_USAGE.slice(RUN_USAGE.indexOf('Options:\n') + 'Options:\n'.length)}`;

export async function healCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const setup = await setUpCommand(argv, io, { flags: HEAL_FLAGS, usage: HEAL_USAGE, verb: 'heal', optionsFrom: healOptionsFrom });
  if (!setup) return 0;
  const { parsed, options } = setup;
  const targets = await withEnvironment(setup.targets);
  const stdin = await readStdin(options, io);

  const say = (line: string): void => {
    if (!options.json) io.stderr.write(`self-heal: ${line}\n`);
  };
  say(options.model ? `model: ${options.model.model}${options.model.baseUrl ? ` at ${options.model.baseUrl}` : ''}` : `model: ${options.modelOffReason}`);
  if (options.runner === 'local') say(UNSANDBOXED_NOTICE);
  if (options.allowSourceBuilds) say('environment: source builds allowed: a package built from source runs its own code in the build, with the index settings in reach');

  const { runner, environments } = createRunner(options, io, targets.length);
  const named = new Map<HealTarget, string>(targets.map((target) => [healTargetOf(target), target.file]));
  const fileOf = (target: HealTarget): string => named.get(target) ?? target.launch.target;
  const imageFor = environments && imagesFrom(environments(environmentChoices(options, io.env, say)));
  const model = options.model ? modelFixer(options, io) : undefined;
  let records: FileHealRecord[];
  try {
    records = await healTargets([...named.keys()], {
      runner, limits: options.limits, maxAttempts: options.maxAttempts, rules: options.rules, model, keepPartial: options.keepPartial,
      imageFor, args: parsed.rest, stdin, signal: io.signal, parallel: options.parallel,
      approveInstall: options.allowInstall ? async () => true : undefined,
      onProgress: (target, progress) => say(progressLine(fileOf(target), progress)),
      onRecord: (target, record) => {
        if (!options.json) io.stderr.write(`${healSummaryLine(fileOf(target), record, target.launch.kind)}\n`);
      },
    });
  } finally {
    await runner.dispose();
  }

  const entries: HealReportEntry[] = records.map((record, i) => ({ file: targets[i].file, ...record, written: [], notWritten: {} }));
  if (options.write) await writeBack(entries, targets.map((target) => target.runSet), options, say);
  if (options.json) {
    const files = entries.map((entry, i) => withRole(entry, targets[i].role));
    io.stdout.write(`${JSON.stringify({ model: options.model?.model ?? null, files }, null, 2)}\n`);
  } else if (!options.write) {
    for (const entry of entries) if (entry.diff) io.stdout.write(entry.diff);
  }
  return healExitStatus(entries);
}

/** requirements.txt and pyproject.toml at the run's root travel with the program (read once per run set). */
async function withEnvironment(targets: RunTarget[]): Promise<RunTarget[]> {
  const withFiles = new Map<RunSet, RunSet>();
  for (const { runSet } of targets) {
    if (!withFiles.has(runSet)) withFiles.set(runSet, { ...runSet, files: await withEnvironmentFiles(runSet.files, runSet.root) });
  }
  return targets.map((target) => ({ ...target, runSet: withFiles.get(target.runSet) as RunSet }));
}

/** pip settings a user may need for a mirror or a private index; passed to pip, never kept in an image. */
const PIP_SETTINGS = ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_TRUSTED_HOST', 'PIP_FIND_LINKS'];

function environmentChoices(options: HealCliOptions, env: NodeJS.ProcessEnv, say: (line: string) => void): EnvironmentChoices {
  const pipEnv = Object.fromEntries(PIP_SETTINGS.filter((name) => env[name]).map((name) => [name, env[name] as string]));
  return { buildNetwork: options.installNetwork, pipEnv, allowSourceBuilds: options.allowSourceBuilds, onProgress: (line) => say(`pip: ${line}`) };
}

function modelFixer(options: HealCliOptions, io: CliIo): ModelFixer {
  const settings = options.model!;
  return new OpenAIFixer(settings, async () => io.env.OPENAI_API_KEY || undefined);
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
