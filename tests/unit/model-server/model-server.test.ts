import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { base64ToVector } from '../../../runtime/inference-gateway/embedding-encoding.js';
import { startModelServer, type ModelServer } from '../../../runtime/model-server/index.js';
import { chatBody, embeddingBody, http } from '../../support/http-client.js';

describe('test model server (OpenAI protocol)', () => {
  let server: ModelServer;
  beforeAll(async () => {
    server = await startModelServer({ embeddingDim: 8 });
  });
  afterAll(async () => server.close());
  beforeEach(() => {
    server.resetStats();
    server.setDown(false);
  });

  it('answers chat completions with a full chat.completion object and usage', async () => {
    const reply = await http('POST', `${server.baseUrl}/chat/completions`, chatBody('hello there'));
    expect(reply.status).toBe(200);
    const body = reply.json as Record<string, unknown> & { choices: { index: number; finish_reason: string; message: { role: string; content: string } }[]; usage: Record<string, number> };
    expect(body.object).toBe('chat.completion');
    expect(typeof body.id).toBe('string');
    expect(typeof body.created).toBe('number');
    expect(body.model).toBe('featc-test-chat');
    expect(body.choices[0]).toMatchObject({ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', refusal: null } });
    expect(body.choices[0]?.message.content).toContain('hello there');
    expect(body.usage.total_tokens).toBe((body.usage.prompt_tokens ?? 0) + (body.usage.completion_tokens ?? 0));
    const again = await http('POST', `${server.baseUrl}/chat/completions`, chatBody('hello there'));
    expect((again.json as typeof body).choices[0]?.message.content).toBe(body.choices[0]?.message.content);
  });

  it('returns deterministic moderation JSON for response_format json_object', async () => {
    const ask = async (text: string) => {
      const reply = await http('POST', `${server.baseUrl}/chat/completions`, chatBody(text, { response_format: { type: 'json_object' } }));
      const content = (reply.json as { choices: { message: { content: string } }[] }).choices[0]?.message.content ?? '';
      return JSON.parse(content) as { toxic: boolean; score: number };
    };
    const rude = await ask('you are an idiot and I hate this');
    const nice = await ask('thanks, have a lovely day');
    expect(rude.toxic).toBe(true);
    expect(rude.score).toBeGreaterThanOrEqual(0.45);
    expect(nice).toEqual({ toxic: false, score: expect.any(Number) });
    expect(nice.score).toBeLessThan(0.1);
    expect(await ask('you are an idiot and I hate this')).toEqual(rude);
  });

  it('truncates to max_tokens with finish_reason length', async () => {
    const reply = await http('POST', `${server.baseUrl}/chat/completions`, chatBody('a fairly long question about many things', { max_tokens: 2 }));
    const choice = (reply.json as { choices: { finish_reason: string; message: { content: string } }[] }).choices[0];
    expect(choice?.finish_reason).toBe('length');
    expect(choice?.message.content.length).toBeLessThanOrEqual(8);
  });

  it('answers embeddings for string and array input, float and base64, with dimensions', async () => {
    const one = await http('POST', `${server.baseUrl}/embeddings`, embeddingBody('alpha'));
    const many = await http('POST', `${server.baseUrl}/embeddings`, embeddingBody(['beta', 'alpha'], { dimensions: 8 }));
    const b64 = await http('POST', `${server.baseUrl}/embeddings`, embeddingBody('alpha', { encoding_format: 'base64' }));
    type List = { object: string; data: { object: string; index: number; embedding: number[] }[]; usage: { prompt_tokens: number; total_tokens: number } };
    const oneBody = one.json as List;
    const manyBody = many.json as List;
    expect(oneBody.object).toBe('list');
    expect(oneBody.data[0]?.embedding).toHaveLength(8);
    expect(manyBody.data.map((d) => d.index)).toEqual([0, 1]);
    expect(manyBody.data[1]?.embedding).toEqual(oneBody.data[0]?.embedding);
    const norm = Math.hypot(...(oneBody.data[0]?.embedding ?? []));
    expect(norm).toBeCloseTo(1, 5);
    const decoded = base64ToVector((b64.json as { data: { embedding: string }[] }).data[0]?.embedding ?? '');
    expect(decoded).toEqual(oneBody.data[0]?.embedding);
    expect(server.stats()).toMatchObject({ calls: 3, embeddingCalls: 3, embeddingInputs: 4, distinctInputs: 2 });
  });

  it('lists models and reports stats per input hash', async () => {
    const models = await http('GET', `${server.baseUrl}/models`);
    expect((models.json as { data: { id: string }[] }).data.map((m) => m.id)).toContain('featc-test-chat');
    await http('POST', `${server.baseUrl}/chat/completions`, chatBody('x'));
    await http('POST', `${server.baseUrl}/chat/completions`, chatBody('x'));
    const stats = (await http('GET', `${server.url}/stats`)).json as { calls: number; byInput: Record<string, number> };
    expect(stats.calls).toBe(2);
    expect(Object.values(stats.byInput)).toEqual([2]);
  });

  it('injects failures: fail next N, down, and answers 400 on a bad body', async () => {
    server.failNext(2, 429);
    expect((await http('POST', `${server.baseUrl}/chat/completions`, chatBody('f'))).status).toBe(429);
    const second = await http('POST', `${server.baseUrl}/chat/completions`, chatBody('f'));
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('1');
    expect((second.json as { error: { type: string } }).error.type).toBe('rate_limit_exceeded');
    expect((await http('POST', `${server.baseUrl}/chat/completions`, chatBody('f'))).status).toBe(200);
    server.setDown(true);
    expect((await http('POST', `${server.baseUrl}/embeddings`, embeddingBody('f'))).status).toBe(503);
    server.setDown(false);
    const bad = await http('POST', `${server.baseUrl}/chat/completions`, { model: 'm' });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { message: string } }).error.message).toContain('messages');
  });

  it('fails at a seeded rate, reproducibly', async () => {
    const run = async () => {
      const s = await startModelServer({ failRate: 0.5, seed: 7 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await http('POST', `${s.baseUrl}/chat/completions`, chatBody(`q${i}`))).status);
      await s.close();
      return statuses;
    };
    const first = await run();
    expect(first).toEqual(await run());
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(0);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(0);
  });

  it('checks the bearer key when configured', async () => {
    const s = await startModelServer({ apiKey: 'sk-test' });
    try {
      expect((await http('POST', `${s.baseUrl}/chat/completions`, chatBody('k'))).status).toBe(401);
      expect((await http('POST', `${s.baseUrl}/chat/completions`, chatBody('k'), { authorization: 'Bearer sk-test' })).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
