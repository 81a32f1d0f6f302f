// Benchmarks of the inference gateway against the test model server, with a real Redis.
// Run: node bin/run-ts.js bench/run-inference-gateway.ts [--full]
import { Agent, request } from 'undici';
import { startGateway, type Gateway, type GatewayConfigInput } from '../runtime/inference-gateway/index.js';
import { startTestRedis, type TestRedis } from '../tests/support/redis-server.js';
import { spawnModelServer, type ModelServerProcess } from './model-server-process.js';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  ratio?: number;
}

const round = (v: number, digits = 2) => Number(v.toFixed(digits));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function result(name: string, value: number, unit: string, baseline?: { name: string; value: number }): BenchResult {
  const r: BenchResult = { name, value: round(value), unit };
  if (baseline) {
    r.baseline = { name: baseline.name, value: round(baseline.value) };
    r.ratio = round(value / baseline.value, 3);
  }
  return r;
}

async function post(agent: Agent, url: string, body: unknown): Promise<void> {
  const res = await request(url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.body.text();
  if (res.statusCode !== 200) throw new Error(`${url} answered HTTP ${res.statusCode}`);
}

/** Sequential requests; latency in ms per request. */
async function latencies(agent: Agent, url: string, count: number, body: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await post(agent, url, body(i));
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

/** Closed loop: `concurrency` workers send until `durationMs` passes; returns completed requests per second. */
async function throughput(agent: Agent, url: string, concurrency: number, durationMs: number, body: (i: number) => unknown): Promise<number> {
  let next = 0;
  let done = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await post(agent, url, body(next++));
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

/** Fixed amount of work; returns wall-clock seconds. */
async function wallTime(agent: Agent, url: string, total: number, concurrency: number, body: (i: number) => unknown): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await post(agent, url, body(next++));
    }),
  );
  return (performance.now() - start) / 1000;
}

const chat = (text: string) => ({ model: 'featc-test-chat', messages: [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: text }] });

export async function benchInferenceGateway(opts: { quick: boolean }): Promise<BenchResult[]> {
  const run = `${Date.now().toString(36)}`;
  const n = opts.quick ? 300 : 2000;
  const durationMs = opts.quick ? 3000 : 10_000;
  const results: BenchResult[] = [];
  const redis: TestRedis = await startTestRedis();
  const models: ModelServerProcess[] = [];
  const gateways: Gateway[] = [];
  const agent = new Agent({ connections: 128, keepAliveTimeout: 10_000 });
  const gatewayWith = async (model: ModelServerProcess, extra: Partial<GatewayConfigInput>, upstream: Record<string, unknown> = {}) => {
    const gw = await startGateway({ port: 0, redis: { url: redis.url, keyPrefix: `${redis.keyPrefix}${gateways.length}:` }, upstreams: { primary: { url: model.baseUrl, ...upstream } }, ...extra });
    gateways.push(gw);
    return gw;
  };
  try {
    // 1. Added latency on a cache miss (Redis GET + upstream + Redis SET) vs calling the model directly.
    const model5 = await spawnModelServer({ latencyMs: 5 });
    models.push(model5);
    const gw1 = await gatewayWith(model5, {});
    for (let i = 0; i < 20; i++) await post(agent, `${gw1.url}/v1/chat/completions`, chat(`warm ${run} ${i}`));
    const direct = await latencies(agent, `${model5.baseUrl}/chat/completions`, n, (i) => chat(`direct ${run} ${i}`));
    const viaGateway = await latencies(agent, `${gw1.url}/v1/chat/completions`, n, (i) => chat(`miss ${run} ${i}`));
    for (const p of [50, 99]) {
      const d = percentile(direct, p);
      const g = percentile(viaGateway, p);
      results.push(result(`gateway miss latency p${p} (upstream 5 ms)`, g, 'ms', { name: `direct p${p}`, value: d }));
      results.push(result(`gateway added latency p${p}`, g - d, 'ms'));
    }
    const hits = await latencies(agent, `${gw1.url}/v1/chat/completions`, n, (i) => chat(`miss ${run} ${i}`));
    results.push(result('gateway cache-hit latency p50', percentile(hits, 50), 'ms', { name: 'direct p50 (upstream 5 ms)', value: percentile(direct, 50) }));

    // 2. Throughput bounded by the upstream concurrency limit: Little's law says limit / latency.
    const latencyMs = 20;
    const limit = 16;
    const model20 = await spawnModelServer({ latencyMs });
    models.push(model20);
    const gw2 = await gatewayWith(model20, {}, { maxConcurrency: limit });
    const upstreamP50 = percentile(await latencies(agent, `${model20.baseUrl}/chat/completions`, 50, (i) => chat(`probe ${run} ${i}`)), 50);
    const missRps = await throughput(agent, `${gw2.url}/v1/chat/completions`, limit * 4, durationMs, (i) => chat(`tp ${run} ${i}`));
    results.push(result(`miss throughput, upstream ${latencyMs} ms, limit ${limit}`, missRps, 'req/s', { name: `Little's law ${limit} / ${round(upstreamP50)} ms measured`, value: limit / (upstreamP50 / 1000) }));

    // 3. Cache-hit throughput: replaying known inputs never reaches the upstream.
    const keys = 200;
    for (let i = 0; i < keys; i++) await post(agent, `${gw2.url}/v1/chat/completions`, chat(`hot ${run} ${i}`));
    const before = (await model20.stats()).calls;
    const hitRps = await throughput(agent, `${gw2.url}/v1/chat/completions`, 64, durationMs, (i) => chat(`hot ${run} ${i % keys}`));
    if ((await model20.stats()).calls !== before) throw new Error('cache-hit phase reached the upstream');
    results.push(result('cache-hit throughput (64 clients)', hitRps, 'req/s', { name: 'miss throughput', value: missRps }));

    // 4. Embedding micro-batching vs one upstream call per input, upstream limited to 8 concurrent calls.
    const modelEmb = await spawnModelServer({ latencyMs: 10, embeddingDim: 256 });
    models.push(modelEmb);
    const total = opts.quick ? 1024 : 4096;
    const embedding = (tag: string) => (i: number) => ({ model: 'featc-test-embedding', input: `${tag} ${run} document ${i}` });
    const unbatched = await gatewayWith(modelEmb, { embeddingBatch: { enabled: false } }, { maxConcurrency: 8 });
    const tUnbatched = await wallTime(agent, `${unbatched.url}/v1/embeddings`, total, 64, embedding('u'));
    const callsUnbatched = (await modelEmb.stats()).embeddingCalls;
    const batched = await gatewayWith(modelEmb, { embeddingBatch: { maxBatchSize: 64, maxWaitMs: 5 } }, { maxConcurrency: 8 });
    const tBatched = await wallTime(agent, `${batched.url}/v1/embeddings`, total, 64, embedding('b'));
    const callsBatched = (await modelEmb.stats()).embeddingCalls - callsUnbatched;
    results.push(result(`embedding throughput batched (${total} inputs, 64 clients)`, total / tBatched, 'inputs/s', { name: 'unbatched', value: total / tUnbatched }));
    results.push(result('embedding upstream calls batched', callsBatched, 'calls', { name: 'unbatched', value: callsUnbatched }));
    return results;
  } finally {
    for (const gw of gateways) await gw.close();
    for (const m of models) await m.stop();
    await agent.close();
    await redis.stop();
  }
}
