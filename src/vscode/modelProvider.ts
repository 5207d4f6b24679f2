// The model for AI fixes, made from the settings: a language model VS Code offers (vscode.lm), or the
// OpenAI-compatible endpoint with the key in SecretStorage (selfHeal.model.provider chooses; auto
// takes VS Code's when there is one). The endpoint's client is loaded on first use with the engine
// client (dist/edge.js), never at activation. The key goes only to the origin it was saved for.
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';
import type { ModelAvailability } from '../core/heal/outcomeMessages';
import type { ModelConnection } from '../core/model/modelFailure';
import { DEFAULT_MODEL_SETTINGS, type ModelFixer } from '../core/model/modelTypes';
import { keyRefusal } from '../core/settings/keyOrigin';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import { LanguageModelFixer } from './languageModelFixer';
import { missingLanguageModel } from './languageModelFailure';
import type { Notifications } from './notifications';
import type { ApiKeyStore } from './secrets';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export class ModelProvider {
  /** Why the key was last held back from an endpoint, for the tests. */
  lastKeyRefusal: string | undefined;
  private readonly told = new Set<string>();

  constructor(private readonly keys: ApiKeyStore, private readonly log: vscode.LogOutputChannel, private readonly notifications: Notifications) {}

  /** A model will answer: VS Code offers one (provider vscode or auto), or the endpoint is set up (openai-compatible or auto). */
  async configured(settings: SelfHealSettings): Promise<boolean> {
    const { provider, vscodeFamily } = settings.model;
    if (provider !== 'openai-compatible' && (await this.languageModel(vscodeFamily))) return true;
    return provider !== 'vscode' && (await this.endpointConfigured(settings));
  }

  /** Whether a heal with these settings may ask a model: for the next step a failed heal suggests. */
  async availability(settings: SelfHealSettings): Promise<ModelAvailability> {
    if (!settings.fix.ai) return 'off';
    return (await this.configured(settings)) ? 'configured' : 'not-set-up';
  }

  async fixerFor(settings: SelfHealSettings): Promise<ModelFixer | undefined> {
    return settings.fix.ai ? this.connectionFor(settings) : undefined;
  }

  /**
   * The model the settings choose, whether or not AI fixes are on (Test Model Connection uses it).
   * With provider vscode and no model to be had, a stand-in that says so on every request, so a
   * heal tells why no model answered instead of quietly trying rules only.
   */
  async connectionFor(settings: SelfHealSettings): Promise<(ModelFixer & ModelConnection) | undefined> {
    const { provider, vscodeFamily, timeoutMs } = settings.model;
    if (provider !== 'openai-compatible') {
      const chat = await this.languageModel(vscodeFamily);
      if (chat) return new LanguageModelFixer(chat, timeoutMs, (line) => this.log.info(line));
      if (provider === 'vscode') {
        this.log.warn(`selfHeal.model.provider is vscode, and VS Code offers no language model${vscodeFamily ? ` of the family "${vscodeFamily}"` : ''}`);
        return missingLanguageModel(vscodeFamily);
      }
    }
    return this.endpointConnection(settings);
  }

  /** The first model VS Code offers of `family` (any family when empty). */
  private async languageModel(family: string): Promise<vscode.LanguageModelChat | undefined> {
    try {
      const [first] = await vscode.lm.selectChatModels(family === '' ? {} : { family });
      return first;
    } catch (error) {
      this.log.warn(`VS Code's language models could not be listed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** A key is set for this endpoint, or the base URL names another server (local servers often need no key). */
  private async endpointConfigured(settings: SelfHealSettings): Promise<boolean> {
    return isCustomEndpoint(settings) || Boolean(await this.keyFor(settings.model.baseUrl));
  }

  private async endpointConnection(settings: SelfHealSettings): Promise<(ModelFixer & ModelConnection) | undefined> {
    if (!(await this.endpointConfigured(settings))) return undefined;
    const { OpenAIFixer } = await import('../edge');
    const baseUrl = isCustomEndpoint(settings) ? settings.model.baseUrl : undefined;
    await this.tellIfHeldBack(settings.model.baseUrl);
    const { name, temperature, maxTokens, timeoutMs, apiKind, apiVersion } = settings.model;
    return new OpenAIFixer({ ...DEFAULT_MODEL_SETTINGS, model: name, baseUrl, temperature, maxTokens, timeoutMs, apiKind, apiVersion }, () => this.keyFor(settings.model.baseUrl), {
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
