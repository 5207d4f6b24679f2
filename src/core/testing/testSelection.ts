// The editor's tests are named by pytest-style node ids ("tests/test_calc.py::TestCalc::test_add",
// a file "tests/test_calc.py", a folder "tests"), whichever framework runs them. This turns a
// selection of such ids into what runTests takes (paths, -k), and a result's id (pytest's node id,
// or unittest's "tests.test_calc.TestCalc.test_add") back into that naming.
import type { TestFramework } from './testTypes';

export interface TestRunSelection {
  /** Root-relative paths (and, for pytest, node ids) to run; empty runs everything. */
  paths: string[];
  keyword?: string;
}

/** The file part of a node id ("tests/test_calc.py" of "tests/test_calc.py::test_add"). */
export function fileOfNodeId(nodeId: string): string {
  const at = nodeId.indexOf('::');
  return at < 0 ? nodeId : nodeId.slice(0, at);
}

/** A parametrized case's function ("f.py::test_add" of "f.py::test_add[2-3-5]"); other ids as they are. */
export function caseParentOf(nodeId: string): string | undefined {
  const at = nodeId.indexOf('[');
  return at > 0 && nodeId.endsWith(']') ? nodeId.slice(0, at) : undefined;
}

export function selectionFor(framework: TestFramework, nodeIds: readonly string[]): TestRunSelection {
  if (nodeIds.length === 0) return { paths: [] };
  if (framework === 'pytest') return { paths: unique(nodeIds) };
  // unittest loads files (or folders); a single test or class inside one file narrows by name.
  const files = unique(nodeIds.map(fileOfNodeId));
  const inside = nodeIds.filter((id) => id.includes('::'));
  if (nodeIds.length === 1 && inside.length === 1) {
    const names = inside[0].slice(inside[0].indexOf('::') + 2).split('::');
    // unittest matches '*KEYWORD*' against "module.Class.method": "Class." keeps TestCalcX out.
    return { paths: files, keyword: names.length === 1 ? `${names[0]}.` : names.join('.') };
  }
  return { paths: files };
}

/**
 * A result's id in node-id form: pytest's is one already; unittest's dotted id is matched to the
 * test files it can name (longest module first), the rest being class and method.
 */
export function nodeIdOfResult(framework: TestFramework, resultId: string, testFiles: readonly string[]): string {
  if (framework === 'pytest' || resultId.includes('::')) return resultId;
  const modules = testFiles.map((file) => ({ file, module: file.replace(/\.py$/, '').split('/').join('.') })).sort((a, b) => b.module.length - a.module.length);
  for (const { file, module } of modules) {
    if (resultId === module) return file;
    if (resultId.startsWith(`${module}.`)) return [file, ...resultId.slice(module.length + 1).split('.')].join('::');
  }
  return resultId;
}

/** Whether a result belongs to one of the selected items (all of them when nothing was selected). */
export function isSelected(nodeId: string, selected: readonly string[]): boolean {
  if (selected.length === 0) return true;
  return selected.some((id) => nodeId === id || nodeId.startsWith(`${id}::`) || nodeId.startsWith(`${id}/`) || nodeId.startsWith(`${id}[`));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
