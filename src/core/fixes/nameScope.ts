// The names a line of a Python file can see, read from the source without running it: what the
// module binds (defs, classes, imports, assignments, for-targets, `with`/`except ... as`), and what
// each enclosing function binds (its parameters too). Class bodies are seen only from their own body,
// as in Python. An approximation on purpose: a name it misses only means no fix is offered.

interface LogicalLine {
  /** 1-based number of its first physical line. */
  line: number;
  /** 1-based number of its last physical line (a call continued over lines ends later). */
  last: number;
  indent: number;
  /** The code with strings and comments blanked, continuation lines joined. */
  code: string;
}

interface Scope {
  kind: 'module' | 'def' | 'class';
  indent: number;
  names: Set<string>;
  parent: Scope | undefined;
  /** 1-based lines of its body, first and last. */
  from: number;
  to: number;
  /** On the module: every scope of the file. */
  children?: Scope[];
}

const IDENTIFIER = /[A-Za-z_]\w*/g;
// `match` and `case` are soft keywords: elsewhere plain names a program may bind (`case = ...`).
const KEYWORDS = new Set('False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '));

/** Every name visible at `line` (1-based) of `source`. */
export function namesInScope(source: string, line: number): Set<string> {
  const module = scopesOf(source);
  const visible = new Set(module.names);
  const innermost = innermostAt(module, line);
  for (let scope: Scope | undefined = innermost; scope && scope !== module; scope = scope.parent) {
    if (scope.kind === 'def' || scope === innermost) scope.names.forEach((name) => visible.add(name));
  }
  return visible;
}

/** The code with each string literal and comment blanked to spaces, line breaks kept. */
export function blankStringsAndComments(source: string): string {
  return source.replace(/([rRbBuUfF]{0,2})("""|''')[\s\S]*?\2|([rRbBuUfF]{0,2})(["'])(?:\\.|(?!\4)[^\\\n])*\4|#.*/g, (text) => text.replace(/[^\n]/g, ' '));
}

function logicalLines(source: string): LogicalLine[] {
  const physical = blankStringsAndComments(source).split('\n');
  const lines: LogicalLine[] = [];
  let depth = 0;
  for (let i = 0; i < physical.length; i++) {
    const text = physical[i];
    const continued = depth > 0 || (lines.length > 0 && lines[lines.length - 1].code.endsWith('\\'));
    if (continued) {
      lines[lines.length - 1].code += ` ${text.trim()}`;
      lines[lines.length - 1].last = i + 1;
    } else if (text.trim() !== '') lines.push({ line: i + 1, last: i + 1, indent: text.length - text.trimStart().length, code: text.trim() });
    for (const ch of text) depth = Math.max(0, depth + ('([{'.includes(ch) ? 1 : ')]}'.includes(ch) ? -1 : 0));
  }
  return lines;
}

function scopesOf(source: string): Scope {
  const module: Scope = { kind: 'module', indent: -1, names: new Set(), parent: undefined, from: 1, to: Infinity };
  let open: Scope[] = [module];
  const all: Scope[] = [module];
  for (const logical of logicalLines(source)) {
    open = open.filter((scope) => scope.indent < logical.indent || scope === module);
    const here = open[open.length - 1];
    open.forEach((scope) => (scope.to = Math.max(scope.to, logical.last)));
    const header = /^(?:async\s+)?(def|class)\s+([A-Za-z_]\w*)\s*(?:\((.*)\))?/.exec(logical.code);
    if (header) {
      here.names.add(header[2]);
      const scope: Scope = { kind: header[1] as 'def' | 'class', indent: logical.indent, names: new Set(), parent: here, from: logical.last, to: logical.last };
      if (header[1] === 'def') parametersOf(header[3] ?? '').forEach((name) => scope.names.add(name));
      open.push(scope);
      all.push(scope);
      continue;
    }
    bindingsOf(logical.code).forEach((name) => (/^\s*(global|nonlocal)\b/.test(logical.code) ? module : here).names.add(name));
  }
  module.children = all;
  return module;
}

function innermostAt(module: Scope, line: number): Scope {
  const containing = (module.children ?? []).filter((scope) => scope.from < line && line <= scope.to && scope !== module);
  return containing.sort((a, b) => b.from - a.from)[0] ?? module;
}

/** `a, b=1, *rest, c: int = 2, **extra` -> a b rest c extra. */
function parametersOf(list: string): string[] {
  return topLevelParts(list, ',').map((part) => /^\s*\**\s*([A-Za-z_]\w*)/.exec(part)?.[1]).filter((name): name is string => name !== undefined);
}

/** The names a (non-header) logical line binds. */
function bindingsOf(code: string): string[] {
  const names: string[] = [];
  const imports = /^(?:from\s+\S+\s+)?import\s+(.*)$/.exec(code);
  if (imports) {
    for (const part of imports[1].replace(/[()]/g, ' ').split(',')) {
      const alias = /\bas\s+([A-Za-z_]\w*)/.exec(part)?.[1] ?? /^\s*([A-Za-z_]\w*)/.exec(part)?.[1];
      if (alias && alias !== 'as') names.push(alias);
    }
    return names;
  }
  for (const match of code.matchAll(/\bfor\s+(.+?)\s+in\b/g)) names.push(...targetNames(match[1]));
  for (const match of code.matchAll(/\bas\s+([A-Za-z_]\w*)/g)) names.push(match[1]);
  for (const match of code.matchAll(/([A-Za-z_]\w*)\s*:=/g)) names.push(match[1]);
  for (const match of code.matchAll(/\blambda\s+([^:]*):/g)) names.push(...parametersOf(match[1]));
  const global = /^(?:global|nonlocal)\s+(.*)$/.exec(code);
  if (global) names.push(...targetNames(global[1]));
  const annotated = /^([A-Za-z_]\w*)\s*:(?!=)/.exec(code);
  if (annotated) names.push(annotated[1]);
  const parts = topLevelParts(code, '=');
  if (parts.length > 1 && !/^(?:if|elif|while|return|assert|yield|del|print)\b/.test(code)) {
    parts.slice(0, -1).forEach((target) => names.push(...targetNames(topLevelParts(target, ':')[0].replace(/(\*\*|\/\/|>>|<<|[-+*/%&|^@])$/, ''))));
  }
  return names.filter((name) => !KEYWORDS.has(name));
}

/** Names a target binds: `a, (b, *c)` -> a b c; `x.y`, `x[i]` bind nothing. */
function targetNames(target: string): string[] {
  const bare = target.replace(/\[[^\]]*\]/g, (subscript, offset: number) => (/[\w)\]]\s*$/.test(target.slice(0, offset)) ? '.' : subscript));
  return [...bare.matchAll(IDENTIFIER)].filter((m) => !/\.\s*$/.test(bare.slice(0, m.index)) && !/^\s*[.(]/.test(bare.slice((m.index as number) + m[0].length))).map((m) => m[0]);
}

/** Splits on `separator` outside brackets; for '=', never on ==, <=, >=, != or :=. */
function topLevelParts(code: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === separator && depth === 0) {
      if (separator === '=' && ('=<>!:'.includes(code[i - 1] ?? '') || code[i + 1] === '=')) {
        if (code[i + 1] === '=') i++;
        continue;
      }
      parts.push(code.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(code.slice(start));
  return parts;
}
