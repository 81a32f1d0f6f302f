import { z } from 'zod';
import { avg, count, countDistinct, featureView, job, lastValue, max, minutes, redis, seconds, sliding, source, sum } from '../../../dsl/index.js';

const payments = source({
  name: 'payments', topic: 'payments', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2),
  schema: z.object({ cardId: z.string(), amount: z.number(), merchant: z.string(), ts: z.number().int() }),
});

const cardVelocity = featureView({
  name: 'cardVelocity',
  entity: ['cardId'],
  sources: [payments],
  window: sliding(minutes(5)),
  features: {
    payments_5m: count(payments),
    large_payments_5m: count(payments, { where: (w) => w.gt('amount', 1000) }),
    spend_5m: sum(payments, 'amount'),
    avg_spend_5m: avg(payments, 'amount'),
    max_spend_5m: max(payments, 'amount'),
    last_merchant: lastValue(payments, 'merchant'),
    merchants_5m: countDistinct(payments, 'merchant'),
  },
  outputs: [redis({ ttl: minutes(10) })],
});

export default job({ name: 'fraud', views: [cardVelocity] });
