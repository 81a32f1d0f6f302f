// Moderation step: JSON output parsed into typed columns, retries then a dead-letter topic, via the gateway.
import { z } from 'zod';
import { deadLetter, env, gateway, inference, job, kafka, retry, seconds, source } from '../../../dsl/index.js';

const messages = source({
  name: 'messages', topic: 'chat.messages', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2),
  schema: z.object({ userId: z.string(), requestId: z.string(), text: z.string(), ts: z.number().int() }),
});

export const moderation = inference({
  name: 'moderation',
  source: messages,
  fields: ['requestId', 'userId'],
  prompt: 'Message from {{userId}}: {{text}}',
  systemPrompt: 'You are a content moderator. Answer only JSON {"toxic": boolean, "score": number}; don\'t explain.',
  model: { endpoint: gateway(env('FEATC_INFERENCE_GATEWAY')), name: 'gpt-4o-mini', apiKey: env('OPENAI_API_KEY'), temperature: 0, maxTokens: 50 },
  output: z.object({ toxic: z.boolean(), score: z.number() }),
  onError: retry(3, deadLetter('moderation.dead-letter')),
  concurrency: 8,
  timeout: seconds(30),
  outputs: [kafka({ topic: 'moderation.verdicts' })],
});

export default job({ name: 'moderation', views: [], steps: [moderation], checkpointInterval: seconds(10) });
