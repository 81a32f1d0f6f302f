import { z } from 'zod';
import { count, countDistinct, featureView, hopping, job, minutes, ratio, redis, seconds, source, tumbling } from '../../../dsl/index.js';

const event = z.object({ userId: z.string(), docId: z.string(), ts: z.number().int() });
const clicks = source({ name: 'clicks', topic: 'clicks', schema: event, eventTime: 'ts', watermarkDelay: seconds(2), idleTimeout: seconds(5), format: 'json' });
const impressions = source({ name: 'impressions', topic: 'impressions', schema: event, eventTime: 'ts', watermarkDelay: seconds(2), idleTimeout: seconds(5), format: 'json' });

const userCtr = featureView({
  name: 'userCtr',
  entity: ['userId'],
  sources: [clicks, impressions],
  window: hopping(minutes(10), minutes(1)),
  features: { clicks: count(clicks), impressions: count(impressions) },
  derived: { ctr: ratio('clicks', 'impressions') },
  online: { clicks: { default: 0 }, impressions: { default: 0 }, ctr: { default: 0, ttl: minutes(10) } },
  outputs: [redis({ ttl: minutes(30) })],
});

const docPopularity = featureView({
  name: 'docPopularity',
  entity: ['docId'],
  sources: [clicks],
  window: tumbling(minutes(5)),
  features: { clicks_5m: count(clicks), users_5m: countDistinct(clicks, 'userId') },
  outputs: [redis({ ttl: hours1(), topic: 'features.doc-popularity' })],
});

function hours1() {
  return minutes(60);
}

export default job({ name: 'ctr', views: [userCtr, docPopularity] });
