// What a failed completion request means for the user and for the retry loop: one readable line,
// whether trying again can help (rate limits, server errors, connection trouble, timeouts - not a
// refused key or a bad request), and how long the endpoint asked us to wait.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';

export interface RequestFailure {
  line: string;
  retryable: boolean;
  /** From Retry-After / retry-after-ms, when the endpoint sent one. */
  retryAfterMs?: number;
}

const MAX_DETAIL = 160;

/** `timedOut` is true when our own deadline ended the request (the client may report it as an abort). */
export function describeFailure(error: unknown, timedOut: boolean, timeoutMs: number, baseUrl: string): RequestFailure {
  if (timedOut || error instanceof APIConnectionTimeoutError) return { line: `no answer within ${seconds(timeoutMs)}`, retryable: true };
  if (error instanceof APIConnectionError) return { line: `could not reach ${baseUrl}${causeCode(error)}`, retryable: true };
  if (error instanceof APIError && typeof error.status === 'number') return statusFailure(error, error.status);
  return { line: `unexpected error: ${clip(error instanceof Error ? error.message : String(error))}`, retryable: false };
}

function statusFailure(error: APIError, status: number): RequestFailure {
  const retryAfterMs = retryAfterOf(error.headers);
  if (status === 429) return { line: 'rate limited (429)', retryable: true, retryAfterMs };
  if (status >= 500) return { line: `server error (${status})`, retryable: true, retryAfterMs };
  const detail = detailOf(error);
  if (status === 401) return { line: `the API key was not accepted (401)${detail}`, retryable: false };
  return { line: `the endpoint refused the request (${status})${detail}`, retryable: false };
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
  const message = typeof body?.message === 'string' ? body.message : '';
  return message === '' ? '' : `: ${clip(message)}`;
}

/** The system error code under the client's "Connection error." (ECONNREFUSED, UND_ERR_SOCKET, ...). */
function causeCode(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return ` (${code})`;
  }
  return '';
}

export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

const clip = (text: string): string => (text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 3)}...` : text);
