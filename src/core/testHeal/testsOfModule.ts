// Which tests speak for a module, and how a run's outcome is said when they fail: a file that runs
// clean while a test that imports it fails is not fine, so the editor (and later the CLI) say
// "ran clean; 1 test fails", never "ran clean" alone. Kept cheap: only the test files whose text
// imports the module are run, and none when no test imports it.
import { isTestFileName } from '../testing/testDiscovery';

const IMPORT_LINE = /^\s*(?:from\s+([\w.]+)\s+import\b|import\s+([\w.,\s]+?)\s*(?:#.*)?$)/gm;

/** The names a module is imported by: its dotted path from the root and each shorter tail ("pkg.mod", "mod"). */
function namesOf(module: string): string[] {
  const parts = module.replace(/\.py$/, '').split('/');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  return parts.map((_, at) => parts.slice(at).join('.')).filter((name) => name !== '');
}

/** The test files (root-relative, in path order) whose text imports `module` (a root-relative .py file). */
export function testFilesImporting(module: string, files: Readonly<Record<string, string>>): string[] {
  const names = new Set(namesOf(module));
  if (names.size === 0 || isTestFileName(module.split('/').pop() ?? '')) return [];
  return Object.keys(files).filter((file) => isTestFileName(file.split('/').pop() ?? '') && importsAny(files[file], names)).sort();
}

function importsAny(text: string, names: ReadonlySet<string>): boolean {
  for (const match of text.matchAll(IMPORT_LINE)) {
    const imported = match[1] ? [match[1]] : match[2].split(',').map((part) => part.trim().split(/\s+as\s+/)[0]);
    // `from pkg import mod` names the module too.
    if (imported.some((name) => names.has(name) || (match[1] && [...names].some((n) => n.startsWith(`${name}.`))))) return true;
  }
  return false;
}

/** "ran clean; 1 test fails", "healed; 3 tests fail": the outcome with the tests that import it. */
export function withFailingTests(outcomeWords: string, failing: number): string {
  return failing === 0 ? outcomeWords : `${outcomeWords}; ${failingTestsPhrase(failing)}`;
}

/** "1 test fails", "3 tests fail": a workspace run's tests, said beside its files' outcomes. */
export function failingTestsPhrase(failing: number): string {
  return `${failing} test${failing === 1 ? '' : 's'} fail${failing === 1 ? 's' : ''}`;
}
