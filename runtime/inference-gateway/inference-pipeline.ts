import { chatCacheKey, embeddingCacheKey } from './cache-key.js';
import { EmbeddingBatcher, type EmbeddingResult } from './embedding-batcher.js';
import { base64ToVector, vectorToBase64 } from './embedding-encoding.js';
import type { GatewayConfig } from './gateway-config.js';
import { GatewayError, GatewayErrorCode } from './gateway-errors.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { ModelRouter } from './model-router.js';
import { estimateChatTokens, estimateTextTokens, type ChatRequestBody, type EmbeddingRequestBody } from './request-schemas.js';
import { RequestCoalescer } from './request-coalescer.js';
import type { ResponseCache } from './response-cache.js';
import type { StepBudgets } from './step-budgets.js';

export interface CallContext {
  step: string;
  authorization: string | undefined;
}

export type Outcome = 'hit' | 'miss' | 'coalesced' | 'fallback';

export interface PipelineAnswer {
  text: string;
  outcome: Outcome;
}

type Source = 'cache' | 'upstream' | 'fallback';
interface EmbeddingParams {
  model: string;
  dimensions: number | undefined;
  authorization: string | undefined;
}
interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

/**
 * The replay-safe path of a model call: cache → coalesce → budget → upstream (with fallback) →
 * cache. The coalescer wraps the cache lookup too, so a request arriving while an identical one is
 * in flight waits for it, and one arriving after finds the answer already stored.
 */
export class InferencePipeline {
  private readonly chatCalls: RequestCoalescer<{ text: string; source: Source }>;
  private readonly embeddingCalls: RequestCoalescer<{ result: EmbeddingResult; source: Source }>;
  readonly batcher: EmbeddingBatcher<EmbeddingParams>;

  constructor(
    private readonly cfg: GatewayConfig,
    private readonly cache: ResponseCache | undefined,
    private readonly router: ModelRouter,
    private readonly budgets: StepBudgets,
    private readonly metrics: GatewayMetrics,
  ) {
    this.chatCalls = new RequestCoalescer(cfg.coalesce);
    this.embeddingCalls = new RequestCoalescer(cfg.coalesce);
    const batching = cfg.embeddingBatch.enabled ? cfg.embeddingBatch : { maxBatchSize: 1, maxWaitMs: 0 };
    this.batcher = new EmbeddingBatcher<EmbeddingParams>(batching, (params, inputs) => this.sendEmbeddingBatch(params, inputs), (size) => {
      metrics.embeddingBatches.inc();
      metrics.embeddingBatchSize.observe({}, size);
    });
  }

  async chat(ctx: CallContext, body: ChatRequestBody): Promise<PipelineAnswer> {
    if (body.stream) {
      throw new GatewayError(GatewayErrorCode.streamingUnsupported, 'stream: true is not supported by the gateway', 'send non-streaming requests (Flink\'s ML_PREDICT does)', 400);
    }
    this.router.route(body.model); // fail fast on an unknown model, before touching the cache
    const key = chatCacheKey(body);
    const { value, joined } = await this.chatCalls.run(key, async () => {
      const cached = await this.cacheGet(key, 'chat');
      if (cached !== undefined) return { text: cached, source: 'cache' as const };
      const reserved = estimateChatTokens(body);
      this.admit(ctx.step, reserved);
      const answer = await this.router.call(body.model, 'chat/completions', body, ctx.authorization);
      const usage = (answer.json as { usage?: Usage }).usage ?? {};
      this.budgets.settle(ctx.step, reserved, usage.total_tokens ?? reserved);
      this.metrics.tokens.inc({ step: ctx.step, kind: 'prompt' }, usage.prompt_tokens ?? 0);
      this.metrics.tokens.inc({ step: ctx.step, kind: 'completion' }, usage.completion_tokens ?? 0);
      await this.cacheSet(key, answer.text);
      return { text: answer.text, source: answer.fallback ? ('fallback' as const) : ('upstream' as const) };
    });
    const outcome = this.outcome(value.source, joined);
    if (outcome === 'coalesced') this.metrics.coalesced.inc({ endpoint: 'chat' });
    return { text: value.text, outcome };
  }

  async embeddings(ctx: CallContext, body: EmbeddingRequestBody): Promise<PipelineAnswer> {
    this.router.route(body.model);
    const inputs = typeof body.input === 'string' ? [body.input] : body.input;
    const params: EmbeddingParams = { model: body.model, dimensions: body.dimensions, authorization: ctx.authorization };
    const groupKey = JSON.stringify([body.model, body.dimensions ?? null, ctx.authorization ?? null]);
    const items = await Promise.all(
      inputs.map((input) => {
        const key = embeddingCacheKey(body.model, input, body.dimensions);
        return this.embeddingCalls.run(key, async () => {
          const cached = await this.cacheGet(key, 'embeddings');
          if (cached !== undefined) return { result: JSON.parse(cached) as EmbeddingResult, source: 'cache' as const };
          const reserved = estimateTextTokens(input);
          this.admit(ctx.step, reserved);
          const result = await this.batcher.submit(groupKey, params, input);
          this.budgets.settle(ctx.step, reserved, result.tokens);
          this.metrics.tokens.inc({ step: ctx.step, kind: 'prompt' }, result.tokens);
          await this.cacheSet(key, JSON.stringify(result));
          return { result, source: result.fallback ? ('fallback' as const) : ('upstream' as const) };
        });
      }),
    );
    const tokens = items.reduce((sum, { value }) => sum + value.result.tokens, 0);
    const text = JSON.stringify({
      object: 'list',
      data: items.map(({ value }, index) => ({
        object: 'embedding',
        index,
        embedding: body.encoding_format === 'base64' ? vectorToBase64(value.result.vector) : value.result.vector,
      })),
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
    const outcomes = items.map(({ value, joined }) => this.outcome(value.source, joined));
    const coalesced = outcomes.filter((o) => o === 'coalesced').length;
    if (coalesced > 0) this.metrics.coalesced.inc({ endpoint: 'embeddings' }, coalesced);
    const outcome = (['fallback', 'miss', 'coalesced', 'hit'] as const).find((o) => outcomes.includes(o)) ?? 'hit';
    return { text, outcome };
  }

  private async sendEmbeddingBatch(params: EmbeddingParams, inputs: string[]): Promise<EmbeddingResult[]> {
    const payload: Record<string, unknown> = { model: params.model, input: inputs, encoding_format: 'float' };
    if (params.dimensions !== undefined) payload.dimensions = params.dimensions;
    const answer = await this.router.call(params.model, 'embeddings', payload, params.authorization);
    const json = answer.json as { data?: { index?: number; embedding?: number[] | string }[]; usage?: Usage };
    const data = [...(json.data ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    if (data.length !== inputs.length) {
      throw new GatewayError(GatewayErrorCode.upstreamFailed, `upstream "${answer.upstream}" answered ${data.length} embeddings for ${inputs.length} inputs`, 'check the upstream model server', 502);
    }
    // Share the batch's tokens out in proportion to input length.
    const total = json.usage?.prompt_tokens ?? inputs.reduce((s, i) => s + estimateTextTokens(i), 0);
    const lengths = inputs.map((i) => Math.max(1, i.length));
    const sumLengths = lengths.reduce((s, l) => s + l, 0);
    return data.map((d, i) => ({
      vector: typeof d.embedding === 'string' ? base64ToVector(d.embedding) : (d.embedding ?? []),
      tokens: Math.round((total * (lengths[i] ?? 1)) / sumLengths),
      fallback: answer.fallback,
    }));
  }

  private outcome(source: Source, joined: boolean): Outcome {
    if (source === 'cache') return 'hit';
    if (joined) return 'coalesced';
    return source === 'fallback' ? 'fallback' : 'miss';
  }

  private admit(step: string, tokens: number): void {
    try {
      this.budgets.admit(step, tokens);
    } catch (err) {
      if (err instanceof GatewayError) this.metrics.budgetRejections.inc({ step, budget: err.code === GatewayErrorCode.budgetTokens ? 'tokens_per_minute' : 'requests_per_second' });
      throw err;
    }
  }

  private async cacheGet(key: string, endpoint: string): Promise<string | undefined> {
    if (!this.cache || !this.cfg.cache.enabled) return undefined;
    try {
      const value = await this.cache.get(key);
      if (value === undefined) this.metrics.cacheMisses.inc({ endpoint });
      else this.metrics.cacheHits.inc({ endpoint });
      return value;
    } catch (err) {
      return this.onCacheError(err, endpoint, 'read');
    }
  }

  private async cacheSet(key: string, value: string): Promise<void> {
    if (!this.cache || !this.cfg.cache.enabled) return;
    try {
      await this.cache.set(key, value);
    } catch (err) {
      // The answer is paid for already: hand it to the caller even when it cannot be stored.
      this.metrics.cacheErrors.inc({ op: 'write' });
      void err;
    }
  }

  private onCacheError(err: unknown, endpoint: string, op: string): undefined {
    this.metrics.cacheErrors.inc({ op });
    if (this.cfg.cache.onError === 'bypass') {
      this.metrics.cacheMisses.inc({ endpoint });
      return undefined;
    }
    throw new GatewayError(GatewayErrorCode.cacheUnavailable, `response cache (Redis) failed: ${(err as Error).message}`, 'the model is not called without its cache (cache.onError = "reject"); check Redis, or set cache.onError to "bypass"', 503, { 'retry-after': '1' });
  }
}
