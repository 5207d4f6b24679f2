// A small, strict flag parser: unknown flags and missing values are usage errors, never ignored.

export interface FlagSpec {
  /** `value`: needs a value; `optional`: `--flag` or `--flag=value`; `switch`: no value. */
  kind: 'value' | 'optional' | 'switch';
}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
  /** Everything after `--`, passed to the program. */
  rest: string[];
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseArgs(argv: readonly string[], specs: Readonly<Record<string, FlagSpec>>): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], flags: new Map(), rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.rest = argv.slice(i + 1);
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const [name, inlineValue] = splitFlag(arg.slice(2));
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (spec.kind === 'switch') {
      if (inlineValue !== undefined) throw new UsageError(`--${name} takes no value`);
      parsed.flags.set(name, true);
    } else if (inlineValue !== undefined) {
      parsed.flags.set(name, inlineValue);
    } else if (spec.kind === 'optional') {
      parsed.flags.set(name, true);
    } else {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      parsed.flags.set(name, value);
    }
  }
  return parsed;
}

function splitFlag(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq < 0 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}
