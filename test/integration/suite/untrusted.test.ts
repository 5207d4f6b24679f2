// Runs in a host whose workspace is not trusted (the driver's --untrusted mode).
import * as assert from 'assert';
import * as fs from 'fs/promises';
import * as vscode from 'vscode';
import { activateExtension, testState, workspaceFile } from './hostHelper';
import { runTestItems, waitForItems } from './testExplorerHelper';

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

  it('runs nothing from the Test Explorer, and each selected test says why', async () => {
    await activateExtension();
    await fs.writeFile(workspaceFile('test_untrusted.py').fsPath, 'def test_anything():\n    assert True\n');
    try {
      await waitForItems(['test_untrusted.py::test_anything']);
      const state = await runTestItems(['test_untrusted.py::test_anything']);
      const refused = 'Self-Heal runs code only in trusted workspaces. Trust this workspace to run Python files.';
      assert.deepStrictEqual(state.lastRun?.reported, [{ id: 'test_untrusted.py::test_anything', outcome: 'errored', message: refused }]);
      assert.strictEqual(state.output, `${refused}\n`);
      assert.strictEqual(state.problem, undefined);
    } finally {
      await fs.rm(workspaceFile('test_untrusted.py').fsPath, { force: true });
    }
  });
});
