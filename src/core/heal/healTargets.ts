// The heal workflow every surface shares: from what was asked for (files, folders) to targets, each
// carrying how it runs (the program itself, or a generated driver such as the import check) and the
// environment it runs in, to one heal record per target. The CLI and the editor differ only in how
// they find files, ask questions and show results.
import type { EnvironmentProvider } from '../environment/environmentTypes';
import { dependenciesOf } from '../environment/dependencies';
import { classifyPythonFiles, type ClassifiedFile } from '../program/entryPoints';
import { isProgram, plainLaunch, type Launch } from '../program/launch';
import { launchFor } from '../program/launchPlan';
import { mapWithLimit } from '../run/parallel';
import { healFile, type HealInput, type HealOptions, type HealProgress } from './healFile';
import type { FileHealRecord } from './ledger';

/** One file to run (or import-check) and heal, with the program's files around it. */
export interface HealTarget {
  /** The folder the files' paths are relative to. */
  root: string;
  /** The program's files (path -> text), requirements.txt / pyproject.toml included when present. */
  files: Readonly<Record<string, string>>;
  launch: Launch;
  /** For files found in a folder: entry point or module, and why. */
  role?: Pick<ClassifiedFile, 'role' | 'reason'>;
}

/** What a program is given when it runs: arguments, standard input, environment variables, working folder. */
export interface RunInput {
  args?: readonly string[];
  /** Absent: end-of-file at once. */
  stdin?: string;
  env?: Readonly<Record<string, string>>;
  /** Relative to the run's root; absent or '' is the root. */
  cwd?: string;
}

/**
 * How a target's runs are made: every run of its heal, and the run that verifies a fix offered later
 * for one of its errors, start the same way.
 */
export interface RunRecipe extends RunInput {
  /** The program's file the run is about (errors and fixes land in the program's files). */
  entry: string;
  /** The generated driver that starts the run instead of `python entry`; never edited. */
  driver?: HealInput['driver'];
}

/** The image for a set of files (their declared requirements); undefined: the runner's own. */
export type ImageFor = NonNullable<HealOptions['imageFor']>;

/** A named file runs as a program, as always. */
export function fileTarget(root: string, files: Readonly<Record<string, string>>, entry: string): HealTarget {
  return { root, files, launch: plainLaunch(entry) };
}

/** A folder's chosen Python files, classified: entry points run, other modules import-checked. */
export function folderTargets(folder: { root: string; files: Readonly<Record<string, string>>; importRoot: string }, chosen: readonly string[]): HealTarget[] {
  const listed = Object.fromEntries(chosen.map((file) => [file, folder.files[file]]));
  return classifyPythonFiles(listed).map(({ path, role, reason }) => ({
    root: folder.root,
    files: folder.files,
    role: { role, reason },
    launch: launchFor(folder.files, path, role, { importRoot: folder.importRoot }),
  }));
}


export function recipeOf(launch: Launch, input: RunInput = {}): RunRecipe {
  const driver = launch.entry === launch.target ? undefined : { entry: launch.entry, files: launch.generated };
  if (!isProgram(launch)) return { entry: launch.target, driver, args: [] };
  const { args, stdin, env, cwd } = input;
  return { entry: launch.target, driver, args, stdin, ...(env && Object.keys(env).length > 0 ? { env } : {}), ...(cwd ? { cwd } : {}) };
}

/** What a surface shows while an image is installed: the step, then pip's lines. */
export interface InstallWatch {
  /** The set is not built yet: installing starts. */
  onInstall?: (requirements: readonly string[]) => void;
  onLine?: (line: string) => void;
}

/**
 * The images of an environment provider, by the files' declared requirements. `beforeBuild` may
 * refuse a set (by throwing) before anything is installed: the editor asks the user there. Each set
 * is asked about and installed once per ImageFor (one run), however many of its programs need it,
 * so a failed install is waited for and reported once, not once per program.
 */
export function imagesFrom(provider: EnvironmentProvider, beforeBuild?: (requirements: readonly string[]) => Promise<void>, watch: InstallWatch = {}): ImageFor {
  const images = new Map<string, Promise<string>>();
  return async (files, signal) => {
    const requirements = dependenciesOf(files);
    if (requirements.length === 0) return undefined;
    const key = JSON.stringify(requirements);
    let image = images.get(key);
    if (!image) {
      image = (async () => {
        await beforeBuild?.(requirements);
        return provider.imageFor(requirements, { signal, onBuild: () => watch.onInstall?.(requirements), onProgress: watch.onLine });
      })();
      images.set(key, image);
    }
    return image;
  };
}

export interface HealTargetsOptions extends Omit<HealOptions, 'args' | 'stdin' | 'env' | 'cwd' | 'onProgress'> {
  /** Targets healed at once. */
  parallel: number;
  /** Given to programs only, never to an import check. */
  args?: readonly string[];
  stdin?: string;
  /** Each program's own input (the editor's run configuration per file); instead of `args` and `stdin`. */
  inputFor?: (target: HealTarget) => RunInput;
  onProgress?: (target: HealTarget, progress: HealProgress) => void;
  /** Called as each target's heal ends, before the others finish. */
  onRecord?: (target: HealTarget, record: FileHealRecord) => void | Promise<void>;
}

/** Heals every target; the records come back in the targets' order. */
export function healTargets(targets: readonly HealTarget[], options: HealTargetsOptions): Promise<FileHealRecord[]> {
  const { parallel, args, stdin, inputFor, onProgress, onRecord, ...heal } = options;
  return mapWithLimit(targets, parallel, async (target) => {
    const recipe = recipeOf(target.launch, inputFor ? inputFor(target) : { args, stdin });
    const { entry, driver, ...input } = recipe;
    const record = await healFile({ files: target.files, entry, driver }, { ...heal, ...input, onProgress: onProgress && ((progress) => onProgress(target, progress)) });
    await onRecord?.(target, record);
    return record;
  });
}
