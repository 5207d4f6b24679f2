// The environment an unsandboxed program gets. It runs with the user's permissions, so at least it
// must not inherit the editor's or the shell's secrets (API keys, tokens, PIP_* index credentials,
// cloud credentials, agent sockets). The allow list is what CPython needs to start and print:
//   PATH                         to find the interpreter and the tools a program calls
//   LANG, LC_*                   the locale, so text I/O decodes as the user's terminal would
//   TZ                           the time zone
//   PYTHONIOENCODING, PYTHONUTF8 the user's choice of I/O encoding, when set
//   SYSTEMROOT (Windows)         without it Python on Windows cannot initialise its random source or sockets
// HOME and TMPDIR (and USERPROFILE, TEMP, TMP on Windows) point at the run's temporary folder, so
// whatever the program keeps in "~" or the temp folder is removed with the run.

const PASSED = /^(PATH|LANG|LC_[A-Z_]+|TZ|PYTHONIOENCODING|PYTHONUTF8)$/;
const PASSED_ON_WINDOWS = /^(SYSTEMROOT)$/;

export function programEnvironment(parent: NodeJS.ProcessEnv, runDir: string, platform: NodeJS.Platform = process.platform): Record<string, string> {
  const windows = platform === 'win32';
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    // Windows names are case-insensitive ("Path", "SystemRoot"); POSIX names are not.
    const key = windows ? name.toUpperCase() : name;
    if (PASSED.test(key) || (windows && PASSED_ON_WINDOWS.test(key))) environment[name] = value;
  }
  const folders: Record<string, string> = windows ? { HOME: runDir, TMPDIR: runDir, USERPROFILE: runDir, TEMP: runDir, TMP: runDir } : { HOME: runDir, TMPDIR: runDir };
  return { ...environment, ...folders, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' };
}
