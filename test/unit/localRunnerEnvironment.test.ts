// The unsandboxed runner hands the program a minimal environment: a real python3 child reports what it
// sees while the parent holds secrets of the kinds a developer's shell typically carries.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import { LocalRunner } from '../../src/local/localRunner';
import { programEnvironment } from '../../src/local/programEnvironment';

/** The interpreter itself: a `python3` on PATH may be a shell shim (pyenv) that adds variables of its own. */
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
const SECRETS = { OPENAI_API_KEY: 'sk-parent-secret', PIP_INDEX_URL: 'https://user:token@pip.example/simple', AWS_SECRET_ACCESS_KEY: 'aws-parent-secret', GITHUB_TOKEN: 'ghp_parent' };
/** Parent variables the allow list would pass on; cleared so the expected list is exact on any machine. */
const PASSED_ON = /^(LANG|LC_.*|TZ|PYTHONIOENCODING|PYTHONUTF8)$/;

describe('local runner: the program environment', function () {
  this.timeout(20_000);
  let saved: NodeJS.ProcessEnv;

  beforeEach(() => {
    saved = { ...process.env };
    for (const name of Object.keys(process.env)) if (PASSED_ON.test(name)) delete process.env[name];
    Object.assign(process.env, SECRETS, { LANG: 'C.UTF-8', TZ: 'UTC' });
  });

  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it('a real python3 child sees only PATH, HOME and TMPDIR (the run folder), the locale, the time zone and the flags', async () => {
    const program = 'import json, os\nprint(json.dumps({"names": sorted(os.environ), "home": os.environ.get("HOME"), "tmp": os.environ.get("TMPDIR"), "cwd": os.getcwd()}))\n';
    const result = await new LocalRunner(PYTHON).run({ files: { 'main.py': program }, entry: 'main.py', limits: { ...DEFAULT_LIMITS, timeoutMs: 10_000 } });
    assert.strictEqual(result.exitCode, 0, result.stderr);
    const seen = JSON.parse(result.stdout) as { names: string[]; home: string; tmp: string; cwd: string };
    assert.deepStrictEqual(seen.names, ['HOME', 'LANG', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONUNBUFFERED', 'TMPDIR', 'TZ']);
    assert.strictEqual(seen.home, seen.cwd);
    assert.strictEqual(seen.tmp, seen.cwd);
    assert.doesNotMatch(result.stdout, /sk-parent-secret|aws-parent-secret|pip\.example|ghp_parent/);
  });

  it('passes PYTHONIOENCODING, PYTHONUTF8 and LC_* when set, and nothing named like a credential', () => {
    const parent = { PATH: '/usr/bin', LC_ALL: 'de_DE.UTF-8', LC_CTYPE: 'C.UTF-8', PYTHONIOENCODING: 'utf-8', PYTHONUTF8: '1', PYTHONPATH: '/elsewhere', PIP_INDEX_URL: 'x', HF_TOKEN: 'y', SSH_AUTH_SOCK: '/tmp/agent', VIRTUAL_ENV: '/venv' };
    assert.deepStrictEqual(programEnvironment(parent, '/tmp/run-1', 'linux'), {
      PATH: '/usr/bin', LC_ALL: 'de_DE.UTF-8', LC_CTYPE: 'C.UTF-8', PYTHONIOENCODING: 'utf-8', PYTHONUTF8: '1',
      HOME: '/tmp/run-1', TMPDIR: '/tmp/run-1', PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1',
    });
  });

  it('on Windows passes SYSTEMROOT and points the profile and temp folders at the run folder, whatever the case of the names', () => {
    const parent = { Path: 'C:\\Windows', SystemRoot: 'C:\\Windows', OPENAI_API_KEY: 'k', APPDATA: 'C:\\Users\\a\\AppData\\Roaming' };
    assert.deepStrictEqual(programEnvironment(parent, 'C:\\Temp\\run-1', 'win32'), {
      Path: 'C:\\Windows', SystemRoot: 'C:\\Windows',
      HOME: 'C:\\Temp\\run-1', TMPDIR: 'C:\\Temp\\run-1', USERPROFILE: 'C:\\Temp\\run-1', TEMP: 'C:\\Temp\\run-1', TMP: 'C:\\Temp\\run-1',
      PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1',
    });
  });
});
