// What `run` and `heal` work on: each named file (run as a program, as always), and each Python file
// under a named folder, classified as an entry point (run) or a module (import-checked).
import * as fs from 'fs/promises';
import * as path from 'path';
import type { ClassifiedFile } from '../core/program/entryPoints';
import { collectFolderRunSet } from '../core/program/folderRunSet';
import { folderTargets as classifiedTargets, type HealTarget } from '../core/heal/healTargets';
import { plainLaunch, type Launch } from '../core/program/launch';
import { collectRunSet, type RunSet } from '../core/program/runSet';
import { checkPythonFile, InputError } from './inputFiles';

export interface RunTarget {
  /** As reported: the path as named, or a found file's path from the current folder. */
  file: string;
  /** For files found in a named folder: entry point or module, and why. */
  role?: Pick<ClassifiedFile, 'role' | 'reason'>;
  /** The program's files; `entry` is the target file. Shared by the targets of one folder. */
  runSet: RunSet;
  launch: Launch;
}

export async function collectTargets(positionals: readonly string[], cwd: string): Promise<RunTarget[]> {
  const targets: RunTarget[] = [];
  const seen = new Set<string>();
  for (const named of positionals) {
    const absolute = path.resolve(cwd, named);
    const found = (await isFolder(absolute)) ? await folderTargets(named, absolute, cwd) : [await fileTarget(named, absolute, cwd)];
    for (const target of found) {
      const key = path.resolve(target.runSet.root, target.runSet.entry);
      if (!seen.has(key)) targets.push(target);
      seen.add(key);
    }
  }
  return targets;
}

async function fileTarget(named: string, absolute: string, cwd: string): Promise<RunTarget> {
  await checkPythonFile(absolute).catch((error: unknown) => {
    if (error instanceof InputError) throw new InputError(error.message.replace(/^[^:]*:/, `${named}:`));
    throw error;
  });
  const runSet = await collectRunSet(absolute, { root: cwd });
  return { file: named, runSet, launch: plainLaunch(runSet.entry) };
}

async function folderTargets(named: string, absolute: string, cwd: string): Promise<RunTarget[]> {
  const folder = await collectFolderRunSet(absolute, { root: cwd });
  if (folder.listed.length === 0) {
    throw new InputError(`${named}: holds no Python files (virtual environments, build output, caches and hidden folders are skipped)`);
  }
  const runSet = (entry: string): RunSet => ({ root: folder.root, files: folder.files, entry, totalBytes: folder.totalBytes });
  return classifiedTargets(folder, folder.listed).map(({ launch, role }) => ({
    file: toPosix(path.relative(cwd, path.join(folder.root, launch.target))),
    role,
    runSet: runSet(launch.target),
    launch,
  }));
}

/** The shared workflow's view of a target: where it runs, its files and how it starts. */
export function healTargetOf(target: RunTarget): HealTarget {
  return { root: target.runSet.root, files: target.runSet.files, launch: target.launch, role: target.role };
}

async function isFolder(absolute: string): Promise<boolean> {
  return fs.stat(absolute).then((stat) => stat.isDirectory(), () => false);
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}
