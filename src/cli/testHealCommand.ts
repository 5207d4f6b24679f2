// `self-heal test --heal`: runs the project's tests, heals the failing ones (rules first, then a
// model) through core's healAgainstTests, and prints the receipt: red before, green after, the
// suite's totals on both sides, each attempt. Exit 0 when every selected test passes after healing,
// 1 when any fails (or is flaky), 2 for usage, engine or a missing pytest. --write writes only a
// verified fix; --summary FILE writes the receipt as Markdown for a pull request.
import * as fs from 'fs/promises';
import * as path from 'path';
import { healAgainstTests } from '../core/testHeal/healAgainstTests';
import { testHealMarkdown } from '../core/testHeal/testHealSummary';
import type { TestHealReceipt } from '../core/testHeal/testHealTypes';
import { OpenAIFixer } from '../llm/openaiFixer';
import { flagTable, flagValue, parseArgs, UsageError } from './cliArgs';
import type { CliIo } from './cliIo';
import { createRunner } from './commandSetup';
import { healOptionsFrom, MODEL_VALUE_FLAGS, modelKeyOf } from './healOptions';
import { writeHealedFiles } from './healedFileWriter';
import { InputError } from './inputFiles';
import { doctestsOf, SETUP_PROBLEMS, TEST_RUN_FLAGS, testEnvironmentOf, testProjectAndImage, withLongKeyword } from './testSetup';
import { TEST_HEAL_USAGE } from './testUsage';

// A plain run's flags (doctests, the install's) too: the heal runs the suite as `self-heal test` does.
const TEST_HEAL_FLAGS = {
  ...TEST_RUN_FLAGS,
  ...flagTable({
    switch: ['heal', 'write', 'allow-test-edits', 'no-llm', 'no-rules'],
    value: ['max-attempts', 'model', 'base-url', 'model-timeout', 'temperature', 'max-tokens', 'summary', ...MODEL_VALUE_FLAGS],
  }),
};

export async function testHealCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(withLongKeyword(argv), TEST_HEAL_FLAGS);
  if (parsed.flags.has('help')) {
    io.stdout.write(TEST_HEAL_USAGE);
    return 0;
  }
  const options = healOptionsFrom(parsed, io.env);
  if (flagValue(parsed, 'junit') !== undefined) throw new UsageError('--junit is for a plain test run; with --heal, --json carries the receipt');
  // Taken by the plain test run's table, so refused here in words rather than passed over unread.
  for (const flag of ['sarif', 'changed-since']) {
    if (parsed.flags.has(flag)) throw new UsageError(`--${flag} is for a plain test run; with --heal, --summary writes the receipt for a pull request`);
  }
  const summary = flagValue(parsed, 'summary');
  const { project, image } = await testProjectAndImage(io.cwd, parsed.positionals, options);
  const say = (line: string): void => {
    if (!options.json) io.stderr.write(`self-heal: ${line}\n`);
  };
  say(options.model ? `model: ${options.model.model}${options.model.baseUrl ? ` at ${options.model.baseUrl}` : ''}` : `model: ${options.modelOffReason}`);
  const { runner, environments } = createRunner({ ...options, image, parallel: 1 }, io, 1, false);
  const environment = testEnvironmentOf(environments, options, io, say);
  const model = options.model ? new OpenAIFixer(options.model, async () => modelKeyOf(io.env)) : undefined;
  let receipt: TestHealReceipt;
  try {
    receipt = await healAgainstTests(project, {
      runner, limits: options.limits, image, environment, doctests: doctestsOf(parsed, project), keyword: flagValue(parsed, 'keyword'), maxAttempts: options.maxAttempts, rules: options.rules, model, tokenBudget: options.tokenBudget,
      allowTestEdits: parsed.flags.has('allow-test-edits'), signal: io.signal, log: say,
    });
  } finally {
    await runner.dispose();
  }
  const written = options.write && receipt.outcome === 'healed' ? await writeFix(project.root, receipt, project.files, say) : [];
  if (options.write && receipt.outcome !== 'healed' && receipt.diff !== '') say('nothing written: the fix did not make every target test pass');
  if (summary !== undefined) await writeSummary(path.resolve(io.cwd, summary), receipt);
  if (options.json) io.stdout.write(`${JSON.stringify({ ...receipt, written }, null, 2)}\n`);
  else printReceipt(io, receipt, options.write);
  if (receipt.problem && SETUP_PROBLEMS.includes(receipt.problem.kind)) return 2;
  const passing = receipt.outcome === 'healed' || receipt.outcome === 'passing';
  return passing && receipt.after.totals.failed === 0 && receipt.after.totals.error === 0 ? 0 : 1;
}

async function writeFix(root: string, receipt: TestHealReceipt, original: Readonly<Record<string, string>>, say: (line: string) => void): Promise<string[]> {
  const outcome = await writeHealedFiles(root, receipt.changedFiles, original);
  for (const file of outcome.written) say(`wrote ${file}`);
  for (const [file, why] of Object.entries(outcome.skipped)) say(`${file}: not written: ${why}`);
  return outcome.written;
}

function printReceipt(io: CliIo, receipt: TestHealReceipt, write: boolean): void {
  const out = (line: string): boolean => io.stdout.write(`${line}\n`);
  for (const id of receipt.green) out(`GREEN ${id}`);
  for (const id of receipt.stillRed) out(`RED ${id}`);
  for (const id of receipt.flaky) out(`FLAKY ${id}`);
  out(`before: ${totals(receipt.before.totals)}`);
  out(`after: ${totals(receipt.after.totals)}`);
  out(`${receipt.outcome}: ${receipt.reason}`);
  if (!write && receipt.diff !== '') io.stdout.write(receipt.diff);
}

function totals(counts: TestHealReceipt['before']['totals']): string {
  const parts = (['passed', 'failed', 'error', 'skipped', 'xfailed', 'xpassed'] as const).filter((outcome) => counts[outcome] > 0).map((outcome) => `${counts[outcome]} ${outcome}`);
  return parts.length > 0 ? parts.join(', ') : 'no tests ran';
}

async function writeSummary(file: string, receipt: TestHealReceipt): Promise<void> {
  try {
    await fs.writeFile(file, testHealMarkdown(receipt), 'utf8');
  } catch (error) {
    throw new InputError(`--summary ${file}: cannot be written (${(error as NodeJS.ErrnoException).code})`);
  }
}
