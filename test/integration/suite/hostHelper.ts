// Helpers for tests that run inside the extension host.
import * as path from 'path';
import * as vscode from 'vscode';
import type { PanelTestState } from '../../../src/webview/attemptsPanel';
import { startScriptedModelServer, type ModelScript, type RecordedRequest } from '../../support/scriptedModelServer';

export const EXTENSION_ID = 'self-heal.self-heal';

export interface TestState {
  programOutput: string;
  statusBar: string;
  engineState: { kind: string; engine?: string };
  lastResult?: { exitCode: number | null; reason: string; stdout: string; stderr: string; engine: { engine: string; sandboxed: boolean } };
  lastRefusal?: string;
  lastLogLine?: string;
  lastEngineProblem?: string;
  trusted: boolean;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the fixture workspace open');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

export async function openFile(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  await extension.activate();
}

/** Activates the extension and, when the test run names one, runs programs in the test image. */
export async function activateOnTestImage(): Promise<void> {
  await activateExtension();
  if (process.env.SELF_HEAL_TEST_IMAGE) await setUserSetting('image', process.env.SELF_HEAL_TEST_IMAGE);
}

export function testState(): Thenable<TestState> {
  return vscode.commands.executeCommand<TestState>('_selfHeal.testState');
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('selfHeal').update(key, value, vscode.ConfigurationTarget.Workspace);
  await settingReads(key, 'workspaceValue', value);
}

/**
 * A user-level setting. runner, pythonPath, docker.host, image, network, model.baseUrl and model.provider are taken
 * from a workspace only once the user confirms the value, so tests that simply need one set it here.
 */
export async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('selfHeal').update(key, value, vscode.ConfigurationTarget.Global);
  await settingReads(key, 'globalValue', value);
}

/**
 * Waits until this extension host reads the value back. update() can resolve before the host's
 * own copy of the settings has changed (code-server writes the file on the server side), and the
 * extension reads that copy: a test that runs at once could still run with the old value.
 */
async function settingReads(key: string, scope: 'workspaceValue' | 'globalValue', value: unknown): Promise<void> {
  const expected = JSON.stringify(value);
  for (let waited = 0; waited < 10_000; waited += 20) {
    if (JSON.stringify(vscode.workspace.getConfiguration('selfHeal').inspect(key)?.[scope]) === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`selfHeal.${key} did not read back as ${expected} within 10 s of being set`);
}

/** The answers the extension's next questions get (null: dismissed); only a test host accepts them. */
export async function answerNextQuestions(...answers: Array<string | null>): Promise<void> {
  const accepted = await vscode.commands.executeCommand<boolean>('_selfHeal.answerNextQuestions', answers);
  if (!accepted) throw new Error('the extension did not take the answers (is this a test host?)');
}

/** The Fix Attempts panel's state as the host holds it (what its webview draws). */
export async function attemptsPanel(): Promise<PanelTestState> {
  const state = await vscode.commands.executeCommand<PanelTestState | undefined>('_selfHeal.attemptsPanelState');
  if (!state) throw new Error('the panel is not registered: activate() must call registerAttemptsPanel(context)');
  return state;
}

/** Runs `use` with a loopback model server answering from `script`, set up as the model. */
export async function withModel<T>(script: ModelScript, use: (requests: RecordedRequest[]) => Promise<T>): Promise<T> {
  const server = await startScriptedModelServer(script);
  await setUserSetting('model.baseUrl', server.baseUrl);
  await setSetting('model.name', 'test-model');
  await new Promise((r) => setTimeout(r, 300)); // the configuration event refreshes "model configured"
  try {
    return await use(server.requests);
  } finally {
    await setUserSetting('model.baseUrl', undefined);
    await server.close();
  }
}
