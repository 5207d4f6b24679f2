// A fix must make the program work, not make it stop looking broken. Exit status 0 is the oracle, so
// a candidate that ends the program early (os._exit(0) above the failing line) or catches every
// error and carries on would pass it while fixing nothing. So would one that makes the program wait
// for input or arguments the run does not give: a need is reported, never healed
// (errors/expectedExits.ts). Such a candidate is refused when it adds one of these where the file had
// fewer before; the model is told why and may answer again.

interface Evasion {
  pattern: RegExp;
  what: string;
}

const EVASIONS: readonly Evasion[] = [
  { pattern: /\bos\s*\.\s*(_exit|abort|kill|killpg)\s*\(/, what: 'ends the process (os._exit, os.abort, os.kill)' },
  { pattern: /\bsys\s*\.\s*exit\s*\(|(^|[^.\w])(exit|quit)\s*\(|\braise\s+SystemExit\b/, what: 'exits the program (sys.exit, exit, quit, SystemExit)' },
  { pattern: /^\s*except\s*(:|\(?\s*(BaseException|Exception)\b)/, what: 'catches every error (a bare except, Exception or BaseException)' },
  { pattern: /\bsys\s*\.\s*excepthook\s*=|\bsignal\s*\.\s*signal\s*\(/, what: 'replaces how errors or signals end the program' },
  { pattern: /(^|[^.\w])input\s*\(|\bsys\s*\.\s*stdin\b|\.parse_(known_)?(intermixed_)?args\s*\(/, what: 'waits for input or arguments (input, sys.stdin, parse_args)' },
];

/** Why the candidate only hides the failure, or undefined. */
export function evasionIn(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): string | undefined {
  for (const [file, text] of Object.entries(after)) {
    if (!file.endsWith('.py')) continue;
    const old = Object.hasOwn(before, file) ? before[file] : '';
    if (old === text) continue;
    for (const { pattern, what } of EVASIONS) {
      if (count(text, pattern) > count(old, pattern)) return `the fix ${what} in ${file} instead of fixing the error; fix the cause so the program runs to its end`;
    }
  }
  return undefined;
}

/** Lines of code matching `pattern`, comments and string contents aside. */
function count(text: string, pattern: RegExp): number {
  let found = 0;
  for (const line of text.split('\n')) {
    const code = line.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""').replace(/#.*$/, '');
    if (pattern.test(code)) found++;
  }
  return found;
}
