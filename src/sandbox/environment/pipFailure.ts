// How a failed install is told to the user: the requirement at fault, as the user wrote it, and why
// (no wheel, a source build refused, no pip, an unreachable index).
import { EnvironmentError } from '../../core/environment/environmentTypes';
import { withoutCredentials } from '../../core/environment/requirementSources';
import { ALLOW_SOURCE_BUILDS_HINT } from './pipJob';

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
  return /\[Errno -?\d+\] [^'")]+|certificate verify failed[^'")(]*|Read timed out|timed out/.exec(retry)?.[0].trim() ?? 'the connection failed';
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
