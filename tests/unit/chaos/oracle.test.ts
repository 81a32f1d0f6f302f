import { EngagementOracle, latestPerUser } from '../../chaos/oracle.js';
import { eventBatches, flushEvents, FLUSH_USER, MAX_DISORDER_MS, type EventPlan } from '../../chaos/events.js';
import { faultPlan, FAULT_KINDS } from '../../chaos/faults.js';
import { seededRandom } from '../../../runtime/shared/seeded-random.js';

const MIN = 60_000;
const T = 1_800_000_000_000; // a multiple of 5 minutes

describe('chaos oracle: tumbling 5 min clicks, hopping 10 min / 1 min clicks + impressions', () => {
  it('counts hand-placed events into the right windows and keeps only closed ones', () => {
    const o = new EngagementOracle();
    o.add({ topic: 'clicks', userId: 'a', docId: 'd', ts: T + 30_000 });
    o.add({ topic: 'impressions', userId: 'a', docId: 'd', ts: T + 30_000 });
    o.add({ topic: 'impressions', userId: 'a', docId: 'd', ts: T + 4 * MIN + 59_999 });
    o.add({ topic: 'clicks', userId: 'a', docId: 'd', ts: T + 5 * MIN }); // next tumbling window
    // closing events: watermark = T + 30 min - 2 s
    o.add({ topic: 'clicks', userId: 'z', docId: 'd', ts: T + 30 * MIN });
    o.add({ topic: 'impressions', userId: 'z', docId: 'd', ts: T + 30 * MIN });

    const tumbling = o.clickRate();
    expect(tumbling.get(`a@${T + 5 * MIN}`)).toEqual({ userId: 'a', asOfMs: T + 5 * MIN, click_rate_5m: 1 });
    expect(tumbling.get(`a@${T + 10 * MIN}`)).toEqual({ userId: 'a', asOfMs: T + 10 * MIN, click_rate_5m: 1 });
    expect([...tumbling.keys()].some((k) => k.startsWith('z@'))).toBe(false);

    const hop = o.ctr();
    // the click at T+30s is in the 10 windows ending T+1min … T+10min
    expect([...hop.values()].filter((r) => r.userId === 'a' && r.clicks_10m >= 1).map((r) => (r.asOfMs - T) / MIN).sort((x, y) => x - y))
      .toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(hop.get(`a@${T + 5 * MIN}`)).toMatchObject({ clicks_10m: 1, impressions_10m: 2, ctr_10m: 0.5 });
    expect(hop.get(`a@${T + 14 * MIN}`)).toMatchObject({ clicks_10m: 1, impressions_10m: 1, ctr_10m: 1 }); // [T+4, T+14)
    expect(hop.get(`a@${T + 15 * MIN}`)).toMatchObject({ clicks_10m: 1, impressions_10m: 0, ctr_10m: null }); // [T+5, T+15)
    expect(hop.has(`a@${T + 16 * MIN}`)).toBe(false);
    expect(latestPerUser(hop.values()).get('a')?.asOfMs).toBe(T + 15 * MIN);
  });

  it('generates the same events for the same seed, in order within the disorder bound, and closing events past every window', () => {
    const plan: EventPlan = { seed: 7, events: 5_000, users: 50, startTs: T, spanMs: 20 * MIN };
    const run = (): string => JSON.stringify([...eventBatches(plan, 1_000)].flat());
    expect(run()).toBe(run());
    const events = [...eventBatches(plan, 1_000)].flat();
    expect(events).toHaveLength(5_000);
    let max = 0;
    for (const e of events) {
      expect(e.ts).toBeGreaterThan(max - MAX_DISORDER_MS - 1);
      max = Math.max(max, e.ts);
    }
    const o = new EngagementOracle();
    for (const e of [...events, ...flushEvents(plan)]) o.add(e);
    expect(Math.max(...[...o.ctr().values()].map((r) => r.asOfMs))).toBeGreaterThanOrEqual(Math.floor(max / MIN) * MIN + 10 * MIN);
    expect([...o.ctr().values()].some((r) => r.userId === FLUSH_USER)).toBe(false);
  });

  it('plans every fault kind evenly, crashes by SIGKILL, Kafka and Redis alternating SIGTERM and SIGKILL', () => {
    const plan = faultPlan(20, seededRandom(1));
    for (const kind of FAULT_KINDS) expect(plan.filter((f) => f.kind === kind)).toHaveLength(4);
    expect(plan.filter((f) => f.kind === 'kafka-restart').map((f) => f.signal)).toEqual(['SIGTERM', 'SIGKILL', 'SIGTERM', 'SIGKILL']);
    expect(plan.filter((f) => f.kind === 'taskmanager-kill').every((f) => f.signal === 'SIGKILL')).toBe(true);
  });
});
