// Which Python files of a folder are programs (entry points: run them) and which are modules other
// code imports (checked by importing them). Decided from the text alone; nothing is run to decide.
import { compoundHeader, simpleStatements, statementTree, type StatementNode } from './pythonStatements';

export type FileRole = 'entry' | 'module';

export interface ClassifiedFile {
  path: string;
  role: FileRole;
  /** Why, in the words a report shows, e.g. "runs code at top level (line 7)". */
  reason: string;
}

/**
 * Names that say "run me" by themselves. Not wsgi.py or asgi.py: a server imports those, and a file
 * of one of these names that runs code is an entry point anyway.
 */
export const ENTRY_NAMES: ReadonlySet<string> = new Set(['main.py', '__main__.py', 'app.py', 'cli.py', 'run.py', 'server.py', 'manage.py']);

export const REASONS = {
  guard: 'has a __main__ guard',
  name: 'conventional entry name',
  definitions: 'defines only functions, classes and constants',
  test: 'a test file: test runners import it',
  setup: 'setup.py does packaging work when run or imported: only compiled',
  topLevel: (line: number) => `runs code at top level (line ${line})`,
};

/** Every `.py` file of `files` (path -> text), by path. */
export function classifyPythonFiles(files: Readonly<Record<string, string>>): ClassifiedFile[] {
  return Object.keys(files)
    .filter((file) => file.endsWith('.py'))
    .sort()
    .map((file) => classifyPythonFile(file, files[file]));
}

export function classifyPythonFile(path: string, text: string): ClassifiedFile {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const module = (reason: string): ClassifiedFile => ({ path, role: 'module', reason });
  const entry = (reason: string): ClassifiedFile => ({ path, role: 'entry', reason });
  if (/^test_.*\.py$|_test\.py$|^conftest\.py$/.test(name)) return module(REASONS.test);
  if (name === 'setup.py') return module(REASONS.setup);
  const statements = statementTree(text).filter((node) => node.indent === 0);
  if (statements.some((node) => isMainGuard(node.text))) return entry(REASONS.guard);
  const work = firstWork(statements);
  if (work !== undefined) return entry(REASONS.topLevel(work));
  if (ENTRY_NAMES.has(name)) return entry(REASONS.name);
  return module(REASONS.definitions);
}

const MAIN_GUARD = /^if\s*\(?\s*(?:__name__\s*==\s*(['"])__main__\1|(['"])__main__\2\s*==\s*__name__)\W/;

function isMainGuard(text: string): boolean {
  return MAIN_GUARD.test(text);
}

/** The line of the first statement that does work when the file is loaded, if any. */
function firstWork(nodes: readonly StatementNode[]): number | undefined {
  for (const node of nodes) {
    const line = workIn(node);
    if (line !== undefined) return line;
  }
  return undefined;
}

/** Loops and with-blocks are work; a condition or a try only decides which of its blocks runs. */
const LOOPS = new Set(['for', 'while', 'with']);
const BRANCHES = new Set(['if', 'elif', 'else', 'try', 'finally']);

function workIn(node: StatementNode): number | undefined {
  const header = compoundHeader(node.code);
  if (!header) return simpleStatements(node.code).some(doesWork) ? node.line : undefined;
  if (LOOPS.has(header.keyword)) return node.line;
  if (header.keyword === 'if' && (/^if\s+(?:typing\.)?TYPE_CHECKING\s*:/.test(node.code) || isMainGuard(node.text))) return undefined;
  // def and class define; an except handler is a fallback that runs only when something failed.
  if (!BRANCHES.has(header.keyword)) return undefined;
  return simpleStatements(header.inline).some(doesWork) ? node.line : firstWork(node.body);
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'lambda', 'yield', 'await', 'return', 'assert', 'del', 'raise', 'from', 'import', 'for', 'while', 'with', 'as']);

/**
 * A simple statement does work when it calls something (`main()`, `print(x)`, `app.run()`) or exits.
 * An assignment only defines a name, even from a call (`logger = logging.getLogger(__name__)`,
 * `T = TypeVar("T")`): library modules are full of those, and importing runs them just the same.
 */
function doesWork(statement: string): boolean {
  if (statement.startsWith('@') || /^(?:import|from|pass|global|nonlocal|del|assert)\b/.test(statement)) return false;
  if (/^raise\b/.test(statement)) return /^raise\s+SystemExit\b/.test(statement);
  if (/^print\s+[^\s=(.[]/.test(statement)) return true; // Python 2's print statement: meant as work
  if (isAssignment(statement)) return false;
  return hasCall(statement);
}

function hasCall(code: string): boolean {
  for (const match of code.matchAll(/([A-Za-z_]\w*|[)\]"'])\s*\(/g)) {
    if (!KEYWORDS.has(match[1])) return true;
  }
  return false;
}

/** `x = ...`, `a, b = ...`, `x += 1`, `x: int = 0`, `x: int`; not `==`, `<=`, `!=` or keyword arguments. */
function isAssignment(code: string): boolean {
  if (/^[A-Za-z_][\w.]*\s*(?:\[[^\]]*\])?\s*:(?!=)/.test(code)) return true;
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (ch === '=' && depth === 0) {
      if (code[i + 1] === '=') {
        i++;
        continue;
      }
      const before = code[i - 1] ?? '';
      if (before === '=' || before === '!' || before === ':') continue;
      if ((before === '<' || before === '>') && code[i - 2] !== before) continue; // a comparison, not <<= or >>=
      return true;
    }
  }
  return false;
}
