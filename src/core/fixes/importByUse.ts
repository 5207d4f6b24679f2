// Some names are both a module and that module's main member: `datetime` (and `datetime.datetime`),
// `glob`, `copy`, `pprint`, `random`, `time`. Which import the program needs shows in how it uses
// the name: `datetime.timedelta(...)` wants the module, `datetime.now()` and `glob("*.py")` the member.
import { importsFor } from './importTable';
import type { ImportGuess } from './stdlibImports';

interface TwoReadings {
  module: string;
  member: string;
  /** Attributes only the member has (for modules whose member has attributes of its own). */
  memberAttributes?: ReadonlySet<string>;
  /** Attributes only the module has; with `memberAttributes`, anything else decides nothing. */
  moduleAttributes?: ReadonlySet<string>;
}

const words = (text: string): ReadonlySet<string> => new Set(text.split(' '));

const READINGS: Record<string, TwoReadings> = {
  datetime: {
    module: 'import datetime',
    member: 'from datetime import datetime',
    memberAttributes: words('now today utcnow strptime fromisoformat fromtimestamp utcfromtimestamp combine fromordinal fromisocalendar'),
    moduleAttributes: words('date time datetime timedelta timezone tzinfo MINYEAR MAXYEAR UTC'),
  },
  ...Object.fromEntries(['array', 'bisect', 'copy', 'fnmatch', 'glob', 'pprint', 'random', 'socket', 'time'].map((name) => [name, { module: `import ${name}`, member: `from ${name} import ${name}` }])),
};

/**
 * The imports that could define `name` as `source` uses it, best first; none when none is known or
 * the uses disagree (`datetime.now()` beside `datetime.timedelta`: no one import serves both).
 * `version` is the run's Python ("3.9"), when known.
 */
export function importsForUse(name: string, source: string, version?: string): ImportGuess[] {
  const code = withoutStringsAndComments(source);
  const readings = Object.hasOwn(READINGS, name) ? READINGS[name] : undefined;
  if (!readings) return importsFor(name, code, version);
  const attributes = [...code.matchAll(new RegExp(`(?<![\\w.])${name}\\s*\\.\\s*([A-Za-z_]\\w*)`, 'g'))].map((m) => m[1]);
  const called = new RegExp(`(?<![\\w.])${name}\\s*\\(`).test(code);
  const wants = new Set(attributes.map((attribute) => readingOf(readings, attribute)));
  if (called) wants.add(readings.member);
  if (wants.size === 1 && !wants.has(undefined)) return [{ statement: [...wants][0] as string, confident: true }];
  return [];
}

function readingOf(readings: TwoReadings, attribute: string): string | undefined {
  if (!readings.memberAttributes) return readings.module; // the member is a function: any attribute is the module's
  if (readings.memberAttributes.has(attribute)) return readings.member;
  return readings.moduleAttributes?.has(attribute) ? readings.module : undefined;
}

/** The code with string literals (triple-quoted ones over lines too) and comments blanked out. */
function withoutStringsAndComments(source: string): string {
  return source.replace(/("""|''')[\s\S]*?\1|(["'])(?:\\.|(?!\2)[^\\\n])*\2|#.*/g, ' ');
}
