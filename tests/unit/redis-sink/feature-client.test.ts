import { Redis } from 'ioredis';
import { createFeatureClient } from '../../../runtime/feature-client/index.js';
import type { RedisOutputSpec } from '../../../runtime/redis-sink/spec.js';
import { startRedisProcess, type RedisProcess } from '../../support/redis-process.js';

const NOW = 1_700_000_000_000;
const views: RedisOutputSpec[] = [
  {
    kind: 'redis', view: 'user_stats', topic: 'features.user_stats', entityKey: ['userId'],
    features: [
      { name: 'clicks', type: 'bigint', default: 0 },
      { name: 'ctr', type: 'double', ttlSeconds: 60 },
      { name: 'premium', type: 'boolean' },
      { name: 'last_seen', type: 'timestamp' },
      { name: 'geo', type: { row: { city: 'string', visits: { array: 'int' } } } },
    ],
  },
  {
    kind: 'redis', view: 'pair', topic: 'features.pair', entityKey: ['userId', 'itemId'],
    features: [{ name: 'co_views', type: 'int' }],
  },
];

let server: RedisProcess;
let redis: Redis;
beforeAll(async () => {
  server = await startRedisProcess();
  redis = new Redis(server.url);
  // Written by hand, following runtime/redis-sink/README.md › Key layout.
  await redis.hset('featc:user_stats:u1', {
    __as_of_ms: String(NOW - 30_000), clicks: '42', ctr: '0.25', premium: 'true', last_seen: String(NOW - 31_000),
    geo: JSON.stringify({ city: 'Lyon', visits: [1, 2] }),
  });
  await redis.hset('featc:user_stats:u2', { __as_of_ms: String(NOW - 120_000), clicks: '7', ctr: '0.5' });
  await redis.hset('featc:pair:u1:a%3Ab', { __as_of_ms: String(NOW), co_views: '3' });
});
afterAll(async () => {
  await redis.quit();
  await server.stop();
});

describe('feature client', () => {
  const client = () => createFeatureClient({ redis, views, now: () => NOW });

  it('reads typed values with their as-of time', async () => {
    const row = await client().get('user_stats', 'u1');
    expect(row).toEqual({
      view: 'user_stats', entity: ['u1'], found: true, asOfMs: NOW - 30_000, windowStartMs: null,
      values: { clicks: 42, ctr: 0.25, premium: true, last_seen: new Date(NOW - 31_000), geo: { city: 'Lyon', visits: [1, 2] } },
      meta: {
        clicks: { asOfMs: NOW - 30_000, state: 'fresh' }, ctr: { asOfMs: NOW - 30_000, state: 'fresh' },
        premium: { asOfMs: NOW - 30_000, state: 'fresh' }, last_seen: { asOfMs: NOW - 30_000, state: 'fresh' },
        geo: { asOfMs: NOW - 30_000, state: 'fresh' },
      },
    });
  });

  it('serves defaults for expired fields and missing entities', async () => {
    const [u2, ghost] = await client().getMany('user_stats', ['u2', { userId: 'ghost' }]);
    expect(u2?.values).toEqual({ clicks: 7, ctr: null, premium: null, last_seen: null, geo: null });
    expect(u2?.meta.ctr).toEqual({ asOfMs: NOW - 120_000, state: 'expired' });
    expect(u2?.meta.premium).toEqual({ asOfMs: null, state: 'missing' });
    expect(ghost).toMatchObject({ found: false, asOfMs: null, values: { clicks: 0, ctr: null } });
  });

  it('keys multi-column entities in entityKey order, escaping ":"', async () => {
    const rows = await client().getMany('pair', [['u1', 'a:b'], { itemId: 'a:b', userId: 'u1' }, ['u9', 'x']]);
    expect(rows.map((r) => r.values.co_views)).toEqual([3, 3, null]);
  });

  it('rejects unknown views and malformed entities with coded errors', async () => {
    await expect(client().get('nope' as 'pair', 'u1')).rejects.toThrow(/unknown view "nope"/);
    await expect(client().get('pair', 'u1')).rejects.toMatchObject({ code: 'FEATC_E6004' });
    await expect(client().get('pair', { userId: 'u1' })).rejects.toThrow(/missing key column "itemId"/);
  });
});
