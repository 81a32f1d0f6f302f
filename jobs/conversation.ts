/**
 * Conversation context, served from Redis: the last 10 turns (query texts, oldest first) of each
 * user, for the prompt-enrichment path (`featc get conversationContext u001`).
 *
 * - Source `user-queries` `{ userId, requestId, text, ts }` (ts: epoch millis, up to 2 s out of order).
 * - View `conversationContext`: a per-event window (`sliding(minutes(30))`, an `OVER` window): every
 *   turn emits the user's last 10 turns of the preceding 30 minutes, so a turn older than 30 minutes
 *   never shows up, however few turns followed it.
 * - Online TTL 30 minutes: Redis drops a user's context 30 minutes after their last turn.
 *
 * Prints (abridged): `ARRAY_SLICE(ARRAY_AGG(`text`) OVER w, -10)` with
 * `WINDOW w AS (PARTITION BY `userId` ORDER BY `__rowtime` RANGE BETWEEN INTERVAL '30' MINUTE PRECEDING AND CURRENT ROW)`.
 */
import { z } from 'zod';
import { count, featureView, job, lastN, minutes, redis, seconds, sliding, source } from '../dsl/index.js';

export const userQueries = source({
  name: 'userQueries',
  topic: 'user-queries',
  schema: z.object({ userId: z.string(), requestId: z.string(), text: z.string(), ts: z.number().int() }),
  eventTime: 'ts',
  watermarkDelay: seconds(2),
  idleTimeout: seconds(5),
  key: ['userId'],
  format: 'json',
});

export const conversationContext = featureView({
  name: 'conversationContext',
  entity: ['userId'],
  sources: [userQueries],
  window: sliding(minutes(30)),
  features: {
    last_turns: lastN(userQueries, 'text', 10),
    turns_30m: count(userQueries),
  },
  online: { turns_30m: { default: 0 } },
  outputs: [redis({ ttl: minutes(30) })],
});

export default job({
  name: 'conversation',
  views: [conversationContext],
  parallelism: 1,
  checkpointInterval: seconds(10),
});
