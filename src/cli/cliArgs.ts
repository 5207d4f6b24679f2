// A small, strict flag parser: unknown flags and missing values are usage errors, never ignored.

export interface FlagSpec {
  /** `value`: needs a value; `optional`: `--flag` or `--flag=value`; `switch`: no value. */
  kind: 'value' | 'optional' | 'switch';
}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
  /** Every value a value flag was given, in order (`flags` keeps the last), for flags that may repeat. */
  repeated: Map<string, string[]>;
  /** Everything after `--`, passed to the program. */
  rest: string[];
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A command's flag table from the names of each kind. */
export function flagTable(names: { readonly [Kind in FlagSpec['kind']]?: readonly string[] }): Record<string, FlagSpec> {
  const table: Record<string, FlagSpec> = {};
  for (const kind of ['switch', 'value', 'optional'] as const) {
    for (const name of names[kind] ?? []) table[name] = { kind };
  }
  return table;
}

/** Every value given to a flag that may repeat (`--docker-host A --docker-host B`), in order. */
export function flagValues(args: ParsedArgs, name: string): string[] {
  return args.repeated.get(name) ?? [];
}

/** The value given to a flag; undefined when the flag is absent or was given without one. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function parseArgs(argv: readonly string[], specs: Readonly<Record<string, FlagSpec>>): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], flags: new Map(), repeated: new Map(), rest: [] };
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
    // Own entries only: `--constructor` names no flag, whatever a plain object inherits.
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (spec.kind === 'switch') {
      if (inlineValue !== undefined) throw new UsageError(`--${name} takes no value`);
      parsed.flags.set(name, true);
    } else if (inlineValue !== undefined) {
      setValue(parsed, name, inlineValue);
    } else if (spec.kind === 'optional') {
      parsed.flags.set(name, true);
    } else {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      setValue(parsed, name, value);
    }
  }
  return parsed;
}

function setValue(parsed: ParsedArgs, name: string, value: string): void {
  parsed.flags.set(name, value);
  parsed.repeated.set(name, [...(parsed.repeated.get(name) ?? []), value]);
}

function splitFlag(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq < 0 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}
