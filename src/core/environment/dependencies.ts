// The third-party requirements a workspace declares, as one stable list: equal sets give equal
// lists, so the list can key a cached environment. Read from requirements.txt (with the files it
// includes through -r) and from pyproject.toml's [project] dependencies.
import { fileText } from '../files/fileTexts';
import * as path from 'path';
import { pyprojectDependencies } from './pyprojectDependencies';

export const REQUIREMENTS_FILE = 'requirements.txt';
export const PYPROJECT_FILE = 'pyproject.toml';

/** Files nested deeper than this through -r are not read (a cycle is caught earlier; this bounds the rest). */
const MAX_INCLUDE_DEPTH = 10;

/** The requirements of the root requirements.txt and pyproject.toml of `files`, sorted and without repeats. */
export function dependenciesOf(files: Readonly<Record<string, string>>): string[] {
  const found: string[] = [];
  if (files[REQUIREMENTS_FILE] !== undefined) found.push(...requirementsFileLines(files, REQUIREMENTS_FILE));
  if (files[PYPROJECT_FILE] !== undefined) found.push(...pyprojectDependencies(files[PYPROJECT_FILE]).map(normalizeRequirement));
  // sort() without a comparer orders by code units, not by locale: the same list on every machine.
  return [...new Set(found.filter((line) => line !== ''))].sort();
}

/**
 * The requirement lines of one requirements file as pip reads it: continuation lines joined,
 * comments and blanks dropped, `-r FILE` followed (relative to the including file, when it is among
 * `files`). Every other option line (`--index-url`, `-c`, `-e`, ...) is left out: options of the
 * install are the environment's business, and editable or constraint files name things that are
 * not requirements of their own.
 */
export function requirementsFileLines(files: Readonly<Record<string, string>>, file: string, seen: ReadonlySet<string> = new Set()): string[] {
  if (seen.has(file) || seen.size >= MAX_INCLUDE_DEPTH) return [];
  const text = fileText(files, file);
  if (text === undefined) return [];
  const visited = new Set(seen).add(file);
  const lines: string[] = [];
  for (const line of logicalLines(text)) {
    const included = includedFile(line);
    if (included !== undefined) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), included));
      lines.push(...requirementsFileLines(files, target, visited));
    } else if (!line.startsWith('-')) {
      lines.push(line);
    }
  }
  return lines;
}

/** Trimmed, inline comment removed (pip's rule: `#` at the start or after whitespace), inner spaces collapsed. */
export function normalizeRequirement(line: string): string {
  return line.replace(/(^|\s)#.*$/, '').trim().replace(/\s+/g, ' ');
}

/** Non-empty lines with continuations (a trailing backslash) joined and comments removed. */
function logicalLines(text: string): string[] {
  const joined = text.replace(/\r\n?/g, '\n').replace(/\\\n/g, '');
  return joined.split('\n').map(normalizeRequirement).filter((line) => line !== '');
}

/** The file named by `-r FILE`, `-rFILE`, `--requirement FILE` or `--requirement=FILE`. */
function includedFile(line: string): string | undefined {
  const match = /^(?:-r\s*|--requirement(?:\s+|\s*=\s*))(\S.*)$/.exec(line);
  return match ? match[1].trim() : undefined;
}
