import { z } from 'zod';
import { compileJob } from '../../../compiler/index.js';
import { avg, count, featureView, hopping, job, kafka, minutes, ratio, redis, seconds, source, sum } from '../../../dsl/index.js';
import { JobManagerClient, SqlGatewayClient } from '../../../flink-deploy/rest/index.js';
import { resolvePlaceholders } from '../../golden/flink-check.js';
import { bootstrap, consumeCommitted, createTopics, deleteTopics, produce, uniqueTopic } from '../../support/kafka.js';

// Compiled hopping-window views run on the real Flink over generated events, some out of order
// within the watermark delay; the Kafka output must equal an independent computation, key by key
// and window by window.
const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const FAR = T0 + 3_600_000; // trailing events: move every watermark past every window
const SIZE = 60_000;
const SLIDE = 20_000;
const DELAY = 5_000;

const topics = { orders: uniqueTopic('it-orders'), clicks: uniqueTopic('it-clicks'), impressions: uniqueTopic('it-impr'), orderFeatures: uniqueTopic('it-order-features'), ctr: uniqueTopic('it-ctr') };

const orders = source({
  name: 'orders', topic: topics.orders, format: 'json', eventTime: 'ts', watermarkDelay: seconds(5), idleTimeout: seconds(30),
  schema: z.object({ userId: z.string(), amount: z.number(), ts: z.number().int() }),
});
const interaction = z.object({ userId: z.string(), docId: z.string(), ts: z.number().int() });
const clicks = source({ name: 'clicks', topic: topics.clicks, format: 'json', eventTime: 'ts', watermarkDelay: seconds(5), schema: interaction });
const impressions = source({ name: 'impressions', topic: topics.impressions, format: 'json', eventTime: 'ts', watermarkDelay: seconds(5), schema: interaction });

const userOrders = featureView({
  name: 'userOrders', entity: ['userId'], sources: [orders], window: hopping(minutes(1), seconds(20)),
  features: { orders: count(orders), revenue: sum(orders, 'amount'), avg_amount: avg(orders, 'amount') },
  outputs: [kafka({ topic: topics.orderFeatures })],
});
const userCtr = featureView({
  name: 'userCtr', entity: ['userId'], sources: [clicks, impressions], window: hopping(minutes(1), seconds(20)),
  features: { clicks: count(clicks), impressions: count(impressions) },
  derived: { ctr: ratio('clicks', 'impressions') },
  outputs: [redis({ ttl: minutes(30), topic: topics.ctr })],
});
const jobName = `it_values_${Date.now().toString(36)}`;
const definition = job({ name: jobName, views: [userOrders, userCtr], parallelism: 1, checkpointInterval: seconds(1) });

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Events over 4 minutes; arrival order jitters event time by up to 4 s (< the 5 s watermark delay). */
function generate<E extends { ts: number }>(n: number, seed: number, make: (r: () => number, ts: number) => E): E[] {
  const r = rng(seed);
  const events = Array.from({ length: n }, () => make(r, T0 + Math.floor(r() * 240_000)));
  const arrival = events.map((e) => ({ e, at: e.ts + Math.floor(r() * 4_000) }));
  return arrival.sort((a, b) => a.at - b.at).map((a) => a.e);
}

/** The ends of every hopping window containing `ts`. */
function windowEnds(ts: number): number[] {
  const ends: number[] = [];
  for (let end = Math.floor(ts / SLIDE) * SLIDE + SLIDE; end - SIZE <= ts; end += SLIDE) ends.push(end);
  return ends;
}

function groupByWindow<E extends { userId: string; ts: number }>(events: E[]): Map<string, E[]> {
  const groups = new Map<string, E[]>();
  for (const e of events) for (const end of windowEnds(e.ts)) {
    const k = `${e.userId}@${end}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  return groups;
}

describe('hopping-window values on the real Flink match an independent computation', () => {
  const gateway = new SqlGatewayClient(process.env.FEATC_SQL_GATEWAY_URL ?? '');
  const jobManager = new JobManagerClient(process.env.FEATC_FLINK_URL ?? '');
  const users = ['u1', 'u2', 'u3', 'u4'];
  const orderEvents = generate(400, 7, (r, ts) => ({ userId: users[Math.floor(r() * 4)] ?? 'u1', amount: Math.round(r() * 10_000) / 100, ts }));
  const clickEvents = generate(150, 11, (r, ts) => ({ userId: users[Math.floor(r() * 4)] ?? 'u1', docId: `d${Math.floor(r() * 9)}`, ts }));
  const impressionEvents = generate(500, 13, (r, ts) => ({ userId: users[Math.floor(r() * 4)] ?? 'u1', docId: `d${Math.floor(r() * 9)}`, ts }));
  let session = '';
  let jobId: string | undefined;

  beforeAll(async () => {
    await createTopics([topics.orders], 2);
    await createTopics([topics.clicks, topics.impressions, topics.orderFeatures, topics.ctr], 1);
    const compiled = compileJob(definition);
    session = await gateway.openSession({}, jobName);
    for (const statement of compiled.statements) {
      const result = await gateway.execute(session, resolvePlaceholders(statement, bootstrap()));
      if (result.jobId) jobId = result.jobId;
    }
    expect(jobId).toMatch(/^[0-9a-f]{32}$/);
    await jobManager.waitForState(jobId!, ['RUNNING']);
    // Orders are keyed by user over 2 partitions; each partition gets its own trailing event.
    await produce(topics.orders, [
      ...orderEvents.map((e) => ({ key: e.userId, value: e, partition: users.indexOf(e.userId) % 2 })),
      ...[0, 1].map((partition) => ({ key: 'flush', value: { userId: 'flush', amount: 0, ts: FAR }, partition })),
    ]);
    await produce(topics.clicks, [...clickEvents, { userId: 'flush', docId: 'x', ts: FAR }].map((e) => ({ value: e })));
    await produce(topics.impressions, [...impressionEvents, { userId: 'flush', docId: 'x', ts: FAR }].map((e) => ({ value: e })));
  });

  afterAll(async () => {
    if (jobId) await jobManager.cancel(jobId).catch(() => undefined);
    await gateway.closeSession(session);
    await deleteTopics(Object.values(topics));
  });

  test('the generated input really is out of order, within the watermark delay', () => {
    for (const events of [orderEvents, clickEvents, impressionEvents]) {
      let max = 0;
      let outOfOrder = 0;
      for (const e of events) {
        if (e.ts < max) outOfOrder++;
        expect(e.ts).toBeGreaterThan(max - DELAY);
        max = Math.max(max, e.ts);
      }
      expect(outOfOrder).toBeGreaterThan(5);
    }
  });

  test('count, sum and avg per user and hopping window', async () => {
    const expected = new Map([...groupByWindow(orderEvents)].map(([k, es]) => {
      const revenue = es.reduce((s, e) => s + e.amount, 0);
      return [k, { orders: es.length, revenue, avg_amount: revenue / es.length }];
    }));
    const records = await consumeCommitted(topics.orderFeatures, { expected: expected.size, timeoutMs: 120_000, settleMs: 2000 });
    const actual = new Map(records.map((r) => {
      const v = JSON.parse(r.value) as { userId: string; orders: number; revenue: number; avg_amount: number; __as_of_ms: number };
      expect(JSON.parse(r.key ?? '{}')).toEqual({ userId: v.userId });
      return [`${v.userId}@${v.__as_of_ms}`, v];
    }));
    expect(records).toHaveLength(expected.size);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, want] of expected) {
      const got = actual.get(k);
      expect(got?.orders).toBe(want.orders);
      expect(got?.revenue).toBeCloseTo(want.revenue, 6);
      expect(got?.avg_amount).toBeCloseTo(want.avg_amount, 6);
    }
  });

  test('two-source CTR per user and hopping window', async () => {
    const clickGroups = groupByWindow(clickEvents);
    const impressionGroups = groupByWindow(impressionEvents);
    const keys = new Set([...clickGroups.keys(), ...impressionGroups.keys()]);
    const expected = new Map([...keys].map((k) => {
      const c = clickGroups.get(k)?.length ?? 0;
      const i = impressionGroups.get(k)?.length ?? 0;
      return [k, { clicks: c, impressions: i, ctr: i === 0 ? null : c / i }];
    }));
    const records = await consumeCommitted(topics.ctr, { expected: expected.size, timeoutMs: 120_000, settleMs: 2000 });
    const actual = new Map(records.map((r) => {
      const v = JSON.parse(r.value) as { userId: string; clicks: number; impressions: number; ctr: number | null; __as_of_ms: number };
      return [`${v.userId}@${v.__as_of_ms}`, v];
    }));
    expect(records).toHaveLength(expected.size);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, want] of expected) {
      const got = actual.get(k);
      expect({ k, clicks: got?.clicks, impressions: got?.impressions }).toEqual({ k, clicks: want.clicks, impressions: want.impressions });
      if (want.ctr === null) expect(got?.ctr).toBeNull();
      else expect(got?.ctr).toBeCloseTo(want.ctr, 9);
    }
  });
});
