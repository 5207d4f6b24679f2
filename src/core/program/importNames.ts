// The name a file is imported by, and the folder that name resolves from: what `python -m NAME` and
// `import NAME` need, worked out from the run's files alone.
import { fileText, hasFile } from '../files/fileTexts';
import { logicalLines } from './pythonStatements';

export interface ImportName {
  /** Dotted module name: "pkg.util" in a package, the file's stem ("tool") otherwise. */
  name: string;
  /** Folder, relative to the run root ('' for the root), to put first on sys.path so `name` resolves. */
  base: string;
  /** The name goes through packages, so the file's relative imports (`from . import x`) can work. */
  packaged: boolean;
}

/**
 * A file in a regular package (its folder and the ones above hold `__init__.py`) is named from the
 * outermost package's parent: `src/pkg/sub/util.py` -> `pkg.sub.util` from `src`. A file outside
 * packages that imports relatively only works inside a namespace package, so it is named from
 * `importRoot` (the project's top folder). Any other file is named by its stem from its own folder.
 */
export function importNameOf(files: Readonly<Record<string, string>>, path: string, importRoot = ''): ImportName {
  const folders = path.split('/').slice(0, -1);
  const stem = path.slice(path.lastIndexOf('/') + 1).replace(/\.py$/, '');
  let top = folders.length;
  while (top > 0 && hasFile(files, [...folders.slice(0, top), '__init__.py'].join('/'))) top--;
  if (top < folders.length) {
    const parts = [...folders.slice(top), ...(stem === '__init__' ? [] : [stem])];
    return { name: parts.join('.'), base: folders.slice(0, top).join('/'), packaged: true };
  }
  const rootPrefix = importRoot === '' ? '' : `${importRoot}/`;
  const below = path.startsWith(rootPrefix) ? path.slice(rootPrefix.length).split('/') : [];
  if (below.length > 1 && importsRelatively(fileText(files, path) ?? '')) {
    return { name: [...below.slice(0, -1), stem].join('.'), base: importRoot, packaged: true };
  }
  return { name: stem, base: folders.join('/'), packaged: false };
}

/** `from . import x`, `from .models import Y`, anywhere in the file (string contents excluded). */
export function importsRelatively(text: string): boolean {
  return logicalLines(text).some((line) => /^from\s*\./.test(line.code));
}

/** `import pkg`, `import pkg.x`, `from pkg.x import y`: the file imports its own top package by name. */
export function importsPackage(text: string, topPackage: string): boolean {
  const escaped = topPackage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const own = new RegExp(`^(?:from\\s+${escaped}(?:\\.|\\s)|import\\s+(?:[\\w.]+\\s*,\\s*)*${escaped}(?:[.\\s,]|$))`);
  return logicalLines(text).some((line) => own.test(line.code));
}
