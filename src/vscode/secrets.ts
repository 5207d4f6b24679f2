// The model API key lives only in SecretStorage: never in settings, logs, or a webview.
import * as vscode from 'vscode';

const API_KEY = 'selfHeal.apiKey';

export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(): Promise<string | undefined> {
    return Promise.resolve(this.secrets.get(API_KEY));
  }

  async promptAndStore(): Promise<boolean> {
    const key = await vscode.window.showInputBox({
      title: 'Self-Heal: Set API Key',
      prompt: 'The key for your OpenAI-compatible endpoint (selfHeal.model.baseUrl). It is kept in VS Code\'s secret storage.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? 'Enter a key, or press Escape to cancel.' : undefined),
    });
    if (key === undefined) return false;
    await this.secrets.store(API_KEY, key.trim());
    void vscode.window.showInformationMessage('Self-Heal: API key saved in secret storage.');
    return true;
  }

  async clear(): Promise<void> {
    await this.secrets.delete(API_KEY);
    void vscode.window.showInformationMessage('Self-Heal: API key removed.');
  }
}
