import { Redis } from 'ioredis';
import { compileJob, redisOutputsOfView } from '../../../compiler/index.js';
import engagementJob, { userClickRate, userCtr } from '../../../jobs/engagement.js';
import { tokenUsage } from '../../../jobs/token-usage.js';
import { createFeatureClient } from '../../../api/client.js';
import { startRedisProcess, type RedisProcess } from '../../support/redis-process.js';

const NOW = 1_700_000_000_000;
let server: RedisProcess;
let redis: Redis;
beforeAll(async () => {
  server = await startRedisProcess();
  redis = new Redis(server.url);
  // As the sink writes them (runtime/redis-sink/README.md › Key layout).
  await redis.hset('featc:userCtr:u1', { __as_of_ms: String(NOW - 60_000), clicks_10m: '3', impressions_10m: '12', ctr_10m: '0.25' });
  await redis.hset('featc:userCtr:u2', { __as_of_ms: String(NOW - 31 * 60_000), clicks_10m: '9', impressions_10m: '10', ctr_10m: '0.9' });
  await redis.hset('featc:userClickRate:u1', { __as_of_ms: String(NOW - 60_000), click_rate_5m: '7' });
});
afterAll(async () => {
  await redis.quit();
  await server.stop();
});

describe('feature client typed from DSL views', () => {
  it('lowers a view to the same Redis output spec job-graph.json lists', () => {
    const compiled = compileJob(engagementJob).graph.outputs;
    expect(redisOutputsOfView(userCtr)).toEqual(compiled.filter((o) => o.view === 'userCtr'));
    expect(redisOutputsOfView(userClickRate)).toEqual(compiled.filter((o) => o.view === 'userClickRate'));
    expect(redisOutputsOfView(userCtr)[0]).toMatchObject({
      entityKey: ['userId'], topic: 'featc.features.userCtr',
      features: [
        { name: 'clicks_10m', type: 'bigint', ttlSeconds: 1800, default: 0 },
        { name: 'impressions_10m', type: 'bigint', ttlSeconds: 1800, default: 0 },
        { name: 'ctr_10m', type: 'double', ttlSeconds: 1800, default: 0 },
      ],
    });
  });

  it('reads values, TTLs and defaults derived from the view objects', async () => {
    const client = createFeatureClient({ redis, views: [userCtr, userClickRate], now: () => NOW });
    const u1 = await client.get('userCtr', 'u1');
    expect(u1.values).toEqual({ clicks_10m: 3, impressions_10m: 12, ctr_10m: 0.25 });
    expect(u1.meta.ctr_10m).toEqual({ asOfMs: NOW - 60_000, state: 'fresh' });
    // 31 minutes old: past the view's redis({ ttl: minutes(30) }) → the declared defaults.
    const [u2, ghost] = await client.getMany('userCtr', ['u2', { userId: 'ghost' }]);
    expect(u2?.values).toEqual({ clicks_10m: 0, impressions_10m: 0, ctr_10m: 0 });
    expect(u2?.meta.ctr_10m.state).toBe('expired');
    expect(ghost).toMatchObject({ found: false, values: { clicks_10m: 0, impressions_10m: 0, ctr_10m: 0 } });
    expect((await client.get('userClickRate', 'u1')).values).toEqual({ click_rate_5m: 7 });
    await client.close();
  });

  it('getMany reads the same rows with one script call as with one pipelined HMGET per entity', async () => {
    const entities = ['u1', 'u2', 'ghost', { userId: 'u1' }, 'a:b%c'];
    await redis.hset('featc:userCtr:a%3Ab%25c', { __as_of_ms: String(NOW), clicks_10m: '1' }); // a partial record: missing fields
    const script = createFeatureClient({ redis, views: [userCtr], now: () => NOW });
    const pipeline = createFeatureClient({ redis, views: [userCtr], now: () => NOW, multiGet: 'pipeline' });
    await redis.config('RESETSTAT');
    const viaScript = await script.getMany('userCtr', entities);
    const stats = await redis.info('commandstats');
    expect(stats).toMatch(/cmdstat_evalsha:calls=1,/); // one command for five entities (its HMGETs run inside Redis)
    expect(await pipeline.getMany('userCtr', entities)).toEqual(viaScript);
    expect(viaScript.map((r) => r.values)).toEqual([
      { clicks_10m: 3, impressions_10m: 12, ctr_10m: 0.25 },
      { clicks_10m: 0, impressions_10m: 0, ctr_10m: 0 },
      { clicks_10m: 0, impressions_10m: 0, ctr_10m: 0 },
      { clicks_10m: 3, impressions_10m: 12, ctr_10m: 0.25 },
      { clicks_10m: 1, impressions_10m: 0, ctr_10m: 0 },
    ]);
    expect(viaScript[4]?.meta.impressions_10m).toEqual({ asOfMs: null, state: 'missing' });
    // After SCRIPT FLUSH the client falls back to EVAL (which reloads the script).
    await redis.script('FLUSH');
    expect(await script.getMany('userCtr', entities)).toEqual(viaScript);
  });

  it('honours the key prefix', async () => {
    await redis.hset('other:userClickRate:u9', { __as_of_ms: String(NOW), click_rate_5m: '4' });
    const client = createFeatureClient({ redis, views: [userClickRate], prefix: 'other', now: () => NOW });
    expect((await client.get('userClickRate', 'u9')).values.click_rate_5m).toBe(4);
  });

  it('refuses a view without a Redis output, and hints at a misspelt view', async () => {
    expect(() => createFeatureClient({ redis, views: [tokenUsage] })).toThrow(expect.objectContaining({
      code: 'FEATC_E6005', message: expect.stringContaining('view "tokenUsage" has no Redis output'),
    }));
    const client = createFeatureClient<Record<string, Record<string, unknown>>>({ redis, views: [userCtr, userClickRate] });
    await expect(client.get('userCTR', 'u1')).rejects.toMatchObject({ code: 'FEATC_E6003', hint: expect.stringContaining('did you mean "userCtr"?') });
  });
});
