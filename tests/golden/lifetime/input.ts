import { z } from 'zod';
import { count, days, featureView, job, lifetime, max, minutes, redis, seconds, source, sum } from '../../../dsl/index.js';

const purchases = source({
  name: 'purchases', topic: 'purchases', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2),
  schema: z.object({ userId: z.string(), amount: z.number(), ts: z.number().int() }),
});

const customerValue = featureView({
  name: 'customerValue',
  entity: ['userId'],
  sources: [purchases],
  window: lifetime(),
  features: { purchases: count(purchases), total_spend: sum(purchases, 'amount'), largest: max(purchases, 'amount') },
  online: { purchases: { default: 0 } },
  outputs: [redis({ ttl: days(30) })],
});

export default job({ name: 'customers', views: [customerValue], stateTtl: days(90), checkpointInterval: minutes(1) });
