// Runs in a host whose workspace is not trusted: the agent's tools answer with the refusal and run nothing.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension } from './hostHelper';

const REFUSED = 'Error: Self-Heal runs code only in trusted workspaces. Trust this workspace to run Python files.';

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

describe('extension host: language model tools for agent mode in an untrusted workspace', function () {
  this.timeout(60_000);

  it('refuses to run, heal or test, saying why', async () => {
    await activateExtension();
    assert.strictEqual(vscode.workspace.isTrusted, false);
    assert.strictEqual(await invoke('selfHeal_runPython', { paths: ['hello.py'] }), REFUSED);
    assert.strictEqual(await invoke('selfHeal_heal', { paths: ['crash.py'] }), REFUSED);
    assert.strictEqual(await invoke('selfHeal_runTests', {}), REFUSED);
  });
});
