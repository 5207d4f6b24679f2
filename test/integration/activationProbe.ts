// Loaded by the host as a tests module for `npm run bench:activation`: times loading the bundle
// plus activate(), and activate() alone as the extension measures it.
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('self-heal.self-heal');
  if (!extension) throw new Error('self-heal.self-heal is not loaded');
  if (extension.isActive) throw new Error('the extension was already active; the probe must come first');
  const started = performance.now();
  await extension.activate();
  const total = performance.now() - started;
  const state = await vscode.commands.executeCommand<{ activationMs: number }>('_selfHeal.testState');
  console.log(`activation-probe ${total.toFixed(2)} ${state.activationMs.toFixed(2)}`);
}
