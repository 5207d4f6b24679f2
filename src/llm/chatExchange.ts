// One Chat Completions request over the openai client, with our own deadline over the whole exchange
// and cancellation: the single path both fixes and Test Model Connection take to the endpoint, so a
// connection test sees exactly what a fix would.
import { AzureOpenAI, OpenAI } from 'openai';
import { originOf } from '../core/settings/keyOrigin';
import { DEFAULT_AZURE_API_VERSION } from '../core/model/modelTypes';
import type { ModelFailure } from '../core/model/modelFailure';
import type { ModelSettings, TokenUsage } from '../core/model/modelTypes';
import { describeFailure, type RequestFailure } from './requestFailure';
import type { ChatMessage } from '../core/model/modelPrompt';
import { requestBody, type RequestShape, type ResolvedApiKind } from './providerShape';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** Local servers need no key, but the client insists on one. */
const PLACEHOLDER_KEY = 'no-key';

export type Completion = { kind: 'answer'; content: string; finishReason: string | null; usage: TokenUsage; model: string };
export type Exchange = Completion | { kind: 'cancelled' } | { kind: 'error'; failure: RequestFailure };

/** The endpoint's base URL without a trailing slash; OpenAI's when none is set. */
export function baseUrlOf(settings: Pick<ModelSettings, 'baseUrl'>): string {
  return (settings.baseUrl?.trim() || OPENAI_BASE_URL).replace(/\/+$/, '');
}

/** What people are told the endpoint is: its origin, never a path that might hold a token. */
export function endpointOf(baseUrl: string): string {
  return originOf(baseUrl) ?? 'the configured base URL';
}

/**
 * The URL a completion request is sent to, for the log: "POST" and this name the endpoint a user
 * set up and the path the client adds, so a wrong path shows. No user name, password or query: the
 * log may be shared, and a key can hide there.
 */
export function requestUrlOf(baseUrl: string): string {
  try {
    const url = new URL(`${baseUrl}/chat/completions`);
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'the configured base URL';
  }
}

/**
 * OpenAI and Azure refuse every request without a key, so none is sent; Ollama, LM Studio, vLLM and
 * llama.cpp's server (the `compatible` kind) need none unless they were started with one.
 */
export function missingKey(key: string, baseUrl: string, kind: ResolvedApiKind = 'compatible'): ModelFailure | undefined {
  const needsKey = baseUrl === OPENAI_BASE_URL || kind === 'openai' || kind === 'azure';
  return key === '' && needsKey ? { endpoint: endpointOf(baseUrl), kind: 'no-key', cause: 'needs an API key, and none is set' } : undefined;
}

/** Azure's client sends the key as `api-key` and the version as `?api-version=`; the others a Bearer token. */
export function chatClient(settings: ModelSettings, baseUrl: string, key: string, kind: ResolvedApiKind = 'compatible'): OpenAI {
  const common = { timeout: Math.max(1, Math.round(settings.timeoutMs)), maxRetries: 0, logLevel: 'off' as const };
  if (kind === 'azure') {
    return new AzureOpenAI({ ...common, apiKey: key === '' ? PLACEHOLDER_KEY : key, baseURL: baseUrl, apiVersion: settings.apiVersion?.trim() || DEFAULT_AZURE_API_VERSION });
  }
  return new OpenAI({ ...common, apiKey: key === '' ? PLACEHOLDER_KEY : key, baseURL: baseUrl });
}

/** One request; the client's own timeout stops at the response headers, ours covers the whole exchange. */
export async function exchangeOnce(
  client: OpenAI,
  request: { settings: ModelSettings; baseUrl: string; messages: ChatMessage[]; shape: RequestShape; maxTokens?: number },
  signal: AbortSignal | undefined,
): Promise<Exchange> {
  const { settings, baseUrl, messages } = request;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, settings.timeoutMs);
  try {
    const response = await client.chat.completions.create(
      requestBody(request.shape, settings, messages, request.maxTokens),
      { signal: controller.signal },
    );
    const choice = response.choices?.[0];
    return {
      kind: 'answer', content: choice?.message?.content ?? '', finishReason: choice?.finish_reason ?? null, usage: usageOf(response.usage),
      model: typeof response.model === 'string' && response.model !== '' ? response.model : settings.model,
    };
  } catch (error) {
    if (signal?.aborted) return { kind: 'cancelled' };
    return { kind: 'error', failure: describeFailure(error, timedOut, settings.timeoutMs, baseUrl) };
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener('abort', onAbort);
  }
}

function usageOf(usage: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null | undefined): TokenUsage {
  const promptTokens = usage?.prompt_tokens ?? 0;
  const completionTokens = usage?.completion_tokens ?? 0;
  return { promptTokens, completionTokens, totalTokens: usage?.total_tokens ?? promptTokens + completionTokens };
}

/** Removes the key from any text that leaves the client (endpoints sometimes echo it in errors). */
export function scrub(text: string, key: string): string {
  return key.length >= 4 ? text.split(key).join('[key]') : text;
}
