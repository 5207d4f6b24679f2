// Which dialect of Chat Completions an endpoint speaks, and the request body that dialect accepts.
// OpenAI's reasoning models (o1, o3, o4-mini, gpt-5...) refuse `max_tokens` (they take
// `max_completion_tokens`) and any temperature but the default 1; Azure deployments of them do the
// same, under a deployment name that may not say which model it is. So the first shape is a guess
// from the model's name, a 400 naming the parameter corrects it once, and the shape that worked is
// remembered per base URL and model for the rest of the process.
import type { ApiKind, ModelSettings } from '../core/model/modelTypes';
import type { ChatMessage } from '../core/model/modelPrompt';

export type ResolvedApiKind = Exclude<ApiKind, 'auto'>;

export interface RequestShape {
  /** The name the answer's length limit is sent under. */
  tokenLimit: 'max_tokens' | 'max_completion_tokens';
  /** Whether `temperature` is sent at all (reasoning models take only their default). */
  temperature: boolean;
}

/** What the endpoint said it does not take: OpenAI's `error.param` and `error.code`. */
export interface UnsupportedParameter {
  param: string;
  code: string;
}

/** The dialect a base URL speaks when the setting is `auto` (or absent). */
export function resolveApiKind(baseUrl: string, setting: ApiKind | undefined): ResolvedApiKind {
  if (setting && setting !== 'auto') return setting;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return 'compatible';
  }
  const host = url.hostname.toLowerCase();
  if (host.endsWith('.openai.azure.com') || host.endsWith('.cognitiveservices.azure.com') || url.pathname.includes('/openai/deployments/')) return 'azure';
  if (host === 'api.openai.com') return 'openai';
  return 'compatible';
}

/**
 * The URL the client sends requests under. Azure's is the deployment's: a resource endpoint
 * (https://NAME.openai.azure.com) gets `/openai/deployments/{model}`, since the model setting names
 * the deployment there; a URL that already names a deployment is used as it is.
 */
export function clientBaseUrl(baseUrl: string, kind: ResolvedApiKind, model: string): string {
  if (kind !== 'azure' || baseUrl.includes('/deployments/')) return baseUrl;
  const openai = baseUrl.endsWith('/openai') ? baseUrl : `${baseUrl}/openai`;
  return `${openai}/deployments/${encodeURIComponent(model)}`;
}

/** o1, o3-mini, o4-mini, gpt-5, gpt-5-mini, ... (a provider prefix such as "openai/" is allowed). */
const REASONING_MODEL = /^(?:[\w.-]+\/)?(?:o\d+(?:$|[-.])|gpt-5)/i;

/** The first guess: reasoning models on OpenAI or Azure get their shape; every other server the classic one. */
export function initialShape(kind: ResolvedApiKind, model: string): RequestShape {
  if (kind !== 'compatible' && REASONING_MODEL.test(model.trim())) return { tokenLimit: 'max_completion_tokens', temperature: false };
  return { tokenLimit: 'max_tokens', temperature: true };
}

/**
 * The shape to try once more after the endpoint refused a parameter, or undefined when the refusal
 * is not one a change of shape answers (or the shape already had that change).
 */
export function shapeWithout(shape: RequestShape, refused: UnsupportedParameter): RequestShape | undefined {
  if (refused.param === 'max_tokens' && shape.tokenLimit === 'max_tokens') return { ...shape, tokenLimit: 'max_completion_tokens' };
  if (refused.param === 'temperature' && shape.temperature) return { ...shape, temperature: false };
  return undefined;
}

/** The request body for one exchange in the given shape. */
export function requestBody(shape: RequestShape, settings: Pick<ModelSettings, 'model' | 'temperature' | 'maxTokens'>, messages: ChatMessage[], maxTokens?: number) {
  const limit = maxTokens ?? settings.maxTokens;
  return {
    model: settings.model,
    ...(shape.temperature ? { temperature: settings.temperature } : {}),
    ...(shape.tokenLimit === 'max_tokens' ? { max_tokens: limit } : { max_completion_tokens: limit }),
    messages,
  };
}

/** The shapes that worked, per base URL and model, for as long as the process lives. */
export class ShapeMemory {
  private readonly shapes = new Map<string, RequestShape>();

  shapeFor(baseUrl: string, model: string, kind: ResolvedApiKind): RequestShape {
    return this.shapes.get(keyOf(baseUrl, model)) ?? initialShape(kind, model);
  }

  remember(baseUrl: string, model: string, shape: RequestShape): void {
    this.shapes.set(keyOf(baseUrl, model), shape);
  }
}

const keyOf = (baseUrl: string, model: string): string => `${baseUrl}\n${model}`;

/** One memory for every fixer of the process: the extension host's session, or one CLI command. */
export const SESSION_SHAPES = new ShapeMemory();
