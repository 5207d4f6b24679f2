// The model for AI fixes, made from the settings and the key in SecretStorage. The client is loaded
// on first use with the engine client (dist/edge.js), never at activation. The key goes only to the
// origin it was saved for.
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';
import type { ModelAvailability } from '../core/heal/outcomeMessages';
import type { ModelConnection } from '../core/model/modelFailure';
import { DEFAULT_MODEL_SETTINGS, type ModelFixer } from '../core/model/modelTypes';
import { keyRefusal } from '../core/settings/keyOrigin';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import type { Notifications } from './notifications';
import type { ApiKeyStore } from './secrets';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export class ModelProvider {
  /** Why the key was last held back from an endpoint, for the tests. */
  lastKeyRefusal: string | undefined;
  private readonly told = new Set<string>();

  constructor(private readonly keys: ApiKeyStore, private readonly log: vscode.LogOutputChannel, private readonly notifications: Notifications) {}

  /** A key is set for this endpoint, or the base URL names another server (local servers often need no key). */
  async configured(settings: SelfHealSettings): Promise<boolean> {
    return isCustomEndpoint(settings) || Boolean(await this.keyFor(settings.model.baseUrl));
  }

  /** Whether a heal with these settings may ask a model: for the next step a failed heal suggests. */
  async availability(settings: SelfHealSettings): Promise<ModelAvailability> {
    if (!settings.fix.ai) return 'off';
    return (await this.configured(settings)) ? 'configured' : 'not-set-up';
  }

  async fixerFor(settings: SelfHealSettings): Promise<ModelFixer | undefined> {
    return settings.fix.ai ? this.connectionFor(settings) : undefined;
  }

  /** The client for the configured endpoint, whether or not AI fixes are on (Test Model Connection uses it). */
  async connectionFor(settings: SelfHealSettings): Promise<(ModelFixer & ModelConnection) | undefined> {
    if (!(await this.configured(settings))) return undefined;
    const { OpenAIFixer } = await import('../edge');
    const baseUrl = isCustomEndpoint(settings) ? settings.model.baseUrl : undefined;
    await this.tellIfHeldBack(settings.model.baseUrl);
    const { name, temperature, maxTokens, timeoutMs } = settings.model;
    return new OpenAIFixer({ ...DEFAULT_MODEL_SETTINGS, model: name, baseUrl, temperature, maxTokens, timeoutMs }, () => this.keyFor(settings.model.baseUrl), {
      log: (line) => this.log.info(line),
    });
  }

  /** The key, when it was saved for the origin of `baseUrl`. */
  private async keyFor(baseUrl: string): Promise<string | undefined> {
    const key = await this.keys.get();
    if (!key || keyRefusal(await this.keys.origin(), baseUrl)) return undefined;
    return key;
  }

  private async tellIfHeldBack(baseUrl: string): Promise<void> {
    if (!(await this.keys.get())) return;
    const refusal = keyRefusal(await this.keys.origin(), baseUrl);
    this.lastKeyRefusal = refusal;
    if (!refusal) return;
    this.log.warn(refusal);
    if (this.told.has(refusal)) return;
    this.told.add(refusal);
    this.notifications.offer('warning', `Self-Heal: ${refusal}`, { 'Set API Key': () => vscode.commands.executeCommand(COMMANDS.setApiKey) });
  }
}

function isCustomEndpoint(settings: SelfHealSettings): boolean {
  return settings.model.baseUrl.replace(/\/+$/, '') !== OPENAI_BASE_URL;
}
