import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request } from 'undici';
import { createFeatureClient, type FeatureClient, type FeatureMap, type ViewSpecInput } from '../../runtime/feature-client/index.js';

/**
 * The consumption path the features exist for: `POST /enrich {userId, prompt}` fetches the user's
 * features from Redis, builds an enriched chat request, calls an OpenAI-compatible model endpoint
 * with a timeout, and answers with the model's reply and the features it used.
 */
export interface EnrichmentOptions {
  port?: number;
  redis: string;
  views: readonly ViewSpecInput[];
  /** Base URL of an OpenAI-compatible API, e.g. the featc gateway `http://127.0.0.1:8090/v1`. */
  modelUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
}

export interface EnrichmentResponse {
  userId: string;
  answer: string;
  features: Record<string, Record<string, unknown>>;
  timings: { featuresMs: number; modelMs: number };
}

export async function startEnrichmentServer(opts: EnrichmentOptions): Promise<{ url: string; close(): Promise<void> }> {
  const client = createFeatureClient<FeatureMap>({ redis: opts.redis, views: opts.views });
  const server: Server = createServer((req, res) => {
    void handle(req, client, opts).then(
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

async function handle(req: IncomingMessage, client: FeatureClient<FeatureMap>, opts: EnrichmentOptions): Promise<EnrichmentResponse> {
  if (req.method !== 'POST' || req.url !== '/enrich') throw Object.assign(new Error('POST /enrich {userId, prompt}'), { status: 404 });
  const input = JSON.parse(await readBody(req)) as { userId?: unknown; prompt?: unknown };
  if (typeof input.userId !== 'string' || typeof input.prompt !== 'string') throw Object.assign(new Error('body must be {"userId": string, "prompt": string}'), { status: 400 });
  const t0 = performance.now();
  const rows = await Promise.all(opts.views.map((v) => client.get(v.view, input.userId as string)));
  const features = Object.fromEntries(rows.map((r) => [r.view, r.values as Record<string, unknown>]));
  const t1 = performance.now();
  const context = Object.entries(features).flatMap(([view, values]) => Object.entries(values).map(([k, v]) => `${view}.${k}=${JSON.stringify(v)}`)).join(', ');
  const res = await request(`${opts.modelUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
    body: JSON.stringify({
      model: opts.model,
      messages: [
        { role: 'system', content: `You are a helpful assistant. What we know about this user right now: ${context || 'nothing yet'}.` },
        { role: 'user', content: input.prompt },
      ],
      max_tokens: 128,
    }),
    headersTimeout: opts.timeoutMs ?? 5000,
    bodyTimeout: opts.timeoutMs ?? 5000,
  });
  const body = (await res.body.json()) as { choices?: { message?: { content?: string } }[]; error?: { message?: string } };
  if (res.statusCode !== 200) throw Object.assign(new Error(`model endpoint answered ${res.statusCode}: ${body.error?.message ?? ''}`), { status: 502 });
  return { userId: input.userId, answer: body.choices?.[0]?.message?.content ?? '', features, timings: { featuresMs: t1 - t0, modelMs: performance.now() - t1 } };
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
