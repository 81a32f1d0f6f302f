import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request } from 'undici';
import { viewSpecsOf, type ViewInput } from '../../api/client.js';
import { createFeatureClient, type FeatureClient, type FeatureMap, type ViewSpecInput } from '../../runtime/feature-client/index.js';

/**
 * The consumption path the features exist for: `POST /enrich {userId, prompt, server?}` fetches the
 * request's features from Redis, builds an enriched chat request, calls an OpenAI-compatible model
 * endpoint with a timeout, and answers with the model's reply and the features it used.
 *
 * Each view is looked up by its own entity key, filled from the request by column name: views
 * keyed by `userId` (userCtr, conversationContext, …) by the user; views keyed by `server`
 * (serverHealth) by the model server handling the request (`server` in the request, else the
 * `server` this instance is configured with). A view whose key the request does not give is
 * skipped and listed under `skipped`.
 */
export interface EnrichmentOptions {
  port?: number;
  redis: string;
  /** Key prefix the Redis sink writes under (default `featc`). */
  prefix?: string;
  /** DSL feature views (e.g. `[userCtr, serverHealth]`) or Redis output specs from job-graph.json. */
  views: readonly ViewInput[];
  /** The model server this instance sends requests to: the entity of views keyed by `server`. */
  server?: string;
  /** Base URL of an OpenAI-compatible API, e.g. the featc gateway `http://127.0.0.1:8090/v1`. */
  modelUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
}

export interface ChatMessage { role: 'system' | 'user'; content: string }

export interface EnrichmentResponse {
  userId: string;
  /** The model server whose health was read, or null when neither the request nor the config names one. */
  server: string | null;
  answer: string;
  /** view → feature → value (declared defaults for missing or expired values). */
  features: Record<string, Record<string, unknown>>;
  /** Views not looked up because the request does not give their entity key. */
  skipped: string[];
  /** Exactly what was sent to the model. */
  messages: ChatMessage[];
  timings: { featuresMs: number; modelMs: number };
}

interface LookedUp { view: string; entity: Record<string, string>; values: Record<string, unknown> }

export async function startEnrichmentServer(opts: EnrichmentOptions): Promise<{ url: string; close(): Promise<void> }> {
  const specs = viewSpecsOf(opts.views);
  const client = createFeatureClient<FeatureMap>({ redis: opts.redis, views: specs, ...(opts.prefix === undefined ? {} : { prefix: opts.prefix }) });
  const server: Server = createServer((req, res) => {
    void handle(req, client, specs, opts).then(
      (body) => reply(res, 200, body),
      (err: Error & { status?: number }) => reply(res, err.status ?? 502, { error: err.message }),
    );
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await client.close();
    },
  };
}

/** The chat messages for a prompt and the features looked up for it. */
export function enrichedMessages(prompt: string, looked: readonly LookedUp[]): ChatMessage[] {
  const lines = looked.map((l) => {
    const key = Object.entries(l.entity).map(([k, v]) => `${k}=${v}`).join(', ');
    const values = Object.entries(l.values).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
    return `${l.view} (${key}): ${values}`;
  });
  return [
    { role: 'system', content: `You are a helpful assistant. Live features for this request:\n${lines.join('\n') || 'none'}` },
    { role: 'user', content: prompt },
  ];
}

function badRequest(message: string): Error {
  return Object.assign(new Error(message), { status: 400 });
}

async function handle(req: IncomingMessage, client: FeatureClient<FeatureMap>, specs: readonly ViewSpecInput[], opts: EnrichmentOptions): Promise<EnrichmentResponse> {
  if (req.method !== 'POST' || req.url !== '/enrich') throw Object.assign(new Error('POST /enrich {userId, prompt, server?}'), { status: 404 });
  let input: { userId?: unknown; prompt?: unknown; server?: unknown };
  try {
    input = JSON.parse(await readBody(req)) as typeof input;
  } catch {
    throw badRequest('body is not JSON');
  }
  const { userId, prompt } = input;
  if (typeof userId !== 'string' || typeof prompt !== 'string') throw badRequest('body must be {"userId": string, "prompt": string, "server"?: string}');
  if (input.server !== undefined && typeof input.server !== 'string') throw badRequest('"server" must be a string');
  const server = input.server ?? opts.server ?? null;
  const keys: Record<string, string> = { userId, ...(server === null ? {} : { server }) };

  const t0 = performance.now();
  const wanted = specs.filter((s) => s.entityKey.every((column) => column in keys));
  const looked = await Promise.all(wanted.map(async (s): Promise<LookedUp> => {
    const entity = Object.fromEntries(s.entityKey.map((column) => [column, keys[column] as string]));
    const row = await client.get(s.view, entity);
    return { view: s.view, entity, values: row.values as Record<string, unknown> };
  }));
  const t1 = performance.now();

  const messages = enrichedMessages(prompt, looked);
  const res = await request(`${opts.modelUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
    body: JSON.stringify({ model: opts.model, messages, max_tokens: 128 }),
    headersTimeout: opts.timeoutMs ?? 5000,
    bodyTimeout: opts.timeoutMs ?? 5000,
  });
  const body = (await res.body.json()) as { choices?: { message?: { content?: string } }[]; error?: { message?: string } };
  if (res.statusCode !== 200) throw Object.assign(new Error(`model endpoint answered ${res.statusCode}: ${body.error?.message ?? ''}`), { status: 502 });
  return {
    userId, server, answer: body.choices?.[0]?.message?.content ?? '',
    features: Object.fromEntries(looked.map((l) => [l.view, l.values])),
    skipped: specs.filter((s) => !wanted.includes(s)).map((s) => s.view),
    messages,
    timings: { featuresMs: t1 - t0, modelMs: performance.now() - t1 },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
