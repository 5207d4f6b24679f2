// Which files of a folder a change reaches: the changed files and every module that imports one of
// them, directly or through others. Read from the text alone (`import x`, `from x import y`,
// relative imports), resolved the ways Python would find a module here: from the importing file's
// own folder, from the folder its package name resolves from, and from the run's root.
import { hasFile } from '../files/fileTexts';
import { importNameOf } from './importNames';
import { compoundHeader, logicalLines, simpleStatements } from './pythonStatements';

type Files = Readonly<Record<string, string>>;

/** `changed` and the files that import them (transitively), all root-relative POSIX paths of `files`. */
export function filesReachedBy(files: Files, changed: ReadonlySet<string>): Set<string> {
  const importers = new Map<string, string[]>();
  for (const file of Object.keys(files)) {
    if (!file.endsWith('.py')) continue;
    for (const imported of importedFiles(files, file)) importers.set(imported, [...(importers.get(imported) ?? []), file]);
  }
  const reached = new Set<string>();
  const queue = [...changed].filter((file) => hasFile(files, file));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (reached.has(file)) continue;
    reached.add(file);
    queue.push(...(importers.get(file) ?? []));
  }
  return reached;
}

/** The files of `files` that `file` imports, packages' `__init__.py` on the way included. */
export function importedFiles(files: Files, file: string): string[] {
  const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const bases = [...new Set([folder, importNameOf(files, file).base, ''])];
  const found = new Set<string>();
  for (const statement of importStatements(files[file] ?? '')) {
    const relative = /^from\s+(\.+)\s*([\w.]*)\s+import\s+(.+)$/.exec(statement);
    const absolute = /^from\s+([\w.]+)\s+import\s+(.+)$/.exec(statement);
    const plain = /^import\s+(.+)$/.exec(statement);
    if (relative) {
      const up = folder.split('/').filter(Boolean).slice(0, Math.max(0, folder.split('/').filter(Boolean).length - (relative[1].length - 1)));
      const base = up.join('/');
      for (const name of withMembers(relative[2], names(relative[3]))) addModule(files, base, name, found);
      if (relative[2] === '') for (const name of names(relative[3])) addModule(files, base, name, found);
    } else if (absolute) {
      for (const base of bases) for (const name of withMembers(absolute[1], names(absolute[2]))) addModule(files, base, name, found);
    } else if (plain) {
      for (const base of bases) for (const name of names(plain[1])) addModule(files, base, name, found);
    }
  }
  found.delete(file);
  return [...found].sort();
}

/** Each import statement of the source, compound headers' inline bodies (`if x: import y`) included. */
function importStatements(source: string): string[] {
  return logicalLines(source).flatMap((line) => {
    const header = compoundHeader(line.code);
    return simpleStatements(header ? header.inline : line.code);
  }).filter((statement) => /^(?:import|from)\s/.test(statement));
}

/** `a.b as c, (d, e)` -> ["a.b", "d", "e"]; `*` names nothing. */
function names(list: string): string[] {
  return list.replace(/[()]/g, ' ').split(',').map((part) => part.trim().split(/\s+as\s+/)[0].trim()).filter((name) => /^[\w.]+$/.test(name));
}

/** `from pkg import mod`: the module `pkg`, and `pkg.mod` in case it names a submodule. */
function withMembers(module: string, members: readonly string[]): string[] {
  if (module === '') return [];
  return [module, ...members.map((member) => `${module}.${member}`)];
}

/** The module's file under `base` (a module or a package's `__init__.py`) and the packages it goes through. */
function addModule(files: Files, base: string, dotted: string, found: Set<string>): void {
  const parts = dotted.split('.');
  const prefix = base === '' ? '' : `${base}/`;
  for (let depth = 1; depth <= parts.length; depth++) {
    const stem = `${prefix}${parts.slice(0, depth).join('/')}`;
    if (depth === parts.length && hasFile(files, `${stem}.py`)) found.add(`${stem}.py`);
    if (hasFile(files, `${stem}/__init__.py`)) found.add(`${stem}/__init__.py`);
  }
}
