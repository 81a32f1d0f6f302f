// Diagnostics of step chaining: a stepSource on a topic the step does not write, an output filter
// on an unknown column, a step filter on an unknown field, a model column clashing with a field.
import { z } from 'zod';
import { env, gateway, inference, job, kafka, seconds, source, stepSource } from '../../../dsl/index.js';

const queries = source({
  name: 'queries', topic: 'user-queries', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2),
  schema: z.object({ userId: z.string(), requestId: z.string(), text: z.string(), ts: z.number().int() }),
});
const model = { endpoint: gateway(env('FEATC_INFERENCE_GATEWAY')), name: 'm', apiKey: env('OPENAI_API_KEY') };

const moderation = inference({
  name: 'moderation', source: queries, fields: ['requestId', 'userId', 'text', 'ts'], prompt: '{{text}}', model,
  output: z.object({ toxic: z.boolean() }),
  outputs: [kafka({ topic: 'verdicts' }), kafka({ topic: 'flagged', where: (w) => w.eq('nope', true) })],
});
const verdicts = stepSource(moderation, { name: 'verdicts', topic: 'elsewhere', eventTime: 'ts', watermarkDelay: seconds(2) });
const answer = inference({
  name: 'answer', source: verdicts, fields: ['requestId', 'userId'], prompt: '{{text}}', model, output: z.string(),
  // @ts-expect-error: where fields are checked against the step source's record
  where: (w) => w.eq('missing', 1),
  modelColumn: 'userId',
  outputs: [kafka({ topic: 'answers' })],
});
const answer2 = inference({
  name: 'answer2', source: queries, fields: ['requestId'], prompt: '{{text}}', model, output: z.string(),
  // @ts-expect-error: where fields are checked against the source's event type
  where: (w) => w.eq('missing', 1),
  modelColumn: 'requestId',
  outputs: [kafka({ topic: 'answers2' })],
});

export default job({ name: 'chainErrors', views: [], steps: [moderation, answer, answer2] });
