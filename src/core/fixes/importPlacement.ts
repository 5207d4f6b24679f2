// Where a new import goes: after a shebang, an encoding line, the module docstring and
// `from __future__` imports, and after the imports already at the top of the file.

/** The 1-based line before which the import line is inserted. */
export function importInsertionLine(source: string): number {
  // A BOM is not part of the first line's code (readers drop it; a text may still carry one).
  const lines = source.replace(/^\uFEFF/, '').split('\n');
  let i = 0;
  if (lines[i]?.startsWith('#!')) i++;
  if (/^#.*coding[:=]/.test(lines[i] ?? '')) i++;
  i = skipBlankAndComments(lines, i);
  const docstring = /^[rRuU]?("""|''')/.exec(lines[i] ?? '');
  if (docstring) {
    const quote = docstring[1];
    const rest = lines[i].slice(docstring[0].length);
    if (!rest.includes(quote)) {
      i++;
      while (i < lines.length && !lines[i].includes(quote)) i++;
    }
    i++;
  }
  let insertAt = i;
  for (let j = i; j < lines.length; j++) {
    const line = lines[j];
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (!/^(import|from)\s/.test(line)) break;
    // An import continued in parentheses or with backslashes ends later.
    if (line.includes('(') && !line.includes(')')) {
      while (j < lines.length - 1 && !lines[j].includes(')')) j++;
    } else {
      while (j < lines.length - 1 && lines[j].endsWith('\\')) j++;
    }
    insertAt = j + 1;
  }
  return Math.min(insertAt + 1, lines.length); // a file of blanks and comments: at its end
}

function skipBlankAndComments(lines: readonly string[], from: number): number {
  let i = from;
  while (i < lines.length && (lines[i].trim() === '' || lines[i].startsWith('#'))) i++;
  return i;
}
