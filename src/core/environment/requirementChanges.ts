// What a fix would change in the program's environment: the requirement lines it adds to (or
// changes in) requirements files and pyproject.toml, compared with the files as the heal found them.
// Files that are not Python reach a run only as its environment, so every one of them is read as a
// requirements file (pyproject.toml: its [project] dependencies). A line that would make pip fetch
// from a place of the fix's choosing (a URL, a VCS link, a path, an index or any other option) is
// refused outright; any other added requirement needs the user's approval before it is installed.
import { normalizeRequirement, PYPROJECT_FILE } from './dependencies';
import { pyprojectDependencies } from './pyprojectDependencies';

export type RequirementReview =
  | { verdict: 'unchanged' }
  | { verdict: 'refused'; reason: string }
  | { verdict: 'needs-approval'; requirements: string[] };

export interface AddedRequirement {
  file: string;
  line: string;
}

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const SPECIFIER = '(?:===|==|!=|<=|>=|~=|<|>)\\s*[A-Za-z0-9.*+!_-]+';
const SPECIFIERS = `${SPECIFIER}(?:\\s*,\\s*${SPECIFIER})*`;
/** PEP 508 without its URL form: `name[extras] specifiers ; marker`. */
const PLAIN_REQUIREMENT = new RegExp(
  `^${NAME}(?:\\s*\\[\\s*(?:${NAME}(?:\\s*,\\s*${NAME})*)?\\s*\\])?` +
  `(?:\\s*(?:${SPECIFIERS}|\\(\\s*${SPECIFIERS}\\s*\\)))?` +
  `(?:\\s*;\\s*[A-Za-z0-9_.\\s'"<>=!~(),-]+)?$`,
);
export const ONLY_PLAIN = 'only name[extras] specifiers ; marker requirements may be added';

export function reviewRequirementChanges(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): RequirementReview {
  const added = addedRequirements(before, after);
  for (const { file, line } of added) {
    const what = whyRefused(line);
    if (what) return { verdict: 'refused', reason: `refused: ${file} would gain '${line}', ${what}; ${ONLY_PLAIN}` };
  }
  if (added.length === 0) return { verdict: 'unchanged' };
  return { verdict: 'needs-approval', requirements: [...new Set(added.map((a) => a.line))] };
}

/** Requirement lines of `after` that its file did not hold before, file by file, in order. */
export function addedRequirements(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): AddedRequirement[] {
  const added: AddedRequirement[] = [];
  for (const file of Object.keys(after).sort()) {
    if (file.endsWith('.py') || before[file] === after[file]) continue;
    const had = new Set(before[file] === undefined ? [] : requirementLinesOf(file, before[file]));
    for (const line of requirementLinesOf(file, after[file])) if (!had.has(line)) added.push({ file, line });
  }
  return added;
}

/** What kind of line it is when it may not be added; undefined for a plain requirement. */
export function whyRefused(line: string): string | undefined {
  if (/^(-e|--editable)(\s|=|$)/.test(line)) return 'an editable install';
  // pip also reads options after a requirement on its line (`--hash`, `--config-settings`, ...).
  if (line.startsWith('-') || /\s-{1,2}[A-Za-z]/.test(line)) return 'a pip option';
  if (/(^|@\s*)(git|hg|svn|bzr)\+/i.test(line)) return 'a version-control link';
  if (/:\/\//.test(line) || /^file:/i.test(line) || /^[^;]*@/.test(line)) return 'a direct URL';
  if (/^[.~/\\]/.test(line) || /^[^;]*[/\\]/.test(line) || /\.(whl|zip|tar\.gz|tgz|tar\.bz2)$/i.test(line)) return 'a local path';
  if (!PLAIN_REQUIREMENT.test(line)) return 'not a plain requirement';
  return undefined;
}

/** The lines pip would read, options included; for pyproject.toml its [project] dependencies. */
function requirementLinesOf(file: string, text: string): string[] {
  if (file === PYPROJECT_FILE || file.endsWith(`/${PYPROJECT_FILE}`)) return pyprojectDependencies(text).map(normalizeRequirement).filter((line) => line !== '');
  const joined = text.replace(/\r\n?/g, '\n').replace(/\\\n/g, '');
  return joined.split('\n').map(normalizeRequirement).filter((line) => line !== '');
}
