// Names featc refuses with clear diagnostics instead of printing them.
import { z } from 'zod';
import { count, featureView, job, kafka, minutes, seconds, source, tumbling } from '../../../dsl/index.js';

const events = source({
  name: 'events', topic: 'evil`topic; DROP', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1),
  schema: z.object({ userId: z.string(), ts: z.number().int(), __secret: z.string() }),
});

const view = featureView({
  name: 'vüe',
  entity: ['userId'],
  sources: [events],
  window: tumbling(minutes(1)),
  features: { '': count(events), '__hidden': count(events), 'ok\nnot': count(events) },
  outputs: [kafka({ topic: "it's" })],
});

export default job({ name: 'hostile-topic', views: [view] });
