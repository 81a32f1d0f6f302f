import { afterEach, describe, expect, it } from '@jest/globals';
import { chatBody, embeddingBody, http, metricValue } from '../../support/http-client.js';
import { startGatewayFixture, type GatewayFixture } from '../../support/gateway-fixture.js';

describe('metrics, health and shutdown', () => {
  let fx: GatewayFixture;
  afterEach(async () => fx.stop());

  it('exposes Prometheus text with real numbers', async () => {
    fx = await startGatewayFixture({ model: { latencyMs: 5 } });
    const url = `${fx.gateway.url}/v1/chat/completions`;
    await http('POST', url, chatBody('one'), { 'x-featc-step': 'summaries' });
    await http('POST', url, chatBody('one'), { 'x-featc-step': 'summaries' });
    await http('POST', url, chatBody('two'), { 'x-featc-step': 'summaries' });
    await http('POST', `${fx.gateway.url}/v1/embeddings`, embeddingBody('e'));
    const reply = await http('GET', `${fx.gateway.url}/metrics`);
    expect(reply.headers['content-type']).toContain('text/plain');
    const text = reply.text;
    expect(text).toContain('# TYPE featc_gateway_request_duration_seconds histogram');
    expect(metricValue(text, 'featc_gateway_cache_hits_total{endpoint="chat"}')).toBe(1);
    expect(metricValue(text, 'featc_gateway_cache_misses_total{endpoint="chat"}')).toBe(2);
    expect(metricValue(text, 'featc_gateway_cache_misses_total{endpoint="embeddings"}')).toBe(1);
    expect(metricValue(text, 'featc_gateway_upstream_requests_total{status="200",upstream="primary"}')).toBe(3);
    expect(metricValue(text, 'featc_gateway_request_duration_seconds_count{endpoint="chat",outcome="miss"}')).toBe(2);
    const missSum = metricValue(text, 'featc_gateway_request_duration_seconds_sum{endpoint="chat",outcome="miss"}') ?? 0;
    expect(missSum).toBeGreaterThan(0.009); // two calls of >= 5 ms upstream latency
    expect(metricValue(text, 'featc_gateway_request_duration_seconds_bucket{endpoint="chat",outcome="miss",le="+Inf"}')).toBe(2);
    const prompt = metricValue(text, 'featc_gateway_tokens_total{kind="prompt",step="summaries"}') ?? 0;
    const completion = metricValue(text, 'featc_gateway_tokens_total{kind="completion",step="summaries"}') ?? 0;
    expect(prompt).toBeGreaterThan(0);
    expect(completion).toBeGreaterThan(0);
    expect(metricValue(text, 'featc_gateway_breaker_state{upstream="primary"}')).toBe(0);
    expect(metricValue(text, 'featc_gateway_upstream_in_flight{upstream="primary"}')).toBe(0);
    const health = await http('GET', `${fx.gateway.url}/healthz`);
    expect(health.json).toEqual({ status: 'ok', cache: 'redis', breakers: { primary: 'closed' } });
  });

  it('finishes in-flight requests on close, then refuses new connections', async () => {
    fx = await startGatewayFixture({ model: { latencyMs: 200 } });
    const inFlight = http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('during shutdown'));
    await new Promise((r) => setTimeout(r, 50));
    const closing = fx.gateway.close();
    const reply = await inFlight;
    await closing;
    expect(reply.status).toBe(200);
    await expect(http('GET', `${fx.gateway.url}/healthz`)).rejects.toThrow();
    // The answer was stored before shutdown: a new gateway serves it from Redis.
    await fx.restartGateway();
    expect((await http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('during shutdown'))).headers['x-featc-cache']).toBe('hit');
  });

  it('answers 503 FEATC_E5040 while Redis is away (cache.onError reject), and recovers without a restart', async () => {
    fx = await startGatewayFixture({ ownRedis: true }); // a Redis of its own to stop, whatever FEATC_REDIS_URL says
    await fx.redis.stop();
    const reply = await http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('no redis'));
    expect(reply.status).toBe(503);
    expect((reply.json as { error: { code: string } }).error.code).toBe('FEATC_E5040');
    expect(fx.model.calls()).toBe(0);
    fx.redis = { ...fx.redis, stop: async () => undefined };
  });
});
