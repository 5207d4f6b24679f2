// When the model cannot be used at all (nothing answers, the key is refused, the endpoint is rate
// limiting): a fact the client reports once, kept on the heal record, and told to people in the same
// words by the editor and the CLI. An answer that was refused for its content is not one of these:
// the model was reached and answered.

/**
 * unreachable: no connection (no such host, no route, reset, TLS); refused: the address answered
 * that nothing listens there; timeout: no answer in time; unauthorized: 401; rate-limited: 429;
 * server-error: 5xx; rejected: any other refusal of the request (400, 403, 404, ...); no-key: OpenAI
 * without a key; unexpected: anything else the client threw.
 */
export type ModelFailureKind = 'unreachable' | 'refused' | 'timeout' | 'unauthorized' | 'rate-limited' | 'server-error' | 'rejected' | 'no-key' | 'unexpected';

export interface ModelFailure {
  /** The endpoint's origin (scheme, host, port): never its path, query or credentials. */
  endpoint: string;
  kind: ModelFailureKind;
  /** What the endpoint did, in plain words, to follow "the model at ENDPOINT": "refused the connection after 3 tries". */
  cause: string;
}

/** One line for people, the same in a notification, the CLI's output and the heal's stop reason. */
export function modelFailureLine(failure: ModelFailure): string {
  return `the model at ${failure.endpoint} ${failure.cause}`;
}

/** The outcome of one small request made only to see whether the model can be used. */
export type ConnectionTest =
  | { ok: true; endpoint: string; model: string; latencyMs: number }
  | { ok: false; endpoint: string; model: string; latencyMs: number; failure: ModelFailure };

/** Sends one small request through the same client as fixes, with no retry; never throws. */
export interface ModelConnection {
  readonly model: string;
  readonly endpoint: string;
  testConnection(signal?: AbortSignal): Promise<ConnectionTest>;
}

/** e.g. "the model at http://localhost:11434 answered: llama3 in 212 ms". */
export function connectionTestLine(test: ConnectionTest): string {
  if (test.ok) return `the model at ${test.endpoint} answered: ${test.model} in ${Math.round(test.latencyMs)} ms`;
  return `${modelFailureLine(test.failure)} (model ${test.model}, ${Math.round(test.latencyMs)} ms)`;
}
