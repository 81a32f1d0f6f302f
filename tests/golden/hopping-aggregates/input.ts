import { z } from 'zod';
import { avg, count, featureView, hopping, job, kafka, max, min, minutes, seconds, source, sum } from '../../../dsl/index.js';

const orders = source({
  name: 'orders', topic: 'shop.orders', format: 'json', eventTime: 'ts', watermarkDelay: seconds(5),
  schema: z.object({ userId: z.string(), amount: z.number(), qty: z.int32(), country: z.string(), ts: z.number().int() }),
});

const userOrders = featureView({
  name: 'userOrders',
  entity: ['userId'],
  sources: [orders],
  window: hopping(minutes(10), minutes(1)),
  features: {
    orders_10m: count(orders),
    revenue_10m: sum(orders, 'amount'),
    avg_amount_10m: avg(orders, 'amount'),
    min_amount_10m: min(orders, 'amount'),
    max_amount_10m: max(orders, 'amount'),
    de_items_10m: sum(orders, 'qty', { where: (w) => w.and(w.eq('country', 'DE'), w.gte('amount', 10)) }),
  },
  outputs: [kafka({ topic: 'features.user-orders' })],
});

export default job({ name: 'orders', views: [userOrders], parallelism: 2, checkpointInterval: seconds(30) });
