// After a loop header whose body lost its indentation, which of the statements that follow were its
// body: the first, then those that use a name the loop binds afresh (its target, or a name first
// bound in the body). A statement after a loop rarely needs the loop's temporaries; one that only
// reads a total built up before the loop (`print(total)`) is taken to come after it.

const KEYWORDS = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from global if ' +
    'import in is lambda nonlocal not or pass raise return try while with yield').split(' '),
);
const LOOP = /^(?:async\s+)?(?:for|with)\b/;

/** A statement as lines [start, end), with end past its own block. */
export type StatementSpan = [start: number, end: number];

/** How many of `run` (the statements after the header, in order) make up the loop's body; at least 1. */
export function loopBodyLength(lines: readonly string[], header: number, earlier: readonly number[], run: readonly StatementSpan[]): number {
  const head = codeOf(lines[header]);
  if (!LOOP.test(head.trim())) return 1;
  const before = new Set(earlier.flatMap((start) => namesBound(codeOf(lines[start]))));
  const local = new Set(namesBound(head));
  const text = ([start, end]: StatementSpan): string => lines.slice(start, end).map(codeOf).join('\n');
  let count = 0;
  for (const span of run) {
    const code = text(span);
    if (count > 0 && !namesUsed(code).some((name) => local.has(name))) break;
    for (const name of namesBound(code)) if (!before.has(name)) local.add(name);
    count++;
  }
  return Math.max(1, count);
}

/** The line without its string literals and comment. */
function codeOf(line: string): string {
  return line.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""').replace(/#.*/, '');
}

/** Names read or written, attributes (after a dot) and keywords aside. */
function namesUsed(code: string): string[] {
  return [...code.matchAll(/(?<![\w.])[A-Za-z_]\w*/g)].map((m) => m[0]).filter((name) => !KEYWORDS.has(name));
}

/** Names a statement binds: assignment and loop targets, `as` names, definitions and their parameters, imports. */
function namesBound(code: string): string[] {
  const names = (text: string | undefined): string[] => (text ? namesUsed(text) : []);
  const line = code.trim();
  const found = [
    ...names(/^(?:async\s+)?for\s+(.+?)\s+in\b/.exec(line)?.[1]),
    ...[...line.matchAll(/\bas\s+([A-Za-z_]\w*)/g)].map((m) => m[1]),
    ...names(/^(?:async\s+)?def\s+(\w+\s*\(.*)\)/.exec(line)?.[1]),
    ...names(/^class\s+(\w+)/.exec(line)?.[1]),
    ...names(/^import\s+([\w\s,]+)$/.exec(line)?.[1]),
    ...names(/^from\s+\S+\s+import\s+(.+)$/.exec(line)?.[1]),
    ...names(/^([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*,?\s*(?:[-+*/%&|^@]|\/\/|\*\*|>>|<<)?=(?!=)/.exec(line)?.[1]),
  ];
  return found.filter((name) => !KEYWORDS.has(name));
}
