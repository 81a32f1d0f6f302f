// Step chaining through Kafka: a step's output topic read back with stepSource(), a filtered second step
// (where), a filtered output (kafka({ where })), a model-version column, and a feature view over the verdicts.
import { z } from 'zod';
import { count, env, featureView, gateway, hours, inference, job, kafka, ratio, redis, seconds, sliding, source, stepSource } from '../../../dsl/index.js';

const queries = source({
  name: 'queries', topic: 'user-queries', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2),
  schema: z.object({ userId: z.string(), requestId: z.string(), text: z.string(), ts: z.number().int() }),
});
const model = (name: string) => ({ endpoint: gateway(env('FEATC_INFERENCE_GATEWAY')), name, apiKey: env('OPENAI_API_KEY'), temperature: 0 });

const moderation = inference({
  name: 'moderation', source: queries, fields: ['requestId', 'userId', 'text', 'ts'], prompt: '{{text}}', model: model('mod-v1'),
  output: z.object({ toxic: z.boolean(), score: z.number() }),
  outputs: [kafka({ topic: 'verdicts' }), kafka({ topic: 'flagged', where: (w) => w.eq('toxic', true) })],
});
const verdicts = stepSource(moderation, { name: 'verdicts', eventTime: 'ts', watermarkDelay: seconds(2) });
const answer = inference({
  name: 'answer', source: verdicts, where: (w) => w.and(w.eq('toxic', false), w.lt('score', 0.5)), fields: ['requestId', 'ts'],
  prompt: 'User {{userId}} asks: {{text}}', model: model('chat-v1'), output: z.string(), modelColumn: 'modelVersion',
  outputs: [kafka({ topic: 'answers' })],
});
const toxicity = featureView({
  name: 'toxicity', entity: ['userId'], sources: [verdicts], window: sliding(hours(1)),
  features: { queries_1h: count(verdicts), flagged_1h: count(verdicts, { where: (w) => w.eq('toxic', true) }) },
  derived: { rate_1h: ratio('flagged_1h', 'queries_1h') },
  outputs: [redis({ ttl: hours(1) })],
});

export default job({ name: 'chain', views: [toxicity], steps: [moderation, answer] });
