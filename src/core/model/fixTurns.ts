// What every model client does with answers, once: build the fix messages, ask, parse the answer
// against the run's files, and give a refused answer one more turn with the reason; never more, so
// a confused model costs at most two answers. The client supplies only how one answer is fetched
// (an OpenAI-compatible endpoint in src/llm/, a VS Code language model in src/vscode/).
import { parseModelAnswer } from './modelAnswer';
import type { ModelFailure } from './modelFailure';
import { buildFixMessages, refusalMessage, type ChatMessage } from './modelPrompt';
import { addUsage, NO_TOKENS, type ModelFixRequest, type ModelFixResult, type TokenUsage } from './modelTypes';
import { tokenBudgetStop } from './tokenBudget';

/** One answer, or why there is none. */
export type ModelReply =
  | { kind: 'answer'; content: string; finishReason: string | null; usage: TokenUsage }
  | { kind: 'cancelled' }
  | { kind: 'failed'; failure: string; modelFailure: ModelFailure };

/** Fetches one answer to `messages`; never throws. */
export type AskModel = (messages: ChatMessage[], signal: AbortSignal | undefined) => Promise<ModelReply>;

/** Asks for a fix in at most two turns; `model` is the name the candidate's source carries. */
export async function proposeInTurns(request: ModelFixRequest, model: string, ask: AskModel, log: (line: string) => void = () => undefined): Promise<ModelFixResult> {
  if (request.signal?.aborted) return { usage: NO_TOKENS, rejections: [], failure: 'cancelled', cancelled: true };
  const context = { files: request.files, model, errorType: request.error.type };
  const messages = buildFixMessages(request);
  const rejections: string[] = [];
  let usage = NO_TOKENS;
  for (let turn = 1; turn <= 2; turn++) {
    const spent = turn > 1 ? tokenBudgetStop(request.budget?.tokens, (request.budget?.used ?? 0) + usage.totalTokens) : undefined;
    if (spent) return { usage, rejections, failure: spent };
    const reply = await ask(messages, request.signal);
    if (reply.kind === 'cancelled') return { usage, rejections, failure: 'cancelled', cancelled: true };
    if (reply.kind === 'failed') return { usage, rejections, failure: reply.failure, modelFailure: reply.modelFailure };
    usage = addUsage(usage, reply.usage);
    const verdict = parseModelAnswer({ content: reply.content, finishReason: reply.finishReason }, context);
    if ('candidate' in verdict) return { candidate: verdict.candidate, usage, rejections };
    log(`answer refused: ${verdict.rejection}`);
    rejections.push(verdict.rejection);
    messages.push({ role: 'assistant', content: reply.content }, { role: 'user', content: refusalMessage(verdict.rejection) });
  }
  return { usage, rejections, failure: `both answers were refused; the last: ${rejections[rejections.length - 1]}` };
}
