import { afterEach, describe, expect, it } from '@jest/globals';
import { StepBudgets } from '../../../runtime/inference-gateway/step-budgets.js';
import { chatBody, http, metricValue } from '../../support/http-client.js';
import { startGatewayFixture, type GatewayFixture } from '../../support/gateway-fixture.js';

describe('per-step budgets', () => {
  let fx: GatewayFixture | undefined;
  afterEach(async () => {
    await fx?.stop();
    fx = undefined;
  });

  it('answers 429 with Retry-After once a step exceeds its requests/s, per step', async () => {
    fx = await startGatewayFixture({ gateway: { budgets: { moderation: { requestsPerSecond: 2, burst: 2 } } } });
    const url = `${fx.gateway.url}/v1/chat/completions`;
    const step = { 'x-featc-step': 'moderation' };
    expect((await http('POST', url, chatBody('m1'), step)).status).toBe(200);
    expect((await http('POST', url, chatBody('m2'), step)).status).toBe(200);
    const refused = await http('POST', url, chatBody('m3'), step);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((refused.json as { error: { code: string; type: string } }).error).toMatchObject({ code: 'FEATC_E5020', type: 'rate_limit_exceeded' });
    // Cache hits cost nothing and are never throttled (a Flink replay runs at full speed).
    expect((await http('POST', url, chatBody('m1'), step)).status).toBe(200);
    // Another step has its own (here unlimited) budget; the step can also come from the URL path.
    expect((await http('POST', url, chatBody('m3'), { 'x-featc-step': 'summaries' })).status).toBe(200);
    expect((await http('POST', `${fx.gateway.url}/steps/moderation/v1/chat/completions`, chatBody('m4'))).status).toBe(429);
    expect(fx.model.calls()).toBe(3);
    const metrics = (await http('GET', `${fx.gateway.url}/metrics`)).text;
    expect(metricValue(metrics, 'featc_gateway_budget_rejections_total{budget="requests_per_second",step="moderation"}')).toBe(2);
  });

  it('limits tokens per minute, charging the real usage reported upstream', async () => {
    fx = await startGatewayFixture({ gateway: { budgets: { '*': { tokensPerMinute: 60 } } } });
    const url = `${fx.gateway.url}/v1/chat/completions`;
    const long = 'x'.repeat(120); // ~30 prompt tokens + answer tokens
    expect((await http('POST', url, chatBody(`${long}1`))).status).toBe(200);
    const second = await http('POST', url, chatBody(`${long}2`));
    expect(second.status).toBe(429);
    expect((second.json as { error: { code: string } }).error.code).toBe('FEATC_E5021');
    expect(Number(second.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const metrics = (await http('GET', `${fx.gateway.url}/metrics`)).text;
    expect(metricValue(metrics, 'featc_gateway_tokens_total{kind="prompt",step="featc-test-chat"}')).toBeGreaterThan(30);
  });

  it('refills over time (token bucket)', () => {
    let now = 0;
    const budgets = new StepBudgets({ s: { requestsPerSecond: 1, tokensPerMinute: 600 } }, () => now);
    budgets.admit('s', 10);
    expect(() => budgets.admit('s', 10)).toThrow(/requests\/s/);
    now += 1000;
    budgets.admit('s', 10);
    budgets.settle('s', 10, 700); // the real usage was far larger than the estimate
    now += 1000;
    expect(() => budgets.admit('s', 10)).toThrow(/tokens\/min/);
    now += 60_000;
    expect(() => budgets.admit('s', 10)).not.toThrow();
  });
});
