// A real HTTP server on loopback that speaks the OpenAI Chat Completions protocol and answers from a
// script, so model clients are tested over the wire: real requests, real status codes and headers,
// real slow replies and aborted connections.
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string without its "?" ("" when none): Azure's api-version travels here. */
  query: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: any;
  /** 'abandoned': the connection closed before a reply was sent (the client gave up, or a hang-up reply). */
  outcome: 'pending' | 'answered' | 'abandoned';
}

export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
}

interface Delay {
  /** Waits this long before replying (the client may give up first). */
  delayMs?: number;
}
export type ContentReply = Delay & { content: string; finishReason?: string; usage?: WireUsage };
export type StatusReply = Delay & { status: number; body?: unknown; headers?: Record<string, string> };
/** Closes the connection without any reply, as a crashed server or a reset would. */
export type HangUpReply = Delay & { hangUp: true };
export type Reply = ContentReply | StatusReply | HangUpReply;

/** `index` counts requests to the completions endpoint from 0. */
export type ModelScript = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface ScriptedModelServer {
  /** e.g. http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Resolves once at least `count` completion requests have arrived. */
  waitForRequests(count: number): Promise<void>;
  /** Resolves with the outcome of request `index` once it is answered or abandoned. */
  settled(index: number): Promise<'answered' | 'abandoned'>;
  close(): Promise<void>;
}

/** /v1/chat/completions, /chat/completions, and Azure's /openai/deployments/NAME/chat/completions. */
const isCompletionPath = (path: string): boolean => path === '/chat/completions' || path === '/v1/chat/completions' || /^\/openai\/deployments\/[^/]+\/chat\/completions$/.test(path);

export async function startScriptedModelServer(script: ModelScript): Promise<ScriptedModelServer> {
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  const settledWaiters = new Map<number, Array<(o: 'answered' | 'abandoned') => void>>();
  const timers = new Set<NodeJS.Timeout>();

  const settle = (index: number, outcome: 'answered' | 'abandoned'): void => {
    if (requests[index].outcome !== 'pending') return;
    requests[index].outcome = outcome;
    for (const resolve of settledWaiters.get(index) ?? []) resolve(outcome);
    settledWaiters.delete(index);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const [path, query = ''] = (req.url ?? '').split('?');
      if (req.method !== 'POST' || !isCompletionPath(path)) return sendJson(res, 404, errorBody(`no route for ${req.method} ${path}`, 'not_found'));
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = { method: req.method, path, query, headers: req.headers, body: parseJson(text), outcome: 'pending' };
      const index = requests.push(recorded) - 1;
      for (const wake of waiters) wake();
      res.on('close', () => settle(index, res.writableFinished ? 'answered' : 'abandoned'));
      if (recorded.body?.stream === true) return sendJson(res, 400, errorBody('stream: true is not supported by this server', 'invalid_request_error'));
      void new Promise<Reply>((resolve) => resolve(script(recorded, index))).then(
        (reply) => {
          const respond = (): void => {
            if (res.destroyed) return;
            if ('hangUp' in reply) res.socket?.destroy();
            else if ('status' in reply) sendJson(res, reply.status, reply.body ?? errorBody(`scripted ${reply.status}`, 'server_error'), reply.headers);
            else sendJson(res, 200, completion(recorded.body, reply));
          };
          if (!reply.delayMs) return respond();
          const timer = setTimeout(() => {
            timers.delete(timer);
            respond();
          }, reply.delayMs);
          timers.add(timer);
          // A client that gives up stops the wait, so no reply is written to a closed socket.
          res.on('close', () => {
            clearTimeout(timer);
            timers.delete(timer);
          });
        },
        (error: unknown) => sendJson(res, 500, errorBody(`script failed: ${String(error)}`, 'server_error')),
      );
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    waitForRequests: (count) =>
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (requests.length < count) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
    settled: (index) =>
      new Promise((resolve) => {
        const outcome = requests[index]?.outcome;
        if (outcome === 'answered' || outcome === 'abandoned') return resolve(outcome);
        settledWaiters.set(index, [...(settledWaiters.get(index) ?? []), resolve]);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function completion(requestBody: any, reply: ContentReply): object {
  const usage = reply.usage && { ...reply.usage, total_tokens: reply.usage.total_tokens ?? reply.usage.prompt_tokens + reply.usage.completion_tokens };
  return {
    id: `chatcmpl-scripted-${Math.random().toString(36).slice(2, 10)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof requestBody?.model === 'string' ? requestBody.model : 'scripted',
    choices: [{ index: 0, message: { role: 'assistant', content: reply.content, refusal: null }, logprobs: null, finish_reason: reply.finishReason ?? 'stop' }],
    ...(usage ? { usage } : {}),
  };
}

const errorBody = (message: string, type: string): object => ({ error: { message, type, param: null, code: null } });

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
