// A VS Code language model's refusals, said the way every other model failure is said ("the model
// at ENDPOINT ..." in core/model/modelFailure.ts), with what the user can do about each.
import * as vscode from 'vscode';
import type { ModelConnection, ModelFailure } from '../core/model/modelFailure';
import { NO_TOKENS, type ModelFixer } from '../core/model/modelTypes';

/**
 * NoPermissions: the user did not allow Self-Heal to use the model (or took the permission back);
 * Blocked: the model's provider refuses Self-Heal's requests (a quota or a policy); NotFound: the
 * model is gone (its extension was disabled or signed out). Anything else is unexpected.
 */
export function languageModelFailure(error: unknown, endpoint: string): ModelFailure {
  const message = error instanceof Error ? error.message : String(error);
  const said = message.trim() === '' ? '' : ` (${message.trim()})`;
  if (error instanceof vscode.LanguageModelError) {
    if (error.code === vscode.LanguageModelError.NoPermissions.name) {
      return { endpoint, kind: 'unauthorized', cause: `may not be used by Self-Heal: allow it when VS Code asks, or under Accounts > Manage Language Model Access${said}` };
    }
    if (error.code === vscode.LanguageModelError.Blocked.name) {
      return { endpoint, kind: 'rate-limited', cause: `blocked Self-Heal's request: its provider refuses requests for now (a quota or a policy)${said}` };
    }
    if (error.code === vscode.LanguageModelError.NotFound.name) {
      return { endpoint, kind: 'rejected', cause: `is no longer offered by VS Code: its extension may be disabled or signed out${said}` };
    }
  }
  return { endpoint, kind: 'unexpected', cause: `failed unexpectedly: ${message}` };
}

/** Whether a failure's endpoint is one of VS Code's language models ("VS Code" or "VS Code (vendor/family)"). */
export function isLanguageModelEndpoint(endpoint: string): boolean {
  return endpoint === 'VS Code' || endpoint.startsWith('VS Code (');
}

/** When selfHeal.model.provider is vscode and VS Code offers no model that fits. */
export function noLanguageModel(family: string): ModelFailure {
  const which = family === '' ? 'no language model' : `no language model of the family "${family}"`;
  return { endpoint: 'VS Code', kind: 'rejected', cause: `offers ${which}: install and sign in to an extension that provides one (GitHub Copilot, for example), or set selfHeal.model.provider to openai-compatible` };
}

/** The model that is not there: every request fails with noLanguageModel's words. */
export function missingLanguageModel(family: string): ModelFixer & ModelConnection {
  const failure = noLanguageModel(family);
  const model = family === '' ? 'vscode: none' : `vscode: ${family}`;
  return {
    model,
    endpoint: failure.endpoint,
    propose: async () => ({ usage: NO_TOKENS, rejections: [], failure: failure.cause, modelFailure: failure }),
    testConnection: async () => ({ ok: false, endpoint: failure.endpoint, model, latencyMs: 0, failure }),
  };
}
