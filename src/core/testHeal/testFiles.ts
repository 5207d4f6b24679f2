// Which files are the tests: the specification a heal works towards, so a fix may not edit them
// unless the user allows it (a fix that rewrites the assertion "heals" nothing).

/** test_*.py, *_test.py, conftest.py, and anything under a tests/ or test/ folder. */
export function isTestFile(file: string): boolean {
  const parts = file.split('/');
  const name = parts[parts.length - 1];
  if (name === 'conftest.py' || /^test_.*\.py$/.test(name) || /_test\.py$/.test(name)) return true;
  return parts.slice(0, -1).some((folder) => folder === 'tests' || folder === 'test');
}

/** The test files whose text differs between two sets of files, in path order. */
export function changedTestFiles(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): string[] {
  return Object.keys(after).filter((file) => isTestFile(file) && before[file] !== after[file]).sort();
}
