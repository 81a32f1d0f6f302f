/**
 * The acceptance test: jobs/engagement.ts deployed on the real stack (under private names),
 * the real Redis sink process, a seeded generator run with accelerated event time, then
 * `featc get` answers with exactly what an independent computation from the generated events says:
 * per user, the latest window Flink has closed (tests/integration/demo/engagement-oracle.ts).
 */
import { GENERATOR_TOPICS, type GeneratedEvent } from '../../../examples/generator/events.js';
import { runGenerator } from '../../../examples/generator/run.js';
import engagement from '../../../jobs/engagement.js';
import { engagementOracle, type EngagementOracle } from './engagement-oracle.js';
import { comparable, eventually, serveRenamedJob, type ServedJob } from './served-job.js';

type Comparable = ReturnType<typeof comparable>;

/** What the feature client / `featc get` must return for `user`, given the oracle (absent and null values read as the declared defaults, 0). */
function expectedRows(oracle: EngagementOracle, user: string): { userClickRate: Comparable; userCtr: Comparable } {
  const rate = oracle.clickRate.get(user);
  const ctr = oracle.ctr.get(user);
  return {
    userClickRate: rate
      ? { found: true, asOfMs: rate.asOfMs, values: { click_rate_5m: rate.click_rate_5m } }
      : { found: false, asOfMs: null, values: { click_rate_5m: 0 } },
    userCtr: ctr
      ? { found: true, asOfMs: ctr.asOfMs, values: { clicks_10m: ctr.clicks_10m, impressions_10m: ctr.impressions_10m, ctr_10m: ctr.ctr_10m ?? 0 } }
      : { found: false, asOfMs: null, values: { clicks_10m: 0, impressions_10m: 0, ctr_10m: 0 } },
  };
}

describe('featc get serves what the generator\'s events imply (jobs/engagement.ts on the real stack)', () => {
  const tag = `featc_it_${Date.now().toString(36)}`;
  let served: ServedJob | undefined;
  let events: GeneratedEvent[] = [];
  let oracle: EngagementOracle;
  let actual: Map<string, { userClickRate: Comparable; userCtr: Comparable }>;

  beforeAll(async () => {
    served = await serveRenamedJob(engagement, tag, GENERATOR_TOPICS);
    const job = served;
    const generated = await runGenerator({
      kafka: process.env.FEATC_KAFKA_BOOTSTRAP ?? '', seed: 7, users: 40, rate: 250, durationSec: 12, speed: 60,
      startTs: Math.floor(Date.now() / 60_000) * 60_000, keepEvents: true,
      topics: Object.fromEntries(GENERATOR_TOPICS.map((t) => [t, job.topic(t)])),
    });
    events = generated.events;
    oracle = engagementOracle(events);
    const users = oracle.users;
    const read = async (): Promise<Map<string, { userClickRate: Comparable; userCtr: Comparable }>> => {
      const [rates, ctrs] = await Promise.all([job.client.getMany('userClickRate', users), job.client.getMany('userCtr', users)]);
      return new Map(users.map((u, i) => [u, { userClickRate: comparable(rates[i]), userCtr: comparable(ctrs[i]) }]));
    };
    // Windows close as the watermark passes them, and reach Redis after the checkpoint that commits them.
    await eventually(async () => {
      actual = await read();
      return users.every((u) => actual.get(u)?.userClickRate?.asOfMs === expectedRows(oracle, u).userClickRate?.asOfMs
        && actual.get(u)?.userCtr?.asOfMs === expectedRows(oracle, u).userCtr?.asOfMs);
    }, 120_000);
    actual = await read();
  });

  afterAll(async () => {
    await served?.stop();
  });

  test('the generator ran a few thousand seeded, skewed events over several closed windows', () => {
    const perTopic = (t: string): number => events.filter((e) => e.topic === t).length;
    expect(perTopic('impressions')).toBe(3000);
    expect(perTopic('clicks')).toBeGreaterThan(200);
    expect(events.length).toBeGreaterThan(3500);
    // 12 s at ×60: 12 minutes of event time, so at least two 5-minute windows and many sliding windows close.
    expect(oracle.watermarks.clicks - Math.min(...events.map((e) => (e.value as { ts: number }).ts))).toBeGreaterThan(11 * 60_000);
    const rateWindows = new Set([...oracle.clickRate.values()].map((v) => v.asOfMs));
    expect(rateWindows.size).toBeGreaterThanOrEqual(1);
    expect(oracle.ctr.size).toBe(oracle.users.length);
    // Zipf skew: the heaviest user has many times the median user's impressions.
    const counts = oracle.users.map((u) => events.filter((e) => e.topic === 'impressions' && e.key === u).length).sort((a, b) => a - b);
    expect(counts[counts.length - 1]).toBeGreaterThan(5 * (counts[Math.floor(counts.length / 2)] ?? 1));
  });

  test('every user\'s userClickRate and userCtr in Redis equal the independent computation', () => {
    const expected = new Map(oracle.users.map((u) => [u, expectedRows(oracle, u)]));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });

  test('`featc get` (the CLI, a separate process) prints the same values for the heaviest users and a light one', async () => {
    const job = served;
    if (!job) throw new Error('not deployed');
    const byImpressions = [...oracle.ctr.entries()].sort((a, b) => b[1].impressions_10m - a[1].impressions_10m).map(([u]) => u);
    const users = [...byImpressions.slice(0, 2), byImpressions[byImpressions.length - 1] ?? 'u001'];
    for (const user of users) {
      const want = expectedRows(oracle, user);
      expect(comparable(await job.featcGet('userCtr', user) as never)).toEqual(want.userCtr);
      expect(comparable(await job.featcGet('userClickRate', user) as never)).toEqual(want.userClickRate);
    }
  });
});
