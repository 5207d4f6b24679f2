// A deleted import often took several names with it (`from typing import List, Any`), and one line
// then uses more than one of them (`def f(values: List[Any]) -> List[int]:`). The re-run judges a
// fix by how far the program gets, and the same line failing again on the next missing name is no
// further: so the import for the name in the message also brings the imports the other missing names
// of its line need, when each has one sure import. Members of one module share one statement.
import { importsForUse } from './importByUse';
import { blankStringsAndComments, namesInScope } from './nameScope';
import { builtinNames } from './standardLibrary';

const KEYWORDS = new Set('False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case'.split(' '));

/**
 * The import statements for `statement` (the import of the name in the message) and for the other
 * names of `line` that nothing in the file binds and that have exactly one confident import.
 */
export function withSameLineImports(statement: string, name: string, source: string, line: number, version?: string): string[] {
  const code = blankStringsAndComments(source).split('\n')[line - 1] ?? '';
  // A star import may bind anything: no name of the file is then known to be missing.
  if (/^\s*from\s+\S+\s+import\s+\*/m.test(blankStringsAndComments(source))) return [statement];
  // A def's header binds its parameters for the body: they are not missing on the header either.
  const visible = new Set([...namesInScope(source, line), ...namesInScope(source, line + 1)]);
  const builtins = builtinNames(version);
  const statements = [statement];
  const seen = new Set([name]);
  // Read names only: not an attribute (`.x`), nor a keyword argument's name (`f(x=1)`).
  for (const match of code.matchAll(/(?<![\w.])([A-Za-z_]\w*)(?!\w)(?!\s*=(?!=))/g)) {
    const other = match[1];
    if (seen.has(other) || KEYWORDS.has(other) || visible.has(other) || builtins.has(other)) continue;
    seen.add(other);
    const guesses = importsForUse(other, source, version);
    if (guesses.length === 1 && guesses[0].confident) statements.push(guesses[0].statement);
  }
  return merged(statements);
}

/** `from m import a` and `from m import b` as `from m import a, b`, in the order first met. */
function merged(statements: readonly string[]): string[] {
  const out: string[] = [];
  for (const statement of statements) {
    const member = /^from (\S+) import (\w+)$/.exec(statement);
    const at = member ? out.findIndex((earlier) => earlier.startsWith(`from ${member[1]} import `)) : -1;
    if (member && at >= 0) out[at] = `${out[at]}, ${member[2]}`;
    else if (!out.includes(statement)) out.push(statement);
  }
  return out;
}
