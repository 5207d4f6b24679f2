// What one file is given when it runs as a program, as the editor keeps it per file: arguments,
// standard input (typed text, or a file of the workspace read at each run), environment variables
// and a working folder inside the run's files. Pure: the words people type are parsed and written
// back here, so the editor's input boxes and the tests agree.

export type StdinSource = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'file'; path: string };

export interface RunConfiguration {
  args: string[];
  stdin: StdinSource;
  env: Record<string, string>;
  /** Relative to the run's root (POSIX separators); '' is the root. */
  cwd: string;
}

export const EMPTY_RUN_CONFIGURATION: Readonly<RunConfiguration> = { args: [], stdin: { kind: 'none' }, env: {}, cwd: '' };

export type Parsed<T> = { value: T } | { problem: string };

/**
 * Splits a command line as a POSIX shell would, without expanding anything: blanks separate words,
 * 'single quotes' keep everything, "double quotes" keep everything but \" and \\, and a backslash
 * outside quotes keeps the next character.
 */
export function splitArguments(text: string): Parsed<string[]> {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return { problem: 'a single quote is not closed' };
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      let quoted = '';
      for (; j < text.length && text[j] !== '"'; j++) quoted += text[j] === '\\' && (text[j + 1] === '"' || text[j + 1] === '\\') ? text[++j] : text[j];
      if (j >= text.length) return { problem: 'a double quote is not closed' };
      word = (word ?? '') + quoted;
      i = j;
    } else if (ch === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) words.push(word);
  return { value: words };
}

/** Writes words back so that splitArguments gives them again. */
export function joinArguments(words: readonly string[]): string {
  return words.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** "DEBUG=1 GREETING='good day'" -> variables; a name must be a valid environment variable name. */
export function parseEnvironment(text: string): Parsed<Record<string, string>> {
  const words = splitArguments(text);
  if ('problem' in words) return words;
  const env: Record<string, string> = {};
  for (const word of words.value) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(word);
    if (!match) return { problem: `"${word}" is not NAME=value` };
    env[match[1]] = match[2];
  }
  return { value: env };
}

export function formatEnvironment(env: Readonly<Record<string, string>>): string {
  return joinArguments(Object.entries(env).map(([name, value]) => `${name}=${value}`));
}

/**
 * Typed standard input: one line in an input box, so "\n" starts a new line and "\\" is a
 * backslash; the text ends with a line break, as a terminal sends it.
 */
export function parseStdinText(typed: string): string {
  const text = typed.replace(/\\(n|\\)/g, (_all, escaped: string) => (escaped === 'n' ? '\n' : '\\'));
  return text.endsWith('\n') ? text : `${text}\n`;
}

export function formatStdinText(text: string): string {
  return text.replace(/\n$/, '').replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A folder inside the run's root, written with '/': never absolute, never above the root. */
export function parseWorkingFolder(text: string): Parsed<string> {
  const parts = text.trim().replace(/\\/g, '/').split('/').filter((part) => part !== '' && part !== '.');
  if (/^([A-Za-z]:)?[\\/]/.test(text.trim())) return { problem: 'give a folder relative to the workspace folder' };
  if (parts.includes('..')) return { problem: 'the working folder must be inside the workspace folder' };
  return { value: parts.join('/') };
}

export function isEmptyConfiguration(config: RunConfiguration): boolean {
  return config.args.length === 0 && config.stdin.kind === 'none' && Object.keys(config.env).length === 0 && config.cwd === '';
}

/** For the log and the quick input: what is set, with variables named but their values left out. */
export function describeConfiguration(config: RunConfiguration): string {
  const parts = [
    config.args.length > 0 ? `arguments ${joinArguments(config.args)}` : '',
    config.stdin.kind === 'text' ? 'typed input' : config.stdin.kind === 'file' ? `input from ${config.stdin.path}` : '',
    Object.keys(config.env).length > 0 ? `variables ${Object.keys(config.env).join(', ')}` : '',
    config.cwd ? `in ${config.cwd}/` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'no arguments, no input';
}

/** A configuration read back from storage, or undefined when it is not one (storage is not trusted to keep its shape). */
export function configurationFrom(value: unknown): RunConfiguration | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const stdin = v.stdin as Record<string, unknown> | undefined;
  const args = Array.isArray(v.args) && v.args.every((a) => typeof a === 'string') ? (v.args as string[]) : undefined;
  const env = typeof v.env === 'object' && v.env !== null && Object.values(v.env).every((e) => typeof e === 'string') ? (v.env as Record<string, string>) : undefined;
  const source: StdinSource | undefined =
    stdin?.kind === 'none' ? { kind: 'none' } : stdin?.kind === 'text' && typeof stdin.text === 'string' ? { kind: 'text', text: stdin.text } : stdin?.kind === 'file' && typeof stdin.path === 'string' ? { kind: 'file', path: stdin.path } : undefined;
  if (!args || !env || !source || typeof v.cwd !== 'string') return undefined;
  return { args, stdin: source, env, cwd: v.cwd };
}
