import { randomUUID } from 'node:crypto';
import { startRedisProcess } from './redis-process.js';

export interface TestRedis {
  url: string;
  /** A prefix unique to this test run, so tests sharing an external Redis do not collide. */
  keyPrefix: string;
  stop(): Promise<void>;
}

/**
 * A real Redis for tests and benchmarks: `FEATC_REDIS_URL` when set (never stopped, keys isolated
 * by `keyPrefix`), otherwise a throwaway `redis-server` child on a free loopback port, stopped by pid.
 */
export async function startTestRedis({ own = false }: { own?: boolean } = {}): Promise<TestRedis> {
  const keyPrefix = `featc-test:${randomUUID()}:`;
  const external = process.env.FEATC_REDIS_URL;
  if (external && !own) return { url: external, keyPrefix, stop: async () => undefined };
  const child = await startRedisProcess();
  return { url: child.url, keyPrefix, stop: () => child.stop() };
}
