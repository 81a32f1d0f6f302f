import { compileJob } from '../../../compiler/index.js';
import { DeployError, deployJobs, findDeployedJob, planJobs } from '../../../flink-deploy/index.js';
import { produce } from '../../support/kafka.js';
import { variantJob, type Variant, type VariantNames } from './fixtures/variant-job.js';
import { baseHour, cancelJobsNamed, freshNames, jobManager, testTarget, TopicReader } from './helpers.js';

/** Changes whose state cannot be kept: plan says why, deploy refuses, and with the flag the values are recomputed. */
describe('featc deploy: state reset', () => {
  const target = testTarget();
  let names: VariantNames;
  let totals: TopicReader;
  let deadLetters: TopicReader | undefined;
  const T = baseHour();
  const events = [
    { userId: 'u1', amount: 7, minute: 1 }, { userId: 'u2', amount: 3, minute: 2 }, { userId: 'u1', amount: 12, minute: 3 },
    { userId: 'u3', amount: 1, minute: 4 }, { userId: 'u1', amount: 5, minute: 5 },
  ];
  const later = [{ userId: 'u2', amount: 30, minute: 6 }, { userId: 'u3', amount: 2, minute: 7 }];
  const compiled = (v: Variant): ReturnType<typeof compileJob> => compileJob(variantJob(names, v));
  const send = (list: typeof events): Promise<void> => produce(names.input, list.map((e) => ({ value: { userId: e.userId, amount: e.amount, ts: T + e.minute * 60_000 } })));

  /** The expected lifetime values, computed here from the events alone. */
  function expected(list: typeof events): Map<string, { n: number; total: number; largest: number }> {
    const m = new Map<string, { n: number; total: number; largest: number }>();
    for (const e of list) {
      const cur = m.get(e.userId) ?? { n: 0, total: 0, largest: -Infinity };
      m.set(e.userId, { n: cur.n + 1, total: cur.total + e.amount, largest: Math.max(cur.largest, e.amount) });
    }
    return m;
  }

  beforeAll(async () => {
    names = await freshNames('dep-rs');
    totals = await TopicReader.open(names.totalsTopic);
  });
  afterAll(async () => {
    await cancelJobsNamed(names.job);
    await totals.close();
    await deadLetters?.close();
  });

  it('plans window and aggregation changes as state resets, with the reason', async () => {
    expect((await deployJobs([compiled({})], { target })).ok).toBe(true);
    const window = await planJobs([compiled({ hourlyWindowHours: 2 })], { target });
    expect(window.jobs[0]).toMatchObject({ action: 'update-state-reset', reasons: ["hourly: window tumbling 1h → tumbling 2h; the aggregation's state cannot be reused"] });
    const feature = await planJobs([compiled({ extraFeature: true })], { target });
    expect(feature.jobs[0]?.action).toBe('update-state-reset');
    expect(feature.jobs[0]?.reasons).toEqual(['totals: feature largest added to the aggregation; its accumulators change and Flink cannot read the old state']);
    expect(feature.jobs[0]).toMatchObject({ serving: { featuresAdded: ['totals.largest'], featuresRemoved: [] }, refillFrom: 'earliest' });
  });

  it('refuses a state reset without --allow-state-reset and changes nothing', async () => {
    await send(events);
    // A malformed record (amount is text): dead-lettered once by this job (the topic exists since the first deploy).
    deadLetters = await TopicReader.open(`featc.dlq.${names.job}.events`);
    await produce(names.input, [{ value: { userId: 'u9', amount: 'lots', ts: T + 60_000 } }]);
    expect(await totals.waitFor(() => (totals.latest().get('u1')?.n === 3 ? true : undefined))).toBe(true);
    expect(await deadLetters.waitFor(() => (deadLetters?.rows.length === 1 ? true : undefined))).toBe(true);
    const before = await findDeployedJob(jobManager(), names.job);
    const err = await deployJobs([compiled({ extraFeature: true })], { target }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployError);
    expect((err as DeployError).code).toBe('FEATC_E7140');
    expect((err as DeployError).message).toContain('feature largest added');
    expect(await findDeployedJob(jobManager(), names.job)).toMatchObject({ jobId: before?.jobId, state: 'RUNNING' });
  });

  it('with --allow-state-reset, refills from Kafka: values after catch-up equal the independent computation', async () => {
    const t0 = Date.now();
    const r = await deployJobs([compiled({ extraFeature: true })], { target, allowStateReset: true });
    expect(r.ok).toBe(true);
    const job = r.jobs[0]!;
    expect(job.steps.map((s) => s.step)).toEqual(['stop with savepoint', 'submit (empty state)', 'wait for RUNNING and the first checkpoint']);
    expect(job.startedFromMs).toBeUndefined(); // a lifetime view needs all history: sources replay from the earliest offset
    console.log(`[deploy timings] state-reset upgrade: ${Date.now() - t0} ms wall: ${job.steps.map((s) => `${s.step} ${s.ms} ms`).join(', ')}`);
    await send(later);
    const want = expected([...events, ...later]);
    const done = await totals.waitFor(() => ([...want].every(([k, v]) => totals.latest().get(k)?.n === v.n && totals.latest().get(k)?.largest === v.largest) ? true : undefined), 45_000);
    expect(done).toBe(true);
    for (const [k, v] of want) expect(totals.latest().get(k)).toMatchObject({ userId: k, ...v });
    // The documented behaviour of a reset (README › Changing a served view): the re-read range is
    // dead-lettered again, each record naming the same source partition and offset to de-duplicate on.
    const dl = deadLetters as TopicReader;
    expect(await dl.waitFor(() => (dl.rows.length === 2 ? true : undefined), 30_000)).toBe(true);
    const [first, again] = dl.rows.map((r) => r.value);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ topic: names.input, partition: 0, reason: 'field amount is not an integer' });
    expect(new Set(dl.rows.map((r) => `${String(r.value.partition)}/${String(r.value.offset)}`)).size).toBe(1);
  });
});
