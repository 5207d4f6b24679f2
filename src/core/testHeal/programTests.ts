// Healing a program and then against the tests of its folder: first the program's own run is made
// clean (the heal workflow: rules, the model, each fix proved by a run), and only a program that
// runs clean goes on to the tests that import it, healed by healAgainstTests. A program that does not
// run is no program a test can judge. The CLI's `heal FILE --tests` calls this; the editor and other
// tools give their own program heal and project reader.
import type { FileHealRecord } from '../heal/ledger';
import type { TestProject } from '../testing/testProject';
import { healAgainstTests } from './healAgainstTests';
import { isTestFile } from './testFiles';
import type { TestHealOptions } from './testHealOptions';
import type { TestHealOutcome, TestHealReceipt } from './testHealTypes';

/** program-not-clean: the program's own run did not end clean, so no test was run; no-tests: no test file imports it. */
export type ProgramTestsOutcome = TestHealOutcome | 'program-not-clean' | 'no-tests';

export interface ProgramTestsSteps {
  /** The program's path relative to the test project's root. */
  program: string;
  /** The program's own heal, as the caller sets it up (runner, environment, write-back). */
  healProgram(): Promise<FileHealRecord>;
  /** The program's folder as a test project with the program heal's changes in it, read after that heal. */
  testProject(program: FileHealRecord): Promise<TestProject>;
}

export interface ProgramTestsResult {
  outcome: ProgramTestsOutcome;
  /** One line: why it ended as it did. */
  reason: string;
  program: FileHealRecord;
  /** The test files that import the program (root-relative), the suite that was judged. */
  testFiles: string[];
  /** The project the tests ran in (its files with the program's heal in them). */
  project?: TestProject;
  tests?: TestHealReceipt;
}

export async function healProgramWithTests(steps: ProgramTestsSteps, options: TestHealOptions): Promise<ProgramTestsResult> {
  const program = await steps.healProgram();
  if (program.outcome !== 'clean' && program.outcome !== 'healed') {
    return { outcome: 'program-not-clean', reason: `the program's own run is not clean (${program.outcome}: ${program.stopReason}); its tests were not run`, program, testFiles: [] };
  }
  const project = await steps.testProject(program);
  const testFiles = testFilesImporting(project.files, steps.program);
  if (testFiles.length === 0) {
    return { outcome: 'no-tests', reason: `no test file in ${project.root} imports ${moduleNameOf(steps.program)}`, program, testFiles, project };
  }
  options.log?.(`tests that import ${steps.program}: ${testFiles.join(', ')}`);
  const tests = await healAgainstTests({ ...project, paths: testFiles }, options);
  return { outcome: tests.outcome, reason: tests.reason, program, testFiles, project, tests };
}

/** "pkg/calc.py" -> "pkg.calc"; a package's __init__.py is the package. */
export function moduleNameOf(file: string): string {
  return file.replace(/(\/__init__)?\.py$/, '').split('/').join('.');
}

/**
 * The test files that import the program, in path order: `import m`, `from m import ...`, and for
 * a module in a package its dotted name, its last part (a test that puts the folder on its path), or
 * `from pkg import m`. Read from the text, as the editor reads tests, without running anything.
 */
export function testFilesImporting(files: Readonly<Record<string, string>>, program: string): string[] {
  const dotted = moduleNameOf(program);
  const parts = dotted.split('.');
  const last = parts[parts.length - 1];
  const parent = parts.slice(0, -1).join('.');
  const names = new Set([dotted, last]);
  return Object.keys(files).filter((file) => file !== program && file.endsWith('.py') && isTestFile(file) && file.split('/').pop() !== 'conftest.py').sort().filter((file) => {
    for (const match of files[file].matchAll(/^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]+([^\n#]+)|import[ \t]+([^\n#]+))/gm)) {
      if (match[3] !== undefined) {
        if (match[3].split(',').some((item) => names.has(item.trim().split(/\s+/)[0]))) return true;
      } else if (names.has(match[1])) {
        return true;
      } else if (parent !== '' && match[1] === parent && match[2].replace(/[()]/g, '').split(',').some((item) => item.trim().split(/\s+/)[0] === last)) {
        return true;
      }
    }
    return false;
  });
}
