import { afterEach, describe, expect, it } from '@jest/globals';
import { base64ToVector } from '../../../runtime/inference-gateway/embedding-encoding.js';
import { chatBody, embeddingBody, http, metricValue } from '../../support/http-client.js';
import { startGatewayFixture, type GatewayFixture } from '../../support/gateway-fixture.js';

type EmbeddingList = { object: string; model: string; data: { index: number; embedding: number[] }[]; usage: { prompt_tokens: number } };

describe('gateway embedding micro-batching', () => {
  let fx: GatewayFixture;
  afterEach(async () => fx.stop());

  it('turns concurrent single-input requests into fewer upstream calls with correct per-input vectors', async () => {
    fx = await startGatewayFixture({ gateway: { embeddingBatch: { maxBatchSize: 8, maxWaitMs: 50 } }, model: { latencyMs: 10, embeddingDim: 16 } });
    const texts = Array.from({ length: 24 }, (_, i) => `document number ${i}`);
    const replies = await Promise.all(texts.map((t) => http('POST', `${fx.gateway.url}/v1/embeddings`, embeddingBody(t))));
    const upstreamCalls = fx.model.stats().embeddingCalls;
    expect(upstreamCalls).toBeGreaterThanOrEqual(3); // 24 inputs, at most 8 per call
    expect(upstreamCalls).toBeLessThanOrEqual(8); // unbatched would be 24
    expect(fx.model.stats().embeddingInputs).toBe(24);
    // Each answer must equal what the model gives for that input alone.
    for (const [i, text] of texts.entries()) {
      const direct = (await http('POST', `${fx.model.baseUrl}/embeddings`, embeddingBody(text))).json as EmbeddingList;
      const viaGateway = replies[i]?.json as EmbeddingList;
      expect(viaGateway.object).toBe('list');
      expect(viaGateway.data).toHaveLength(1);
      expect(viaGateway.data[0]?.index).toBe(0);
      expect(viaGateway.data[0]?.embedding).toEqual(direct.data[0]?.embedding);
      expect(viaGateway.usage.prompt_tokens).toBeGreaterThan(0);
    }
    const metrics = (await http('GET', `${fx.gateway.url}/metrics`)).text;
    expect(metricValue(metrics, 'featc_gateway_embedding_batches_total')).toBe(upstreamCalls);
    expect(metricValue(metrics, 'featc_gateway_embedding_batch_size_sum')).toBe(24);
    expect(metricValue(metrics, 'featc_gateway_embedding_batch_size_bucket{le="8"}')).toBe(upstreamCalls);
  });

  it('answers array input in order, reusing cached items, and honours base64 + dimensions', async () => {
    fx = await startGatewayFixture({ model: { embeddingDim: 16 } });
    const url = `${fx.gateway.url}/v1/embeddings`;
    await http('POST', url, embeddingBody('b'));
    const reply = await http('POST', url, embeddingBody(['a', 'b', 'c']));
    const list = reply.json as EmbeddingList;
    expect(list.data.map((d) => d.index)).toEqual([0, 1, 2]);
    const direct = (await http('POST', `${fx.model.baseUrl}/embeddings`, embeddingBody(['a', 'b', 'c']))).json as EmbeddingList;
    expect(list.data.map((d) => d.embedding)).toEqual(direct.data.map((d) => d.embedding));
    expect(fx.model.stats().embeddingInputs).toBe(1 + 2 + 3); // 'b' was not asked again through the gateway
    const b64 = (await http('POST', url, embeddingBody('a', { encoding_format: 'base64' }))).json as { data: { embedding: string }[] };
    expect(base64ToVector(b64.data[0]?.embedding ?? '')).toEqual(direct.data[0]?.embedding);
    const small = (await http('POST', url, embeddingBody('a', { dimensions: 4 }))).json as EmbeddingList;
    expect(small.data[0]?.embedding).toHaveLength(4);
  });

  it('keeps chat unaffected and shares in-flight embedding inputs', async () => {
    fx = await startGatewayFixture({ model: { latencyMs: 50 } });
    const replies = await Promise.all(Array.from({ length: 10 }, () => http('POST', `${fx.gateway.url}/v1/embeddings`, embeddingBody('same'))));
    expect(new Set(replies.map((r) => r.text)).size).toBe(1);
    expect(fx.model.stats().embeddingInputs).toBe(1);
    expect((await http('POST', `${fx.gateway.url}/v1/chat/completions`, chatBody('hi'))).status).toBe(200);
  });
});
