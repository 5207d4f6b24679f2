// The model fixer over any OpenAI-compatible Chat Completions endpoint (OpenAI, Azure, Ollama,
// LM Studio, vLLM, llama.cpp). Retries are ours, not the client's, so a cancel stops a backoff wait
// at once and the failure line can say how many tries were made. What is done with the answers
// (parsing, one more turn for a refused answer) is core's (core/model/fixTurns.ts). The request
// itself (chatExchange.ts) is the one Test Model Connection sends too.
import type { OpenAI } from 'openai';
import type { ChatMessage } from '../core/model/modelPrompt';
import { proposeInTurns, type ModelReply } from '../core/model/fixTurns';
import type { ConnectionTest, ModelConnection, ModelFailure } from '../core/model/modelFailure';
import { NO_TOKENS, type KeySource, type ModelFixer, type ModelFixRequest, type ModelFixResult, type ModelSettings } from '../core/model/modelTypes';
import { baseUrlOf, chatClient, endpointOf, exchangeOnce, missingKey, requestUrlOf, scrub, type Completion, type Exchange } from './chatExchange';
import { responseWords, seconds } from './requestFailure';
import { clientBaseUrl, resolveApiKind, SESSION_SHAPES, shapeWithout, type ResolvedApiKind, type ShapeMemory } from './providerShape';

export { OPENAI_BASE_URL } from './chatExchange';

export interface OpenAIFixerOptions {
  /** Receives one line per request, answer and retry; never the key. */
  log?: (line: string) => void;
  /** First backoff wait; doubles per retry. */
  retryBaseDelayMs?: number;
  /** No wait (backoff or Retry-After) is longer than this. */
  maxRetryDelayMs?: number;
  /** Where the request shape that worked is kept; the process-wide memory when absent. */
  shapes?: ShapeMemory;
}

type Stopped = { kind: 'failed'; failure: string; modelFailure: ModelFailure } | { kind: 'cancelled' };

/** The connection test's question: the smallest request that still proves the model answers. */
const PING: ChatMessage[] = [{ role: 'user', content: 'Reply with the single word OK.' }];

export class OpenAIFixer implements ModelFixer, ModelConnection {
  readonly model: string;
  readonly endpoint: string;
  private readonly baseUrl: string;
  readonly apiKind: ResolvedApiKind;
  /** The URL the client sends under (Azure's names the deployment). */
  private readonly clientUrl: string;
  private readonly shapes: ShapeMemory;
  /** "POST http://host:port/v1/chat/completions": what every log line about a request starts with. */
  private readonly request: string;
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
    this.apiKind = resolveApiKind(this.baseUrl, settings.apiKind);
    this.clientUrl = clientBaseUrl(this.baseUrl, this.apiKind, settings.model);
    this.shapes = options.shapes ?? SESSION_SHAPES;
    this.request = `POST ${requestUrlOf(this.clientUrl)}`;
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
      const noKey = missingKey(key, this.baseUrl, this.apiKind);
      if (noKey) return { ok: false, endpoint, model, latencyMs: 0, failure: noKey };
      const reply = await this.exchange(this.client(key), PING, signal, (line) => this.options.log?.(scrub(line, key)), 16);
      const latencyMs = Date.now() - started;
      const answer = reply.kind === 'error' ? scrub(responseWords(reply.failure), key) : reply.kind === 'answer' ? `answered by ${reply.model}` : 'cancelled';
      this.options.log?.(`${this.request} -> ${answer} in ${latencyMs} ms (connection test of ${model})`);
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
    const noKey = missingKey(key, this.baseUrl, this.apiKind);
    if (noKey) return { usage: NO_TOKENS, rejections: [], failure: 'no API key', modelFailure: noKey };
    const client = this.client(key);
    return proposeInTurns(request, this.model, async (messages, signal): Promise<ModelReply> => {
      const reply = await this.complete(client, messages, signal, log);
      if (reply.kind !== 'failed') return reply;
      return { kind: 'failed', failure: scrub(reply.failure, key), modelFailure: { ...reply.modelFailure, cause: scrub(reply.modelFailure.cause, key) } };
    }, log);
  }

  private client(key: string): OpenAI {
    return chatClient(this.settings, this.clientUrl, key, this.apiKind);
  }

  /**
   * One exchange in the shape that worked before for this endpoint and model; a 400 that names a
   * parameter the model does not take is answered by one more request without it (or under its
   * documented replacement), and the shape that then works is remembered.
   */
  private async exchange(client: OpenAI, messages: ChatMessage[], signal: AbortSignal | undefined, log: (line: string) => void, maxTokens?: number): Promise<Exchange> {
    let shape = this.shapes.shapeFor(this.baseUrl, this.model, this.apiKind);
    for (;;) {
      const outcome = await exchangeOnce(client, { settings: this.settings, baseUrl: this.baseUrl, messages, shape, maxTokens }, signal);
      const refused = outcome.kind === 'error' ? outcome.failure.unsupported : undefined;
      const next = refused && shapeWithout(shape, refused);
      if (!refused || !next) {
        if (outcome.kind === 'answer') this.shapes.remember(this.baseUrl, this.model, shape);
        return outcome;
      }
      log(`${this.request} -> 400: ${this.model} does not take ${refused.param} (${refused.code}); asking again ${next.tokenLimit === shape.tokenLimit ? 'without temperature' : 'with max_completion_tokens'}`);
      shape = next;
    }
  }

  /** One answer, retrying rate limits, server errors, connection trouble and timeouts. */
  private async complete(client: OpenAI, messages: ChatMessage[], signal: AbortSignal | undefined, log: (line: string) => void): Promise<Completion | Stopped> {
    for (let attempt = 1; ; attempt++) {
      log(`${this.request}: asking ${this.model} (try ${attempt}, ${messages.length} messages)`);
      const started = Date.now();
      const outcome = await this.exchange(client, messages, signal, log);
      if (outcome.kind === 'answer') {
        const { promptTokens, completionTokens } = outcome.usage;
        log(`${this.request} -> answered by ${outcome.model} in ${Date.now() - started} ms (finish ${outcome.finishReason}, ${promptTokens} + ${completionTokens} tokens)`);
        return outcome;
      }
      if (outcome.kind === 'cancelled') return outcome;
      const { failure } = outcome;
      if (!failure.retryable || attempt > this.settings.maxRetries) {
        const tries = attempt > 1 ? ` after ${attempt} tries` : '';
        log(`${this.request} -> ${responseWords(failure)}; giving up${tries}`);
        return { kind: 'failed', failure: `${failure.line}${tries}`, modelFailure: { endpoint: this.endpoint, kind: failure.kind, cause: `${failure.cause}${tries}` } };
      }
      const delay = Math.min(this.maxRetryDelayMs, failure.retryAfterMs ?? this.retryBaseDelayMs * 2 ** (attempt - 1));
      log(`${this.request} -> ${responseWords(failure)}; trying again in ${seconds(delay)}`);
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
