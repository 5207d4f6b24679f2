// The model fixer over any OpenAI-compatible Chat Completions endpoint (OpenAI, Azure, Ollama,
// LM Studio, vLLM, llama.cpp). Retries are ours, not the client's, so a cancel stops a backoff wait
// at once and the failure line can say how many tries were made. A refused answer gets one more
// turn with the reason; never more, so a confused model costs at most two answers.
import { OpenAI } from 'openai';
import { buildFixMessages, refusalMessage, type ChatMessage } from '../core/model/modelPrompt';
import { parseModelAnswer } from '../core/model/modelAnswer';
import { addUsage, NO_TOKENS, type KeySource, type ModelFixer, type ModelFixRequest, type ModelFixResult, type ModelSettings, type TokenUsage } from '../core/model/modelTypes';
import { describeFailure, seconds, type RequestFailure } from './requestFailure';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** Local servers need no key, but the client insists on one. */
const PLACEHOLDER_KEY = 'no-key';

export interface OpenAIFixerOptions {
  /** Receives one line per request, answer and retry; never the key. */
  log?: (line: string) => void;
  /** First backoff wait; doubles per retry. */
  retryBaseDelayMs?: number;
  /** No wait (backoff or Retry-After) is longer than this. */
  maxRetryDelayMs?: number;
}

type Completion = { kind: 'answer'; content: string; finishReason: string | null; usage: TokenUsage };
type Stopped = { kind: 'failed'; failure: string } | { kind: 'cancelled' };

export class OpenAIFixer implements ModelFixer {
  readonly model: string;
  private readonly baseUrl: string;
  private readonly retryBaseDelayMs: number;
  private readonly maxRetryDelayMs: number;

  constructor(
    private readonly settings: ModelSettings,
    private readonly keySource: KeySource,
    private readonly options: OpenAIFixerOptions = {},
  ) {
    this.model = settings.model;
    this.baseUrl = (settings.baseUrl?.trim() || OPENAI_BASE_URL).replace(/\/+$/, '');
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 1000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 20_000;
  }

  async propose(request: ModelFixRequest): Promise<ModelFixResult> {
    let key = '';
    try {
      key = (await this.keySource())?.trim() ?? '';
      return await this.proposeWith(request, key);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { usage: NO_TOKENS, rejections: [], failure: scrub(`unexpected error: ${message}`, key) };
    }
  }

  private async proposeWith(request: ModelFixRequest, key: string): Promise<ModelFixResult> {
    const log = (line: string): void => this.options.log?.(scrub(line, key));
    if (request.signal?.aborted) return { usage: NO_TOKENS, rejections: [], failure: 'cancelled', cancelled: true };
    if (key === '' && this.baseUrl === OPENAI_BASE_URL) return { usage: NO_TOKENS, rejections: [], failure: 'no API key' };
    const client = new OpenAI({
      apiKey: key === '' ? PLACEHOLDER_KEY : key,
      baseURL: this.baseUrl,
      timeout: Math.max(1, Math.round(this.settings.timeoutMs)),
      maxRetries: 0,
      logLevel: 'off',
    });
    const context = { files: request.files, model: this.model, errorType: request.error.type };
    const messages = buildFixMessages(request);
    const rejections: string[] = [];
    let usage = NO_TOKENS;
    for (let turn = 1; turn <= 2; turn++) {
      const reply = await this.complete(client, messages, request.signal, log);
      if (reply.kind === 'cancelled') return { usage, rejections, failure: 'cancelled', cancelled: true };
      if (reply.kind === 'failed') return { usage, rejections, failure: scrub(reply.failure, key) };
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
      const outcome = await this.completeOnce(client, messages, signal);
      if (outcome.kind === 'answer') {
        const { promptTokens, completionTokens } = outcome.usage;
        log(`${this.model} answered in ${Date.now() - started} ms (finish ${outcome.finishReason}, ${promptTokens} + ${completionTokens} tokens)`);
        return outcome;
      }
      if (outcome.kind === 'cancelled') return outcome;
      const { failure } = outcome;
      if (!failure.retryable || attempt > this.settings.maxRetries) {
        return { kind: 'failed', failure: attempt > 1 ? `${failure.line} after ${attempt} tries` : failure.line };
      }
      const delay = Math.min(this.maxRetryDelayMs, failure.retryAfterMs ?? this.retryBaseDelayMs * 2 ** (attempt - 1));
      log(`${failure.line}; trying again in ${seconds(delay)}`);
      if (!(await waitUnlessAborted(delay, signal))) return { kind: 'cancelled' };
    }
  }

  private async completeOnce(
    client: OpenAI,
    messages: ChatMessage[],
    signal: AbortSignal | undefined,
  ): Promise<Completion | { kind: 'cancelled' } | { kind: 'error'; failure: RequestFailure }> {
    // Our own deadline covers the whole exchange; the client's timeout stops at the response headers.
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.settings.timeoutMs);
    try {
      const response = await client.chat.completions.create(
        { model: this.model, temperature: this.settings.temperature, max_tokens: this.settings.maxTokens, messages },
        { signal: controller.signal },
      );
      const choice = response.choices?.[0];
      return { kind: 'answer', content: choice?.message?.content ?? '', finishReason: choice?.finish_reason ?? null, usage: usageOf(response.usage) };
    } catch (error) {
      if (signal?.aborted) return { kind: 'cancelled' };
      return { kind: 'error', failure: describeFailure(error, timedOut, this.settings.timeoutMs, this.baseUrl) };
    } finally {
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

function usageOf(usage: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null | undefined): TokenUsage {
  const promptTokens = usage?.prompt_tokens ?? 0;
  const completionTokens = usage?.completion_tokens ?? 0;
  return { promptTokens, completionTokens, totalTokens: usage?.total_tokens ?? promptTokens + completionTokens };
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

/** Removes the key from any text that leaves this class (endpoints sometimes echo it in errors). */
function scrub(text: string, key: string): string {
  return key.length >= 4 ? text.split(key).join('[key]') : text;
}
