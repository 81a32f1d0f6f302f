/**
 * Token usage per model and minute, to Kafka (`token-usage`, exactly once), for billing and
 * capacity dashboards.
 *
 * - Source `model-responses` `{ requestId, model, promptTokens, completionTokens, ts }`.
 * - View `tokenUsage`: tumbling 1-minute windows per `model`: `prompt_tokens_1m` and
 *   `completion_tokens_1m` (sums), `responses_1m` (count). Each record carries `window_start`,
 *   `window_end` and is written once, when the watermark passes the window's end.
 *
 * Prints (abridged): `SELECT `model`, SUM(`promptTokens`) …, COUNT(*) … FROM TABLE(TUMBLE(…, INTERVAL '1' MINUTE))
 * GROUP BY `window_start`, `window_end`, `model``.
 */
import { z } from 'zod';
import { count, featureView, job, kafka, minutes, seconds, source, sum, tumbling } from '../dsl/index.js';

export const modelResponses = source({
  name: 'modelResponses',
  topic: 'model-responses',
  schema: z.object({
    requestId: z.string(), model: z.string(), promptTokens: z.number().int(), completionTokens: z.number().int(), ts: z.number().int(),
  }),
  eventTime: 'ts',
  watermarkDelay: seconds(2),
  idleTimeout: seconds(5),
  key: ['model'],
  format: 'json',
});

export const tokenUsage = featureView({
  name: 'tokenUsage',
  entity: ['model'],
  sources: [modelResponses],
  window: tumbling(minutes(1)),
  features: {
    prompt_tokens_1m: sum(modelResponses, 'promptTokens'),
    completion_tokens_1m: sum(modelResponses, 'completionTokens'),
    responses_1m: count(modelResponses),
  },
  outputs: [kafka({ topic: 'token-usage' })],
});

export default job({
  name: 'tokenUsage',
  views: [tokenUsage],
  parallelism: 1,
  checkpointInterval: seconds(10),
});
