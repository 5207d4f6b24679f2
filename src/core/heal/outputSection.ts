// One program's part of the output of a run of several files, written whole when its heal ends so
// programs running in parallel never interleave: a header naming the file and its outcome, the end
// of its output (at most SECTION_LINES lines, with a line saying how much was left out, so a noisy
// program cannot bury the others), its traceback frames pointing at the files on disk, and the
// one-line summary.
import { withDiskPaths, type DiskPlaces } from '../errors/tracebackPaths';
import type { FileHealRecord } from './ledger';
import { OUTPUT_TAIL_CHARS } from './runSummary';

/** The most lines of one program's output a section shows: its end, where the traceback is. */
export const SECTION_LINES = 60;

export interface ProgramSection {
  record: Pick<FileHealRecord, 'entry' | 'lastRun'>;
  /** The outcome in words ("not healed", "imports cleanly"). */
  outcome: string;
  /** The last line: what happened, e.g. "✗ app/stats.py: ZeroDivisionError: division by zero (app/stats.py:3); ...". */
  summary: string;
  /** The workspace folder the run's files came from, and which files those are. */
  disk?: Pick<DiskPlaces, 'root' | 'isRunFile'>;
}

/** "── app/stats.py · not healed ──" */
export function sectionHeader(entry: string, outcome: string): string {
  return `── ${entry} · ${outcome} ──`;
}

export function sectionText({ record, outcome, summary, disk }: ProgramSection): string {
  const run = record.lastRun;
  const output = run.outputTail.replace(/\n$/, '');
  const lines = output === '' ? [] : output.split('\n');
  const shown = lines.slice(-SECTION_LINES).join('\n');
  const written = run.stdoutBytes + (run.stderrBytes ?? 0);
  const cut = lines.length > SECTION_LINES || run.outputTail.length >= OUTPUT_TAIL_CHARS;
  const leftOut = written - Buffer.byteLength(shown, 'utf8');
  const places = disk && run.workDir ? { ...disk, workDir: run.workDir } : undefined;
  return [
    sectionHeader(record.entry, outcome),
    ...(cut && leftOut > 0 ? [leftOutLine(leftOut)] : []),
    ...(shown === '' ? [] : [withDiskPaths(shown, places)]),
    summary,
  ].join('\n');
}

/** "… 48,210 bytes of earlier output left out" */
export function leftOutLine(bytes: number): string {
  return `… ${bytes.toLocaleString('en-US')} byte${bytes === 1 ? '' : 's'} of earlier output left out (the last ${SECTION_LINES} lines at most are shown)`;
}
