// `--changed-since REF`: only what a change can have broken. The files changed since REF (committed
// on this branch since it left REF, staged, unstaged or new and not ignored), read from git run
// with execFile (no shell, so a ref is never parsed as shell text), and then the modules of the
// folder that import them, since a change to a module can break its importers.
import { execFile } from 'child_process';
import { realpathSync } from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { filesReachedBy } from '../core/program/importGraph';
import { UsageError } from './cliArgs';
import type { RunTarget } from './runTargets';

const run = promisify(execFile);

export interface ChangedFiles {
  ref: string;
  /** The repository's top folder. */
  repoRoot: string;
  /** Absolute paths of the files changed since `ref`. */
  changed: Set<string>;
}

/** The repository's top folder, or undefined outside a git repository (or without git). */
export async function gitTopLevel(cwd: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    return undefined;
  }
}

export async function changedSince(ref: string, cwd: string): Promise<ChangedFiles> {
  // A ref that starts with "-" would be read by git as an option.
  if (ref === '' || ref.startsWith('-')) throw new UsageError(`--changed-since needs a git ref (a branch, tag or commit), not "${ref}"`);
  const top = await gitTopLevel(cwd);
  const repoRoot = top === undefined ? undefined : realpathSync(top);
  if (repoRoot === undefined) throw new UsageError(`--changed-since ${ref}: ${cwd} is not inside a git repository`);
  try {
    await git(repoRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`--changed-since ${ref}: no such commit, branch or tag in this repository (a shallow clone needs fetch-depth: 0)`);
  }
  const lists = await Promise.all([
    git(repoRoot, ['diff', '--name-only', '-z', `${ref}...HEAD`, '--']),
    git(repoRoot, ['diff', '--name-only', '-z', 'HEAD', '--']),
    git(repoRoot, ['ls-files', '--others', '--exclude-standard', '-z']),
  ]);
  const changed = new Set(lists.flatMap((list) => list.split('\0').filter(Boolean).map((file) => path.join(repoRoot, file))));
  return { ref, repoRoot, changed };
}

/** The targets whose file changed or imports (through any chain) a changed file of its folder. */
export function targetsReached(targets: readonly RunTarget[], changed: ReadonlySet<string>): RunTarget[] {
  // The targets of one folder share their files: the graph is walked once per folder.
  const reachedByFiles = new Map<Readonly<Record<string, string>>, Set<string>>();
  return targets.filter(({ runSet }) => {
    let reached = reachedByFiles.get(runSet.files);
    if (!reached) {
      reached = filesReachedBy(runSet.files, changedIn(runSet.root, runSet.files, changed));
      reachedByFiles.set(runSet.files, reached);
    }
    return reached.has(runSet.entry);
  });
}

/** The root-relative names of the files of `files` that changed. */
export function changedIn(root: string, files: Readonly<Record<string, string>>, changed: ReadonlySet<string>): Set<string> {
  // git names files under the repository's real path; the folder may have been named through a link.
  const realRoot = realpathSync(root);
  return new Set(Object.keys(files).filter((file) => changed.has(path.join(realRoot, file))));
}

async function git(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}
