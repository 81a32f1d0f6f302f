import { afterEach, describe, expect, it } from '@jest/globals';
import { chatBody, http, metricValue } from '../../support/http-client.js';
import { startGatewayFixture, type GatewayFixture } from '../../support/gateway-fixture.js';

describe('gateway response cache (Redis) and coalescing', () => {
  let fx: GatewayFixture;
  afterEach(async () => fx.stop());

  it('serves a replayed request from Redis with the identical body, across a gateway restart', async () => {
    fx = await startGatewayFixture();
    const body = chatBody('is this toxic?', { response_format: { type: 'json_object' }, temperature: 0 });
    const first = await http('POST', `${fx.gateway.url}/v1/chat/completions`, body);
    expect(first.status).toBe(200);
    expect(first.headers['x-featc-cache']).toBe('miss');
    const second = await http('POST', `${fx.gateway.url}/v1/chat/completions`, body);
    expect(second.headers['x-featc-cache']).toBe('hit');
    expect(second.text).toBe(first.text);
    await fx.restartGateway();
    // Same content, keys in another order: the canonical key must match.
    const reordered = { temperature: 0, response_format: { type: 'json_object' }, messages: body.messages, model: body.model };
    const afterRestart = await http('POST', `${fx.gateway.url}/v1/chat/completions`, reordered);
    expect(afterRestart.headers['x-featc-cache']).toBe('hit');
    expect(afterRestart.text).toBe(first.text);
    expect(fx.model.calls()).toBe(1);
  });

  it('treats answer-changing parameters as part of the key, and ignores `user`', async () => {
    fx = await startGatewayFixture();
    const url = `${fx.gateway.url}/v1/chat/completions`;
    await http('POST', url, chatBody('q', { temperature: 0 }));
    await http('POST', url, chatBody('q', { temperature: 0, user: 'someone' }));
    expect(fx.model.calls()).toBe(1);
    await http('POST', url, chatBody('q', { temperature: 0.7 }));
    await http('POST', url, chatBody('q', { temperature: 0, model: 'other-model' }));
    expect(fx.model.calls()).toBe(3);
  });

  it('expires entries after cache.ttlSeconds', async () => {
    fx = await startGatewayFixture({ gateway: { cache: { ttlSeconds: 1 } } });
    const url = `${fx.gateway.url}/v1/chat/completions`;
    await http('POST', url, chatBody('short-lived'));
    await http('POST', url, chatBody('short-lived'));
    expect(fx.model.calls()).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await http('POST', url, chatBody('short-lived'))).headers['x-featc-cache']).toBe('miss');
    expect(fx.model.calls()).toBe(2);
  });

  it('coalesces 20 concurrent identical requests into one upstream call', async () => {
    fx = await startGatewayFixture({ model: { latencyMs: 100 } });
    const replies = await Promise.all(Array.from({ length: 20 }, () => http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('same question'))));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(new Set(replies.map((r) => r.text)).size).toBe(1);
    expect(fx.model.calls()).toBe(1);
    const outcomes = replies.map((r) => r.headers['x-featc-cache']);
    expect(outcomes.filter((o) => o === 'miss')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'coalesced')).toHaveLength(19);
    const metrics = (await http('GET', `${fx.gateway.url}/metrics`)).text;
    expect(metricValue(metrics, 'featc_gateway_coalesced_total{endpoint="chat"}')).toBe(19);
    expect(metrics).toMatch(/featc_gateway_request_duration_seconds_count\{endpoint="chat",outcome="coalesced"\} 19/);
  });

  it('rejects streaming and malformed requests with coded 400s', async () => {
    fx = await startGatewayFixture();
    const streamed = await http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('s', { stream: true }));
    expect(streamed.status).toBe(400);
    expect((streamed.json as { error: { code: string } }).error.code).toBe('FEATC_E5012');
    const bad = await http('POST', `${fx.gateway.url}/v1/chat/completions`, { model: 'm', messages: 'nope' });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { code: string; message: string } }).error).toMatchObject({ code: 'FEATC_E5010', message: expect.stringContaining('messages') });
    expect(fx.model.calls()).toBe(0);
  });
});
