// The CI flags `run`, `heal` and `test` share: --sarif FILE and --summary FILE (written once the
// command has its results, also when --changed-since left nothing to check, so a CI step that
// uploads them finds them), and --changed-since REF (changedSince.ts).
import * as fs from 'fs/promises';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { flagTable, flagValue, type ParsedArgs } from './cliArgs';
import type { CliIo } from './cliIo';
import { changedSince, gitTopLevel, targetsReached } from './changedSince';
import { InputError } from './inputFiles';
import { markdownSummary } from './reports/markdownSummary';
import type { ReportInput, ReportResults } from './reports/reportTypes';
import { sarifLog } from './reports/sarifLog';
import type { RunTarget } from './runTargets';
import { VERSION } from './version';

export const REPORT_FLAGS = flagTable({ value: ['sarif', 'summary', 'changed-since'] });

export const REPORT_USAGE = `  --sarif FILE         also write the errors (and verified fixes) as SARIF 2.1.0 to FILE, for code scanning
  --summary FILE       also append a Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY)
  --changed-since REF  only the files changed since the git ref REF (and uncommitted changes), and
                       the modules of their folder that import them
`;

export interface ReportRequest {
  sarif?: string;
  summary?: string;
  changedSince?: string;
}

export function reportRequest(parsed: ParsedArgs): ReportRequest {
  return { sarif: flagValue(parsed, 'sarif'), summary: flagValue(parsed, 'summary'), changedSince: flagValue(parsed, 'changed-since') };
}

/** The folder report paths are relative to: the git repository's top, else the current folder. */
export async function reportRoot(cwd: string): Promise<string> {
  return (await gitTopLevel(cwd)) ?? path.resolve(cwd);
}

export async function writeReports(request: ReportRequest, io: CliIo, root: string, results: ReportResults): Promise<void> {
  if (request.sarif === undefined && request.summary === undefined) return;
  const input: ReportInput = { ...results, toolVersion: VERSION, rootUri: `${pathToFileURL(root).href.replace(/\/$/, '')}/` };
  if (request.sarif !== undefined) await writeReport('--sarif', path.resolve(io.cwd, request.sarif), `${JSON.stringify(sarifLog(input), null, 2)}\n`);
  if (request.summary !== undefined) await writeReport('--summary', path.resolve(io.cwd, request.summary), markdownSummary(input), true);
}

/** The summary is appended: $GITHUB_STEP_SUMMARY collects every step's and may hold some already. */
async function writeReport(flag: string, file: string, text: string, append = false): Promise<void> {
  try {
    await (append ? fs.appendFile(file, text, 'utf8') : fs.writeFile(file, text, 'utf8'));
  } catch (error) {
    throw new InputError(`${flag} ${file}: cannot be written (${(error as NodeJS.ErrnoException).code})`);
  }
}

/** With --changed-since, the targets a change reaches (said on stderr unless --json); all of them without it. */
export async function changedTargets(request: ReportRequest, targets: RunTarget[], io: CliIo, quiet: boolean): Promise<RunTarget[]> {
  if (request.changedSince === undefined) return targets;
  const { changed } = await changedSince(request.changedSince, io.cwd);
  const reached = targetsReached(targets, changed);
  if (!quiet) io.stderr.write(`self-heal: changed since ${request.changedSince}: ${reached.length} of ${targets.length} ${targets.length === 1 ? 'file' : 'files'} changed or import a changed file\n`);
  return reached;
}

/** Nothing changed that the command would check: the reports say so, and that passes (status 0). */
export async function nothingChanged(request: ReportRequest, io: CliIo, root: string, command: ReportResults['command'], json: boolean): Promise<number> {
  await writeReports(request, io, root, { command, checked: 0, passed: 0, failed: 0, findings: [] });
  if (json) io.stdout.write(`${JSON.stringify(command === 'test' ? { tests: [] } : { files: [] }, null, 2)}\n`);
  return 0;
}
