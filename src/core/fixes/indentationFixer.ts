// IndentationError and TabError: move the offending statement (with the lines that belong to it)
// to a level its enclosing block allows, give a header its body, or indent with one character.
import { fileText } from '../files/fileTexts';
import type { PythonError } from '../errors/pythonError';
import { applyEdits, type FixCandidate, type RuleFixer, type TextEdit } from './fixTypes';
import { alignedTabSizes, alignmentOf, headerAlone, reparentsOthers } from './indentReadings';
import { loopBodyLength, type StatementSpan } from './loopBody';
import { blockEnd, CLAUSE, indentationHolds, layoutOf, leading, linesFrom, openLevels, runEnd, spaceUnit, widthOf, type Layout } from './statementLayout';

export const indentationFixer: RuleFixer = {
  id: 'indentation',
  kinds: ['indentation'],
  propose(error, files) {
    const source = error.file !== null ? fileText(files, error.file) : undefined;
    if (source === undefined || !error.file || !error.line) return [];
    const layout = layoutOf(source);
    const at = error.line - 1;
    const fix = (description: string, edits: TextEdit[], confident: boolean): FixCandidate => ({
      source: 'rule:indentation', description, edits: edits.map((edit) => ({ ...edit, file: error.file as string })), confident,
    });
    const tabs = /^inconsistent use of tabs and spaces/.test(error.message);
    const named = tabs ? oneIndentCharacter(layout)
      : error.message === 'unexpected indent' ? unexpectedIndent(layout, at)
      : /^unindent does not match/.test(error.message) ? unmatchedUnindent(layout, at)
      : /^expected an indented block/.test(error.message) ? missingBlock(layout, error, at)
      : [];
    // A reading may move only the statements it names; one whose indentation would still not hold
    // is dropped when another holds.
    const proposals = named.filter(([, edits]) => !reparentsOthers(source, edits));
    const holding = proposals.filter(([, edits]) => indentationHolds(layoutOf(applyEdits(source, edits) ?? '')));
    const offered = holding.length > 0 ? holding : proposals;
    // The first is the likeliest. Confident: the one reading there is, or tabs read as one step of the file
    // when that is also what the neighbouring lines say.
    return offered.map(([d, e], i) => fix(d, e, offered.length === 1 || (tabs && i === 0 && offered[0][0].endsWith(`as ${spaceUnit(layout)} columns)`))));
  },
};

type Proposal = [description: string, edits: TextEdit[]];

/** "unexpected indent": back to the level of the statement before it, with what follows at its depth. */
function unexpectedIndent(layout: Layout, at: number): Proposal[] {
  if (!layout.starts.includes(at)) return [];
  const before = layout.starts.filter((start) => start < at).pop();
  const target = before === undefined ? '' : leading(layout.lines[before]);
  const alone = headerAlone(layout, at, target);
  const withLines: Proposal = ['Remove the unexpected indent', reindent(layout, at, target)];
  return alone ? [[`Remove the unexpected indent of the header on line ${at + 1}`, alone], withLines] : [withLines];
}

/** What a clause may follow: the header whose level it must share. */
const CLAUSE_FOLLOWS: Record<string, RegExp> = {
  elif: /^(if|elif)\b/,
  else: /^(if|elif|for|while|try|except|async\s+for)\b/,
  except: /^(try|except)\b/,
  finally: /^(try|except|else)\b/,
};

/**
 * "unindent does not match": the nearest open level, then the other neighbour. A clause (`else:`)
 * goes only beside a statement it can follow. On a tie, a blank line above says the block was left
 * (the outer level); without one, the slip was inside the block (the inner level).
 */
function unmatchedUnindent(layout: Layout, at: number): Proposal[] {
  if (!layout.starts.includes(at)) return [];
  const text = layout.lines[at];
  const width = widthOf(leading(text));
  const follows = CLAUSE_FOLLOWS[CLAUSE.exec(text.trim())?.[1] ?? ''];
  const levels = openLevels(layout, at).filter((level) => !follows || (level.line !== undefined && follows.test(layout.lines[level.line].trim())));
  const below = levels.filter((level) => widthOf(level.indent) < width).pop();
  const above = levels.find((level) => widthOf(level.indent) > width);
  const [near, far] = [width - widthOf(below?.indent ?? ''), widthOf(above?.indent ?? '') - width];
  const outerFirst = near < far || (near === far && layout.lines[at - 1]?.trim() === '');
  return (outerFirst ? [below, above] : [above, below]).flatMap((level): Proposal[] =>
    level ? [[level.indent === '' ? 'Move to the top level' : `Align with line ${(level.line as number) + 1}`, reindent(layout, at, level.indent)]] : [],
  );
}

/**
 * "expected an indented block": indent the statements that follow one level under the header, or
 * add `pass`. Statements a clause (`else:`) closes can only be the body. Otherwise the likeliest
 * extents come first: a function, class or try body as a whole (up to a blank line); a loop's
 * statements that use its variables; the next statement alone; the whole run.
 */
function missingBlock(layout: Layout, error: PythonError, at: number): Proposal[] {
  const named = Number(/ on line (\d+)/.exec(error.message)?.[1] ?? 0) - 1;
  const header = named >= 0 ? named : layout.starts.filter((start) => start < at).pop();
  if (header === undefined || !layout.starts.includes(header)) return [];
  const headerIndent = leading(layout.lines[header]);
  const unit = headerIndent.includes('\t') ? '\t' : ' '.repeat(spaceUnit(layout));
  const headerEnd = layout.endOf.get(header) as number;
  // A comment indented under the header stands for a body still to be written.
  let placeholder = headerEnd;
  while (/^\s+#/.test(layout.lines[placeholder + 1] ?? '') && widthOf(leading(layout.lines[placeholder + 1])) > widthOf(headerIndent)) placeholder++;
  const pass: Proposal = [`Add 'pass' under line ${header + 1}`, [lineAfter(layout, placeholder, `${headerIndent}${unit}pass`)]];
  const next = layout.starts.find((start) => start > headerEnd);
  if (next === undefined || widthOf(leading(layout.lines[next])) !== widthOf(headerIndent) || CLAUSE.test(layout.lines[next].trim())) return [pass];
  const indented = (end: number): Proposal => {
    const lines = linesFrom(layout, next, end).filter((line) => layout.lines[line].startsWith(headerIndent));
    const which = lines.length === 1 ? `line ${next + 1}` : `lines ${next + 1}-${lines[lines.length - 1] + 1}`;
    return [`Indent ${which} under line ${header + 1}`, lines.map((line) => insertAt(line, headerIndent.length, unit))];
  };
  const run = statementsOfRun(layout, next);
  const runEndsAt = run[run.length - 1][1];
  const after = layout.starts.find((start) => start >= runEndsAt);
  if (after !== undefined && widthOf(leading(layout.lines[after])) === widthOf(headerIndent) && CLAUSE.test(layout.lines[after].trim())) return [indented(runEndsAt)];
  const whole = /^(async\s+)?(def|class|try)\b/.test(layout.lines[header].trim()) ? [runEndsAt] : [];
  const loop = run[loopBodyLength(layout.lines, header, layout.starts.filter((start) => start < header), run) - 1][1];
  const extents = [...new Set([...whole, loop, run[0][1], runEndsAt])].map(indented);
  return placeholder > headerEnd ? [pass, ...extents] : [...extents, pass];
}

/** The statements at `start`'s level from it to a blank line, a dedent or a clause, each with its block. */
function statementsOfRun(layout: Layout, start: number): StatementSpan[] {
  const end = runEnd(layout, start);
  const width = widthOf(leading(layout.lines[start]));
  return layout.starts.filter((s) => s >= start && s < end && widthOf(leading(layout.lines[s])) === width).map((s): StatementSpan => [s, blockEnd(layout, s)]);
}

/** TabError: indent every statement with the character most of the file uses. */
function oneIndentCharacter(layout: Layout): Proposal[] {
  const indents = layout.starts.map((start) => leading(layout.lines[start]));
  const tabs = indents.filter((indent) => indent.startsWith('\t')).length;
  const spaces = indents.filter((indent) => indent.startsWith(' ')).length;
  const unit = spaceUnit(layout);
  // How wide a tab was meant is unknown: one step of the file first, then as wide as editors show
  // it (4), then as CPython reads it (8).
  const proposals = [...new Set([unit, ...alignedTabSizes(layout, unit), 4, 8])].map((tabSize): Proposal => {
    const edits = layout.starts.flatMap((start) => {
      const indent = leading(layout.lines[start]);
      if (tabs > spaces ? !indent.includes(' ') : !indent.includes('\t')) return [];
      const width = widthOf(indent, tabSize);
      const wanted = tabs > spaces ? '\t'.repeat(Math.floor(width / tabSize)) + ' '.repeat(width % tabSize) : ' '.repeat(width);
      return [replaceIndent(start, indent, wanted)];
    });
    return [`${tabs > spaces ? 'Replace spaces with tabs' : 'Replace tabs with spaces'} (a tab as ${tabSize} columns)`, edits];
  });
  const distinct = new Map(proposals.filter(([, edits]) => edits.length > 0).map((proposal) => [JSON.stringify(proposal[1]), proposal]));
  // The width the neighbouring lines' alignment says comes first; on a tie, the file's own step.
  const source = layout.lines.join('\n');
  return [...distinct.values()].map((proposal) => ({ proposal, score: alignmentOf(source, proposal[1]) }))
    .sort((a, b) => b.score - a.score).map(({ proposal }) => proposal);
}

/**
 * Moves the statement at `at` to `target` with the lines after it down to the first statement less
 * indented. A deeper statement already a whole number of steps under `target` (and not under the
 * old level) was right all along: only the line above it was off, so it stays, with its own lines.
 */
function reindent(layout: Layout, at: number, target: string): TextEdit[] {
  const from = leading(layout.lines[at]);
  const shift = widthOf(target) - widthOf(from);
  const unit = spaceUnit(layout);
  const after = layout.starts.find((start) => start > at && widthOf(leading(layout.lines[start])) < widthOf(from));
  const starts = new Set(layout.starts);
  let moving = true;
  const edits: TextEdit[] = [];
  for (const line of linesFrom(layout, at, after ?? layout.lines.length)) {
    const indent = leading(layout.lines[line]);
    const width = widthOf(indent);
    if (width < widthOf(from)) continue;
    // At `target` itself is a sibling already where the moved line belongs (a dedent's next line).
    const rightAllAlong = width >= widthOf(target) && (width - widthOf(target)) % unit === 0 && (width - widthOf(from)) % unit !== 0;
    // A comment line goes as a statement would: one a whole step under the target stays (`# Check ...` after a blank line).
    if (starts.has(line) || /^\s*#/.test(layout.lines[line])) moving = width === widthOf(from) || !rightAllAlong;
    if (!moving) continue;
    const wanted = indent.startsWith(from) ? target + indent.slice(from.length) : ' '.repeat(Math.max(0, width + shift));
    edits.push(replaceIndent(line, indent, wanted));
  }
  return edits;
}

function replaceIndent(line: number, indent: string, wanted: string): TextEdit {
  return { file: '', startLine: line + 1, startColumn: 1, endLine: line + 1, endColumn: indent.length + 1, newText: wanted };
}

/** A new line after line `line`, also when that line is the last and has no newline. */
function lineAfter(layout: Layout, line: number, text: string): TextEdit {
  if (line + 1 < layout.lines.length) return insertAt(line + 1, 0, `${text}\n`);
  return insertAt(line, layout.lines[line].length, `\n${text}`);
}

function insertAt(line: number, column: number, text: string): TextEdit {
  return { file: '', startLine: line + 1, startColumn: column + 1, endLine: line + 1, endColumn: column + 1, newText: text };
}
