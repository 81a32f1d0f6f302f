// Type tests for inference steps: checked by `npx tsc --noEmit -p tsconfig.json`, never run.
import { z } from 'zod';
import { env, gateway, inference, kafka, seconds, source, type StepEventOf } from '../../dsl/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Expect<T extends true> = T;

const messages = source({
  name: 'messages', topic: 'm', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1),
  schema: z.object({ userId: z.string(), requestId: z.string(), text: z.string(), ts: z.number().int() }),
});
const model = { endpoint: gateway(env('FEATC_INFERENCE_GATEWAY')), name: 'gpt-4o-mini', apiKey: env('OPENAI_API_KEY') };

export const moderation = inference({
  name: 'moderation', source: messages, fields: ['requestId', 'userId'], prompt: '{{text}}', model,
  output: z.object({ toxic: z.boolean(), score: z.number() }), outputs: [kafka({ topic: 'v' })],
});
export type ModerationRecord = Expect<Equal<StepEventOf<typeof moderation>, Pick<{ userId: string; requestId: string }, 'requestId' | 'userId'> & { toxic: boolean; score: number }>>;

export const embed = inference({ name: 'embed', source: messages, fields: ['requestId'], prompt: '{{text}}', model, output: z.array(z.number()), outputs: [kafka({ topic: 'e' })] });
export type EmbeddingRecord = Expect<Equal<StepEventOf<typeof embed>['embedding'], number[]>>;

export const text = inference({ name: 'text', source: messages, fields: [], prompt: '{{text}}', model, output: z.string(), outputs: [kafka({ topic: 't' })] });
export type TextRecord = Expect<Equal<StepEventOf<typeof text>['response'], string>>;

// @ts-expect-error: fields are checked against the source schema
inference({ name: 'x', source: messages, fields: ['nope'], prompt: '{{text}}', model, output: z.string(), outputs: [] });
// @ts-expect-error: output must be text, an embedding or an object
inference({ name: 'x', source: messages, fields: [], prompt: '{{text}}', model, output: z.number(), outputs: [] });
// @ts-expect-error: api keys come from env()
inference({ name: 'x', source: messages, fields: [], prompt: '{{text}}', model: { ...model, apiKey: 'sk-123' }, output: z.string(), outputs: [] });
