import { afterEach, describe, expect, it } from '@jest/globals';
import { startGateway } from '../../../runtime/inference-gateway/index.js';
import { startModelServer } from '../../../runtime/model-server/index.js';
import { chatBody, http, metricValue } from '../../support/http-client.js';
import { startGatewayFixture, type GatewayFixture } from '../../support/gateway-fixture.js';

describe('upstream timeouts and retries', () => {
  let fx: GatewayFixture | undefined;
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await fx?.stop();
    fx = undefined;
    for (const stop of cleanup.reverse()) await stop();
    cleanup.length = 0;
  });

  it('answers 504 FEATC_E5031 when the upstream is slower than timeoutMs, and caches nothing', async () => {
    fx = await startGatewayFixture({ model: { latencyMs: 300 }, primary: { timeoutMs: 100 } });
    const started = Date.now();
    const reply = await http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('slow'));
    expect(reply.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(280);
    expect((reply.json as { error: { code: string } }).error.code).toBe('FEATC_E5031');
    fx.model.setLatency(0);
    expect((await http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('slow'))).headers['x-featc-cache']).toBe('miss');
    const metrics = (await http('GET', `${fx.gateway.url}/metrics`)).text;
    expect(metricValue(metrics, 'featc_gateway_upstream_errors_total{reason="timeout",upstream="primary"}')).toBe(1);
  });

  it('retries 5xx and connection resets with backoff, then succeeds', async () => {
    fx = await startGatewayFixture({ primary: { retry: { attempts: 3, baseDelayMs: 10 } } });
    fx.model.failNext(1, 500);
    fx.model.failNext(1, 'reset');
    fx.model.failNext(1, 503);
    const reply = await http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('flaky'));
    expect(reply.status).toBe(200);
    expect(fx.model.calls()).toBe(4);
    const metrics = (await http('GET', `${fx.gateway.url}/metrics`)).text;
    expect(metricValue(metrics, 'featc_gateway_upstream_retries_total{upstream="primary"}')).toBe(3);
  });

  it('does not retry 4xx or 429; passes them through with their status', async () => {
    fx = await startGatewayFixture({ primary: { retry: { attempts: 3, baseDelayMs: 10 } } });
    fx.model.failNext(1, 429);
    const limited = await http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('r'));
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    fx.model.failNext(1, 400);
    expect((await http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('r'))).status).toBe(400);
    expect(fx.model.calls()).toBe(2);
  });

  it('answers 502 with a readable message when the upstream cannot be reached', async () => {
    const model = await startModelServer();
    const deadUrl = model.baseUrl;
    await model.close();
    const gateway = await startGateway({ port: 0, upstreams: { primary: { url: deadUrl, retry: { attempts: 1, baseDelayMs: 5 } } } });
    cleanup.push(() => gateway.close());
    const reply = await http('POST', `${gateway.url}/v1/chat/completions`, chatBody('x'));
    expect(reply.status).toBe(502);
    expect((reply.json as { error: { code: string; message: string } }).error).toMatchObject({ code: 'FEATC_E5030', message: expect.stringContaining('cannot reach upstream "primary"') });
  });
});
