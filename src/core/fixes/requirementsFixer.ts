// "No module named 'cv2'": the program needs a distribution the environment lacks. The fix names it
// in requirements.txt, from which the run's environment is built. Only distributions of the
// import-name table are ever named: a module outside it is more likely a typo (module-typo) or a
// private name than a package worth installing, and pip would install whatever answers to a guess.
import { dependenciesOf, REQUIREMENTS_FILE } from '../environment/dependencies';
import type { FixCandidate, RuleFixer, TextEdit } from './fixTypes';
import { DISTRIBUTION_BY_IMPORT } from './distributionTable';
import { isStandardModule } from './importTable';

export const MISSING_MODULE = /^No module named '([A-Za-z_][\w.]*)'$/;

export const requirementsFixer: RuleFixer = {
  id: 'requirements',
  kinds: ['module-not-found'],
  propose(error, files) {
    const module = MISSING_MODULE.exec(error.message)?.[1];
    const top = module?.split('.')[0];
    if (!module || !top || isStandardModule(top) || isLocalModule(top, files)) return [];
    const requirement = requirementFor(module, files);
    if (!requirement) return [];
    return [{
      source: 'rule:requirements',
      description: `Add '${requirement.distribution}' to ${REQUIREMENTS_FILE}`,
      edits: [requirement.edit],
      confident: true,
    } satisfies FixCandidate];
  },
};

/**
 * The table's distribution for a module (looked up whole, then by its top-level package) and the
 * edit that appends it to requirements.txt; undefined when the table does not know the module or
 * the distribution is declared already.
 */
export function requirementFor(module: string, files: Readonly<Record<string, string>>): { distribution: string; edit: TextEdit } | undefined {
  const top = module.split('.')[0];
  const looked = DISTRIBUTION_BY_IMPORT.has(module) ? module : top;
  const known = DISTRIBUTION_BY_IMPORT.get(looked);
  if (known === undefined) return undefined;
  // `requests:Requests`: the same name but for case and separators. Users write the module's spelling.
  const distribution = normalized(known) === normalized(looked) ? looked : known;
  // Declared already (requirements.txt, the files it includes, pyproject.toml): the module is not
  // where the distribution puts it, and naming it again would change nothing.
  if (dependenciesOf(files).some((requirement) => declaredName(requirement) === normalized(distribution))) return undefined;
  return { distribution, edit: appendLine(files[REQUIREMENTS_FILE] ?? '', distribution) };
}

/** A module of the run's own files: `name.py` or a folder `name/` anywhere in the run set. */
export function isLocalModule(name: string, files: Readonly<Record<string, string>>): boolean {
  return Object.keys(files).some((file) => file.replace(/\\/g, '/').split('/').some((part, i, parts) => (i < parts.length - 1 ? part === name : part === `${name}.py`)));
}

/** PEP 503: names compare lower-cased, with runs of `-`, `_` and `.` as one `-`. */
export function normalized(distribution: string): string {
  return distribution.replace(/[-_.]+/g, '-').toLowerCase();
}

/** The distribution a requirement names, normalized: `name[extras] specifiers`, `name @ url`, `url#egg=name`. */
function declaredName(requirement: string): string | undefined {
  const name = /#egg=([A-Za-z0-9][\w.-]*)/.exec(requirement)?.[1] ?? (/^[a-z][\w+.-]*:\/\//i.test(requirement) ? undefined : /^[A-Za-z0-9][\w.-]*/.exec(requirement)?.[0]);
  return name && normalized(name);
}

/** An insertion at the end of the text: a new line of its own, after a final newline the text may lack. */
function appendLine(text: string, line: string): TextEdit {
  const lines = text.split('\n');
  const last = lines.length;
  const column = lines[last - 1].length + 1;
  const newText = `${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`;
  return { file: REQUIREMENTS_FILE, startLine: last, startColumn: column, endLine: last, endColumn: column, newText };
}
