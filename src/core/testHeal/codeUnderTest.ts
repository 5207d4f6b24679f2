// The code under test for the model: a failing assertion is raised in the test, so the traceback
// names only the test file, yet the fix belongs in the code it calls. The project's other Python
// files go with the request, those the failing tests import first, within a size budget.
import { isTestFile } from './testFiles';

const MAX_CODE_CHARS = 40_000;

/** Non-test Python files not in `shown`, imported ones first (path order within each group), within the budget. */
export function codeUnderTest(files: Readonly<Record<string, string>>, testFiles: readonly string[], shown: ReadonlySet<string>): Record<string, string> {
  const imported = new Set<string>();
  for (const file of testFiles) {
    for (const match of (files[file] ?? '').matchAll(/^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+))/gm)) imported.add((match[1] ?? match[2]).replace(/\./g, '/'));
  }
  const moduleOf = (file: string): string => file.replace(/(\/__init__)?\.py$/, '');
  const candidates = Object.keys(files).filter((file) => file.endsWith('.py') && !isTestFile(file) && !shown.has(file)).sort();
  const ordered = [...candidates.filter((file) => imported.has(moduleOf(file))), ...candidates.filter((file) => !imported.has(moduleOf(file)))];
  const chosen: Record<string, string> = {};
  let total = 0;
  for (const file of ordered) {
    if (total + files[file].length > MAX_CODE_CHARS) continue;
    chosen[file] = files[file];
    total += files[file].length;
  }
  return chosen;
}
