// What runs inside a build container: pip, as the sandbox user, installing a requirements file into
// a folder of its own that the interpreter imports from, and how its failure is told to the user.
import { EnvironmentError } from '../../core/environment/environmentTypes';
import { withoutCredentials } from '../../core/environment/requirementSources';

/**
 * Where pip's result lands in the image: a folder owned by the build user (made by the job archive's
 * ownership headers), put on sys.path by a .pth file in the interpreter's site-packages. The job
 * itself is copied inside it and deleted by the driver before pip starts.
 */
export const TARGET_DIR = '/self-heal-env';
export const JOB_DIR = `${TARGET_DIR}/.job`;
/** The build runs as the sandbox's user, never as root. */
export const BUILD_USER_ID = 65534;
/** Lines the driver prints for the host, before any package's code could print anything. */
export const DRIVER_MARKER = '@@self-heal ';
export const PTH_FILE = 'self-heal-environment.pth';

/**
 * pip with one change: it refuses to prepare any source distribution, which is the step that runs a
 * package's build code. --only-binary=:all: alone is not enough: pip still builds a requirement that
 * names a URL, path or VCS link, also when it arrives as a dependency of a wheel, and an option such as
 * --global-option on a requirements line turns it off. A pip whose internals differ fails here, closed.
 */
const WHEELS_ONLY_PIP = String.raw`
import sys
from pip._internal.distributions.sdist import SourceDistribution
from pip._internal.exceptions import InstallationError
def refuse(self, *args, **kwargs):
    print('${DRIVER_MARKER}source-build=' + str(self.req).replace('\n', ' '), flush=True)
    raise InstallationError('refused to build ' + str(self.req) + ' from source: building runs its own code')
SourceDistribution.prepare_distribution_metadata = refuse
from pip._internal.cli.main import main
sys.argv[0] = 'pip'
sys.exit(main())
`;

/**
 * pip installs with --target into a staging folder on the build's size-capped /tmp, and the driver
 * copies it to TARGET_DIR only when pip succeeded: what the image keeps is bounded by that tmpfs.
 * Index settings travel in the job file, not in the container's environment or command, because a
 * commit keeps both in the image. When only wheels are allowed and pip finds no distribution, the
 * driver asks the index whether a source archive exists, so the user learns why.
 */
export const BUILD_DRIVER_SOURCE = String.raw`
import json, os, re, shutil, site, subprocess, sys, sysconfig
WHEELS_ONLY_PIP = ${JSON.stringify(WHEELS_ONLY_PIP)}
target = '${TARGET_DIR}'
job_dir = '${JOB_DIR}'
with open(job_dir + '/job.json') as handle:
    job = json.load(handle)
with open(job_dir + '/requirements.txt') as handle:
    requirements = handle.read()
shutil.rmtree(job_dir)
candidates = [sysconfig.get_paths()['purelib']] + site.getsitepackages()
print('${DRIVER_MARKER}site-packages=' + next((d for d in candidates if os.path.isdir(d)), ''), flush=True)
print('${DRIVER_MARKER}user=' + str(os.getuid()), flush=True)
requirements_file = '/tmp/self-heal-requirements.txt'
with open(requirements_file, 'w') as handle:
    handle.write(requirements)
env = dict(os.environ)
env.update(job['env'])
pip = [sys.executable, '-m', 'pip'] if job['sourceBuilds'] else [sys.executable, '-c', WHEELS_ONLY_PIP]
stage = '/tmp/self-heal-stage'
process = subprocess.Popen(pip + ['install', '--target', stage] + job['args'] + ['-r', requirements_file], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors='replace')
missing = []
unreachable = False
for line in process.stdout:
    sys.stdout.write(line)
    sys.stdout.flush()
    unreachable = unreachable or 'after connection broken by' in line
    found = re.match(r'ERROR: No matching distribution found for ([A-Za-z0-9][A-Za-z0-9._-]*)', line)
    if found:
        missing.append(found.group(1))
status = process.wait()
if status != 0 and not job['sourceBuilds'] and not unreachable:
    for name in missing:
        probe = pip + ['index', 'versions', name, '--disable-pip-version-check', '--no-input'] + job['indexArgs']
        if subprocess.call(probe, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
            print('${DRIVER_MARKER}source-only=' + name, flush=True)
if status == 0 and os.path.isdir(stage):
    shutil.copytree(stage, target, symlinks=True, dirs_exist_ok=True)
sys.exit(status)
`;

/**
 * The .pth line that makes TARGET_DIR importable: placed after the standard library and before every
 * site folder, so a package cannot shadow the stdlib and a requirement wins over the image's own copy.
 */
export const PTH_LINE = `import sys; sys.path.insert(min([i for i, p in enumerate(sys.path) if p.endswith(('site-packages', 'dist-packages'))] or [len(sys.path)]), '${TARGET_DIR}')\n`;

export const BASE_PIP_ARGS: readonly string[] = ['--no-cache-dir', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off'];
/** No build backend runs: pip takes wheels only, which are unpacked, never executed, at install time. */
export const WHEELS_ONLY_ARGS: readonly string[] = ['--only-binary=:all:'];

/**
 * Environment variables are used where an option is newer than some pips: an unknown variable is
 * ignored, an unknown option is an error. HOME and TMPDIR point at the build's capped /tmp (the
 * sandbox user's home does not exist).
 */
export const BASE_PIP_ENV: Readonly<Record<string, string>> = {
  PIP_BREAK_SYSTEM_PACKAGES: '1',
  PYTHONUNBUFFERED: '1',
  HOME: '/tmp',
  TMPDIR: '/tmp',
};

export interface PipJob {
  /** Options of `pip install`. */
  args: string[];
  /** The user's index options alone, for asking the index about a missing distribution. */
  indexArgs: string[];
  env: Record<string, string>;
  /** Whether pip may build source archives (which runs the package's code). */
  sourceBuilds: boolean;
}

export function pipJob(pipArgs: readonly string[], pipEnv: Readonly<Record<string, string>>, options: { allowSourceBuilds?: boolean } = {}): PipJob {
  const sourceBuilds = options.allowSourceBuilds === true;
  return {
    args: [...BASE_PIP_ARGS, ...(sourceBuilds ? [] : WHEELS_ONLY_ARGS), ...pipArgs],
    indexArgs: [...pipArgs],
    env: { ...BASE_PIP_ENV, ...pipEnv },
    sourceBuilds,
  };
}

/** How a user allows source builds, for messages. */
export const ALLOW_SOURCE_BUILDS_HINT = 'the setting selfHeal.environment.allowSourceBuilds or the flag --allow-source-builds';

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
  // Only a project name counts: with source builds on, a package's build output could print a marker too.
  const sourceOnly = outputLines.map((line) => /^@@self-heal source-only=([A-Za-z0-9][A-Za-z0-9._-]*)$/.exec(line)?.[1]).find(Boolean);
  if (sourceOnly) {
    return new EnvironmentError(
      `Could not install '${ourRequirement(sourceOnly, requirements)}': it is published only as a source archive here, and building one runs the package's own code; ` +
        `Self-Heal installs wheels only unless source builds are allowed (${ALLOW_SOURCE_BUILDS_HINT}).`,
      log,
    );
  }
  const built = outputLines.map((line) => /^@@self-heal source-build=(.+)$/.exec(line)?.[1]).find(Boolean);
  if (built) {
    return new EnvironmentError(
      `Not installed: '${withoutCredentials(built)}' would be built from source (a requirement or a dependency names a source archive, a URL, a path or a build option), and building runs the package's own code; ` +
        `Self-Heal installs wheels only unless source builds are allowed (${ALLOW_SOURCE_BUILDS_HINT}).`,
      log,
    );
  }
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
