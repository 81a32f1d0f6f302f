import { Redis } from 'ioredis';
import { gateway, type AnyInferenceStep, type JobDef, type ModelOptions } from '../dsl/index.js';
import { stackPaths, stackStatus } from '../flink-deploy/local/index.js';
import { startGateway, type Gateway } from '../runtime/inference-gateway/index.js';
import { startModelServer, type ModelServer } from '../runtime/model-server/index.js';

/** The API key the test's steps send (the test model server accepts any; real keys never reach a test job). */
export const TEST_API_KEY = 'featc-test-key';

/**
 * The models of one test of a job with inference steps: the deterministic OpenAI-protocol test model
 * server (runtime/model-server: answers are a function of the input) behind the featc inference
 * gateway, both in this process on free loopback ports. The gateway caches answers in the stack's
 * Redis under a prefix of this test only; `close()` stops both and deletes those keys.
 */
export interface TestModels {
  readonly gatewayUrl: string;
  readonly model: ModelServer;
  readonly gateway: Gateway;
  /** Redis key prefix of the gateway's answer cache; null when no Redis is known (in-memory cache). */
  readonly cachePrefix: string | null;
  /** `${env:NAME}` values the job's statements need: each step's gateway variable → the test gateway, each API key variable → {@link TEST_API_KEY}. */
  env(job: JobDef): Record<string, string>;
  /** The endpoint of a step in the test's copy of the job: literal endpoints point at the test gateway too. */
  endpoint(step: AnyInferenceStep): ModelOptions['endpoint'];
  close(): Promise<void>;
}

let knownRedis: Promise<string | undefined> | undefined;

/** FEATC_REDIS_URL, else the local stack's Redis when it is up, else none. */
export function testRedisUrl(): Promise<string | undefined> {
  knownRedis ??= (async () => {
    if (process.env.FEATC_REDIS_URL) return process.env.FEATC_REDIS_URL;
    const redis = (await stackStatus(stackPaths()).catch(() => undefined))?.services.redis;
    return redis?.healthy ? redis.url : undefined;
  })();
  return knownRedis;
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    /* best effort: cleanup never fails a test */
  } finally {
    redis.disconnect();
  }
}

/** Starts the test model server and a gateway in front of it; `tag` makes the cache prefix unique to the test. */
export async function startTestModels(tag: string): Promise<TestModels> {
  const model = await startModelServer({ host: '127.0.0.1' });
  const redisUrl = await testRedisUrl();
  const cachePrefix = redisUrl ? `featc:test:${tag}:` : null;
  let gw: Gateway;
  try {
    gw = await startGateway({
      host: '127.0.0.1', port: 0, shutdownGraceMs: 1000,
      ...(redisUrl && cachePrefix ? { redis: { url: redisUrl, keyPrefix: cachePrefix } } : {}),
      upstreams: { testModel: { url: model.baseUrl, retry: { attempts: 1, baseDelayMs: 50 } } },
    });
  } catch (err) {
    await model.close();
    throw err;
  }
  const gatewayUrl = gw.url;
  return {
    gatewayUrl, model, gateway: gw, cachePrefix,
    env: (job) => Object.fromEntries((job.steps ?? []).flatMap((st) => {
      const e = st.model.endpoint;
      const base = typeof e === 'object' && typeof e.base === 'object' ? [[e.base.env, gatewayUrl] as const] : [];
      return [...base, [st.model.apiKey.env, TEST_API_KEY] as const];
    })),
    endpoint: (step) => {
      const e = step.model.endpoint;
      // `gateway(env('X'))` keeps its placeholder (X is set to the test gateway); a literal URL would reach a real model.
      return typeof e === 'object' && typeof e.base === 'object' ? e : gateway(gatewayUrl);
    },
    close: async () => {
      await gw.close().catch(() => undefined);
      await model.close().catch(() => undefined);
      if (redisUrl && cachePrefix) await deleteKeys(redisUrl, cachePrefix);
    },
  };
}
