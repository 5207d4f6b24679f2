// The model API key lives only in SecretStorage: never in settings, logs, or a webview. Beside it is
// the endpoint origin it was saved for; the key is sent to no other origin (core/keyOrigin.ts).
import * as vscode from 'vscode';
import { originOf } from '../core/settings/keyOrigin';
import type { Questions } from './questions';

const API_KEY = 'selfHeal.apiKey';
const API_KEY_ORIGIN = 'selfHeal.apiKeyOrigin';

export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage, private readonly questions: Questions) {}

  get(): Promise<string | undefined> {
    return Promise.resolve(this.secrets.get(API_KEY));
  }

  /**
   * The origin the key was saved for. A key saved before origins were kept is bound to the origin of
   * the user's own base URL (never a workspace's), which is where it was meant to go.
   */
  async origin(): Promise<string | undefined> {
    const stored = await this.secrets.get(API_KEY_ORIGIN);
    if (stored) return stored;
    if (!(await this.get())) return undefined;
    const inspected = vscode.workspace.getConfiguration('selfHeal').inspect<string>('model.baseUrl');
    const origin = originOf(inspected?.globalValue ?? inspected?.defaultValue ?? '');
    if (origin) await this.secrets.store(API_KEY_ORIGIN, origin);
    return origin;
  }

  /** Asks for the key of the endpoint at `baseUrl` and keeps it bound to that endpoint's origin. */
  async promptAndStore(baseUrl: string): Promise<boolean> {
    const origin = originOf(baseUrl);
    if (!origin) {
      void vscode.window.showWarningMessage(`Self-Heal: selfHeal.model.baseUrl (${baseUrl}) is not an http(s) URL, so no key can be saved for it.`);
      return false;
    }
    const key = await this.questions.text({
      title: 'Self-Heal: Set API Key',
      prompt: `The key for ${origin} (selfHeal.model.baseUrl). It is kept in VS Code's secret storage and sent only to ${origin}.`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? 'Enter a key, or press Escape to cancel.' : undefined),
    });
    if (key === undefined || key.trim() === '') return false;
    await this.secrets.store(API_KEY, key.trim());
    await this.secrets.store(API_KEY_ORIGIN, origin);
    void vscode.window.showInformationMessage(`Self-Heal: API key saved in secret storage, for ${origin}.`);
    return true;
  }

  async clear(): Promise<void> {
    await this.secrets.delete(API_KEY);
    await this.secrets.delete(API_KEY_ORIGIN);
    void vscode.window.showInformationMessage('Self-Heal: API key removed.');
  }
}
