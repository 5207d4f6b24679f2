// Reads `dependencies` and `requires-python` of the [project] table of a pyproject.toml (PEP 621),
// with the TOML subset of tomlScanner.ts.
import { tomlEntries, type TomlValue } from './tomlScanner';

/** The requirement strings of [project] dependencies (or a top-level `project.dependencies`); [] when absent or unreadable. */
export function pyprojectDependencies(text: string): string[] {
  return stringsOf(projectValue(text, 'dependencies'));
}

/** [project] requires-python, e.g. ">=3.9,<3.10"; undefined when absent, not a string, or unreadable. */
export function pyprojectRequiresPython(text: string): string | undefined {
  const value = projectValue(text, 'requires-python');
  return typeof value === 'string' ? value : undefined;
}

/** The strings of an array value; [] for anything else. */
export function stringsOf(value: TomlValue): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The value of one key of the [project] table (the last one read wins, as in the loop before a fault). */
function projectValue(text: string, name: string): TomlValue {
  let found: TomlValue;
  for (const { key, value } of tomlEntries(text)) {
    // A value written twice stops a real TOML parser; the last one read is ours, as before.
    if (key.length === 2 && key[0] === 'project' && key[1] === name) found = value;
  }
  return found;
}
