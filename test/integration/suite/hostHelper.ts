// Helpers for tests that run inside the extension host.
import * as path from 'path';
import * as vscode from 'vscode';

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
}

/**
 * A user-level setting. runner, pythonPath, docker.host, image, network and model.baseUrl are taken
 * from a workspace only once the user confirms the value, so tests that simply need one set it here.
 */
export async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('selfHeal').update(key, value, vscode.ConfigurationTarget.Global);
}

/** The answers the extension's next questions get (null: dismissed); only a test host accepts them. */
export async function answerNextQuestions(...answers: Array<string | null>): Promise<void> {
  const accepted = await vscode.commands.executeCommand<boolean>('_selfHeal.answerNextQuestions', answers);
  if (!accepted) throw new Error('the extension did not take the answers (is this a test host?)');
}
