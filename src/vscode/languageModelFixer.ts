// The model fixer over a language model VS Code offers (vscode.lm: GitHub Copilot's models, or any
// extension's). The prompt and what is done with the answer are core's (core/model/fixTurns.ts), as
// for the OpenAI-compatible endpoint; this file only sends the messages and reads the answer back.
// VS Code reports no token usage, so the model's own tokenizer (countTokens) counts both sides.
import * as vscode from 'vscode';
import type { ChatMessage } from '../core/model/modelPrompt';
import { proposeInTurns, type ModelReply } from '../core/model/fixTurns';
import type { ConnectionTest, ModelConnection } from '../core/model/modelFailure';
import type { ModelFixer, ModelFixRequest, ModelFixResult } from '../core/model/modelTypes';
import { languageModelFailure } from './languageModelFailure';

/** Shown by VS Code when it asks the user to let Self-Heal use the model. */
export const JUSTIFICATION = 'Self-Heal asks the model for a fix to the Python error your run hit, and keeps the fix only when a sandboxed re-run proves it.';

const PING: ChatMessage[] = [{ role: 'user', content: 'Reply with the single word OK.' }];

export class LanguageModelFixer implements ModelFixer, ModelConnection {
  /** "vscode: copilot/gpt-4o": the name the ledger, the panel and the log use. */
  readonly model: string;
  /** What failures name: "VS Code (copilot/gpt-4o)". */
  readonly endpoint: string;

  constructor(private readonly chat: vscode.LanguageModelChat, private readonly timeoutMs: number, private readonly log: (line: string) => void = () => undefined) {
    this.model = `vscode: ${chat.vendor}/${chat.family}`;
    this.endpoint = `VS Code (${chat.vendor}/${chat.family})`;
  }

  propose(request: ModelFixRequest): Promise<ModelFixResult> {
    return proposeInTurns(request, this.model, (messages, signal) => this.exchange(messages, signal), this.log);
  }

  async testConnection(signal?: AbortSignal): Promise<ConnectionTest> {
    const started = Date.now();
    const reply = await this.exchange(PING, signal);
    const latencyMs = Date.now() - started;
    if (reply.kind === 'answer') return { ok: true, endpoint: this.endpoint, model: this.model, latencyMs };
    const failure = reply.kind === 'failed' ? reply.modelFailure : { endpoint: this.endpoint, kind: 'unexpected' as const, cause: 'was not asked: the test was cancelled' };
    return { ok: false, endpoint: this.endpoint, model: this.model, latencyMs, failure };
  }

  /** One request and its whole answer; cancelled by `signal`, stopped after the timeout; never throws. */
  private async exchange(messages: ChatMessage[], signal: AbortSignal | undefined): Promise<ModelReply> {
    if (signal?.aborted) return { kind: 'cancelled' };
    const cancel = new vscode.CancellationTokenSource();
    let timedOut = false;
    const stopped = new Promise<void>((resolve) => {
      const timer = setTimeout(() => { timedOut = true; resolve(); }, this.timeoutMs);
      signal?.addEventListener('abort', () => resolve(), { once: true });
      cancel.token.onCancellationRequested(() => clearTimeout(timer));
    });
    void stopped.then(() => cancel.cancel());
    const started = Date.now();
    this.log(`${this.model}: asking (${messages.length} messages)`);
    try {
      const answer = await Promise.race([this.answerTo(messages, cancel.token), stopped.then(() => undefined)]);
      if (signal?.aborted) return { kind: 'cancelled' };
      if (answer === undefined || timedOut) return this.failed('timeout', `gave no answer within ${Math.round(this.timeoutMs / 1000)} s`);
      const promptTokens = await this.countAll(messages, cancel.token);
      const completionTokens = await this.count(answer, cancel.token);
      this.log(`${this.model} -> answered in ${Date.now() - started} ms (${promptTokens} + ${completionTokens} tokens)`);
      return { kind: 'answer', content: answer, finishReason: null, usage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens } };
    } catch (error) {
      if (signal?.aborted) return { kind: 'cancelled' };
      const failure = languageModelFailure(error, this.endpoint);
      this.log(`${this.model} -> ${failure.cause}`);
      return { kind: 'failed', failure: failure.cause, modelFailure: failure };
    } finally {
      cancel.cancel();
      cancel.dispose();
    }
  }

  private async answerTo(messages: ChatMessage[], token: vscode.CancellationToken): Promise<string> {
    const response = await this.chat.sendRequest(messages.map(toChatMessage), { justification: JUSTIFICATION }, token);
    let text = '';
    for await (const part of response.text) text += part;
    return text;
  }

  private failed(kind: 'timeout', cause: string): ModelReply {
    this.log(`${this.model} -> ${cause}`);
    return { kind: 'failed', failure: cause, modelFailure: { endpoint: this.endpoint, kind, cause } };
  }

  private async countAll(messages: ChatMessage[], token: vscode.CancellationToken): Promise<number> {
    let total = 0;
    for (const message of messages) total += await this.count(message.content, token);
    return total;
  }

  /** A model that cannot count costs nothing on the receipt rather than failing the fix. */
  private async count(text: string, token: vscode.CancellationToken): Promise<number> {
    try {
      return Math.max(0, Math.round(await this.chat.countTokens(text, token)));
    } catch {
      return 0;
    }
  }
}

/** The stable API has no system role: the instructions go first, as the user's. */
function toChatMessage(message: ChatMessage): vscode.LanguageModelChatMessage {
  return message.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(message.content) : vscode.LanguageModelChatMessage.User(message.content);
}
