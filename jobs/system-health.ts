/**
 * System health per model server, served from Redis: the signal the enrichment path reads for
 * adaptive throttling (`featc get serverHealth model-a`).
 *
 * - Source `model-metrics` `{ server, queueLength, status: 'ok' | 'error', latencyMs, ts }`.
 * - View `serverHealth`: tumbling 1-minute windows per `server`: `queue_avg_1m`, `queue_max_1m`,
 *   `requests_1m`, `errors_1m` and `error_rate_1m` = errors / requests.
 * - Online TTL 5 minutes: a server that stops reporting disappears from Redis (callers see the
 *   defaults and treat the server as unknown).
 *
 * Prints (abridged): `AVG(CAST(`queueLength` AS DOUBLE))`, `MAX(`queueLength`)`,
 * `COUNT(*) FILTER (WHERE `status` = 'error')` over `TUMBLE(…, INTERVAL '1' MINUTE)` per `server`.
 */
import { z } from 'zod';
import { avg, count, featureView, job, max, minutes, ratio, redis, seconds, source, tumbling } from '../dsl/index.js';

export const modelMetrics = source({
  name: 'modelMetrics',
  topic: 'model-metrics',
  schema: z.object({
    server: z.string(), queueLength: z.number().int(), status: z.enum(['ok', 'error']), latencyMs: z.number().int(), ts: z.number().int(),
  }),
  eventTime: 'ts',
  watermarkDelay: seconds(2),
  idleTimeout: seconds(5),
  key: ['server'],
  format: 'json',
});

export const serverHealth = featureView({
  name: 'serverHealth',
  entity: ['server'],
  sources: [modelMetrics],
  window: tumbling(minutes(1)),
  features: {
    queue_avg_1m: avg(modelMetrics, 'queueLength'),
    queue_max_1m: max(modelMetrics, 'queueLength'),
    requests_1m: count(modelMetrics),
    errors_1m: count(modelMetrics, { where: (w) => w.eq('status', 'error') }),
  },
  derived: { error_rate_1m: ratio('errors_1m', 'requests_1m') },
  online: { requests_1m: { default: 0 }, errors_1m: { default: 0 } },
  outputs: [redis({ ttl: minutes(5) })],
});

export default job({
  name: 'systemHealth',
  views: [serverHealth],
  parallelism: 1,
  checkpointInterval: seconds(10),
});
