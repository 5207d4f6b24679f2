// The method a line belongs to, read from the source: the name its first parameter gives the
// instance (`self`) or the class (`cls` in a classmethod), and the names its class gives that object:
// class-body bindings (attributes, methods, nested classes) and every `self.x = ...` or `cls.x = ...`
// assigned in any of the class's methods. Static methods, plain functions and nested functions
// have no such context.
import { blankStringsAndComments } from './nameScope';
import { layoutOf, leading, widthOf, type Layout } from './statementLayout';

export interface MethodContext {
  /** The first parameter: `self`, or `cls` in a classmethod. */
  receiver: 'self' | 'cls';
  /** Names reachable as `receiver.name` by the class's own code. */
  members: Set<string>;
}

const HEADER = /^(?:async\s+)?(def|class)\s+([A-Za-z_]\w*)/;

/** The context of the method holding `line` (1-based), if it is a method of a class of this file. */
export function methodContextAt(source: string, line: number): MethodContext | undefined {
  const layout = layoutOf(blankStringsAndComments(source));
  const start = [...layout.starts].reverse().find((s) => s <= line - 1);
  if (start === undefined) return undefined;
  const method = enclosing(layout, start);
  if (method === undefined || HEADER.exec(layout.lines[method].trim())?.[1] !== 'def') return undefined;
  const owner = enclosing(layout, method);
  if (owner === undefined || HEADER.exec(layout.lines[owner].trim())?.[1] !== 'class') return undefined;
  const decorators = decoratorsOf(layout, method);
  if (decorators.includes('staticmethod')) return undefined;
  const receiver = firstParameter(layout, method);
  if (receiver !== (decorators.includes('classmethod') ? 'cls' : 'self')) return undefined;
  return { receiver, members: inheritedMembers(layout, owner, new Set()) };
}

/** The class's members and those of its bases defined in this file (`class B(A):` with `class A:` here). */
function inheritedMembers(layout: Layout, owner: number, seen: Set<number>): Set<string> {
  seen.add(owner);
  const members = membersOf(layout, owner);
  const bases = /^class\s+\w+\s*\(([^)]*)\)/.exec(statementText(layout, owner))?.[1] ?? '';
  for (const base of bases.split(',').map((b) => b.trim()).filter((b) => /^[A-Za-z_]\w*$/.test(b))) {
    const defined = layout.starts.filter((s) => new RegExp(`^class\\s+${base}\\b`).test(layout.lines[s].trim()) && !seen.has(s));
    if (defined.length === 1) inheritedMembers(layout, defined[0], seen).forEach((name) => members.add(name));
  }
  return members;
}

/** The `def` or `class` whose body holds `start`, through any `if`, `for`, `with` or `try` blocks between. */
function enclosing(layout: Layout, start: number): number | undefined {
  let width = widthOf(leading(layout.lines[start]));
  for (const s of [...layout.starts].reverse()) {
    if (s >= start || widthOf(leading(layout.lines[s])) >= width || layout.lines[s].trim().startsWith('@')) continue;
    if (HEADER.test(layout.lines[s].trim())) return s;
    width = widthOf(leading(layout.lines[s]));
  }
  return undefined;
}

function decoratorsOf(layout: Layout, def: number): string[] {
  const found: string[] = [];
  for (let i = layout.starts.indexOf(def) - 1; i >= 0 && layout.lines[layout.starts[i]].trim().startsWith('@'); i--) {
    found.push(/^@\s*([\w.]+)/.exec(layout.lines[layout.starts[i]].trim())?.[1] ?? '');
  }
  return found;
}

function statementText(layout: Layout, start: number): string {
  return layout.lines.slice(start, (layout.endOf.get(start) ?? start) + 1).map((l) => l.trim()).join(' ');
}

function firstParameter(layout: Layout, def: number): string | undefined {
  return /^(?:async\s+)?def\s+\w+\s*\(\s*([A-Za-z_]\w*)/.exec(statementText(layout, def))?.[1];
}

/** Class-body bindings, and attributes assigned through `self.` or `cls.` anywhere in the class. */
function membersOf(layout: Layout, owner: number): Set<string> {
  const members = new Set<string>();
  const width = widthOf(leading(layout.lines[owner]));
  const next = layout.starts.find((s) => s > owner && widthOf(leading(layout.lines[s])) <= width);
  const body = layout.starts.filter((s) => s > owner && (next === undefined || s < next));
  const bodyWidth = body.length > 0 ? widthOf(leading(layout.lines[body[0]])) : 0;
  for (const start of body) {
    const text = statementText(layout, start);
    const header = HEADER.exec(text);
    if (widthOf(leading(layout.lines[start])) === bodyWidth) {
      if (header) members.add(header[2]);
      else targetsOf(text).forEach((target) => /^[A-Za-z_]\w*$/.test(target) && members.add(target));
    }
    if (!header) targetsOf(text).forEach((target) => /^(?:self|cls)\.([A-Za-z_]\w*)$/.test(target) && members.add(target.replace(/^\w+\./, '')));
  }
  return members;
}

/** The assignment targets of a statement: `a = b = 1`, `a, self.b = f()`, `a: int = 1`, `a += 1`. */
function targetsOf(text: string): string[] {
  const annotated = /^([A-Za-z_][\w.]*)\s*:(?!=)/.exec(text);
  if (annotated) return [annotated[1]];
  const augmented = /^([A-Za-z_][\w.]*)\s*(?:\*\*|\/\/|>>|<<|[-+*/%&|^@])=/.exec(text);
  if (augmented) return [augmented[1]];
  const parts = splitAssignments(text);
  return parts.slice(0, -1).flatMap((part) => part.split(',').map((target) => target.trim().replace(/^[(\[*]+|[)\]]+$/g, '')));
}

/** Splits on `=` outside brackets, never on `==`, `<=`, `>=`, `!=`, `:=` nor inside a keyword argument. */
function splitAssignments(text: string): string[] {
  const parts: string[] = [];
  let [depth, from] = [0, 0];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === '=' && depth === 0 && text[i + 1] !== '=' && !'=<>!:'.includes(text[i - 1] ?? '')) {
      parts.push(text.slice(from, i));
      from = i + 1;
    } else if (ch === '=' && text[i + 1] === '=') i++;
  }
  parts.push(text.slice(from));
  return parts;
}
