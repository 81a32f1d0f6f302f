import { Counter, Gauge, Histogram, Registry } from './prometheus-registry.js';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Every instrument the gateway exposes at `GET /metrics`. */
export function createGatewayMetrics() {
  const registry = new Registry();
  const metrics = {
    registry,
    requestDuration: registry.register(new Histogram('featc_gateway_request_duration_seconds', 'Time to answer a client request, by endpoint and outcome (hit, miss, coalesced, fallback, error).', LATENCY_BUCKETS)),
    upstreamDuration: registry.register(new Histogram('featc_gateway_upstream_duration_seconds', 'Duration of one upstream HTTP call.', LATENCY_BUCKETS)),
    cacheHits: registry.register(new Counter('featc_gateway_cache_hits_total', 'Answers served from the response cache.')),
    cacheMisses: registry.register(new Counter('featc_gateway_cache_misses_total', 'Lookups that found no stored answer.')),
    cacheErrors: registry.register(new Counter('featc_gateway_cache_errors_total', 'Failed cache reads or writes.')),
    coalesced: registry.register(new Counter('featc_gateway_coalesced_total', 'Requests that shared an identical in-flight upstream call.')),
    tokens: registry.register(new Counter('featc_gateway_tokens_total', 'Upstream tokens used, by step and kind (prompt, completion).')),
    upstreamRequests: registry.register(new Counter('featc_gateway_upstream_requests_total', 'Upstream HTTP calls by upstream and status (or error kind).')),
    upstreamErrors: registry.register(new Counter('featc_gateway_upstream_errors_total', 'Failed upstream attempts by upstream and reason (http_5xx, http_429, timeout, connection).')),
    retries: registry.register(new Counter('featc_gateway_upstream_retries_total', 'Upstream calls retried after a 5xx or connection error.')),
    fallbacks: registry.register(new Counter('featc_gateway_fallback_total', 'Requests answered by a route\'s fallback.')),
    budgetRejections: registry.register(new Counter('featc_gateway_budget_rejections_total', 'Requests refused with 429 by step budget.')),
    embeddingBatches: registry.register(new Counter('featc_gateway_embedding_batches_total', 'Upstream embedding calls made by the micro-batcher.')),
    embeddingBatchSize: registry.register(new Histogram('featc_gateway_embedding_batch_size', 'Inputs per upstream embedding call.', [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048])),
    responses: registry.register(new Counter('featc_gateway_responses_total', 'Client responses by endpoint and HTTP status.')),
    inFlight: registry.register(new Gauge('featc_gateway_upstream_in_flight', 'Upstream calls in flight, by upstream.')),
    breakerState: registry.register(new Gauge('featc_gateway_breaker_state', 'Circuit breaker state per upstream: 0 closed, 1 half-open, 2 open.')),
  };
  return metrics;
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
