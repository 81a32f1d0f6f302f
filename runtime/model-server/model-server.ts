import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { openAiErrorBody, parseJson, readBody, sendJson } from '../inference-gateway/http-json.js';
import { CallStats, type ModelServerStats } from './call-stats.js';
import { FailureInjector } from './failure-injection.js';
import { chatCompletion, embeddingInputs, embeddingList, modelList, requestId, type ChatRequest, type EmbeddingRequest } from './openai-responses.js';

export interface ModelServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Delay before every model answer (chat and embeddings). */
  latencyMs?: number;
  /** Fraction of model calls that fail at random (seeded), with a status from `failStatuses`. */
  failRate?: number;
  failStatuses?: number[];
  seed?: number;
  /** Embedding size when the request has no `dimensions`. */
  embeddingDim?: number;
  /** Ids listed by `GET /v1/models`; any model id is accepted in requests. */
  models?: string[];
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
}

export interface ModelServer {
  /** `http://host:port`; the OpenAI base URL is `${url}/v1`. */
  url: string;
  baseUrl: string;
  calls(): number;
  stats(): ModelServerStats;
  resetStats(): void;
  failNext(n: number, status?: number | 'reset'): void;
  setDown(down: boolean | number | 'reset'): void;
  setLatency(ms: number): void;
  setFailRate(rate: number): void;
  close(): Promise<void>;
}

const chatSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.string(), content: z.unknown() })).min(1),
  response_format: z.looseObject({ type: z.string() }).optional(),
  max_tokens: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  n: z.number().int().positive().max(16).optional(),
  stream: z.boolean().optional(),
});

const embeddingSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1).max(2048)]),
  dimensions: z.number().int().positive().max(8192).optional(),
  encoding_format: z.enum(['float', 'base64']).optional(),
});

export const DEFAULT_TEST_MODELS = ['featc-test-chat', 'featc-test-moderation', 'featc-test-embedding'];

/** Starts the OpenAI-protocol test model server: the one test double featc uses for a paid model API. */
export async function startModelServer(opts: ModelServerOptions = {}): Promise<ModelServer> {
  let latencyMs = opts.latencyMs ?? 0;
  const embeddingDim = opts.embeddingDim ?? 64;
  const models = opts.models ?? DEFAULT_TEST_MODELS;
  const stats = new CallStats();
  const failures = new FailureInjector(opts.failRate ?? 0, opts.failStatuses ?? [500], opts.seed ?? 1);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('x-request-id', requestId());
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/stats') return sendJson(res, 200, stats.snapshot());
    if (req.method === 'GET' && path === '/healthz') return sendJson(res, 200, { ok: true });
    if (opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      return sendJson(res, 401, openAiErrorBody('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
    }
    if (req.method === 'GET' && path === '/v1/models') return sendJson(res, 200, modelList(models));
    const isChat = path === '/v1/chat/completions';
    const isEmbeddings = path === '/v1/embeddings';
    if (req.method !== 'POST' || (!isChat && !isEmbeddings)) {
      return sendJson(res, 404, openAiErrorBody(`Unknown request URL: ${req.method} ${path}.`, 'invalid_request_error', 'unknown_url'));
    }
    const json = parseJson(await readBody(req));
    const parsed = isChat ? chatSchema.safeParse(json) : embeddingSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message = issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid JSON body';
      return sendJson(res, 400, openAiErrorBody(message, 'invalid_request_error', null, issue?.path.join('.') ?? null));
    }
    if (isChat) {
      const body = parsed.data as ChatRequest & { stream?: boolean };
      if (body.stream) return sendJson(res, 400, openAiErrorBody('stream is not supported by the test model server', 'invalid_request_error', null, 'stream'));
      stats.recordChat(body.model, body.messages);
    } else {
      const body = parsed.data as EmbeddingRequest;
      stats.recordEmbeddings(body.model, embeddingInputs(body));
    }
    if (latencyMs > 0) await sleep(latencyMs);
    const failure = failures.next();
    if (failure?.kind === 'reset') {
      stats.recordFailure();
      req.socket.destroy();
      return;
    }
    if (failure) {
      stats.recordFailure();
      const headers: Record<string, string> = failure.status === 429 ? { 'retry-after': '1' } : {};
      const type = failure.status === 429 ? 'rate_limit_exceeded' : 'server_error';
      return sendJson(res, failure.status, openAiErrorBody(`injected failure (HTTP ${failure.status})`, type, null), headers);
    }
    if (isChat) return sendJson(res, 200, chatCompletion(parsed.data as ChatRequest));
    return sendJson(res, 200, embeddingList(parsed.data as EmbeddingRequest, embeddingDim));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      sendJson(res, 500, openAiErrorBody(`test model server error: ${(err as Error).message}`, 'server_error', null));
    });
  });
  server.keepAliveTimeout = 30_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;

  return {
    url,
    baseUrl: `${url}/v1`,
    calls: () => stats.snapshot().calls,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    failNext: (n, status) => failures.failNext(n, status),
    setDown: (down) => failures.setDown(down),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setFailRate: (rate) => failures.setRate(rate),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
