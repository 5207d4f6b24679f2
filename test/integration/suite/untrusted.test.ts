// Runs in a host whose workspace is not trusted (the driver's --untrusted mode).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, testState, workspaceFile } from './hostHelper';

describe('extension host: untrusted workspace', function () {
  this.timeout(60_000);

  it('refuses to run code and says why', async () => {
    await activateExtension();
    assert.strictEqual(vscode.workspace.isTrusted, false);
    const result = await vscode.commands.executeCommand('selfHeal.runFile', workspaceFile('hello.py'));
    assert.strictEqual(result, undefined);
    const state = await testState();
    assert.strictEqual(state.lastRefusal, 'Self-Heal runs code only in trusted workspaces. Trust this workspace to run Python files.');
    assert.strictEqual(state.programOutput, '');
    assert.strictEqual(state.lastResult, undefined);
  });
});
