// Mutations that break the program when it runs: a deleted import, a misspelt name, attribute or
// keyword argument, and `self.` dropped from an attribute use. Each yields every place it applies,
// in source order; a typo never lands on a name the program already uses.
import type { Mutant } from './mutationClasses';
import { edited, editable, lineOf, lineTokens, opensBlock, type ProgramView } from './programView';
import { KEYWORDS, type Token } from './pythonTokens';
import type { Random } from './seededRandom';
import { BUILTINS, typoOf } from './typo';

/** Names shorter than this are not misspelt: a one- or two-letter typo is mostly another short name. */
const MIN_TYPO_LENGTH = 3;

/** A whole `import` / `from ... import` statement, unless it is the only statement of its block. */
export function missingImports(view: ProgramView): Mutant[] {
  const mutants: Mutant[] = [];
  view.lines.forEach((line, index) => {
    const code = lineTokens(view, index);
    if (code.length === 0 || !['import', 'from'].includes(code[0].text) || code[1]?.text === '__future__') return;
    const last = code[code.length - 1];
    if (!editable(view, last) || code.some((token) => token.text === ';')) return;
    const next = view.lines[index + 1];
    if (index > 0 && opensBlock(view, index - 1) && (!next || next.indent.length < line.indent.length)) return;
    const lineEnd = view.text.indexOf('\n', last.end);
    const end = lineEnd < 0 ? view.text.length : lineEnd + 1;
    const description = `deleted '${view.text.slice(code[0].start, last.end).replace(/\s+/g, ' ')}'`;
    mutants.push({ mutation: 'missing-import', line: lineOf(view.text, code[0].start), description, text: edited(view.text, line.lineStart, end, '') });
  });
  return mutants;
}

const BINDING_STATEMENTS = new Set(['def', 'class', 'import', 'from', 'global', 'nonlocal', 'async']);

/** Names a statement binds rather than reads: before a plain `=`, loop, `as` and lambda targets, a def's whole header. */
function boundNames(code: readonly Token[]): Set<Token> {
  if (BINDING_STATEMENTS.has(code[0]?.text)) return new Set(code);
  const bound = new Set<Token>();
  const assign = code.findIndex((token) => token.depth === code[0].depth && token.text === '=');
  code.forEach((token, i) => {
    if (i < assign || code[i - 1]?.text === 'as') bound.add(token);
    if (token.text !== 'for' && token.text !== 'lambda') return;
    const stop = token.text === 'for' ? 'in' : ':';
    for (let j = i + 1; j < code.length && !(code[j].text === stop && code[j].depth === token.depth); j++) bound.add(code[j]);
  });
  return bound;
}

export function nameTypos(view: ProgramView, random: Random): Mutant[] {
  const mutants: Mutant[] = [];
  view.lines.forEach((_, index) => {
    const code = lineTokens(view, index);
    const bound = boundNames(code);
    code.forEach((token, i) => {
      if (token.kind !== 'name' || KEYWORDS.has(token.text) || bound.has(token) || !editable(view, token) || token.text.length < MIN_TYPO_LENGTH) return;
      if (code[i - 1]?.text === '.' || ['=', ':='].includes(code[i + 1]?.text ?? '') || /^[^=!<>]=$|^..=$/.test(code[i + 1]?.text ?? '')) return;
      if ((view.nameCounts.get(token.text) ?? 0) < 2 && !BUILTINS.has(token.text)) return;
      const typo = typoOf(token.text, view.names, random);
      if (typo) mutants.push({ mutation: 'name-typo', line: lineOf(view.text, token.start), description: `'${token.text}' misspelt '${typo}'`, text: edited(view.text, token.start, token.end, typo) });
    });
  });
  return mutants;
}

export function attributeTypos(view: ProgramView, random: Random): Mutant[] {
  const mutants: Mutant[] = [];
  view.lines.forEach((_, index) => {
    const code = lineTokens(view, index);
    if (['import', 'from', 'def', 'class'].includes(code[0]?.text)) return;
    code.forEach((token, i) => {
      const owner = code[i - 2];
      if (token.kind !== 'name' || code[i - 1]?.text !== '.' || !owner || !editable(view, token) || token.text.length < MIN_TYPO_LENGTH) return;
      if (!(owner.kind === 'name' || owner.kind === 'string' || ')]}'.includes(owner.text)) || /=$/.test(code[i + 1]?.text ?? '') && code[i + 1]?.text !== '==') return;
      const typo = typoOf(token.text, view.names, random);
      if (typo) mutants.push({ mutation: 'attribute-typo', line: lineOf(view.text, token.start), description: `'.${token.text}' misspelt '.${typo}'`, text: edited(view.text, token.start, token.end, typo) });
    });
  });
  return mutants;
}

/** `name=` right after `(` or `,` of a call (not a def's or class's parameter list). */
export function keywordTypos(view: ProgramView, random: Random): Mutant[] {
  const mutants: Mutant[] = [];
  view.lines.forEach((_, index) => {
    const code = lineTokens(view, index);
    if (['def', 'class', 'async'].includes(code[0]?.text)) return;
    const opens: Token[] = [];
    code.forEach((token, i) => {
      if ('([{'.includes(token.text) && token.kind === 'op') opens.push(token);
      if (')]}'.includes(token.text) && token.kind === 'op') opens.pop();
      const open = opens[opens.length - 1];
      if (token.kind !== 'name' || code[i + 1]?.text !== '=' || !open || open.text !== '(' || !['(', ','].includes(code[i - 1]?.text ?? '')) return;
      const callee = code[code.indexOf(open) - 1];
      if (!callee || !(callee.kind === 'name' && !KEYWORDS.has(callee.text)) && !')]'.includes(callee.text)) return;
      if (!editable(view, token) || token.text.length < MIN_TYPO_LENGTH) return;
      const typo = typoOf(token.text, view.names, random);
      if (typo) mutants.push({ mutation: 'keyword-typo', line: lineOf(view.text, token.start), description: `keyword '${token.text}=' misspelt '${typo}='`, text: edited(view.text, token.start, token.end, typo) });
    });
  });
  return mutants;
}

/** `self.attr` read (not assigned) loses its `self.`. */
export function missingSelves(view: ProgramView): Mutant[] {
  const mutants: Mutant[] = [];
  view.lines.forEach((_, index) => {
    const code = lineTokens(view, index);
    code.forEach((token, i) => {
      const attribute = code[i + 2];
      if (token.text !== 'self' || code[i + 1]?.text !== '.' || attribute?.kind !== 'name' || code[i - 1]?.text === '.' || !editable(view, attribute)) return;
      if (/=$/.test(code[i + 3]?.text ?? '') && code[i + 3]?.text !== '==') return;
      mutants.push({ mutation: 'missing-self', line: lineOf(view.text, token.start), description: `'self.${attribute.text}' written '${attribute.text}'`, text: edited(view.text, token.start, attribute.start, '') });
    });
  });
  return mutants;
}
