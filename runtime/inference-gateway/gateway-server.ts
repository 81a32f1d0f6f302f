import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BREAKER_STATE_VALUE } from './circuit-breaker.js';
import { parseGatewayConfig, type GatewayConfig, type GatewayConfigInput } from './gateway-config.js';
import { GatewayError, GatewayErrorCode, UpstreamHttpError } from './gateway-errors.js';
import { createGatewayMetrics, type GatewayMetrics } from './gateway-metrics.js';
import { BodyTooLargeError, parseJson, readBody, sendJson, sendText } from './http-json.js';
import { InferencePipeline, type CallContext } from './inference-pipeline.js';
import { ModelRouter } from './model-router.js';
import { chatRequestSchema, embeddingRequestSchema, parseRequest } from './request-schemas.js';
import { MemoryResponseCache, RedisResponseCache, type ResponseCache } from './response-cache.js';
import { StepBudgets } from './step-budgets.js';

export interface Gateway {
  /** `http://host:port`; point Flink's model `endpoint` at `${url}/v1/chat/completions` (or `/v1/embeddings`). */
  url: string;
  port: number;
  config: GatewayConfig;
  metrics: GatewayMetrics;
  /** Stops accepting, lets in-flight requests finish (up to `shutdownGraceMs`), closes upstream clients and Redis. */
  close(): Promise<void>;
}

/** `/steps/<step>/v1/...` lets a Flink model name its step in the endpoint URL, where it cannot set headers. */
const STEP_PATH = /^\/steps\/([A-Za-z0-9_.:-]+)(\/v1\/.*)$/;

async function openCache(cfg: GatewayConfig): Promise<ResponseCache | undefined> {
  if (!cfg.cache.enabled) return undefined;
  if (!cfg.redis) return new MemoryResponseCache(cfg.cache.ttlSeconds);
  const cache = new RedisResponseCache(cfg.redis.url, cfg.redis.keyPrefix, cfg.cache.ttlSeconds);
  try {
    await cache.connect();
  } catch (err) {
    await cache.close();
    throw new GatewayError(GatewayErrorCode.cacheUnavailable, `cannot connect to Redis at ${cfg.redis.url}: ${(err as Error).message}`, 'start Redis (featc local up) or pass --redis redis://host:port', 503);
  }
  return cache;
}

/** What the gateway takes besides its config. */
export interface GatewayOptions {
  /** Clock of the circuit breakers (tests move it instead of sleeping through a cooldown). */
  now?: () => number;
}

/** Starts the replay-safe, OpenAI-compatible inference gateway. */
export async function startGateway(input: GatewayConfig | GatewayConfigInput, options: GatewayOptions = {}): Promise<Gateway> {
  const cfg = parseGatewayConfig(input);
  const metrics = createGatewayMetrics();
  const cache = await openCache(cfg);
  const router = new ModelRouter(cfg, metrics, options.now);
  const pipeline = new InferencePipeline(cfg, cache, router, new StepBudgets(cfg.budgets), metrics);
  metrics.registry.onCollect(() => {
    for (const [name, upstream] of router.upstreams) {
      metrics.inFlight.set({ upstream: name }, upstream.limiter.inFlight);
      metrics.breakerState.set({ upstream: name }, BREAKER_STATE_VALUE[upstream.breaker.state]);
    }
  });
  let shuttingDown = false;
  let active = 0;
  let idle: (() => void) | undefined;

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const stepMatch = STEP_PATH.exec(rawPath);
    const path = stepMatch?.[2] ?? rawPath;
    if (req.method === 'GET' && path === '/healthz') {
      const breakers = Object.fromEntries([...router.upstreams].map(([name, u]) => [name, u.breaker.state]));
      return sendJson(res, shuttingDown ? 503 : 200, { status: shuttingDown ? 'shutting_down' : 'ok', cache: cfg.redis ? 'redis' : cache ? 'memory' : 'off', breakers });
    }
    if (req.method === 'GET' && path === '/metrics') return sendText(res, 200, metrics.registry.render(), {}, 'text/plain; version=0.0.4; charset=utf-8');
    if (req.method === 'GET' && path === '/v1/models') {
      const data = cfg.routes.filter((r) => r.model !== '*').map((r) => ({ id: r.model, object: 'model', created: 0, owned_by: 'featc-gateway' }));
      return sendJson(res, 200, { object: 'list', data });
    }
    const endpoint = path === '/v1/chat/completions' ? 'chat' : path === '/v1/embeddings' ? 'embeddings' : undefined;
    if (req.method !== 'POST' || endpoint === undefined) {
      throw new GatewayError(GatewayErrorCode.requestInvalid, `unknown route ${req.method} ${rawPath}`, 'the gateway serves POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models, /metrics and /healthz', 404);
    }
    if (shuttingDown) throw new GatewayError(GatewayErrorCode.shuttingDown, 'gateway is shutting down', 'retry against another gateway instance', 503, { 'retry-after': '1' });
    const started = performance.now();
    const json = parseJson(await readBody(req));
    const headerStep = req.headers[cfg.stepHeader.toLowerCase()];
    const model = json && typeof json === 'object' && 'model' in json ? String((json as { model: unknown }).model) : 'unknown';
    const ctx: CallContext = {
      step: (Array.isArray(headerStep) ? headerStep[0] : headerStep) ?? stepMatch?.[1] ?? model,
      authorization: req.headers.authorization,
    };
    let outcome = 'error';
    try {
      const result = endpoint === 'chat'
        ? await pipeline.chat(ctx, parseRequest(chatRequestSchema, json, 'chat/completions'))
        : await pipeline.embeddings(ctx, parseRequest(embeddingRequestSchema, json, 'embeddings'));
      outcome = result.outcome;
      sendText(res, 200, result.text, { 'x-featc-cache': result.outcome, ...(shuttingDown ? { connection: 'close' } : {}) });
    } finally {
      metrics.requestDuration.observe({ endpoint, outcome }, (performance.now() - started) / 1000);
    }
  };

  const server = createServer((req, res) => {
    active++;
    res.on('close', () => {
      metrics.responses.inc({ path: (req.url ?? '/').split('?')[0] ?? '/', status: String(res.statusCode) });
      active--;
      if (active === 0) idle?.();
    });
    answer(req, res).catch((err: unknown) => sendError(res, err));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(cfg.port, cfg.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const close = async (): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (active > 0) {
      await Promise.race([new Promise<void>((resolve) => (idle = resolve)), new Promise((resolve) => setTimeout(resolve, cfg.shutdownGraceMs).unref())]);
    }
    server.closeAllConnections();
    await closed;
    await pipeline.batcher.drain();
    await router.close();
    await cache?.close();
  };

  return { url: `http://${cfg.host}:${port}`, port, config: cfg, metrics, close };
}

function sendError(res: ServerResponse, err: unknown): void {
  if (err instanceof GatewayError) return sendJson(res, err.status, err.toBody(), err.headers);
  if (err instanceof UpstreamHttpError) {
    return sendText(res, err.status, err.body || JSON.stringify({ error: { message: err.message, type: 'api_error', param: null, code: null } }), err.retryAfter ? { 'retry-after': err.retryAfter } : {});
  }
  if (err instanceof BodyTooLargeError) {
    return sendJson(res, 413, new GatewayError(GatewayErrorCode.requestInvalid, err.message, 'send smaller batches', 413).toBody());
  }
  const internal = new GatewayError(GatewayErrorCode.internal, `internal gateway error: ${(err as Error).message}`, 'this is a bug in featc; please report it with the request', 500);
  sendJson(res, 500, internal.toBody());
}
