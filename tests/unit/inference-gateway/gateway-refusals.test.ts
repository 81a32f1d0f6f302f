import { once } from 'node:events';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { chatBody, embeddingBody, http } from '../../support/http-client.js';
import { startGatewayFixture, type GatewayFixture } from '../../support/gateway-fixture.js';

type ErrorBody = { error: { message: string; type: string; code: string } };

describe('requests the gateway refuses without calling the model', () => {
  let fx: GatewayFixture;
  afterEach(async () => fx.stop());

  it('FEATC_E5011: a model no route names (and no "*" route) is 404 with the route to add', async () => {
    fx = await startGatewayFixture({ gateway: { routes: [{ model: 'featc-test-chat', upstream: 'primary' }] } });
    expect((await http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('routed'))).status).toBe(200);
    const chat = await http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('not routed', { model: 'gpt-4o' }));
    expect([chat.status, chat.json]).toEqual([404, {
      error: {
        message: 'FEATC_E5011 no route for model "gpt-4o" (hint: add { "model": "gpt-4o", "upstream": "<name>" } (or "*") to routes in the gateway config)',
        type: 'invalid_request_error', param: null, code: 'FEATC_E5011',
      },
    }]);
    const embeddings = await http('POST', `${fx.gateway.url}/v1/embeddings`, embeddingBody('x', { model: 'text-embedding-3-small' }));
    expect([embeddings.status, (embeddings.json as ErrorBody).error.code, (embeddings.json as ErrorBody).error.message])
      .toEqual([404, 'FEATC_E5011', expect.stringContaining('no route for model "text-embedding-3-small"')]);
    expect(fx.model.calls()).toBe(1); // the routed request only
  });

  it('FEATC_E5050: a request that arrives while the gateway drains is 503 with Retry-After; the one in flight still answers', async () => {
    fx = await startGatewayFixture({ model: { latencyMs: 400 } });
    const { hostname, port } = new URL(fx.gateway.url);
    // A client that has begun sending its request when shutdown starts, and finishes it during the drain.
    const late = connect(Number(port), hostname);
    await once(late, 'connect');
    late.write('POST /v1/chat/completions HTTP/1.1\r\nhost: gateway\r\n');
    let raw = '';
    late.on('data', (d: Buffer) => { raw += d.toString(); });
    const lateClosed = once(late, 'close');
    const inFlight = http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('in flight'));
    await new Promise((r) => setTimeout(r, 100));
    const closing = fx.gateway.close();
    const body = JSON.stringify(chatBody('late'));
    late.write(`content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await lateClosed;
    expect((await inFlight).status).toBe(200);
    await closing;
    const [head = '', text = ''] = raw.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 503 Service Unavailable');
    expect(head.toLowerCase()).toContain('\r\nretry-after: 1');
    expect(JSON.parse(text)).toEqual({
      error: { message: 'FEATC_E5050 gateway is shutting down (hint: retry against another gateway instance)', type: 'api_error', param: null, code: 'FEATC_E5050' },
    });
    expect(fx.model.calls()).toBe(1);
  });
});
