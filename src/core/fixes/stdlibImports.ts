// Imports the standard library itself vouches for (standardLibrary.ts, generated per version): a
// NameError for `doctest` used as `doctest.testmod()`, or for `mean` that statistics exports. A wrong
// import that runs is worse than none, so a module is imported only where every use of the name
// reads one of its attributes, and a member only where few modules export it, in a stated order.
import { standardLibrary } from './standardLibrary';

export interface ImportGuess {
  statement: string;
  /** The only sensible reading; otherwise one of several, to be tried in the order given. */
  confident: boolean;
}

/**
 * Modules whose names clash with what programs name their own things, or that no program imports
 * members from: the interpreter's internals (posixpath is os.path) and its tools.
 */
const NOT_IMPORTED = new Set(['builtins', 'genericpath', 'ntpath', 'nturl2path', 'posix', 'posixpath', 'pydoc', 'opcode', 'sre_compile', 'sre_constants', 'sre_parse', 'this', 'antigravity', 'test']);

/**
 * Where a name comes from several modules, the one programs usually mean comes first: real maths
 * before complex (math.sqrt, not cmath's), the containers before typing's aliases of them
 * (collections.Counter), os.path before its platform twins, the public module before a re-export.
 */
const PREFERRED = ['math', 'collections', 'itertools', 'functools', 'statistics', 'string', 'random', 'heapq', 'bisect', 'operator', 'os.path', 'os', 'shutil', 're', 'json', 'time', 'datetime', 'copy', 'typing', 'collections.abc'];

/** A name exported by more modules than this is a common word, not a pointer to one of them. */
const MAX_EXPORTERS = 3;
/** Shorter lower-case names are too likely to be the program's own misspelt variables. */
const MIN_MEMBER_LENGTH = 3;
const CONFIDENT_FROM_LENGTH = 4;

/** `import name` when `name` is a module of the version and the code uses it only as that module. */
export function moduleImport(name: string, code: string, version?: string): ImportGuess | undefined {
  const library = standardLibrary(version);
  const members = library.members.get(name);
  if (!members || NOT_IMPORTED.has(name) || name.includes('.')) return undefined;
  // An import elsewhere (in another function) is not a use: the name is missing where it failed.
  const statements = code.replace(/^[ \t]*(?:import|from)[ \t].*$/gm, '');
  const uses = [...statements.matchAll(new RegExp(`(?<![\\w.])${name}(?!\\w)(\\s*\\.\\s*([A-Za-z_]\\w*))?`, 'g'))];
  const attributes = uses.map((use) => use[2]);
  if (attributes.length === 0 || attributes.some((attribute) => attribute === undefined)) return undefined;
  const known = attributes.filter((attribute) => members.has(attribute) || library.members.has(`${name}.${attribute}`));
  return known.length > 0 ? { statement: `import ${name}`, confident: true } : undefined;
}

/** `from module import name` for each module of the version that exports `name`, the usual one first. */
export function memberImports(name: string, version?: string): ImportGuess[] {
  if (name.length < MIN_MEMBER_LENGTH && name === name.toLowerCase()) return [];
  const exporters = (standardLibrary(version).exporters.get(name) ?? []).filter((module) => !NOT_IMPORTED.has(module));
  if (exporters.length === 0 || exporters.length > MAX_EXPORTERS) return [];
  const rank = (module: string): number => (PREFERRED.includes(module) ? PREFERRED.indexOf(module) : PREFERRED.length);
  const ordered = [...exporters].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  const confident = ordered.length === 1 && name.length >= CONFIDENT_FROM_LENGTH;
  return ordered.map((module) => ({ statement: `from ${module} import ${name}`, confident }));
}
