import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateOnTestImage, EXTENSION_ID, openFile, setSetting, setUserSetting, testState, workspaceFile } from './hostHelper';

describe('extension host: Run Python File in Sandbox', function () {
  this.timeout(90_000);

  before(async () => {
    await activateOnTestImage();
  });

  it('activates and registers its commands', async () => {
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    const commands = await vscode.commands.getCommands(true); // internal `_` ids are left out by design
    for (const id of ['selfHeal.runFile', 'selfHeal.stop', 'selfHeal.setApiKey', 'selfHeal.clearApiKey', 'selfHeal.openSettings', 'selfHeal.showTroubleshooting']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });

  it('runs the active file in the sandbox and streams its output to the output channel', async () => {
    await openFile('hello.py');
    const result = await vscode.commands.executeCommand<{ exitCode: number; reason: string }>('selfHeal.runFile');
    assert.strictEqual(result?.reason, 'exited');
    assert.strictEqual(result?.exitCode, 0);
    const state = await testState();
    assert.strictEqual(state.programOutput.split('\n')[1], 'Hello from the sandbox');
    assert.match(state.programOutput, /^▶ hello\.py {2}\(image .+\)\nHello from the sandbox\n\n✓ exited 0 in \d+\.\d\d s\n$/);
    assert.strictEqual(state.statusBar, '$(check) Self-Heal');
    assert.match(state.engineState.engine ?? '', /^(Podman|Docker) Engine /);
    // The log records what ran: engine, image, limits, exit, duration.
    assert.match(state.lastLogLine ?? '', /^ran hello\.py: (Podman|Docker) Engine \S+, image \S+, limits 30s 512m 1cpu 128proc net=none; exited, exit 0, \d+ ms$/);
  });

  it('runs a file given by the explorer, with its sibling module', async () => {
    const result = await vscode.commands.executeCommand<{ stdout: string }>('selfHeal.runFile', workspaceFile('greet.py'));
    assert.strictEqual(result?.stdout, 'Hello, Ada!\n');
  });

  it('saves the file first, so the sandbox runs what the editor shows', async () => {
    const editor = await openFile('hello.py');
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), 'print("unsaved line")\n'));
    assert.strictEqual(editor.document.isDirty, true);
    const result = await vscode.commands.executeCommand<{ stdout: string }>('selfHeal.runFile');
    assert.strictEqual(result?.stdout, 'Hello from the sandbox\nunsaved line\n');
    assert.strictEqual(editor.document.isDirty, false);
  });

  it('reports a failing program with its traceback', async () => {
    await openFile('crash.py');
    const result = await vscode.commands.executeCommand<{ exitCode: number; stderr: string }>('selfHeal.runFile');
    assert.strictEqual(result?.exitCode, 1);
    assert.match(result?.stderr ?? '', /ZeroDivisionError: division by zero\n$/);
    assert.match((await testState()).programOutput, /\n✗ exited 1 in \d+\.\d\d s\n$/);
  });

  it('stops a running program and its container on Stop', async () => {
    await openFile('slow.py');
    const running = vscode.commands.executeCommand<{ reason: string }>('selfHeal.runFile');
    for (let i = 0; i < 100 && !(await testState()).programOutput.includes('started'); i++) await new Promise((r) => setTimeout(r, 100));
    const stoppedAt = Date.now();
    await vscode.commands.executeCommand('selfHeal.stop');
    const result = await running;
    assert.strictEqual(result?.reason, 'cancelled');
    assert.ok(Date.now() - stoppedAt < 1500, `stopping took ${Date.now() - stoppedAt} ms`);
  });

  it('shows the engine problem without throwing when no engine answers, and recovers', async () => {
    await setUserSetting('docker.host', 'unix:///tmp/self-heal-dead-engine.sock');
    try {
      await openFile('hello.py');
      const result = await vscode.commands.executeCommand<{ reason: string }>('selfHeal.runFile');
      assert.strictEqual(result?.reason, 'engine-error');
      const state = await testState();
      assert.strictEqual(
        state.lastEngineProblem,
        'No Docker or Podman engine answered at unix:///tmp/self-heal-dead-engine.sock; start Docker Desktop (or Docker/Podman) or set selfHeal.docker.host.',
      );
      // An engine that is missing is an error; an image or an install problem is a warning of its own.
      assert.strictEqual(state.statusBar, '$(error) Self-Heal: no engine');
    } finally {
      await setUserSetting('docker.host', undefined);
    }
    const again = await vscode.commands.executeCommand<{ exitCode: number }>('selfHeal.runFile');
    assert.strictEqual(again?.exitCode, 0);
  });

  it('reads settings changes without a reload', async () => {
    await setSetting('timeoutSeconds', 1);
    try {
      await openFile('slow.py');
      const result = await vscode.commands.executeCommand<{ reason: string }>('selfHeal.runFile');
      assert.strictEqual(result?.reason, 'timeout');
      assert.match((await testState()).programOutput, /■ stopped after 1 s \(time limit\); raise it with selfHeal\.timeoutSeconds\n$/);
    } finally {
      await setSetting('timeoutSeconds', undefined);
    }
  });

  it('refuses a file that is not Python with a clear message', async () => {
    const result = await vscode.commands.executeCommand('selfHeal.runFile', vscode.Uri.file('/tmp/notes.txt'));
    assert.strictEqual(result, undefined);
    assert.strictEqual((await testState()).lastRefusal, 'Self-Heal: open a Python file (.py) to run it.');
  });
});
