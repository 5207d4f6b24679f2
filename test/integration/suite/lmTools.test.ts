// The language model tools as agent mode calls them: vscode.lm.invokeTool against the real engine.
// A call with no chat session (toolInvocationToken undefined) still goes through prepareInvocation,
// and its confirmationMessages become the workbench's confirm dialog, which a test host answers
// "yes" by itself: so the tests read back the confirmation the tool asked for, with its diff.
import * as assert from 'assert';
import * as fs from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LmToolsState } from '../../../src/vscode/lmTools';
import { activateOnTestImage, setUserSetting, workspaceFile } from './hostHelper';

const PYTEST_IMAGE = 'localhost/self-heal-python-pytest:3.11';

const FILES: Record<string, string> = {
  'agent/crash.py': ['def average(values):', '    return sum(values) / len(values)', '', '', 'print(average([]))', ''].join('\n'),
  'agent/echo.py': ['import sys', '', "print('args', sys.argv[1:])", "print('read', input())", ''].join('\n'),
  'agent/missing.py': ['settings = {"debug": False}', 'print(json.dumps(settings))', ''].join('\n'),
  'agent/stale.py': ['settings = {"debug": True}', 'print(json.dumps(settings))', ''].join('\n'),
  'agent_tests/calc.py': ['def add(a, b):', '    return a + b', ''].join('\n'),
  'agent_tests/test_agent.py': ['from calc import add', '', '', 'def test_adds():', '    assert add(2, 3) == 5', '', '', 'def test_wrong():', '    assert add(2, 3) == 6', ''].join('\n'),
};

const MISSING_DIFF = [
  '--- a/agent/missing.py',
  '+++ b/agent/missing.py',
  '@@ -1,2 +1,3 @@',
  '+import json',
  ' settings = {"debug": False}',
  ' print(json.dumps(settings))',
  '',
].join('\n');

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

async function invokeJson<T>(name: string, input: object): Promise<T> {
  const text = await invoke(name, input);
  assert.ok(text.startsWith('{'), `the tool answered: ${text}`);
  return JSON.parse(text) as T;
}

function toolsState(): Thenable<LmToolsState> {
  return vscode.commands.executeCommand<LmToolsState>('_selfHeal.lmToolsState');
}

async function diskText(name: string): Promise<string> {
  return fs.readFile(workspaceFile(name).fsPath, 'utf8');
}

describe('extension host: language model tools for agent mode', function () {
  this.timeout(120_000);
  let outside: string;

  before(async () => {
    for (const [name, text] of Object.entries(FILES)) {
      await fs.mkdir(path.dirname(workspaceFile(name).fsPath), { recursive: true });
      await fs.writeFile(workspaceFile(name).fsPath, text);
    }
    outside = await fs.mkdtemp(path.join(os.tmpdir(), 'self-heal-outside-'));
    await fs.writeFile(path.join(outside, 'secret.py'), 'print("outside")\n');
    await fs.symlink(path.join(outside, 'secret.py'), workspaceFile('agent/link.py').fsPath);
    await activateOnTestImage();
  });

  after(async () => {
    await fs.rm(workspaceFile('agent').fsPath, { recursive: true, force: true });
    await fs.rm(workspaceFile('agent_tests').fsPath, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
  });

  it('contributes and registers the three tools', () => {
    const ours = vscode.lm.tools.filter((tool) => tool.name.startsWith('selfHeal_')).map((tool) => tool.name).sort();
    assert.deepStrictEqual(ours, ['selfHeal_heal', 'selfHeal_runPython', 'selfHeal_runTests']);
  });

  it('runs a failing program: the exit, the reason and the error at its line', async () => {
    const answer = await invokeJson<{ files: Array<Record<string, unknown>> }>('selfHeal_runPython', { paths: ['agent/crash.py'] });
    assert.strictEqual(answer.files.length, 1);
    const [file] = answer.files;
    assert.strictEqual(file.file, 'agent/crash.py');
    assert.strictEqual(file.exitCode, 1);
    assert.strictEqual(file.reason, 'exited');
    assert.strictEqual(file.summary, 'agent/crash.py: exited 1: ZeroDivisionError: division by zero (agent/crash.py:2)');
    assert.deepStrictEqual(file.errors, [{ type: 'ZeroDivisionError', message: 'division by zero', kind: 'zero-division', file: 'agent/crash.py', line: 2, column: 12 }]);
    assert.match(String(file.stderrTail), /ZeroDivisionError: division by zero\n$/);
    assert.strictEqual(file.stdoutTail, '');
  });

  it('gives the program its arguments and input', async () => {
    const answer = await invokeJson<{ files: Array<Record<string, unknown>> }>('selfHeal_runPython', { paths: ['agent/echo.py'], args: ['--fast', 'x'], stdin: 'hello\n' });
    assert.strictEqual(answer.files[0].stdoutTail, "args ['--fast', 'x']\nread hello\n");
    assert.strictEqual(answer.files[0].exitCode, 0);
    assert.deepStrictEqual(answer.files[0].errors, []);
  });

  it('refuses a path outside the workspace, also through a link, and runs nothing', async () => {
    assert.strictEqual(await invoke('selfHeal_runPython', { paths: [path.join(outside, 'secret.py')] }), `Error: ${path.join(outside, 'secret.py')} is outside the workspace; only files in the open folders can be used`);
    assert.strictEqual(await invoke('selfHeal_runPython', { paths: ['agent/link.py'] }), 'Error: agent/link.py is outside the workspace; only files in the open folders can be used');
    assert.strictEqual(await invoke('selfHeal_heal', { paths: ['../outside.py'] }), 'Error: ../outside.py does not exist');
  });

  it('answers bad arguments with an error text, not a failed call', async () => {
    assert.strictEqual(await invoke('selfHeal_runPython', { paths: 'agent/crash.py' }), 'Error: paths must be an array of strings');
    assert.strictEqual(await invoke('selfHeal_runPython', { paths: [] }), 'Error: paths must hold 1 to 64 items, not 0');
    assert.strictEqual(await invoke('selfHeal_runPython', { paths: ['agent/crash.py'], timeout_seconds: 0 }), 'Error: timeout_seconds must be a number of seconds above 0 and at most 600');
    assert.strictEqual(await invoke('selfHeal_runPython', { paths: ['agent/crash.py'], verbose: true }), 'Error: unknown property "verbose"; this tool takes paths, args, stdin, timeout_seconds');
    assert.strictEqual(await invoke('selfHeal_runPython', { paths: ['agent_tests'] }), 'Error: agent_tests is not a Python file (.py)');
    assert.strictEqual(await invoke('selfHeal_heal', { paths: ['agent/missing.py'], apply: ['fix-1'] }), 'Error: give either paths (to heal files) or apply (fix ids from an earlier heal), not both and not neither');
    assert.strictEqual(await invoke('selfHeal_runTests', { folder: 'agent_tests' }), 'Error: agent_tests is not a workspace folder; give the folder that was opened, and choose tests with "tests"');
  });

  it('heals with the rules: the verified diff, nothing changed until applied, and the apply confirmed with that diff', async () => {
    const healed = await invokeJson<{ model: string | null; files: Array<Record<string, unknown>> }>('selfHeal_heal', { paths: ['agent/missing.py'] });
    assert.strictEqual(healed.model, null);
    const [file] = healed.files;
    assert.strictEqual(file.file, 'agent/missing.py');
    assert.strictEqual(file.outcome, 'healed');
    assert.strictEqual(file.diff, MISSING_DIFF);
    assert.strictEqual(file.lastError, null);
    assert.deepStrictEqual((file.attempts as Array<Record<string, unknown>>).map((a) => [a.attempt, a.fix, a.outcome]), [[1, "rule:missing-import: Add 'import json'", 'healed']]);
    const fixId = String(file.fixId);
    assert.match(fixId, /^fix-\d+$/);
    assert.strictEqual(await diskText('agent/missing.py'), FILES['agent/missing.py'], 'healing alone changes nothing');
    const asked = (await toolsState()).confirmations.length;

    const applied = await invokeJson<{ fixes: Array<Record<string, unknown>> }>('selfHeal_heal', { apply: [fixId] });
    const confirmations = (await toolsState()).confirmations;
    assert.strictEqual(confirmations.length, asked + 1, 'the apply asked for a confirmation');
    assert.deepStrictEqual(confirmations[confirmations.length - 1], {
      tool: 'selfHeal_heal',
      title: "Apply Self-Heal's verified fix to agent/missing.py?",
      message: `Self-Heal verified this fix in the sandbox: the program runs clean with it. Apply to agent/missing.py?\n\n\`\`\`diff\n${MISSING_DIFF}\`\`\``,
    });
    assert.deepStrictEqual(applied.fixes, [{ fixId, file: 'agent/missing.py', applied: ['agent/missing.py'] }]);
    assert.strictEqual(await diskText('agent/missing.py'), `import json\n${FILES['agent/missing.py']}`);
    // A fix id is used once.
    const again = await invokeJson<{ fixes: Array<Record<string, unknown>> }>('selfHeal_heal', { apply: [fixId] });
    assert.deepStrictEqual(again.fixes, [{ fixId, applied: [], notApplied: 'no such fix: heal the file first (fix ids are kept for the 20 latest fixes and used once)' }]);
  });

  it('leaves a file edited since its heal alone', async () => {
    const healed = await invokeJson<{ files: Array<Record<string, unknown>> }>('selfHeal_heal', { paths: ['agent/stale.py'] });
    const fixId = String(healed.files[0].fixId);
    const edited = `# edited by hand\n${FILES['agent/stale.py']}`;
    await fs.writeFile(workspaceFile('agent/stale.py').fsPath, edited);
    const applied = await invokeJson<{ fixes: Array<Record<string, unknown>> }>('selfHeal_heal', { apply: [fixId] });
    assert.deepStrictEqual(applied.fixes, [{ fixId, file: 'agent/stale.py', applied: [], notApplied: 'agent/stale.py changed since it was run; run it again to get a fix for the current text.' }]);
    assert.strictEqual(await diskText('agent/stale.py'), edited);
  });

  it('runs the tests named, with a result per test', async () => {
    await setUserSetting('image', PYTEST_IMAGE);
    try {
      const answer = await invokeJson<Record<string, unknown>>('selfHeal_runTests', { tests: ['agent_tests/test_agent.py'] });
      assert.strictEqual(answer.framework, 'pytest');
      assert.strictEqual(answer.image, PYTEST_IMAGE);
      assert.deepStrictEqual(answer.totals, { passed: 1, failed: 1, error: 0, skipped: 0, xfailed: 0, xpassed: 0, total: 2 });
      assert.strictEqual(answer.problem, undefined);
      const tests = answer.tests as Array<Record<string, unknown>>;
      assert.deepStrictEqual(tests[0], { id: 'agent_tests/test_agent.py::test_adds', outcome: 'passed' });
      assert.match(String(tests[1].detailsTail), /assert 5 == 6/);
      assert.deepStrictEqual({ ...tests[1], detailsTail: undefined }, {
        id: 'agent_tests/test_agent.py::test_wrong', outcome: 'failed', message: 'AssertionError: assert 5 == 6\n +  where 5 = add(2, 3)',
        file: 'agent_tests/test_agent.py', line: 9, comparison: { op: '==', left: '5', right: '6' }, detailsTail: undefined,
      });
    } finally {
      await setUserSetting('image', undefined);
    }
  });
});
