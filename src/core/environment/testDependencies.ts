// The requirements a project's tests need besides its own: the usual test requirements files, the
// test and dev extras of [project.optional-dependencies], and the test and dev groups of PEP 735's
// [dependency-groups] (with `{include-group = "..."}` followed). A test run's environment is the
// project's requirements plus these, as one stable list (equal sets give equal lists and one image).
import { dependenciesOf, normalizeRequirement, PYPROJECT_FILE, requirementsFileLines } from './dependencies';
import { stringsOf } from './pyprojectDependencies';
import { tomlEntries, type TomlValue } from './tomlScanner';

/** The files at the project's root that list test requirements, read as requirements.txt is (-r followed). */
export const TEST_REQUIREMENTS_FILES = ['requirements-dev.txt', 'requirements-test.txt', 'test-requirements.txt', 'dev-requirements.txt'];

/** Extras and dependency groups that hold what the tests need, by their normalized names (PEP 685, PEP 735). */
export const TEST_GROUP_NAMES = ['test', 'tests', 'dev', 'testing'];

/** Includes nested deeper than this are not followed (a cycle is caught earlier; this bounds the rest). */
const MAX_GROUP_DEPTH = 10;

/** The test requirements `files` declare (root-relative), sorted and without repeats. */
export function testDependenciesOf(files: Readonly<Record<string, string>>): string[] {
  const found: string[] = [];
  for (const file of TEST_REQUIREMENTS_FILES) found.push(...requirementsFileLines(files, file));
  const pyproject = files[PYPROJECT_FILE];
  if (pyproject !== undefined) found.push(...pyprojectTestDependencies(pyproject).map(normalizeRequirement));
  return [...new Set(found.filter((line) => line !== ''))].sort();
}

/** What a test run installs: the project's requirements and its test requirements, one sorted list. */
export function testEnvironmentOf(files: Readonly<Record<string, string>>): string[] {
  return [...new Set([...dependenciesOf(files), ...testDependenciesOf(files)])].sort();
}

/** The requirement strings of the test extras and test dependency groups of a pyproject.toml. */
export function pyprojectTestDependencies(text: string): string[] {
  const extras = new Map<string, string[]>();
  const groups = new Map<string, TomlValue[]>();
  let projectName: string | undefined;
  for (const { key, value } of tomlEntries(text)) {
    if (key.length === 2 && key[0] === 'project' && key[1] === 'name' && typeof value === 'string') projectName = normalizedName(value);
    if (key.length === 3 && key[0] === 'project' && key[1] === 'optional-dependencies') extras.set(normalizedName(key[2]), stringsOf(value));
    if (key.length === 2 && key[0] === 'dependency-groups' && Array.isArray(value)) groups.set(normalizedName(key[1]), value);
  }
  const found: string[] = [];
  for (const name of TEST_GROUP_NAMES) {
    found.push(...extraRequirements(extras, name, projectName, new Set()));
    found.push(...groupRequirements(groups, name, new Set()));
  }
  return found;
}

/**
 * An extra's requirements. One that names the project itself (`dev = ["mypkg[test]"]`) stands for the
 * project's own extras, which are followed, never sent to an index: the project is not installed from one.
 */
function extraRequirements(extras: ReadonlyMap<string, string[]>, name: string, projectName: string | undefined, seen: ReadonlySet<string>): string[] {
  const listed = extras.get(name);
  if (listed === undefined || seen.has(name) || seen.size >= MAX_GROUP_DEPTH) return [];
  const visited = new Set(seen).add(name);
  const lines: string[] = [];
  for (const requirement of listed) {
    const self = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?\s*(?:;.*)?$/.exec(requirement);
    if (self && projectName !== undefined && normalizedName(self[1]) === projectName) {
      for (const extra of (self[2] ?? '').split(',')) lines.push(...extraRequirements(extras, normalizedName(extra.trim()), projectName, visited));
    } else {
      lines.push(requirement);
    }
  }
  return lines;
}

/** A dependency group's requirements, with `{include-group = "..."}` entries replaced by that group's. */
function groupRequirements(groups: ReadonlyMap<string, TomlValue[]>, name: string, seen: ReadonlySet<string>): string[] {
  const listed = groups.get(name);
  if (listed === undefined || seen.has(name) || seen.size >= MAX_GROUP_DEPTH) return [];
  const visited = new Set(seen).add(name);
  const lines: string[] = [];
  for (const item of listed) {
    if (typeof item === 'string') lines.push(item);
    else if (item !== undefined && !Array.isArray(item) && typeof item === 'object' && typeof item['include-group'] === 'string') {
      lines.push(...groupRequirements(groups, normalizedName(item['include-group']), visited));
    }
  }
  return lines;
}

/** PEP 503/685: lower case, every run of `-`, `_` and `.` one `-`. */
function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
