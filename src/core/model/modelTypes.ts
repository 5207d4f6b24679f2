// The contract between the heal loop and a model that proposes fixes. Core defines it; the client
// over an OpenAI-compatible endpoint lives in src/llm/.
import type { FixCandidate } from '../fixes/fixTypes';
import type { PythonError } from '../errors/pythonError';
import type { ModelFailure } from './modelFailure';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export const NO_TOKENS: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}

/** A fix tried before on this file and why it did not hold, so the model does not repeat it. */
export interface EarlierAttempt {
  description: string;
  /** Unified diff of the fix. */
  diff: string;
  /** e.g. "the re-run failed with the same error: NameError: name 'x' is not defined". */
  why: string;
}

export interface ModelFixRequest {
  /** The error to fix (what ended the run). */
  error: PythonError;
  /** The run's files as they are now (path -> text). Edits to any other path are refused. */
  files: Readonly<Record<string, string>>;
  entry: string;
  /** The last part of the program's output (stdout then stderr). */
  outputTail: string;
  earlier: readonly EarlierAttempt[];
  /** Healing against a project's tests: the tests that must pass, instead of a program's run. */
  tests?: FailingTests;
  /** The heal's token budget and what it had used before this request: a refused answer is not re-asked past it. */
  budget?: { tokens: number; used: number };
  signal?: AbortSignal;
}

/** The failing tests a fix is for, each with what it asserted and its own source. */
export interface FailingTests {
  failing: Array<{ id: string; message: string; comparison?: { op: string; left: string; right: string }; source?: { file: string; line: number; text: string } }>;
  /** Test files may not be edited: the tests are the specification. */
  testFilesLocked: boolean;
  /** The code the tests call that the traceback does not show (path -> text). */
  code: Readonly<Record<string, string>>;
}

export interface ModelFixResult {
  /** The proposed fix; absent when the model gave no usable answer. */
  candidate?: FixCandidate;
  /** Summed over every request made for this proposal (a retry included). */
  usage: TokenUsage;
  /** Why answers were refused, in order, e.g. "edit 2 matches nothing in main.py". */
  rejections: string[];
  /** One line when there is no candidate: "rate limited (429) after 3 tries", "no answer within 30 s". */
  failure?: string;
  /** Set when the model could not be used at all (not reached, key refused, rate limited, ...). */
  modelFailure?: ModelFailure;
  /** True when the request was cancelled through the signal. */
  cancelled?: boolean;
}

export interface ModelFixer {
  /** Model name as shown in the ledger and the editor, e.g. "gpt-4o-mini". */
  readonly model: string;
  /** Never throws: failures come back in `failure`. */
  propose(request: ModelFixRequest): Promise<ModelFixResult>;
}

/**
 * Which protocol dialect the endpoint speaks. auto: from the base URL (*.openai.azure.com is Azure,
 * api.openai.com is OpenAI, anything else an OpenAI-compatible server such as Ollama or vLLM).
 */
export type ApiKind = 'auto' | 'openai' | 'azure' | 'compatible';
export const API_KINDS: readonly ApiKind[] = ['auto', 'openai', 'azure', 'compatible'];
/** Azure OpenAI's generally available data-plane version, used when none is set. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

/** How to reach the model; the key comes separately from a secret source, never from settings. */
export interface ModelSettings {
  /** OpenAI-compatible base URL, e.g. http://localhost:11434/v1; absent means OpenAI. */
  baseUrl?: string;
  /** Absent: auto. */
  apiKind?: ApiKind;
  /** Azure's api-version query parameter; absent: DEFAULT_AZURE_API_VERSION. */
  apiVersion?: string;
  model: string;
  temperature: number;
  maxTokens: number;
  timeoutMs: number;
  /** Tries after the first for rate limits, server errors and timeouts. */
  maxRetries: number;
}

export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
  model: 'gpt-4o-mini',
  temperature: 0,
  maxTokens: 4096,
  timeoutMs: 60_000,
  maxRetries: 2,
};

/** Where the API key comes from: SecretStorage in the editor, OPENAI_API_KEY for the CLI. */
export type KeySource = () => Promise<string | undefined>;
