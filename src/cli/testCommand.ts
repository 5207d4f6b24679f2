// `self-heal test [PATH...]`: runs the project's tests (the current folder is the project) in the
// sandbox through core's runTests, in the environment of the project's requirements and test
// requirements (built without asking, as `heal` builds the project's own), and prints a line per test and the totals, or the JSON report,
// and writes JUnit XML when asked. Exit 0 when every selected test passed, 1 when any failed or
// erred (or hung, or none were found), 2 when the tests could not run (usage, engine, no pytest).
import * as fs from 'fs/promises';
import * as path from 'path';
import { junitXml } from '../core/testing/junitXml';
import { runTests } from '../core/testing/runTests';
import { testLine, testRunPassed, totalsLine } from '../core/testing/testSummary';
import type { TestRunReport } from '../core/testing/testTypes';
import { flagValue, parseArgs } from './cliArgs';
import type { CliIo } from './cliIo';
import { createRunner } from './commandSetup';
import { InputError } from './inputFiles';
import { changedTestProject } from './changedTests';
import { testResults } from './reportFindings';
import { nothingChanged, reportRequest, reportRoot, writeReports } from './reportFlags';
import { runOptionsFrom } from './runOptions';
import { testHealCommand } from './testHealCommand';
import { doctestsOf, SETUP_PROBLEMS, TEST_RUN_FLAGS, testEnvironmentOf, testInstallOptions, testProjectAndImage, withLongKeyword } from './testSetup';
import { TEST_USAGE } from './testUsage';

export async function testCommand(argv: readonly string[], io: CliIo): Promise<number> {
  // Healing takes the model's flags too: its own table, its own command.
  if (argv.includes('--heal')) return testHealCommand(argv, io);
  const parsed = parseArgs(withLongKeyword(argv), TEST_RUN_FLAGS);
  if (parsed.flags.has('help')) {
    io.stdout.write(TEST_USAGE);
    return 0;
  }
  const options = runOptionsFrom(parsed);
  const keyword = flagValue(parsed, 'keyword');
  const junit = flagValue(parsed, 'junit');
  const install = testInstallOptions(parsed);
  const reports = reportRequest(parsed);
  const root = await reportRoot(io.cwd);
  const { project: whole, image } = await testProjectAndImage(io.cwd, parsed.positionals, options);
  const project = await changedTestProject(reports.changedSince, whole, io, options.json);
  if (!project) return nothingChanged(reports, io, root, 'test', options.json);
  const { runner, environments } = createRunner({ ...options, image, parallel: 1 }, io, 1, false);
  const say = (line: string): void => {
    if (!options.json) io.stderr.write(`self-heal: ${line}\n`);
  };
  const environment = testEnvironmentOf(environments, install, io, say);
  const doctests = doctestsOf(parsed, project);
  let report: TestRunReport;
  try {
    report = await runTests(project, { runner, limits: options.limits, image, keyword, doctests, environment, signal: io.signal });
  } finally {
    await runner.dispose();
  }
  if (junit !== undefined) await writeJunit(path.resolve(io.cwd, junit), report);
  await writeReports(reports, io, root, testResults(report, project.root, root));
  if (options.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printHuman(io, report);
  if (report.problem && SETUP_PROBLEMS.includes(report.problem.kind)) return 2;
  return testRunPassed(report) ? 0 : 1;
}

function printHuman(io: CliIo, report: TestRunReport): void {
  for (const test of report.tests) io.stdout.write(`${testLine(test)}\n`);
  if (report.problem) io.stderr.write(`self-heal: ${report.problem.message}\n`);
  io.stdout.write(`${totalsLine(report)}\n`);
}

async function writeJunit(file: string, report: TestRunReport): Promise<void> {
  try {
    await fs.writeFile(file, junitXml(report), 'utf8');
  } catch (error) {
    throw new InputError(`--junit ${file}: cannot be written (${(error as NodeJS.ErrnoException).code})`);
  }
}
