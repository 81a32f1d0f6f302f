import { describe, expect, it } from '@jest/globals';
import { canonicalJson, chatCacheKey, embeddingCacheKey } from '../../../runtime/inference-gateway/cache-key.js';
import { CircuitBreaker } from '../../../runtime/inference-gateway/circuit-breaker.js';
import { ConcurrencyLimiter } from '../../../runtime/inference-gateway/concurrency-limiter.js';
import { Counter, Histogram, Registry } from '../../../runtime/inference-gateway/prometheus-registry.js';

const breakerCfg = { consecutiveFailures: 3, errorRate: 0.5, minRequests: 10, windowMs: 10_000, cooldownMs: 1000 };

describe('gateway building blocks', () => {
  it('canonical JSON sorts keys at every depth; keys ignore non-semantic fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    const base = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    expect(chatCacheKey({ ...base, user: 'u1', metadata: { a: 1 } })).toBe(chatCacheKey(base));
    expect(chatCacheKey({ ...base, seed: 1 })).not.toBe(chatCacheKey(base));
    expect(chatCacheKey(base)).toMatch(/^chat:[0-9a-f]{64}$/);
    expect(embeddingCacheKey('m', 'x', undefined)).not.toBe(embeddingCacheKey('m', 'x', 256));
  });

  it('breaker opens on consecutive failures, half-opens after cooldown with a single probe', () => {
    let now = 0;
    const states: string[] = [];
    const b = new CircuitBreaker(breakerCfg, (s) => states.push(s), () => now);
    b.onFailure();
    b.onFailure();
    b.onSuccess();
    b.onFailure();
    b.onFailure();
    expect(b.state).toBe('closed');
    b.onFailure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    expect(b.retryAfterMs()).toBe(1000);
    now = 1000;
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false); // only one probe
    b.onSuccess();
    expect(b.state).toBe('closed');
    expect(states).toEqual(['open', 'half_open', 'closed']);
  });

  it('breaker opens on error rate over the window', () => {
    let now = 0;
    const b = new CircuitBreaker({ ...breakerCfg, consecutiveFailures: 100 }, undefined, () => now);
    for (let i = 0; i < 10; i++) {
      now += 10;
      if (i % 2 === 1) b.onFailure();
      else b.onSuccess();
    }
    expect(b.state).toBe('open');
    const old = new CircuitBreaker({ ...breakerCfg, consecutiveFailures: 100 }, undefined, () => now);
    for (let i = 0; i < 5; i++) old.onFailure();
    now += 20_000; // the failures fall out of the window
    for (let i = 0; i < 10; i++) old.onSuccess();
    old.onFailure();
    expect(old.state).toBe('closed');
  });

  it('limiter bounds concurrency and keeps FIFO order', async () => {
    const limiter = new ConcurrencyLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          order.push(i);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(limiter.inFlight).toBe(0);
  });

  it('prometheus registry renders counters and cumulative histogram buckets', () => {
    const r = new Registry();
    const c = r.register(new Counter('x_total', 'x'));
    const h = r.register(new Histogram('lat_seconds', 'lat', [0.1, 1]));
    c.inc({ a: 'q"uote' }, 2);
    h.observe({}, 0.05);
    h.observe({}, 0.5);
    const text = r.render();
    expect(text).toContain('x_total{a="q\\"uote"} 2');
    expect(text).toContain('lat_seconds_bucket{le="0.1"} 1');
    expect(text).toContain('lat_seconds_bucket{le="1"} 2');
    expect(text).toContain('lat_seconds_bucket{le="+Inf"} 2');
    expect(text).toContain('lat_seconds_sum 0.55');
  });
});
