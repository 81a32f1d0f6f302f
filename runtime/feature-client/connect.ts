import { Redis } from 'ioredis';
import { ErrorCodes, FeatcRuntimeError } from '../redis-sink/errors.js';

/**
 * Opens a Redis connection that fails fast (one attempt, `timeoutMs`) with a coded error instead
 * of retrying forever: for command-line reads such as `featc get`. `from` (e.g. `FEATC_REDIS_URL`)
 * says in the error where the URL came from.
 */
export async function connectRedisOnce(url: string, timeoutMs = 2000, from?: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true, connectTimeout: timeoutMs, commandTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null,
  });
  let cause: Error | undefined;
  redis.on('error', (err: Error) => { cause ??= err; }); // the socket's reason; connect() only says the connection closed
  try {
    await redis.connect();
    return redis;
  } catch (err) {
    redis.disconnect();
    const reason = (cause ?? (err as Error)).message;
    throw new FeatcRuntimeError(ErrorCodes.redisUnavailable, `cannot reach Redis: ${reason}`, {
      where: from === undefined ? redactedUrl(url) : `${redactedUrl(url)} (from ${from})`, hint: 'start Redis (`featc local up`), or pass --redis <url> / set FEATC_REDIS_URL (`eval "$(featc local env)"`)', exitCode: 2, cause: err,
    });
  }
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}
