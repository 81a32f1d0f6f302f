// Embedding step: endpoint given as a literal URL ending in /embeddings, ARRAY<FLOAT> output, fail on error.
import { z } from 'zod';
import { env, fail, inference, job, kafka, seconds, source } from '../../../dsl/index.js';

const docs = source({
  name: 'docs', topic: 'docs.updated', format: 'json', eventTime: 'updatedAt', watermarkDelay: seconds(5),
  schema: z.object({ docId: z.string(), title: z.string(), body: z.string().nullable(), updatedAt: z.number().int() }),
});

export const docEmbeddings = inference({
  name: 'docEmbeddings',
  source: docs,
  fields: ['docId', 'updatedAt'],
  prompt: '{{title}}\n\n{{body}}',
  model: { endpoint: 'http://127.0.0.1:8090/steps/docEmbeddings/v1/embeddings', name: 'text-embedding-3-small', apiKey: env('OPENAI_API_KEY'), dimensions: 256 },
  output: z.array(z.number()),
  onError: fail(),
  concurrency: 32,
  outputs: [kafka({ topic: 'docs.embeddings' })],
});

export default job({ name: 'docEmbeddings', views: [], steps: [docEmbeddings] });
