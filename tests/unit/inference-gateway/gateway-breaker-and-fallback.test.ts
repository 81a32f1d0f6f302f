import { afterEach, describe, expect, it } from '@jest/globals';
import { startGateway } from '../../../runtime/inference-gateway/index.js';
import { startModelServer, type ModelServer } from '../../../runtime/model-server/index.js';
import { chatBody, http, metricValue } from '../../support/http-client.js';
import { startTestRedis, type TestRedis } from '../../support/redis-server.js';

describe('circuit breaker and fallback', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of cleanup.reverse()) await stop();
    cleanup.length = 0;
  });

  /** The breakers' clock: tests move it past a cooldown instead of sleeping. */
  let clock = 0;

  async function setup(withFallback: boolean): Promise<{ primary: ModelServer; backup: ModelServer; url: string; redis: TestRedis }> {
    clock = Date.now();
    const redis = await startTestRedis();
    const primary = await startModelServer();
    const backup = await startModelServer();
    const gateway = await startGateway({
      port: 0,
      redis: { url: redis.url, keyPrefix: redis.keyPrefix },
      upstreams: {
        primary: { url: primary.baseUrl, retry: { attempts: 0 }, breaker: { consecutiveFailures: 3, cooldownMs: 300 } },
        backup: { url: backup.baseUrl, retry: { attempts: 0 } },
      },
      routes: [{ model: '*', upstream: 'primary', ...(withFallback ? { fallback: { upstream: 'backup', model: 'small-fallback-model' } } : {}) }],
    }, { now: () => clock });
    cleanup.push(() => redis.stop(), () => primary.close(), () => backup.close(), () => gateway.close());
    return { primary, backup, url: gateway.url, redis };
  }

  it('opens after consecutive failures; the fallback model answers meanwhile', async () => {
    const { primary, backup, url } = await setup(true);
    primary.setDown(true);
    for (let i = 0; i < 3; i++) {
      const reply = await http('POST', `${url}/v1/chat/completions`, chatBody(`q${i}`));
      expect(reply.status).toBe(200);
      expect(reply.headers['x-featc-cache']).toBe('fallback');
      expect((reply.json as { model: string }).model).toBe('small-fallback-model');
    }
    expect(primary.calls()).toBe(3);
    const health = (await http('GET', `${url}/healthz`)).json as { breakers: Record<string, string> };
    expect(health.breakers.primary).toBe('open');
    // While open, the primary is not called at all.
    expect((await http('POST', `${url}/v1/chat/completions`, chatBody('q3'))).status).toBe(200);
    expect(primary.calls()).toBe(3);
    expect(backup.calls()).toBe(4);
    const metrics = (await http('GET', `${url}/metrics`)).text;
    expect(metricValue(metrics, 'featc_gateway_breaker_state{upstream="primary"}')).toBe(2);
    expect(metricValue(metrics, 'featc_gateway_fallback_total{route="*",upstream="backup"}')).toBe(4);
    expect(metricValue(metrics, 'featc_gateway_upstream_errors_total{reason="http_5xx",upstream="primary"}')).toBe(3);
  });

  it('half-opens after the cooldown, re-opens on a failed probe, closes after recovery', async () => {
    const { primary, url } = await setup(false);
    primary.setDown(true);
    for (let i = 0; i < 3; i++) expect((await http('POST', `${url}/v1/chat/completions`, chatBody(`p${i}`))).status).toBe(502);
    const refused = await http('POST', `${url}/v1/chat/completions`, chatBody('p3'));
    expect(refused.status).toBe(503);
    expect((refused.json as { error: { code: string } }).error.code).toBe('FEATC_E5032');
    expect(refused.headers['retry-after']).toBe('1');
    expect(primary.calls()).toBe(3);

    clock += 299;
    expect(((await http('GET', `${url}/healthz`)).json as { breakers: Record<string, string> }).breakers.primary).toBe('open');
    clock += 1;
    expect(((await http('GET', `${url}/healthz`)).json as { breakers: Record<string, string> }).breakers.primary).toBe('half_open');
    expect((await http('POST', `${url}/v1/chat/completions`, chatBody('probe-1'))).status).toBe(502); // probe fails
    expect(((await http('GET', `${url}/healthz`)).json as { breakers: Record<string, string> }).breakers.primary).toBe('open');

    primary.setDown(false);
    clock += 299;
    expect(((await http('GET', `${url}/healthz`)).json as { breakers: Record<string, string> }).breakers.primary).toBe('open');
    clock += 1;
    expect((await http('POST', `${url}/v1/chat/completions`, chatBody('probe-2'))).status).toBe(200);
    expect(((await http('GET', `${url}/healthz`)).json as { breakers: Record<string, string> }).breakers.primary).toBe('closed');
    const all = await Promise.all(Array.from({ length: 5 }, (_, i) => http('POST', `${url}/v1/chat/completions`, chatBody(`after${i}`))));
    expect(all.every((r) => r.status === 200)).toBe(true);
  });
});
