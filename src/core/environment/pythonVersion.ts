// The Python version a project states, as an image can serve it: a release series (3.9), never a
// patch release, because an image is named and chosen by its series. Reads the two places a project
// states it: a `.python-version` file (pyenv's, first line) and a PEP 440 `requires-python` specifier.

/** A release series such as 3.9. */
export interface PythonSeries {
  major: number;
  minor: number;
}

/** "3.9" */
export function seriesText(series: PythonSeries): string {
  return `${series.major}.${series.minor}`;
}

/** The series of "3.9", "3.9.18", "3.13.0rc1", "cpython-3.12.1" or "python3.10"; undefined for "system", "pypy3.9-7.3" and the like. */
export function parseSeries(text: string): PythonSeries | undefined {
  const match = /^(?:cpython-|python)?(\d+)\.(\d+)(?:\.\d+)?(?:(?:a|b|rc)\d+)?(?:\+|t)?$/i.exec(text.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/**
 * What a `.python-version` file asks for: its first line that is neither blank nor a comment (pyenv
 * may list several versions; the first is the one it uses). `line` is that line, for the message
 * when it names no version an image could serve.
 */
export function pythonVersionFileSeries(text: string): { series?: PythonSeries; line?: string } {
  const line = text.split(/\r?\n/).map((each) => each.trim()).find((each) => each !== '' && !each.startsWith('#'));
  if (line === undefined) return {};
  return { series: parseSeries(line), line };
}

/** One clause of a specifier, with its version's first three numbers (missing ones are 0). */
export interface VersionClause {
  operator: '==' | '!=' | '<' | '<=' | '>' | '>=' | '~=' | '===';
  release: [number, number, number];
  /** `==3.9.*` / `!=3.9.*`: how many leading numbers must match. */
  prefixLength?: number;
}

/** The clauses of a `requires-python` value such as ">=3.9,<3.10" or "~=3.12"; undefined when one cannot be read. */
export function parseRequiresPython(specifier: string): VersionClause[] | undefined {
  const parts = specifier.split(',').map((part) => part.trim());
  if (parts.some((part) => part === '')) return undefined;
  const clauses: VersionClause[] = [];
  for (const part of parts) {
    const match = /^(===|==|!=|<=|>=|~=|<|>)\s*v?(\d+(?:\.\d+)*)(\.\*)?(?:(?:a|b|rc|\.post|\.dev)\d+)?$/.exec(part);
    if (!match) return undefined;
    const numbers = match[2].split('.').map(Number);
    const wildcard = match[3] !== undefined;
    const operator = match[1] as VersionClause['operator'];
    if (wildcard && operator !== '==' && operator !== '!=') return undefined;
    if (operator === '~=' && numbers.length < 2) return undefined;
    const release: [number, number, number] = [numbers[0], numbers[1] ?? 0, numbers[2] ?? 0];
    clauses.push(wildcard ? { operator, release, prefixLength: numbers.length } : { operator, release, ...(operator === '~=' ? { prefixLength: numbers.length - 1 } : {}) });
  }
  return clauses;
}

/**
 * Whether some release of `series` (3.9.0, 3.9.1, ...) satisfies every clause: an image of the
 * series carries one such release, so ">=3.9.2" allows 3.9 and "<3.10" does not allow 3.10. The
 * patch releases that satisfy a clause form a range; the series is allowed when the ranges meet.
 */
export function seriesAllowed(clauses: readonly VersionClause[], series: PythonSeries): boolean {
  let low = 0;
  let high = Infinity;
  for (const clause of clauses) {
    const [from, to] = patchRange(clause, series);
    low = Math.max(low, from);
    high = Math.min(high, to);
  }
  return low <= high;
}

const NONE: [number, number] = [1, 0];
const ALL: [number, number] = [0, Infinity];

/** The patch numbers of `series` a clause allows, as an inclusive range ([1, 0] when none). */
function patchRange(clause: VersionClause, series: PythonSeries): [number, number] {
  const [major, minor, patch] = clause.release;
  const order = Math.sign(series.major - major) || Math.sign(series.minor - minor);
  switch (clause.operator) {
    case '>=':
      return order > 0 ? ALL : order < 0 ? NONE : [patch, Infinity];
    case '>':
      return order > 0 ? ALL : order < 0 ? NONE : [patch + 1, Infinity];
    case '<=':
      return order < 0 ? ALL : order > 0 ? NONE : [0, patch];
    case '<':
      return order < 0 ? ALL : order > 0 ? NONE : [0, patch - 1];
    case '~=': {
      // ~=3.12 is >=3.12 and ==3.*; ~=3.9.1 is >=3.9.1 and ==3.9.*.
      const atLeast = patchRange({ operator: '>=', release: clause.release }, series);
      const prefix = patchRange({ operator: '==', release: clause.release, prefixLength: clause.prefixLength }, series);
      return [Math.max(atLeast[0], prefix[0]), Math.min(atLeast[1], prefix[1])];
    }
    case '==':
    case '===':
      if (clause.prefixLength === 1) return series.major === major ? ALL : NONE;
      if (clause.prefixLength === 2) return order === 0 ? ALL : NONE;
      return order === 0 ? [patch, patch] : NONE;
    case '!=':
      // Excluding one patch release still leaves others of the series; excluding a prefix does not.
      if (clause.prefixLength === 1) return series.major === major ? NONE : ALL;
      if (clause.prefixLength === 2) return order === 0 ? NONE : ALL;
      return ALL;
  }
}
