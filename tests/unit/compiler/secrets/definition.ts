// A job whose every secret comes from the environment (env()): Kafka SASL and TLS settings of a
// source, the inference gateway's address and the model's API key. Used by secrets.test.ts and
// tests/integration/compiler/secrets-plan.test.ts; the variable names are in SECRET_ENV below.
import { z } from 'zod';
import { count, env, featureView, gateway, inference, job, kafka, minutes, seconds, source, tumbling } from '../../../../dsl/index.js';

export const SECRET_ENV = ['FEATC_T_JAAS', 'FEATC_T_SSL_KEY', 'FEATC_T_GATEWAY', 'FEATC_T_API_KEY'] as const;

const tickets = source({
  name: 'secret_tickets', topic: 'featc.secrets.tickets', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1),
  schema: z.object({ userId: z.string(), text: z.string(), ts: z.number().int() }),
  properties: { 'sasl.jaas.config': env('FEATC_T_JAAS'), 'ssl.keystore.key': env('FEATC_T_SSL_KEY'), 'security.protocol': 'SASL_SSL' },
});

const perUser = featureView({
  name: 'secret_per_user', entity: ['userId'], sources: [tickets], window: tumbling(minutes(1)),
  features: { tickets_1m: count(tickets) }, outputs: [kafka({ topic: 'featc.secrets.per-user' })],
});

const summary = inference({
  name: 'secret_summary', source: tickets, fields: ['userId'], prompt: 'Summarise: {{text}}',
  model: { endpoint: gateway(env('FEATC_T_GATEWAY')), name: 'gpt-4o-mini', apiKey: env('FEATC_T_API_KEY') },
  output: z.string(), outputs: [kafka({ topic: 'featc.secrets.summaries' })],
});

export default job({ name: 'secrets_job', views: [perUser], steps: [summary] });
