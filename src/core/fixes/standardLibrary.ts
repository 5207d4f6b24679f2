// The standard library of one Python version, as its interpreter reported it (stdlibTable.ts, made by
// scripts/generateStdlibTable.ts): which modules exist and what each exports by name. Read on first
// use, once per version.
import { inflateRawSync } from 'zlib';
import { STDLIB_PACKED, STDLIB_VERSIONS } from './stdlibTable';

/** The version a run's image has when nothing says otherwise: the default image's. */
export const DEFAULT_PYTHON = '3.11';

export interface StandardLibrary {
  version: string;
  /** Module -> its public names (`__all__`, else `dir()` less what it imported). Dotted ones too: "collections.abc". */
  members: ReadonlyMap<string, ReadonlySet<string>>;
  /** Name -> the modules that export it, in the table's (alphabetical) order. */
  exporters: ReadonlyMap<string, readonly string[]>;
}

let lines: string[] | undefined;
const libraries = new Map<string, StandardLibrary>();

/** The generated version nearest to `version` ("3.12" reads 3.11's table when 3.12 was not generated; older on a tie). */
export function nearestVersion(version: string): string {
  const minor = (text: string): number => Number(text.split('.')[1] ?? NaN);
  const wanted = minor(version);
  if (!Number.isFinite(wanted)) return DEFAULT_PYTHON;
  return [...STDLIB_VERSIONS].sort((a, b) => Math.abs(minor(a) - wanted) - Math.abs(minor(b) - wanted) || minor(a) - minor(b))[0];
}

export function standardLibrary(version: string = DEFAULT_PYTHON): StandardLibrary {
  const nearest = nearestVersion(version);
  let library = libraries.get(nearest);
  if (!library) {
    library = libraryOf(nearest);
    libraries.set(nearest, library);
  }
  return library;
}

function libraryOf(version: string): StandardLibrary {
  lines ??= inflateRawSync(Buffer.from(STDLIB_PACKED, 'base64')).toString('utf8').split('\n');
  const members = new Map<string, ReadonlySet<string>>();
  const exporters = new Map<string, string[]>();
  for (const line of lines) {
    const [head, ...names] = line.split(' ');
    const module = present(head, version);
    if (module === undefined) continue;
    const own = new Set<string>();
    for (const each of names) {
      const name = present(each, version);
      if (name === undefined) continue;
      own.add(name);
      const modules = exporters.get(name);
      if (modules) modules.push(module);
      else exporters.set(name, [module]);
    }
    members.set(module, own);
  }
  return { version, members, exporters };
}

/** The name of a `name` or `name@3.9,3.11` entry when it is in `version`. */
function present(entry: string, version: string): string | undefined {
  const at = entry.indexOf('@');
  if (at < 0) return entry;
  return entry.slice(at + 1).split(',').includes(version) ? entry.slice(0, at) : undefined;
}

/**
 * Names builtins holds that its table leaves out, being another module's (`open` is io's) or put
 * there by `site` at start-up (`exit`, `help`): a program sees them all the same.
 */
const BUILTINS_FROM_ELSEWHERE = ['open', 'exit', 'quit', 'help', 'copyright', 'credits', 'license'];

/** Every name a program of the version finds in builtins. */
export function builtinNames(version?: string): ReadonlySet<string> {
  return new Set([...(standardLibrary(version).members.get('builtins') ?? []), ...BUILTINS_FROM_ELSEWHERE]);
}
