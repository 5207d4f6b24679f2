// The model for AI fixes, made from the settings and the key in SecretStorage. The client is loaded
// on first use with the engine client (dist/edge.js), never at activation.
import type * as vscode from 'vscode';
import { DEFAULT_MODEL_SETTINGS, type ModelFixer } from '../core/heal/modelTypes';
import type { SelfHealSettings } from '../core/settingsModel';
import type { ApiKeyStore } from './secrets';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export class ModelProvider {
  constructor(private readonly keys: ApiKeyStore, private readonly log: vscode.LogOutputChannel) {}

  /** A key is set, or the base URL names another server (local servers often need no key). */
  async configured(settings: SelfHealSettings): Promise<boolean> {
    return isCustomEndpoint(settings) || Boolean(await this.keys.get());
  }

  async fixerFor(settings: SelfHealSettings): Promise<ModelFixer | undefined> {
    if (!settings.fix.ai || !(await this.configured(settings))) return undefined;
    const { OpenAIFixer } = await import('../edge');
    const baseUrl = isCustomEndpoint(settings) ? settings.model.baseUrl : undefined;
    const { name, temperature, maxTokens, timeoutMs } = settings.model;
    return new OpenAIFixer({ ...DEFAULT_MODEL_SETTINGS, model: name, baseUrl, temperature, maxTokens, timeoutMs }, () => this.keys.get(), {
      log: (line) => this.log.info(line),
    });
  }
}

function isCustomEndpoint(settings: SelfHealSettings): boolean {
  return settings.model.baseUrl.replace(/\/+$/, '') !== OPENAI_BASE_URL;
}
