// `self-heal heal FILE --tests`: heals the program's own run as `heal` does, then, once it runs clean,
// heals it against the tests of its folder that import it (core's healProgramWithTests). Exit 0 when
// the program runs clean and every selected test passes at the end (and, with --write, every fix is
// on disk); 1 otherwise (the program not clean, no test imports it, a test still failing or flaky);
// 2 for usage, the engine, or tests that could not run at all (pytest missing).
import * as path from 'path';
import type { ModelFixer } from '../core/model/modelTypes';
import { healProgramWithTests, type ProgramTestsResult } from '../core/testHeal/programTests';
import type { TestHealReceipt } from '../core/testHeal/testHealTypes';
import { collectTestProject, type TestProject } from '../core/testing/testProject';
import { UsageError } from './cliArgs';
import type { CliIo } from './cliIo';
import { createRunner, readStdin, type CommandSetup } from './commandSetup';
import { writeHealedFiles } from './healedFileWriter';
import type { HealCliOptions } from './healOptions';
import { healExitStatus, healSummaryLine, progressLine, type HealReportEntry } from './healReport';
import { healRunTargets, withEnvironment } from './healWorkflow';
import { withRole } from './runReport';
import { SETUP_PROBLEMS, testEnvironmentOf } from './testSetup';

export async function healWithTestsCommand(setup: CommandSetup<HealCliOptions>, io: CliIo): Promise<number> {
  const { parsed, options } = setup;
  if (setup.targets.length !== 1 || setup.targets[0].role !== undefined) throw new UsageError('--tests heals one program against the tests of its folder: name one Python file, not a folder');
  if (options.runner === 'local') throw new UsageError('--tests runs the tests in the sandbox: the local runner cannot report results per test');
  const [target] = await withEnvironment(setup.targets);
  const stdin = await readStdin(options, io);
  const say = (line: string): void => {
    if (!options.json) io.stderr.write(`self-heal: ${line}\n`);
  };
  say(options.model ? `model: ${options.model.model}${options.model.baseUrl ? ` at ${options.model.baseUrl}` : ''}` : `model: ${options.modelOffReason}`);
  setup.imageLines.forEach(say);
  const programFile = path.resolve(target.runSet.root, target.runSet.entry);
  const folder = path.dirname(programFile);
  const inFolder = (relative: string): string => path.relative(folder, path.resolve(target.runSet.root, relative)).split(path.sep).join('/');
  let entry: HealReportEntry | undefined;
  const { runner, environments } = createRunner({ ...options, parallel: 1 }, io, 1, false);
  let result: ProgramTestsResult;
  try {
    result = await healProgramWithTests({
      program: path.basename(programFile),
      healProgram: async () => {
        [entry] = await healRunTargets([target], options, {
          io, args: parsed.rest, stdin, say, onProgress: (t, progress) => say(progressLine(t.file, progress)),
        });
        if (!options.json) io.stderr.write(`${healSummaryLine(target.file, entry)}\n`);
        return entry;
      },
      // Read after the program's heal (and its write-back): the tests judge the program as healed.
      testProject: async (record) => {
        const project = await collectTestProject(folder);
        for (const [relative, text] of Object.entries(record.changedFiles)) {
          if (!inFolder(relative).startsWith('../')) project.files[inFolder(relative)] = text;
        }
        return project;
      },
    }, {
      runner, limits: options.limits, image: options.image, environment: testEnvironmentOf(environments, options, io, say), maxAttempts: options.maxAttempts, rules: options.rules,
      model: options.model ? await modelFixer(options, io) : undefined, signal: io.signal, log: say,
    });
  } finally {
    await runner.dispose();
  }
  const program = entry as HealReportEntry;
  const written = options.write && result.tests?.outcome === 'healed' && result.project ? await writeTestFix(result.project, result.tests, say) : { written: [], skipped: {} };
  if (options.json) {
    const tests = result.tests ? { ...result.tests, written: written.written, notWritten: written.skipped } : null;
    const report = { model: options.model?.model ?? null, outcome: result.outcome, reason: result.reason, program: withRole(program, target.role), testFiles: result.testFiles, tests };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    printResult(io, result, program, options.write);
  }
  const problem = result.tests?.problem;
  if (program.outcome === 'engine-error' || (problem && SETUP_PROBLEMS.includes(problem.kind))) return 2;
  const green = result.tests !== undefined && (result.outcome === 'healed' || result.outcome === 'passing') && result.tests.after.totals.failed === 0 && result.tests.after.totals.error === 0;
  return green && healExitStatus([program]) === 0 && Object.keys(written.skipped).length === 0 ? 0 : 1;
}

async function writeTestFix(project: TestProject, receipt: TestHealReceipt, say: (line: string) => void): Promise<{ written: string[]; skipped: Record<string, string> }> {
  const outcome = await writeHealedFiles(project.root, receipt.changedFiles, project.files);
  for (const file of outcome.written) say(`wrote ${file}`);
  for (const [file, why] of Object.entries(outcome.skipped)) say(`${file}: not written: ${why}`);
  return outcome;
}

/** The receipt's lines as `self-heal test --heal` prints them, then the diffs when nothing is written. */
function printResult(io: CliIo, result: ProgramTestsResult, program: HealReportEntry, write: boolean): void {
  const out = (line: string): boolean => io.stdout.write(`${line}\n`);
  const receipt = result.tests;
  if (receipt) {
    for (const id of receipt.green) out(`GREEN ${id}`);
    for (const id of receipt.stillRed) out(`RED ${id}`);
    for (const id of receipt.flaky) out(`FLAKY ${id}`);
    out(`before: ${totals(receipt.before.totals)}`);
    out(`after: ${totals(receipt.after.totals)}`);
  }
  out(`${result.outcome}: ${result.reason}`);
  if (write) return;
  if (program.diff) io.stdout.write(program.diff);
  if (receipt?.diff) io.stdout.write(receipt.diff);
}

function totals(counts: TestHealReceipt['before']['totals']): string {
  const parts = (['passed', 'failed', 'error', 'skipped', 'xfailed', 'xpassed'] as const).filter((outcome) => counts[outcome] > 0).map((outcome) => `${counts[outcome]} ${outcome}`);
  return parts.length > 0 ? parts.join(', ') : 'no tests ran';
}

/** The model client is loaded only when a model is used. */
async function modelFixer(options: HealCliOptions, io: CliIo): Promise<ModelFixer | undefined> {
  if (!options.model) return undefined;
  const { OpenAIFixer } = await import('../llm/openaiFixer');
  return new OpenAIFixer(options.model, async () => io.env.OPENAI_API_KEY || undefined);
}
