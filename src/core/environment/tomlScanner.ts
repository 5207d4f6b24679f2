// A subset of TOML that is enough to read pyproject.toml's requirement lists safely: every value is
// scanned with TOML's rules for strings, arrays, inline tables and comments, so a bracket or a
// "[project]" inside a string or a comment is never mistaken for structure. Strings, arrays and
// inline tables are read; other scalars (numbers, booleans, dates) are skipped, not interpreted.

export type TomlValue = string | TomlValue[] | TomlTable | undefined;

export interface TomlTable {
  [key: string]: TomlValue;
}

export interface TomlEntry {
  /** The full key: the table header's path, then the key's own parts. */
  key: string[];
  value: TomlValue;
}

/** Every key = value of `text` in order; a malformed file gives what was read before the fault. */
export function tomlEntries(text: string): TomlEntry[] {
  const scanner = new TomlScanner(text.replace(/\r\n/g, '\n'));
  const entries: TomlEntry[] = [];
  try {
    let table: string[] = [];
    for (scanner.skipSpaceAndComments(true); !scanner.atEnd(); scanner.skipSpaceAndComments(true)) {
      if (scanner.peek() === '[') {
        table = scanner.tableHeader();
        continue;
      }
      const key = [...table, ...scanner.key()];
      scanner.expect('=');
      // Kept before the end of its line is checked, so a fault after a value keeps the value.
      entries.push({ key, value: scanner.value() });
      scanner.endOfLine();
    }
  } catch {
    // A malformed file: keep what was read before the fault.
  }
  return entries;
}

export class TomlScanner {
  private at = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.at >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text[this.at + offset] ?? '';
  }

  skipSpaceAndComments(newlines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || (newlines && c === '\n')) this.at++;
      else if (c === '#') while (!this.atEnd() && this.peek() !== '\n') this.at++;
      else return;
    }
  }

  expect(char: string): void {
    this.skipSpaceAndComments(false);
    if (this.peek() !== char) throw new Error(`expected ${char} at ${this.at}`);
    this.at++;
  }

  endOfLine(): void {
    this.skipSpaceAndComments(false);
    if (!this.atEnd() && this.peek() !== '\n') throw new Error(`unexpected text at ${this.at}`);
  }

  /** `[a.b]` gives ["a", "b"]; an array of tables `[[a]]` gives a path that matches no table we read. */
  tableHeader(): string[] {
    const arrayOfTables = this.peek(1) === '[';
    this.at += arrayOfTables ? 2 : 1;
    const path = this.key();
    this.expect(']');
    if (arrayOfTables) this.expect(']');
    this.endOfLine();
    return arrayOfTables ? ['[[', ...path] : path;
  }

  /** A bare, quoted or dotted key. */
  key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaceAndComments(false);
      const c = this.peek();
      if (c === '"' || c === "'") parts.push(this.string());
      else {
        const bare = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.at, this.at + 256));
        if (!bare) throw new Error(`expected a key at ${this.at}`);
        parts.push(bare[0]);
        this.at += bare[0].length;
      }
      this.skipSpaceAndComments(false);
      if (this.peek() !== '.') return parts;
      this.at++;
    }
  }

  value(): TomlValue {
    this.skipSpaceAndComments(false);
    const c = this.peek();
    if (c === '"' || c === "'") return this.string();
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    // Numbers, booleans, dates (which may hold a space): up to what ends a value.
    const scalar = /^[^,\]}\n#]*/.exec(this.text.slice(this.at))![0];
    if (scalar.trim() === '') throw new Error(`expected a value at ${this.at}`);
    this.at += scalar.length;
    return undefined;
  }

  private array(): TomlValue[] {
    this.at++;
    const items: TomlValue[] = [];
    for (;;) {
      this.skipSpaceAndComments(true);
      if (this.peek() === ']') break;
      items.push(this.value());
      this.skipSpaceAndComments(true);
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== ']') throw new Error(`expected , or ] at ${this.at}`);
    }
    this.at++;
    return items;
  }

  /** Only its single-part keys are kept (`{include-group = "test"}`); a dotted key's value is read and dropped. */
  private inlineTable(): TomlTable {
    this.at++;
    const table: TomlTable = {};
    for (;;) {
      this.skipSpaceAndComments(true);
      if (this.peek() === '}') break;
      const key = this.key();
      this.expect('=');
      const value = this.value();
      if (key.length === 1) table[key[0]] = value;
      this.skipSpaceAndComments(true);
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== '}') throw new Error(`expected , or } at ${this.at}`);
    }
    this.at++;
    return table;
  }

  private string(): string {
    const quote = this.peek();
    const multiline = this.peek(1) === quote && this.peek(2) === quote;
    const delimiter = multiline ? quote.repeat(3) : quote;
    this.at += delimiter.length;
    if (multiline && this.peek() === '\n') this.at++; // a newline right after the opening quotes is not content
    let out = '';
    for (;;) {
      if (this.atEnd() || (!multiline && this.peek() === '\n')) throw new Error('unterminated string');
      if (this.text.startsWith(delimiter, this.at)) {
        // Up to two more quotes belong to the content of a multi-line string: """a"""" is 'a"'.
        let run = delimiter.length;
        while (multiline && run < 5 && this.peek(run) === quote) run++;
        this.at += run;
        return out + quote.repeat(run - delimiter.length);
      }
      if (quote === '"' && this.peek() === '\\') out += this.escape(multiline);
      else out += this.text[this.at++];
    }
  }

  private escape(multiline: boolean): string {
    const c = this.peek(1);
    this.at += 2;
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
    if (c in simple) return simple[c];
    if (c === 'u' || c === 'U') {
      const length = c === 'u' ? 4 : 8;
      const hex = this.text.slice(this.at, this.at + length);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== length) throw new Error('bad unicode escape');
      this.at += length;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    if (multiline && /[ \t\n]/.test(c)) {
      // A backslash ending a line joins it with the next non-blank text.
      this.at--;
      while (/[ \t\n]/.test(this.peek())) this.at++;
      return '';
    }
    throw new Error(`bad escape \\${c}`);
  }
}
