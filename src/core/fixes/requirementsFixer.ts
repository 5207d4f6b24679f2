// "No module named 'cv2'": the program needs a distribution the environment lacks. The fix names it
// in requirements.txt, from which the run's environment is built.
import { dependenciesOf, REQUIREMENTS_FILE } from '../dependencies';
import type { FixCandidate, RuleFixer, TextEdit } from './fixTypes';
import { DISTRIBUTION_BY_IMPORT } from './distributionTable';
import { isStandardModule } from './importTable';

const MISSING_MODULE = /^No module named '([A-Za-z_][\w.]*)'$/;

export const requirementsFixer: RuleFixer = {
  id: 'requirements',
  kinds: ['module-not-found'],
  propose(error, files) {
    const module = MISSING_MODULE.exec(error.message)?.[1];
    const top = module?.split('.')[0];
    if (!module || !top || isStandardModule(top) || isLocalModule(top, files)) return [];
    const looked = DISTRIBUTION_BY_IMPORT.has(module) ? module : top;
    const known = DISTRIBUTION_BY_IMPORT.get(looked);
    // `requests:Requests`: the same name but for case and separators. Users write the module's spelling.
    const distribution = known === undefined || normalized(known) === normalized(looked) ? looked : known;
    // Declared already (requirements.txt, the files it includes, pyproject.toml): the module is not
    // where the distribution puts it, and naming it again would change nothing.
    if (dependenciesOf(files).some((requirement) => declaredName(requirement) === normalized(distribution))) return [];
    const requirements = files[REQUIREMENTS_FILE];
    return [{
      source: 'rule:requirements',
      description: `Add '${distribution}' to ${REQUIREMENTS_FILE}`,
      edits: [appendLine(requirements ?? '', distribution)],
      // A name missing from the table is only a guess that the distribution is spelt as the module.
      confident: known !== undefined,
    } satisfies FixCandidate];
  },
};

/** A module of the run's own files: `name.py` or a folder `name/` anywhere in the run set. */
function isLocalModule(name: string, files: Readonly<Record<string, string>>): boolean {
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
