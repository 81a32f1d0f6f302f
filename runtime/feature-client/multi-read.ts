import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * HMGET of the same fields over many keys in one command: the reply is one array per key (a
 * missing field or key gives nils, as HMGET does). Read-only.
 */
export const MULTI_HMGET_SCRIPT = `local out = {}
for i, key in ipairs(KEYS) do out[i] = redis.call('HMGET', key, unpack(ARGV)) end
return out`;

const MULTI_HMGET_SHA = createHash('sha1').update(MULTI_HMGET_SCRIPT).digest('hex');

export type MultiGetMode = 'script' | 'pipeline';

/**
 * Reads `fields` of every hash in `keys`, in order, in one round trip.
 *
 * `script` (default) sends one EVALSHA: the client builds and parses one command instead of one
 * per key, which halves the serving process's CPU per entity (ioredis spends ~10–15 µs per
 * command) for ~2× the Redis time. `pipeline` sends one pipelined HMGET per key, for a Redis that
 * refuses scripts.
 */
export async function multiHmget(redis: Redis, keys: readonly string[], fields: readonly string[], mode: MultiGetMode): Promise<(string | null)[][]> {
  if (mode === 'pipeline') {
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.hmget(key, ...fields);
    const replies = (await pipeline.exec()) ?? [];
    return keys.map((_, i) => {
      const [err, reply] = replies[i] ?? [new Error('no reply'), null];
      if (err) throw err;
      return reply as (string | null)[];
    });
  }
  try {
    return (await redis.evalsha(MULTI_HMGET_SHA, keys.length, ...keys, ...fields)) as (string | null)[][];
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return (await redis.eval(MULTI_HMGET_SCRIPT, keys.length, ...keys, ...fields)) as (string | null)[][];
  }
}
