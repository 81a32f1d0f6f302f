import { Redis } from 'ioredis';
import { FeatureRecordDecoder } from '../../../runtime/redis-sink/record-decoder.js';
import { SinkRedisState, type PartitionBatch } from '../../../runtime/redis-sink/redis-state.js';
import type { RedisOutputSpec } from '../../../runtime/redis-sink/spec.js';
import { startRedisProcess, type RedisProcess } from '../../support/redis-process.js';

const spec: RedisOutputSpec = {
  kind: 'redis',
  view: 'user_stats',
  topic: 'features.user_stats',
  entityKey: ['userId'],
  features: [
    { name: 'clicks', type: 'bigint' },
    { name: 'last_page', type: 'string' },
  ],
};

let server: RedisProcess;
let redis: Redis;
beforeAll(async () => {
  server = await startRedisProcess();
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});
beforeEach(async () => { await redis.flushall(); });

const decoder = new FeatureRecordDecoder(spec, 't');
function batch(partition: number, records: [offset: number, value: unknown][], prevOffset = -1): PartitionBatch {
  return {
    topic: spec.topic,
    partition,
    prevOffset,
    features: decoder.features,
    records: records.map(([offset, value]) => decoder.decode({ offset, value: Buffer.from(JSON.stringify(value)) })),
  };
}
const rec = (userId: string, clicks: number | null, asOf: number, page: string | null = 'home') =>
  ({ userId, clicks, last_page: page, __as_of_ms: asOf });

describe('APPLY script', () => {
  it('writes values and the offset, and skips records at or below the stored offset', async () => {
    const state = new SinkRedisState(redis, 't');
    const claim = await state.claim(spec.topic);
    expect(claim).toMatchObject({ created: true, epoch: 1 });
    const first = await state.apply(batch(0, [[0, rec('u1', 1, 100)], [1, rec('u2', 5, 100)]]));
    expect(first).toEqual({ status: 'ok', lastOffset: 1, applied: 2, duplicate: 0, stale: 0, bad: 0 });
    const again = await state.apply(batch(0, [[1, rec('u2', 999, 200)], [2, rec('u1', 2, 200)]], 0));
    expect(again).toEqual({ status: 'ok', lastOffset: 2, applied: 1, duplicate: 1, stale: 0, bad: 0 });
    expect(await redis.hgetall('t:user_stats:u1')).toEqual({ clicks: '2', last_page: 'home', __as_of_ms: '200' });
    expect(await redis.hgetall('t:user_stats:u2')).toEqual({ clicks: '5', last_page: 'home', __as_of_ms: '100' });
    expect(await redis.hget('t:__sink:topic:features.user_stats', 'offset:0')).toBe('2');
  });

  it('never regresses a value with an older as-of, and a null deletes the field', async () => {
    const state = new SinkRedisState(redis, 't');
    await state.claim(spec.topic);
    const out = await state.apply(batch(3, [[10, rec('u1', 7, 500)], [11, rec('u1', 3, 400)], [12, rec('u1', null, 500, null)]]));
    expect(out).toMatchObject({ applied: 2, stale: 1 });
    expect(await redis.hgetall('t:user_stats:u1')).toEqual({ __as_of_ms: '500' });
    expect(await redis.ttl('t:user_stats:u1')).toBe(-1);
  });

  it('refuses a zombie whose epoch was superseded, and a batch from a lost generation', async () => {
    const zombie = new SinkRedisState(redis, 't');
    await zombie.claim(spec.topic);
    const fresh = new SinkRedisState(redis, 't');
    expect(await fresh.claim(spec.topic)).toMatchObject({ created: false, epoch: 2 });
    expect(await zombie.apply(batch(0, [[0, rec('u1', 1, 1)]]))).toEqual({ status: 'fenced', currentEpoch: '2' });
    expect(await redis.exists('t:user_stats:u1')).toBe(0);
    await redis.flushall();
    expect(await fresh.apply(batch(0, [[5, rec('u1', 1, 1)]]))).toEqual({ status: 'generation-lost' });
    const rebuilt = await fresh.claim(spec.topic);
    expect(rebuilt).toMatchObject({ created: true, epoch: 1 });
    expect(rebuilt.offsets.size).toBe(0);
  });

  it('keeps undecodable records in the dead-letter list, exactly once', async () => {
    const state = new SinkRedisState(redis, 't');
    await state.claim(spec.topic);
    const bad = batch(0, [[0, { userId: 'u1', clicks: 'many', __as_of_ms: 1 }], [1, rec('u1', 1, 1)]]);
    expect(await state.apply(bad)).toMatchObject({ applied: 1, bad: 1 });
    expect(await state.apply(bad)).toMatchObject({ applied: 0, bad: 0, duplicate: 2 });
    const dead = await redis.lrange('t:__sink:dead:features.user_stats', 0, -1);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatch(/^0 clicks: expected "bigint", got "many"/);
  });

  it('refuses a batch that would leave a gap after a failed earlier batch', async () => {
    const state = new SinkRedisState(redis, 't');
    await state.claim(spec.topic);
    expect(await state.apply(batch(0, [[7, rec('u1', 1, 1)]], 4))).toEqual({ status: 'gap', storedOffset: -1 });
    expect(await redis.exists('t:user_stats:u1')).toBe(0);
  });

  it('aborts before writing anything when a key has the wrong type', async () => {
    const state = new SinkRedisState(redis, 't');
    await state.claim(spec.topic);
    await redis.set('t:user_stats:u2', 'not a hash');
    await expect(state.apply(batch(0, [[0, rec('u1', 1, 1)], [1, rec('u2', 1, 1)]]))).rejects.toThrow(/WRONGTYPE/);
    expect(await redis.exists('t:user_stats:u1')).toBe(0);
    expect(await redis.hget('t:__sink:topic:features.user_stats', 'offset:0')).toBeNull();
  });

  it('expires the key at as-of + the longest TTL when every feature has one', async () => {
    const ttlSpec: RedisOutputSpec = { ...spec, features: spec.features.map((f, i) => ({ ...f, ttlSeconds: 60 * (i + 1) })) };
    const ttlDecoder = new FeatureRecordDecoder(ttlSpec, 't');
    const state = new SinkRedisState(redis, 't');
    await state.claim(spec.topic);
    const asOf = Date.now();
    await state.apply({ topic: spec.topic, partition: 0, prevOffset: -1, features: ttlDecoder.features, records: [ttlDecoder.decode({ offset: 0, value: Buffer.from(JSON.stringify(rec('u1', 1, asOf))) })] });
    expect(await redis.pexpiretime('t:user_stats:u1')).toBe(asOf + 120_000);
  });
});
