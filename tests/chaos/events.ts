import { seededRandom } from '../../runtime/shared/seeded-random.js';

/** One interaction of the engagement job's sources (`{ userId, docId, ts }` on `clicks` or `impressions`). */
export interface ChaosEvent {
  topic: 'clicks' | 'impressions';
  userId: string;
  docId: string;
  ts: number;
}

export interface EventPlan {
  seed: number;
  /** Total events over both topics. */
  events: number;
  users: number;
  /** Event time of the first event (epoch ms). */
  startTs: number;
  /** Event time the whole run covers: compressed, so hours of windows close within minutes. */
  spanMs: number;
}

/** Out-of-order bound of the events; below the sources' 2 s watermark delay, so no event is late. */
export const MAX_DISORDER_MS = 1500;
/** Entity of the two closing events: their windows never close, so no output carries it. */
export const FLUSH_USER = '__flush__';
const MINUTE = 60_000;

/**
 * The events of a run in batches, the same for the same plan: one clock advancing evenly from
 * `startTs` over `spanMs`; every step an impression by a skewed choice of user, and with that
 * user's click rate a click; 20% of the events carry a time up to 1.5 s in the past.
 */
export function* eventBatches(plan: EventPlan, batchSize: number): Generator<ChaosEvent[]> {
  const random = seededRandom(plan.seed);
  const clickRates = Array.from({ length: plan.users }, () => 0.05 + random() * 0.3);
  const userName = (n: number): string => `user-${String(n).padStart(5, '0')}`;
  const disorder = (t: number): number => (random() < 0.2 ? t - Math.floor(random() * MAX_DISORDER_MS) : t);
  let emitted = 0;
  let batch: ChaosEvent[] = [];
  while (emitted < plan.events) {
    const clock = plan.startTs + Math.floor((emitted * plan.spanMs) / plan.events);
    const u = Math.floor(plan.users * random() ** 2);
    const userId = userName(u);
    const docId = `doc-${Math.floor(random() * 1000)}`;
    batch.push({ topic: 'impressions', userId, docId, ts: disorder(clock) });
    emitted += 1;
    if (emitted < plan.events && random() < (clickRates[u] ?? 0.1)) {
      batch.push({ topic: 'clicks', userId, docId, ts: disorder(clock) });
      emitted += 1;
    }
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * One event per topic far enough past the last one that the watermark passes the end of every
 * window holding a real event (the longest window is 10 minutes), so all of them fire.
 */
export function flushEvents(plan: EventPlan): ChaosEvent[] {
  const ts = plan.startTs + plan.spanMs + 11 * MINUTE + 5_000;
  return [
    { topic: 'impressions', userId: FLUSH_USER, docId: 'flush', ts },
    { topic: 'clicks', userId: FLUSH_USER, docId: 'flush', ts },
  ];
}
