// What a failed completion request means for the user and for the retry loop: one readable line for
// the log, the kind of failure and its cause in plain words (core/model/modelFailure.ts), whether
// trying again can help (rate limits, server errors, connection trouble, timeouts - not a refused
// key or a bad request), and how long the endpoint asked us to wait.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { ModelFailureKind } from '../core/model/modelFailure';
import type { UnsupportedParameter } from './providerShape';

export interface RequestFailure {
  line: string;
  kind: ModelFailureKind;
  /** Follows "the model at ENDPOINT", e.g. "refused the connection". */
  cause: string;
  retryable: boolean;
  /** From Retry-After / retry-after-ms, when the endpoint sent one. */
  retryAfterMs?: number;
  /** The HTTP status the endpoint answered with; absent when no answer came. */
  status?: number;
  /** A 400 that names one parameter the model does not take (OpenAI's unsupported_parameter / unsupported_value). */
  unsupported?: UnsupportedParameter;
}

const MAX_DETAIL = 160;

/** `timedOut` is true when our own deadline ended the request (the client may report it as an abort). */
export function describeFailure(error: unknown, timedOut: boolean, timeoutMs: number, baseUrl: string): RequestFailure {
  if (timedOut || error instanceof APIConnectionTimeoutError) {
    return { line: `no answer within ${seconds(timeoutMs)}`, kind: 'timeout', cause: `gave no answer within ${seconds(timeoutMs)}`, retryable: true };
  }
  if (error instanceof APIConnectionError) {
    const code = causeCode(error);
    const line = `could not reach ${baseUrl}${code ? ` (${code})` : ''}`;
    if (code === 'ECONNREFUSED') return { line, kind: 'refused', cause: 'refused the connection', retryable: true };
    return { line, kind: 'unreachable', cause: `could not be reached${connectionTrouble(code)}`, retryable: true };
  }
  if (error instanceof APIError && typeof error.status === 'number') return { ...statusFailure(error, error.status), status: error.status };
  const message = clip(error instanceof Error ? error.message : String(error));
  return { line: `unexpected error: ${message}`, kind: 'unexpected', cause: `failed unexpectedly: ${message}`, retryable: false };
}

function statusFailure(error: APIError, status: number): RequestFailure {
  const retryAfterMs = retryAfterOf(error.headers);
  if (status === 429) return { line: 'rate limited (429)', kind: 'rate-limited', cause: 'is rate limiting requests (429)', retryable: true, retryAfterMs };
  if (status >= 500) return { line: `server error (${status})`, kind: 'server-error', cause: `failed with a server error (${status})`, retryable: true, retryAfterMs };
  const detail = detailOf(error);
  const shown = detail === '' ? '' : `: ${detail}`;
  if (status === 401) return { line: `the API key was not accepted (401)${shown}`, kind: 'unauthorized', cause: 'did not accept the API key (401)', retryable: false };
  const unsupported = status === 400 ? unsupportedParameterOf(error) : undefined;
  return { line: `the endpoint refused the request (${status})${shown}`, kind: 'rejected', cause: `refused the request (${status}${shown})`, retryable: false, ...(unsupported ? { unsupported } : {}) };
}

/**
 * OpenAI's documented refusal of a parameter: `{"error": {"message": "Unsupported parameter: 'max_tokens'
 * is not supported with this model. Use 'max_completion_tokens' instead.", "type": "invalid_request_error",
 * "param": "max_tokens", "code": "unsupported_parameter"}}`, or `unsupported_value` for a temperature
 * other than 1. Azure answers the same body. Servers that leave out `code` still say it in the message.
 */
function unsupportedParameterOf(error: APIError): UnsupportedParameter | undefined {
  const code = typeof error.code === 'string' ? error.code : '';
  const named = /^Unsupported (?:parameter|value): '([\w.]+)'/i.exec(detailOf(error))?.[1];
  const param = typeof error.param === 'string' && error.param !== '' ? error.param : named;
  if (!param) return undefined;
  if (code === 'unsupported_parameter' || code === 'unsupported_value') return { param, code };
  return named ? { param, code: code || 'unsupported' } : undefined;
}

/** Milliseconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date). */
export function retryAfterOf(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const secs = Number.parseFloat(value);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function detailOf(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? clip(body.message) : '';
}

/** The system error code under the client's "Connection error." (ECONNREFUSED, UND_ERR_SOCKET, ...). */
function causeCode(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
  }
  return '';
}

/** A connection error code in words, for people who do not know the codes. */
function connectionTrouble(code: string): string {
  if (code === '') return '';
  if (code === 'ENOTFOUND') return ' (no such host)';
  if (code === 'EAI_AGAIN') return ' (the host name could not be looked up)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return ' (the connection was closed without an answer)';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return ' (connecting timed out)';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return ' (no route to the host)';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return ` (its TLS certificate is not trusted: ${code})`;
  return ` (${code})`;
}

/** What the log says came back: "401: the API key was not accepted (401)", "no answer: could not reach ...". */
export function responseWords(failure: RequestFailure): string {
  return `${failure.status ?? 'no answer'}: ${failure.line}`;
}

export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

const clip = (text: string): string => (text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 3)}...` : text);
