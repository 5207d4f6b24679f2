// The compact text of the standard-library table, from what each interpreter printed
// (scripts/stdlibMembers.py): one line per module, `module[@versions] name name@versions ...`, modules
// and names sorted, a name marked with the versions it is in only where those differ from its
// module's. src/core/fixes/standardLibrary.ts reads it; a unit test holds the two to each other.

/** What stdlibMembers.py prints for one interpreter. */
export interface InterpreterMembers {
  version: string;
  modules: Record<string, string[]>;
}

export function versionOrder(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function tableText(interpreters: readonly InterpreterMembers[]): { versions: string[]; text: string } {
  const sorted = [...interpreters].sort((a, b) => versionOrder(a.version, b.version));
  const versions = sorted.map((each) => each.version);
  const modules = [...new Set(sorted.flatMap((each) => Object.keys(each.modules)))].sort(byCodePoint);
  const marked = (name: string, inVersions: string[], all: string[]): string => (inVersions.length === all.length ? name : `${name}@${inVersions.join(',')}`);
  const lines = modules.map((module) => {
    const moduleVersions = sorted.filter((each) => each.modules[module]).map((each) => each.version);
    const names = [...new Set(sorted.flatMap((each) => each.modules[module] ?? []))].sort(byCodePoint);
    const members = names.map((name) => marked(name, sorted.filter((each) => each.modules[module]?.includes(name)).map((each) => each.version), moduleVersions));
    return [marked(module, moduleVersions, versions), ...members].join(' ');
  });
  return { versions, text: lines.join('\n') };
}
