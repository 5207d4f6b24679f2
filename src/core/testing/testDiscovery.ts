// The tests a file declares, read from its text without running anything, so the editor can show
// them (and their run buttons) before any run: top-level `def test*` functions, `class Test*` and
// unittest TestCase classes with their `def test*` methods. What pytest or unittest would collect is
// decided by the run itself; a name found here and not collected simply gets no result.

export const TEST_FILE_NAME = /^(?:test_.*|.*_test)\.py$/;

export type DeclaredTestKind = 'function' | 'class' | 'method';

export interface DeclaredTest {
  name: string;
  kind: DeclaredTestKind;
  /** 1-based line of the `def` or `class` (after its decorators). */
  line: number;
  /** The methods of a class. */
  children: DeclaredTest[];
}

const FUNCTION = /^(\s*)(?:async\s+)?def\s+(test\w*)\s*\(/;
const CLASS = /^(\s*)class\s+(\w+)\s*(\(([^)]*)\))?\s*:/;
/** A class unittest would load whatever its name: it names TestCase among its bases. */
const TESTCASE_BASE = /\bTestCase\b/;

export function isTestFileName(fileName: string): boolean {
  return TEST_FILE_NAME.test(fileName);
}

export function declaredTests(text: string): DeclaredTest[] {
  const found: DeclaredTest[] = [];
  // The class being read and the indent of its body (its first line's): deeper `def`s are helpers.
  let openClass: { test: DeclaredTest; bodyIndent?: number } | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (openClass && indent === 0) openClass = undefined;
    else if (openClass && openClass.bodyIndent === undefined) openClass.bodyIndent = indent;
    const declaredClass = indent === 0 ? CLASS.exec(line) : null;
    if (declaredClass) {
      const [, , name, , bases] = declaredClass;
      if (name.startsWith('Test') || TESTCASE_BASE.test(bases ?? '')) {
        const test: DeclaredTest = { name, kind: 'class', line: index + 1, children: [] };
        found.push(test);
        openClass = { test };
      }
      continue;
    }
    const declaredFunction = FUNCTION.exec(line);
    if (!declaredFunction) continue;
    const name = declaredFunction[2];
    if (indent === 0) found.push({ name, kind: 'function', line: index + 1, children: [] });
    else if (openClass && indent === openClass.bodyIndent) openClass.test.children.push({ name, kind: 'method', line: index + 1, children: [] });
  }
  // A class without test methods has nothing to run.
  return found.filter((test) => test.kind !== 'class' || test.children.length > 0);
}
