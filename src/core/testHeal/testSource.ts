// The source of a test function for the model: its decorators (a parametrize list holds the
// expected values) and its body, found from the line the framework reported, which is either the
// def line or the first decorator's, depending on the framework and Python version.
const MAX_TEST_LINES = 60;

export function testFunctionSource(text: string, line: number): { line: number; text: string } | undefined {
  const lines = text.split(/\r?\n/);
  let def = line - 1;
  while (def < lines.length && /^\s*@/.test(lines[def] ?? '')) def++;
  // A reported line inside the body (unittest's first line is the def's): walk up to the def.
  while (def >= 0 && !/^\s*(async\s+)?def\s/.test(lines[def] ?? '')) def--;
  if (def < 0) return undefined;
  let first = def;
  while (first > 0 && /^\s*@/.test(lines[first - 1])) first--;
  const indent = (lines[def].match(/^\s*/) ?? [''])[0].length;
  let last = def + 1;
  while (last < lines.length && (lines[last].trim() === '' || (lines[last].match(/^\s*/) ?? [''])[0].length > indent)) last++;
  while (last > def + 1 && lines[last - 1].trim() === '') last--;
  const body = lines.slice(first, Math.min(last, first + MAX_TEST_LINES));
  return { line: first + 1, text: body.join('\n') + '\n' };
}
