// `self-heal heal FILE|FOLDER...`: runs each file (a folder's modules: import-checks them), fixes what
// breaks (rules first, then a model), proves each fix by running it again, and reports the ledger.
// Files on disk change only with --write.
import { tallyLine } from '../core/heal/runTally';
import { addUsage, NO_TOKENS } from '../core/model/modelTypes';
import { UNSANDBOXED_NOTICE } from '../local/localRunner';
import { UsageError } from './cliArgs';
import type { CliIo } from './cliIo';
import { readStdin, setUpCommand } from './commandSetup';
import { HEAL_FLAGS, healOptionsFrom } from './healOptions';
import { healExitStatus, healSummaryLine, progressLine } from './healReport';
import { healRunTargets, withEnvironment } from './healWorkflow';
import { healResults } from './reportFindings';
import { changedTargets, nothingChanged, reportRequest, reportRoot, writeReports } from './reportFlags';
import { RUN_USAGE } from './runCommand';
import { withRole } from './runReport';

export const HEAL_USAGE = `Usage: self-heal heal FILE|FOLDER... [options] [-- ARGS...]

Runs each Python file in a sandbox, fixes what breaks and proves each fix by running it again. For a
folder, its entry points are run and its other modules are import-checked, and both are healed.
Rule-based fixes come first; a model (any OpenAI-compatible endpoint) is asked when they run out.
Without --write the files on disk stay as they are and the healed text is in the report.

Options:
  --no-llm             rule-based fixes only
  --no-rules           model fixes only (to measure a model on its own)
  --max-attempts N     fixes tried per file (default 3)
  --tests              once the file runs clean, heal it against the tests of its folder that
                       import it (pytest or unittest, run in the sandbox; one file only)
  --write              write healed files back (only files that end up running clean)
  --keep-partial       with --write, also keep fixes that got a file further without healing it
  --model M            model name (default gpt-4o-mini, or SELF_HEAL_MODEL)
  --base-url URL       OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (default OpenAI,
                       or OPENAI_BASE_URL); the key is read from OPENAI_API_KEY
  --model-timeout SEC  time allowed per model request (default 60)
  --temperature T      sampling temperature, 0 to 2 (default 0)
  --max-tokens N       longest answer; an answer cut off at it is refused (default 4096)
  --api-kind K         auto, openai, azure or compatible (default auto: from the base URL;
                       *.openai.azure.com is Azure, api.openai.com OpenAI, others need no key)
  --api-version V      Azure's api-version (default 2024-10-21, or OPENAI_API_VERSION)
  --token-budget N     most model tokens one file's heal may use; it stops before the next model
                       request once reached (default 0: no cap)
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
  if (parsed.flags.has('tests') && ['sarif', 'summary', 'changed-since'].some((flag) => parsed.flags.has(flag))) {
    throw new UsageError('--sarif, --summary and --changed-since are for heal without --tests (and for run and test)');
  }
  if (parsed.flags.has('tests')) return (await import('./healTestsCommand')).healWithTestsCommand(setup, io);
  const reports = reportRequest(parsed);
  const root = await reportRoot(io.cwd);
  const reached = await changedTargets(reports, setup.targets, io, options.json);
  if (reached.length === 0) return nothingChanged(reports, io, root, 'heal', options.json);
  const targets = await withEnvironment(reached);
  const stdin = await readStdin(options, io);

  const say = (line: string): void => {
    if (!options.json) io.stderr.write(`self-heal: ${line}\n`);
  };
  say(options.model ? `model: ${options.model.model}${options.model.baseUrl ? ` at ${options.model.baseUrl}` : ''}` : `model: ${options.modelOffReason}`);
  if (options.runner === 'local') say(UNSANDBOXED_NOTICE);
  setup.imageLines.forEach(say);
  if (options.allowSourceBuilds) say('environment: source builds allowed: a package built from source runs its own code in the build, with the index settings in reach');

  const entries = await healRunTargets(targets, options, {
    io, args: parsed.rest, stdin, say,
    onProgress: (target, progress) => say(progressLine(target.file, progress)),
    onRecord: (target, record) => {
      if (!options.json) io.stderr.write(`${healSummaryLine(target.file, record, target.launch.kind)}\n`);
    },
  });
  // A run of several files ends with the editor's line: "7 files: 5 healed, 1 needs input, 1 not healed".
  if (!options.json && entries.length > 1) io.stderr.write(`${tallyLine(entries.map((entry, i) => ({ outcome: entry.outcome, kind: targets[i].launch.kind })))}\n`);
  if (options.json) {
    const files = entries.map((entry, i) => withRole(entry, targets[i].role));
    // The whole command's spend beside each file's (and each attempt's) own.
    const tokens = entries.reduce((sum, entry) => addUsage(sum, entry.tokens), NO_TOKENS);
    io.stdout.write(`${JSON.stringify({ model: options.model?.model ?? null, tokens, tokenBudget: options.tokenBudget, files }, null, 2)}\n`);
  } else if (!options.write) {
    for (const entry of entries) if (entry.diff) io.stdout.write(entry.diff);
  }
  await writeReports(reports, io, root, healResults(targets, entries, root));
  return healExitStatus(entries);
}
