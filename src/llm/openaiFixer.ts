// The model fixer over any OpenAI-compatible Chat Completions endpoint (OpenAI, Azure, Ollama,
// LM Studio, vLLM, llama.cpp). Retries are ours, not the client's, so a cancel stops a backoff wait
// at once and the failure line can say how many tries were made. A refused answer gets one more
// turn with the reason; never more, so a confused model costs at most two answers. The request
// itself (chatExchange.ts) is the one Test Model Connection sends too.
import type { OpenAI } from 'openai';
import { buildFixMessages, refusalMessage, type ChatMessage } from '../core/model/modelPrompt';
import { parseModelAnswer } from '../core/model/modelAnswer';
import type { ConnectionTest, ModelConnection, ModelFailure } from '../core/model/modelFailure';
import { addUsage, NO_TOKENS, type KeySource, type ModelFixer, type ModelFixRequest, type ModelFixResult, type ModelSettings } from '../core/model/modelTypes';
import { baseUrlOf, chatClient, endpointOf, exchangeOnce, missingKey, scrub, type Completion } from './chatExchange';
import { seconds } from './requestFailure';

export { OPENAI_BASE_URL } from './chatExchange';

export interface OpenAIFixerOptions {
  /** Receives one line per request, answer and retry; never the key. */
  log?: (line: string) => void;
  /** First backoff wait; doubles per retry. */
  retryBaseDelayMs?: number;
  /** No wait (backoff or Retry-After) is longer than this. */
  maxRetryDelayMs?: number;
}

type Stopped = { kind: 'failed'; failure: string; modelFailure: ModelFailure } | { kind: 'cancelled' };

/** The connection test's question: the smallest request that still proves the model answers. */
const PING: ChatMessage[] = [{ role: 'user', content: 'Reply with the single word OK.' }];

export class OpenAIFixer implements ModelFixer, ModelConnection {
  readonly model: string;
  readonly endpoint: string;
  private readonly baseUrl: string;
  private readonly retryBaseDelayMs: number;
  private readonly maxRetryDelayMs: number;

  constructor(
    private readonly settings: ModelSettings,
    private readonly keySource: KeySource,
    private readonly options: OpenAIFixerOptions = {},
  ) {
    this.model = settings.model;
    this.baseUrl = baseUrlOf(settings);
    this.endpoint = endpointOf(this.baseUrl);
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 1000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 20_000;
  }

  async propose(request: ModelFixRequest): Promise<ModelFixResult> {
    let key = '';
    try {
      key = (await this.keySource())?.trim() ?? '';
      return await this.proposeWith(request, key);
    } catch (error) {
      return { usage: NO_TOKENS, rejections: [], ...this.unexpected(error, key) };
    }
  }

  /** One small request, no retry: whether the model answers, how fast, or why not. */
  async testConnection(signal?: AbortSignal): Promise<ConnectionTest> {
    const started = Date.now();
    const { endpoint, model } = this;
    let key = '';
    try {
      key = (await this.keySource())?.trim() ?? '';
      const noKey = missingKey(key, this.baseUrl);
      if (noKey) return { ok: false, endpoint, model, latencyMs: 0, failure: noKey };
      const reply = await exchangeOnce(chatClient(this.settings, this.baseUrl, key), { settings: this.settings, baseUrl: this.baseUrl, messages: PING, maxTokens: 16 }, signal);
      const latencyMs = Date.now() - started;
      this.options.log?.(`connection test of ${model} at ${endpoint}: ${reply.kind === 'error' ? scrub(reply.failure.line, key) : reply.kind} in ${latencyMs} ms`);
      if (reply.kind === 'answer') return { ok: true, endpoint, model: reply.model, latencyMs };
      const failure: ModelFailure = reply.kind === 'cancelled' ? { endpoint, kind: 'unexpected', cause: 'was not asked: the test was cancelled' } : { endpoint, kind: reply.failure.kind, cause: scrub(reply.failure.cause, key) };
      return { ok: false, endpoint, model, latencyMs, failure };
    } catch (error) {
      return { ok: false, endpoint, model, latencyMs: Date.now() - started, failure: this.unexpected(error, key).modelFailure };
    }
  }

  private unexpected(error: unknown, key: string): { failure: string; modelFailure: ModelFailure } {
    const message = scrub(error instanceof Error ? error.message : String(error), key);
    return { failure: `unexpected error: ${message}`, modelFailure: { endpoint: this.endpoint, kind: 'unexpected', cause: `failed unexpectedly: ${message}` } };
  }

  private async proposeWith(request: ModelFixRequest, key: string): Promise<ModelFixResult> {
    const log = (line: string): void => this.options.log?.(scrub(line, key));
    if (request.signal?.aborted) return { usage: NO_TOKENS, rejections: [], failure: 'cancelled', cancelled: true };
    const noKey = missingKey(key, this.baseUrl);
    if (noKey) return { usage: NO_TOKENS, rejections: [], failure: 'no API key', modelFailure: noKey };
    const client = chatClient(this.settings, this.baseUrl, key);
    const context = { files: request.files, model: this.model, errorType: request.error.type };
    const messages = buildFixMessages(request);
    const rejections: string[] = [];
    let usage = NO_TOKENS;
    for (let turn = 1; turn <= 2; turn++) {
      const reply = await this.complete(client, messages, request.signal, log);
      if (reply.kind === 'cancelled') return { usage, rejections, failure: 'cancelled', cancelled: true };
      if (reply.kind === 'failed') {
        const modelFailure = { ...reply.modelFailure, cause: scrub(reply.modelFailure.cause, key) };
        return { usage, rejections, failure: scrub(reply.failure, key), modelFailure };
      }
      usage = addUsage(usage, reply.usage);
      const verdict = parseModelAnswer({ content: reply.content, finishReason: reply.finishReason }, context);
      if ('candidate' in verdict) return { candidate: verdict.candidate, usage, rejections };
      log(`answer refused: ${verdict.rejection}`);
      rejections.push(verdict.rejection);
      messages.push({ role: 'assistant', content: reply.content }, { role: 'user', content: refusalMessage(verdict.rejection) });
    }
    return { usage, rejections, failure: `both answers were refused; the last: ${rejections[rejections.length - 1]}` };
  }

  /** One answer, retrying rate limits, server errors, connection trouble and timeouts. */
  private async complete(client: OpenAI, messages: ChatMessage[], signal: AbortSignal | undefined, log: (line: string) => void): Promise<Completion | Stopped> {
    for (let attempt = 1; ; attempt++) {
      log(`asking ${this.model} at ${this.baseUrl} (try ${attempt}, ${messages.length} messages)`);
      const started = Date.now();
      const outcome = await exchangeOnce(client, { settings: this.settings, baseUrl: this.baseUrl, messages }, signal);
      if (outcome.kind === 'answer') {
        const { promptTokens, completionTokens } = outcome.usage;
        log(`${this.model} answered in ${Date.now() - started} ms (finish ${outcome.finishReason}, ${promptTokens} + ${completionTokens} tokens)`);
        return outcome;
      }
      if (outcome.kind === 'cancelled') return outcome;
      const { failure } = outcome;
      if (!failure.retryable || attempt > this.settings.maxRetries) {
        const tries = attempt > 1 ? ` after ${attempt} tries` : '';
        return { kind: 'failed', failure: `${failure.line}${tries}`, modelFailure: { endpoint: this.endpoint, kind: failure.kind, cause: `${failure.cause}${tries}` } };
      }
      const delay = Math.min(this.maxRetryDelayMs, failure.retryAfterMs ?? this.retryBaseDelayMs * 2 ** (attempt - 1));
      log(`${failure.line}; trying again in ${seconds(delay)}`);
      if (!(await waitUnlessAborted(delay, signal))) return { kind: 'cancelled' };
    }
  }
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function waitUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
