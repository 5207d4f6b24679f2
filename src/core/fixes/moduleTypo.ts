// "No module named 'reqeusts'": a name that no table knows but that is one slip away from a module
// that exists (the standard library, the import-name table, the run's own files) is a typo, not a
// package to install. The fix respells the import; when the intended module is a known third-party
// one that is not declared, the same fix names its distribution in requirements.txt, so a single
// verified run proves both (installing it still needs the user's approval).
import { dependenciesOf } from '../environment/dependencies';
import type { FixCandidate, RuleFixer, TextEdit } from './fixTypes';
import { DISTRIBUTION_BY_IMPORT, STANDARD_LIBRARY_MODULES } from './distributionTable';
import { isStandardModule } from './importTable';
import { isLocalModule, MISSING_MODULE, normalized, requirementFor } from './requirementsFixer';

/** Names shorter than this have too many neighbours one edit away to guess from. */
const MIN_TYPO_LENGTH = 4;
/** From this length on, two edits (a doubled slip) still read as the same word. */
const TWO_EDITS_FROM_LENGTH = 8;
/** Shorter names one edit from a module may be real packages of their own (`httpx` is not `http`). */
const CONFIDENT_FROM_LENGTH = 6;

export const moduleTypo: RuleFixer = {
  id: 'module-typo',
  kinds: ['module-not-found'],
  propose(error, files) {
    const typed = MISSING_MODULE.exec(error.message)?.[1]?.split('.')[0];
    if (!typed || isKnownModule(typed, files) || isDeclared(typed, files)) return [];
    const source = error.file !== null ? files[error.file] : undefined;
    const line = error.line !== null && source !== undefined ? source.split('\n')[error.line - 1] : undefined;
    const column = line === undefined ? undefined : importedAt(line, typed);
    if (!error.file || !error.line || column === undefined) return [];
    const guess = closestModule(typed, candidateModules(files));
    if (!guess) return [];
    const rename: TextEdit = { file: error.file, startLine: error.line, startColumn: column, endLine: error.line, endColumn: column + typed.length, newText: guess.name };
    const thirdParty = !isStandardModule(guess.name) && !isLocalModule(guess.name, files);
    const requirement = thirdParty ? requirementFor(guess.name, files) : undefined;
    const respell = `Change '${typed}' to '${guess.name}'`;
    return [{
      source: 'rule:module-typo',
      description: requirement ? `${respell} and add '${requirement.distribution}' to requirements.txt` : respell,
      edits: requirement ? [rename, requirement.edit] : [rename],
      confident: guess.confident,
    } satisfies FixCandidate];
  },
};

export interface ModuleGuess {
  name: string;
  distance: number;
  /** One edit away, nothing else within reach, and long enough not to be a name of its own. */
  confident: boolean;
}

/**
 * The one candidate nearest to `typed` within the typo threshold; undefined when none is near
 * enough, or when two or more are equally near (a coin toss is not a fix).
 */
export function closestModule(typed: string, candidates: Iterable<string>): ModuleGuess | undefined {
  if (typed.length < MIN_TYPO_LENGTH) return undefined;
  const limit = typed.length >= TWO_EDITS_FROM_LENGTH ? 2 : 1;
  const near: Array<{ name: string; distance: number }> = [];
  for (const name of new Set(candidates)) {
    if (name === typed) return undefined;
    const distance = editDistance(typed, name, limit);
    if (distance <= limit) near.push({ name, distance });
  }
  if (near.length === 0) return undefined;
  const best = Math.min(...near.map((n) => n.distance));
  const nearest = near.filter((n) => n.distance === best);
  if (nearest.length > 1) return undefined;
  return { name: nearest[0].name, distance: best, confident: best === 1 && near.length === 1 && typed.length >= CONFIDENT_FROM_LENGTH };
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbours each cost 1 (`reqeusts` is one swap from `requests`). Stops counting past `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/** Top-level modules a program could have meant: standard, in the table, or its own. */
function candidateModules(files: Readonly<Record<string, string>>): string[] {
  const identifier = /^[A-Za-z_]\w*$/;
  const own = Object.keys(files).flatMap((file) => {
    const parts = file.replace(/\\/g, '/').split('/');
    const last = parts.pop() as string;
    return [...parts, last.endsWith('.py') ? last.slice(0, -3) : ''];
  });
  return [...STANDARD_LIBRARY_MODULES, ...DISTRIBUTION_BY_IMPORT.keys(), ...own].filter((name) => identifier.test(name) && name !== '__init__' && name !== '__main__');
}

function isKnownModule(name: string, files: Readonly<Record<string, string>>): boolean {
  return isStandardModule(name) || DISTRIBUTION_BY_IMPORT.has(name) || isLocalModule(name, files);
}

/** A name the program declares as a requirement is meant as written; its install is what failed. */
function isDeclared(name: string, files: Readonly<Record<string, string>>): boolean {
  return dependenciesOf(files).some((requirement) => normalized(/^[A-Za-z0-9][\w.-]*/.exec(requirement)?.[0] ?? '') === normalized(name));
}

/** 1-based column of `name` as the module of an `import` or `from` statement on the line. */
function importedAt(line: string, name: string): number | undefined {
  const statement = /^(\s*)(import|from)\s/.exec(line);
  if (!statement) return undefined;
  const word = new RegExp(`(?<![\\w.])${name}(?!\\w)`, 'g');
  for (const match of line.matchAll(word)) {
    if ((match.index as number) >= statement[0].length) return (match.index as number) + 1;
  }
  return undefined;
}
