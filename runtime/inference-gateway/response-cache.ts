import { Redis } from 'ioredis';

/** Where answers live; Redis in production so they survive gateway restarts and are shared. */
export interface ResponseCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

export class RedisResponseCache implements ResponseCache {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly keyPrefix: string,
    private readonly ttlSeconds: number | undefined,
  ) {
    // Fail fast per command instead of queueing forever while Redis is away.
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5000 });
    this.redis.on('error', () => undefined); // surfaced through failed commands
  }

  async connect(): Promise<void> {
    await this.redis.connect();
    await this.redis.ping();
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.keyPrefix + key)) ?? undefined;
  }

  async set(key: string, value: string): Promise<void> {
    if (this.ttlSeconds !== undefined) await this.redis.set(this.keyPrefix + key, value, 'EX', this.ttlSeconds);
    else await this.redis.set(this.keyPrefix + key, value);
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}

/** Process-local cache for running without Redis (answers are lost on restart). */
export class MemoryResponseCache implements ResponseCache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(
    private readonly ttlSeconds: number | undefined,
    private readonly maxEntries = 100_000,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: string): Promise<void> {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const expiresAt = this.ttlSeconds === undefined ? Number.POSITIVE_INFINITY : Date.now() + this.ttlSeconds * 1000;
    this.entries.set(key, { value, expiresAt });
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
