// The enrichment example end to end on the shared stack: feature records on real Kafka topics →
// the real Redis sink → Redis → examples/enrichment/server.ts (feature client typed from the DSL
// views) → the featc gateway process → the test model server process (OpenAI protocol).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { redisOutputsOfView } from '../../../compiler/index.js';
import { startFeatcProcess, type ChildService } from '../../../examples/demo/child-services.js';
import { startEnrichmentServer, type EnrichmentResponse } from '../../../examples/enrichment/server.js';
import { userClickRate, userCtr } from '../../../jobs/engagement.js';
import { serverHealth } from '../../../jobs/system-health.js';
import type { AnyFeatureView } from '../../../dsl/index.js';
import { inputHash } from '../../../runtime/model-server/deterministic-answers.js';
import type { ModelServerStats } from '../../../runtime/model-server/index.js';
import { startRedisSink, type RedisSinkHandle } from '../../../runtime/redis-sink/sink.js';
import type { RedisOutputSpec } from '../../../runtime/redis-sink/spec.js';
import { deleteTopics } from '../../support/kafka.js';
import { freePort } from '../../support/redis-process.js';
import { createTopic, kafkaBootstrap, TransactionalProducer } from '../redis-sink/helpers/kafka.js';
import { waitForOffsets } from '../redis-sink/helpers/scenario.js';

const run = `it${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const prefix = `featc_enrich_${run}`;
const MODEL = 'featc-test-chat';
const views = [userClickRate, userCtr, serverHealth] as const;
/** The compiled Redis outputs of the three views, on topics of this run only. */
const specs: RedisOutputSpec[] = views.map((v: AnyFeatureView) => {
  const [spec] = redisOutputsOfView(v);
  if (!spec) throw new Error(`${v.name} has no Redis output`);
  return { ...spec, topic: `featc-it-enrich-${v.name}-${run}` };
});
const topicOf = (view: string): string => specs.find((s) => s.view === view)?.topic ?? '';

const children: ChildService[] = [];
let sink: RedisSinkHandle | undefined;
let redis: Redis;
let modelUrl = '';
let gatewayUrl = '';
let logDir = '';

async function stats(): Promise<ModelServerStats> {
  return (await (await fetch(`${modelUrl}/stats`)).json()) as ModelServerStats;
}

async function enrich(url: string, body: Record<string, string>): Promise<EnrichmentResponse> {
  const res = await fetch(`${url}/enrich`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as EnrichmentResponse & { error?: string };
  if (res.status !== 200) throw new Error(`POST /enrich answered ${res.status}: ${json.error ?? ''}`);
  return json;
}

/** The messages the model must have received, written out independently of the server's code. */
function expectedMessages(prompt: string, featureLines: string[]): { role: string; content: string }[] {
  return [
    { role: 'system', content: `You are a helpful assistant. Live features for this request:\n${featureLines.join('\n')}` },
    { role: 'user', content: prompt },
  ];
}

/** True when exactly these messages reached the model server once (its /stats count calls per hash of model + messages). */
async function modelReceived(messages: unknown): Promise<number> {
  return (await stats()).byInput[inputHash(`${MODEL}\n${JSON.stringify(messages)}`)] ?? 0;
}

beforeAll(async () => {
  const redisUrl = process.env.FEATC_REDIS_URL ?? '';
  const kafka = kafkaBootstrap();
  redis = new Redis(redisUrl);
  logDir = mkdtempSync(join(tmpdir(), 'featc-it-enrich-'));

  // Feature records as Flink writes them (docs/CONTRACTS.md › Feature records), in Kafka transactions.
  const asOf = Date.now() - 30_000;
  for (const s of specs) await createTopic(kafka, s.topic, 1);
  const producer = new TransactionalProducer(kafka, `featc-it-enrich-${run}`);
  await producer.connect();
  const committed = new Map<string, Map<number, number>>();
  const send = async (view: string, records: Record<string, unknown>[]): Promise<void> => {
    const spec = specs.find((s) => s.view === view) as RedisOutputSpec;
    await producer.send(spec.topic, records.map((r) => ({
      key: JSON.stringify(Object.fromEntries(spec.entityKey.map((k) => [k, r[k]]))), value: JSON.stringify(r),
    })), true);
    committed.set(spec.topic, new Map(producer.committedOffsets));
    producer.committedOffsets.clear();
  };
  await send('userCtr', [
    { userId: 'u1', clicks_10m: 1, impressions_10m: 10, ctr_10m: 0.1, __as_of_ms: asOf - 60_000 }, // an older window, replaced
    { userId: 'u1', clicks_10m: 3, impressions_10m: 12, ctr_10m: 0.25, __as_of_ms: asOf },
  ]);
  await send('userClickRate', [{ userId: 'u1', click_rate_5m: 7, __as_of_ms: asOf }]);
  await send('serverHealth', [
    { server: 'model-a', queue_avg_1m: 2.5, queue_max_1m: 7, requests_1m: 40, errors_1m: 2, error_rate_1m: 0.05, __as_of_ms: asOf },
    { server: 'model-b', queue_avg_1m: 0.5, queue_max_1m: 1, requests_1m: 10, errors_1m: 0, error_rate_1m: 0, __as_of_ms: asOf },
  ]);
  await producer.disconnect();

  sink = await startRedisSink({ outputs: specs, kafka, redis: redisUrl, prefix, log: () => undefined });
  for (const [topic, offsets] of committed) await waitForOffsets(redis, prefix, topic, offsets, 60_000);

  const modelPort = await freePort();
  const gatewayPort = await freePort();
  children.push(await startFeatcProcess('model-server', ['model-server', '--port', String(modelPort), '--latency-ms', '5'], `http://127.0.0.1:${modelPort}/healthz`, logDir));
  modelUrl = `http://127.0.0.1:${modelPort}`;
  const gatewayConfig = join(logDir, 'gateway.json');
  writeFileSync(gatewayConfig, JSON.stringify({
    port: gatewayPort, redis: { url: redisUrl, keyPrefix: `${prefix}:gw:` }, upstreams: { default: { url: `${modelUrl}/v1` } },
  }));
  children.push(await startFeatcProcess('gateway', ['gateway', '--config', gatewayConfig, '--redis', redisUrl], `http://127.0.0.1:${gatewayPort}/healthz`, logDir));
  gatewayUrl = `http://127.0.0.1:${gatewayPort}/v1`;
}, 180_000);

afterAll(async () => {
  for (const c of children.reverse()) await c.stop();
  await sink?.stop();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await deleteTopics(specs.map((s) => s.topic)).catch(() => undefined);
});

describe('enrichment example (real Kafka, sink, Redis, gateway and model server)', () => {
  it('puts the exact feature values of the user and of the request\'s model server into the prompt the model receives', async () => {
    const server = await startEnrichmentServer({ redis: process.env.FEATC_REDIS_URL ?? '', prefix, views: [...views], server: 'model-a', modelUrl: gatewayUrl, model: MODEL });
    try {
      const prompt = `Which documents should I read next? (${run} a)`;
      const res = await enrich(server.url, { userId: 'u1', prompt });
      const messages = expectedMessages(prompt, [
        'userClickRate (userId=u1): click_rate_5m=7',
        'userCtr (userId=u1): clicks_10m=3, impressions_10m=12, ctr_10m=0.25',
        'serverHealth (server=model-a): queue_avg_1m=2.5, queue_max_1m=7, requests_1m=40, errors_1m=2, error_rate_1m=0.05',
      ]);
      expect(res.messages).toEqual(messages);
      expect(await modelReceived(messages)).toBe(1);
      expect(res).toMatchObject({
        userId: 'u1', server: 'model-a', skipped: [],
        features: {
          userClickRate: { click_rate_5m: 7 },
          userCtr: { clicks_10m: 3, impressions_10m: 12, ctr_10m: 0.25 },
          serverHealth: { queue_avg_1m: 2.5, queue_max_1m: 7, requests_1m: 40, errors_1m: 2, error_rate_1m: 0.05 },
        },
      });
      // The test model answers `[model] answer <hash> to: <last user message>`.
      expect(res.answer).toContain(`to: ${prompt}`);

      // The server named in the request wins over the configured one.
      const promptB = `Which documents should I read next? (${run} b)`;
      const resB = await enrich(server.url, { userId: 'u1', prompt: promptB, server: 'model-b' });
      const messagesB = expectedMessages(promptB, [
        'userClickRate (userId=u1): click_rate_5m=7',
        'userCtr (userId=u1): clicks_10m=3, impressions_10m=12, ctr_10m=0.25',
        'serverHealth (server=model-b): queue_avg_1m=0.5, queue_max_1m=1, requests_1m=10, errors_1m=0, error_rate_1m=0',
      ]);
      expect(resB.messages).toEqual(messagesB);
      expect(await modelReceived(messagesB)).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('degrades to the declared defaults for a user and a server Redis knows nothing about', async () => {
    const server = await startEnrichmentServer({ redis: process.env.FEATC_REDIS_URL ?? '', prefix, views: [...views], server: 'model-a', modelUrl: gatewayUrl, model: MODEL });
    try {
      const prompt = `Hello? (${run} c)`;
      const res = await enrich(server.url, { userId: 'nobody', prompt, server: 'model-z' });
      const messages = expectedMessages(prompt, [
        'userClickRate (userId=nobody): click_rate_5m=0',
        'userCtr (userId=nobody): clicks_10m=0, impressions_10m=0, ctr_10m=0',
        // requests_1m and errors_1m declare default 0; the others have no default.
        'serverHealth (server=model-z): queue_avg_1m=null, queue_max_1m=null, requests_1m=0, errors_1m=0, error_rate_1m=null',
      ]);
      expect(res.messages).toEqual(messages);
      expect(await modelReceived(messages)).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('skips server-keyed views when neither the request nor the config names a server', async () => {
    const server = await startEnrichmentServer({ redis: process.env.FEATC_REDIS_URL ?? '', prefix, views: [...views], modelUrl: gatewayUrl, model: MODEL });
    try {
      const prompt = `Hi (${run} d)`;
      const res = await enrich(server.url, { userId: 'u1', prompt });
      expect(res).toMatchObject({ server: null, skipped: ['serverHealth'] });
      const messages = expectedMessages(prompt, [
        'userClickRate (userId=u1): click_rate_5m=7',
        'userCtr (userId=u1): clicks_10m=3, impressions_10m=12, ctr_10m=0.25',
      ]);
      expect(res.messages).toEqual(messages);
      expect(await modelReceived(messages)).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('wrote Redis as the sink does: one hash per entity, under the run\'s prefix', async () => {
    expect(await redis.hgetall(`${prefix}:serverHealth:model-a`)).toMatchObject({ requests_1m: '40', error_rate_1m: '0.05' });
    expect(await redis.hget(`${prefix}:userCtr:u1`, 'ctr_10m')).toBe('0.25');
    expect(await redis.exists(`${prefix}:serverHealth:u1`)).toBe(0); // never looked up by user
    expect(topicOf('serverHealth')).toContain(run);
  });
});
