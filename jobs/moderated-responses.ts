/**
 * Moderated LLM responses, exactly once, end to end through Kafka:
 *
 * 1. `moderation` (inference step) reads `user-queries` `{ userId, requestId, text, ts }` and asks a
 *    moderation model (JSON mode) for `{ toxic, score }`; every verdict goes to `query-verdicts`,
 *    the flagged ones (`toxic = true`) also to `flagged-queries`.
 * 2. `verdicts` is a {@link stepSource} on `query-verdicts`: the step's output read back as a
 *    source (read_committed), so the next stages see each verdict once, after its checkpoint.
 * 3. `answer` (inference step) sends only safe queries (`where toxic = false`) to the LLM and writes
 *    `llm-responses` `{ requestId, userId, response, modelVersion, ts }` — tagged with the request
 *    id and the model version (`modelColumn`).
 * 4. `userToxicity` (feature view over the verdicts): per user, per event over the last hour,
 *    `queries_1h`, `flagged_1h` and `toxicity_rate_1h`, served from Redis.
 *
 * Both models are reached through the featc inference gateway (`FEATC_INFERENCE_GATEWAY`), whose
 * answer cache makes replays after a failover free. Latency: a query reaches the LLM one checkpoint
 * (10 s) after its verdict, the price of exactly-once chaining through Kafka.
 */
import { z } from 'zod';
import {
  count, env, featureView, gateway, hours, inference, job, kafka, ratio, redis, retry, seconds, sliding, source, stepSource,
} from '../dsl/index.js';

export const userQueries = source({
  name: 'queries',
  topic: 'user-queries',
  schema: z.object({ userId: z.string(), requestId: z.string(), text: z.string(), ts: z.number().int() }),
  eventTime: 'ts',
  watermarkDelay: seconds(2),
  key: ['userId'],
  format: 'json',
});

export const moderation = inference({
  name: 'moderation',
  source: userQueries,
  fields: ['requestId', 'userId', 'text', 'ts'],
  prompt: '{{text}}',
  systemPrompt: 'You are a content moderator. Answer only JSON {"toxic": boolean, "score": number}.',
  model: { endpoint: gateway(env('FEATC_INFERENCE_GATEWAY')), name: 'featc-moderation-v1', apiKey: env('OPENAI_API_KEY'), temperature: 0, maxTokens: 50 },
  output: z.object({ toxic: z.boolean(), score: z.number() }),
  onError: retry(3),
  concurrency: 8,
  timeout: seconds(60),
  outputs: [kafka({ topic: 'query-verdicts' }), kafka({ topic: 'flagged-queries', where: (w) => w.eq('toxic', true) })],
});

export const verdicts = stepSource(moderation, { name: 'verdicts', topic: 'query-verdicts', eventTime: 'ts', watermarkDelay: seconds(2) });

export const answer = inference({
  name: 'answer',
  source: verdicts,
  where: (w) => w.eq('toxic', false),
  fields: ['requestId', 'userId', 'ts'],
  prompt: '{{text}}',
  systemPrompt: 'You are a helpful assistant. Answer briefly.',
  model: { endpoint: gateway(env('FEATC_INFERENCE_GATEWAY')), name: 'featc-chat-v1', apiKey: env('OPENAI_API_KEY'), temperature: 0, maxTokens: 200 },
  output: z.string(),
  modelColumn: 'modelVersion',
  onError: retry(3),
  concurrency: 8,
  timeout: seconds(60),
  outputs: [kafka({ topic: 'llm-responses' })],
});

export const userToxicity = featureView({
  name: 'userToxicity',
  entity: ['userId'],
  sources: [verdicts],
  window: sliding(hours(1)),
  features: {
    queries_1h: count(verdicts),
    flagged_1h: count(verdicts, { where: (w) => w.eq('toxic', true) }),
  },
  derived: { toxicity_rate_1h: ratio('flagged_1h', 'queries_1h') },
  online: { queries_1h: { default: 0 }, flagged_1h: { default: 0 }, toxicity_rate_1h: { default: 0 } },
  outputs: [redis({ ttl: hours(1) })],
});

export default job({
  name: 'moderatedResponses',
  views: [userToxicity],
  steps: [moderation, answer],
  parallelism: 1,
  checkpointInterval: seconds(10),
});
