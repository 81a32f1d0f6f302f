/**
 * User engagement, served from Redis:
 * - `click_rate_5m`: clicks per user over tumbling 5-minute windows (view `userClickRate`);
 * - `ctr_10m`: clicks / impressions per user over a 10-minute window sliding every minute
 *   (view `userCtr`: clicks and impressions fused into one aggregation over a UNION ALL).
 * Events `{ userId, docId, ts }` (ts in epoch millis) arrive up to 2 s out of order. Idle users
 * expire from Redis after 30 minutes (TTL); Flink's windowed state is freed as windows close.
 * The sources declare no `idleTimeout`: `userCtr` reads both, and with an idle timeout a source that
 * stalls (a broker restart, a backlog after recovery) would let the other one close windows and its
 * own late events would be dropped (the fault suite measured it: tests/chaos/README.md › Findings).
 */
import { z } from 'zod';
import { count, featureView, hopping, job, minutes, ratio, redis, seconds, source, tumbling } from '../dsl/index.js';

const interaction = z.object({ userId: z.string(), docId: z.string(), ts: z.number().int() });

export const impressions = source({
  name: 'impressions',
  topic: 'impressions',
  schema: interaction,
  eventTime: 'ts',
  watermarkDelay: seconds(2),
  key: ['userId'],
  format: 'json',
});

export const clicks = source({
  name: 'clicks',
  topic: 'clicks',
  schema: interaction,
  eventTime: 'ts',
  watermarkDelay: seconds(2),
  key: ['userId'],
  format: 'json',
});

export const userClickRate = featureView({
  name: 'userClickRate',
  entity: ['userId'],
  sources: [clicks],
  window: tumbling(minutes(5)),
  features: { click_rate_5m: count(clicks) },
  online: { click_rate_5m: { default: 0 } },
  outputs: [redis({ ttl: minutes(30) })],
});

export const userCtr = featureView({
  name: 'userCtr',
  entity: ['userId'],
  sources: [clicks, impressions],
  window: hopping(minutes(10), minutes(1)),
  features: { clicks_10m: count(clicks), impressions_10m: count(impressions) },
  derived: { ctr_10m: ratio('clicks_10m', 'impressions_10m') },
  online: { clicks_10m: { default: 0 }, impressions_10m: { default: 0 }, ctr_10m: { default: 0 } },
  outputs: [redis({ ttl: minutes(30) })],
});

export default job({
  name: 'engagement',
  views: [userClickRate, userCtr],
  parallelism: 1,
  checkpointInterval: seconds(10),
});
