import { z } from 'zod';
import { featureView, hours, job, lastN, redis, seconds, source, tumbling } from '../../../dsl/index.js';

const clicks = source({
  name: 'clicks', topic: 'clicks', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2),
  schema: z.object({ userId: z.string(), docId: z.string(), ts: z.number().int() }),
});

const recentDocs = featureView({
  name: 'recentDocs',
  entity: ['userId'],
  sources: [clicks],
  window: tumbling(hours(1)),
  features: {
    last_docs: lastN(clicks, 'docId', 10),
    last_other_docs: lastN(clicks, 'docId', 3, { where: (w) => w.ne('docId', 'home') }),
  },
  outputs: [redis({ ttl: hours(2) })],
});

export default job({ name: 'recent', views: [recentDocs] });
