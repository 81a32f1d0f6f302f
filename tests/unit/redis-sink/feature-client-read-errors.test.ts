import { Redis } from 'ioredis';
import { createFeatureClient } from '../../../runtime/feature-client/index.js';
import type { RedisOutputSpec } from '../../../runtime/redis-sink/spec.js';
import { startRedisProcess, type RedisProcess } from '../../support/redis-process.js';

const views: RedisOutputSpec[] = [{
  kind: 'redis', view: 'user_stats', topic: 'features.user_stats', entityKey: ['userId'], features: [{ name: 'clicks', type: 'bigint', default: 0 }],
}];

let server: RedisProcess;
let redis: Redis;
beforeAll(async () => {
  server = await startRedisProcess();
  redis = new Redis(server.url);
  // Something else wrote under the sink's prefix: a plain string where the view's hash belongs.
  await redis.set('featc:user_stats:u1', 'not a hash');
  await redis.hset('featc:user_stats:u2', { __as_of_ms: '1000', clicks: '5' });
});
afterAll(async () => {
  await redis.quit();
  await server.stop();
});

describe('feature client: a read Redis refuses', () => {
  it('FEATC_E6201 from get: names the view, Redis\'s reason and the Redis URL (infrastructure, exit 2)', async () => {
    const client = createFeatureClient({ redis: server.url, views });
    try {
      const err = await client.get('user_stats', 'u1').then(() => undefined, (e: unknown) => e);
      expect(err).toMatchObject({
        code: 'FEATC_E6201', message: 'reading view "user_stats" from Redis failed: WRONGTYPE Operation against a key holding the wrong kind of value',
        where: server.url, hint: 'check that Redis is up and the sink has run', kind: 'infra', exitCode: 2,
      });
      expect((err as Error).cause).toMatchObject({ name: 'ReplyError' });
      expect((await client.get('user_stats', 'u2')).values).toEqual({ clicks: 5 }); // the client still serves other keys
    } finally {
      await client.close();
    }
  });

  it('FEATC_E6201 from getMany (one round trip for all entities): the whole read fails, on a client the caller owns', async () => {
    const client = createFeatureClient({ redis, views });
    await expect(client.getMany('user_stats', ['u2', 'u1', 'u3'])).rejects.toMatchObject({
      code: 'FEATC_E6201', message: expect.stringMatching(/^reading view "user_stats" from Redis failed: .*WRONGTYPE/), where: 'redis',
    });
  });
});
