import { z } from 'zod';
import { count, featureView, job, kafka, lastValue, minutes, seconds, source, tumbling } from '../../../dsl/index.js';

const sessions = source({
  name: 'appEvents', topic: 'app.events', format: 'json', eventTime: 'ts', watermarkDelay: seconds(3), key: ['userId'],
  schema: z.object({
    userId: z.string(),
    kind: z.enum(['open', 'close']),
    device: z.object({ os: z.string(), version: z.int32(), screen: z.object({ w: z.int32(), h: z.int32() }) }),
    tags: z.array(z.string()),
    score: z.number().nullable(),
    beta: z.boolean().optional(),
    ts: z.number().int(),
  }),
});

const deviceView = featureView({
  name: 'userDevice',
  entity: ['userId'],
  sources: [sessions],
  window: tumbling(minutes(15)),
  features: {
    opens: count(sessions, { where: (w) => w.and(w.eq('kind', 'open'), w.isNotNull('score')) }),
    last_device: lastValue(sessions, 'device'),
    last_tags: lastValue(sessions, 'tags'),
  },
  outputs: [kafka({ topic: 'features.user-device' })],
});

export default job({ name: 'devices', views: [deviceView] });
