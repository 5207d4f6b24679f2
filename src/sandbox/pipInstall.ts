// What runs inside a build container: pip installing a requirements file into the image's own
// site-packages, and how its failure is told to the user.
import { EnvironmentError } from '../core/heal/environmentTypes';

/**
 * Where the job is copied before start; the driver deletes it, so the image does not keep it. In
 * /tmp because the build runs without capabilities: even root may not remove an entry of "/" (r-x).
 */
export const JOB_PARENT = '/tmp';
export const JOB_FOLDER = '.self-heal-build';
export const JOB_PATH = `${JOB_PARENT}/${JOB_FOLDER}`;

/**
 * Installs as root into the interpreter's system site-packages (e.g. /usr/local/lib/python3.11),
 * which is on sys.path for every user and readable by the sandbox's uid 65534; a --user install
 * would land in root's home, which that user cannot read. The index settings travel in the job
 * file, not in the container's environment or command, because a commit keeps both in the image.
 */
export const BUILD_DRIVER_SOURCE = String.raw`
import json, os, shutil, subprocess, sys
job_dir = '${JOB_PATH}'
status = 125
try:
    with open(job_dir + '/job.json') as handle:
        job = json.load(handle)
    env = dict(os.environ)
    env.update(job['env'])
    status = subprocess.call([sys.executable, '-m', 'pip', 'install'] + job['args'] + ['-r', job_dir + '/requirements.txt'], env=env)
finally:
    shutil.rmtree(job_dir, ignore_errors=True)
sys.exit(status)
`;

export const BASE_PIP_ARGS: readonly string[] = ['--no-cache-dir', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off'];

/**
 * Environment variables are used where an option is newer than some pips: an unknown variable is
 * ignored, an unknown option is an error. PIP_BREAK_SYSTEM_PACKAGES lets pip install into a
 * distribution's "externally managed" Python (Debian 12): the image is ours to change.
 */
export const BASE_PIP_ENV: Readonly<Record<string, string>> = {
  PIP_BREAK_SYSTEM_PACKAGES: '1',
  PIP_ROOT_USER_ACTION: 'ignore',
  PYTHONUNBUFFERED: '1',
};

export interface PipJob {
  args: string[];
  env: Record<string, string>;
}

export function pipJob(pipArgs: readonly string[], pipEnv: Readonly<Record<string, string>>): PipJob {
  return { args: [...BASE_PIP_ARGS, ...pipArgs], env: { ...BASE_PIP_ENV, ...pipEnv } };
}

/** pip's messages that name the requirement at fault, most telling first. */
const NAMING_FAILURES: readonly RegExp[] = [
  /^ERROR: (No matching distribution found for (.+))$/,
  /^ERROR: (Could not find a version that satisfies the requirement (\S+).*)$/,
  /^ERROR: (Failed building wheel for (\S+))$/,
  /^ERROR: (Could not build wheels for (\S+?), .*)$/,
  /^ERROR: (Invalid requirement: '(.+)'.*)$/,
  /^ERROR: (Cannot install (\S+?) because .*)$/,
];

/** The error for a failed install, naming the requirement when pip's output does. */
export function pipFailure(
  outputLines: readonly string[],
  { requirements, baseImage, exitCode }: { requirements: readonly string[]; baseImage: string; exitCode: number },
  logLines = 60,
): EnvironmentError {
  const log = outputLines.slice(-logLines).join('\n');
  if (outputLines.some((line) => /No module named pip\b/.test(line))) {
    return new EnvironmentError(`The image ${baseImage} has no pip (python3 -m pip), so it cannot install requirements; choose an image that has pip.`, log);
  }
  const unreachable = indexUnreachable(outputLines);
  const note = unreachable ? ` (the package index could not be reached: ${unreachable})` : '';
  for (const pattern of NAMING_FAILURES) {
    for (const line of outputLines) {
      const match = pattern.exec(line.trim());
      if (match) return new EnvironmentError(`Could not install '${ourRequirement(match[2], requirements)}': ${match[1]}${note}`, log);
    }
  }
  const lastError = [...outputLines].reverse().find((line) => line.startsWith('ERROR: '));
  const why = lastError ? lastError.slice('ERROR: '.length) : `pip exited with status ${exitCode}`;
  return new EnvironmentError(`Could not install the requirements (${requirements.join(', ')}): ${why}${note}`, log);
}

/**
 * Why pip could not reach the index, from its retry warnings: it then says "No matching
 * distribution", which alone would send the user looking for a typo.
 */
function indexUnreachable(outputLines: readonly string[]): string | undefined {
  const retry = [...outputLines].reverse().find((line) => /^WARNING: Retrying .* after connection broken by /.test(line));
  if (!retry) return undefined;
  return /\[Errno -?\d+\] [^'")]+|Read timed out|timed out/.exec(retry)?.[0].trim() ?? 'the connection failed';
}

/** The requirement as the user wrote it, found by its project name (pip may print it respaced). */
function ourRequirement(named: string, requirements: readonly string[]): string {
  const project = projectName(named);
  return requirements.find((requirement) => projectName(requirement) === project) ?? named;
}

/** PEP 503 normalized name: case and runs of "-", "_", "." do not matter. */
export function projectName(requirement: string): string {
  const name = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement)?.[1] ?? requirement;
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
