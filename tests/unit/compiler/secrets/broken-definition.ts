// definition.ts's source with a broken view (a zero window): featc compile must fail with
// diagnostics, and print no secret while doing so.
import { z } from 'zod';
import { count, env, featureView, job, kafka, seconds, source, tumbling } from '../../../../dsl/index.js';

const tickets = source({
  name: 'secret_tickets', topic: 'featc.secrets.tickets', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1),
  schema: z.object({ userId: z.string(), ts: z.number().int() }),
  properties: { 'sasl.jaas.config': env('FEATC_T_JAAS'), 'ssl.keystore.key': env('FEATC_T_SSL_KEY') },
});

const broken = featureView({
  name: 'secret_broken', entity: ['userId'], sources: [tickets], window: tumbling(seconds(0)),
  features: { n: count(tickets) }, outputs: [kafka({ topic: 'featc.secrets.broken' })],
});

export default job({ name: 'secrets_broken', views: [broken] });
