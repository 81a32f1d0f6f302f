import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { compileJob } from '../../../compiler/index.js';
import { deployJobs, planJobs, status, type DeployReport, type JobStatus, type Plan } from '../../../flink-deploy/index.js';
import { produce } from '../../support/kafka.js';
import { writeDefinition } from './fixtures/write-definition.js';
import { variantJob, type VariantNames } from './fixtures/variant-job.js';
import { baseHour, cancelJobsNamed, freshNames, testTarget, TopicReader } from './helpers.js';

/** The CLI itself, on a definition file (its loader cannot run inside Jest's sandbox). */
async function cli<T>(...args: string[]): Promise<T> {
  const { stdout } = await promisify(execFile)('node', ['bin/featc.js', ...args, '--json'], { env: process.env, maxBuffer: 10_000_000 });
  return JSON.parse(stdout) as T;
}

async function pollStatus(job: string, until: (s: JobStatus) => boolean): Promise<JobStatus> {
  const deadline = Date.now() + 25_000;
  for (;;) {
    const [s] = await status({ target: testTarget(), names: [job] });
    if (s && (until(s) || Date.now() > deadline)) return s;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** deploy → values exact → plan unchanged → no-op deploy → compatible upgrade that keeps running aggregates. */
describe('featc deploy: create, no-op, savepoint upgrade', () => {
  const target = testTarget();
  let names: VariantNames;
  let totals: TopicReader;
  let hourly: TopicReader;
  const T = baseHour();
  const ev = (userId: string, amount: number, minute: number): { value: unknown } => ({ value: { userId, amount, ts: T + minute * 60_000 } });

  beforeAll(async () => {
    names = await freshNames('dep-up');
    totals = await TopicReader.open(names.totalsTopic);
    hourly = await TopicReader.open(names.hourlyTopic);
  });
  afterAll(async () => {
    await cancelJobsNamed(names.job);
    await totals.close();
    await hourly.close();
  });

  it('deploys, computes exact values, then plans unchanged and redeploys as a no-op', async () => {
    const file = writeDefinition(names, { derived: 1 });
    const t0 = Date.now();
    const first = await cli<DeployReport>('deploy', file, '--yes');
    console.log(`[deploy timings] create via the CLI: ${Date.now() - t0} ms wall (deploy ${first.ms} ms: ${first.jobs[0]?.steps.map((st) => `${st.step} ${st.ms} ms`).join(', ')})`);
    expect(first.ok).toBe(true);
    expect(first.jobs[0]).toMatchObject({ name: names.job, action: 'create', ok: true });
    const jobId = first.jobs[0]?.jobId;
    await produce(names.input, [ev('u1', 10, 1), ev('u1', 20, 2), ev('u2', 5, 3), ev('u1', 30, 4)]);
    const seen = await totals.waitFor(() => (totals.latest().get('u1')?.n === 3 && totals.latest().get('u2')?.n === 1 ? true : undefined));
    expect(seen).toBe(true);
    expect(totals.latest().get('u1')).toMatchObject({ userId: 'u1', n: 3, total: 60, mean: 20, __as_of_ms: T + 4 * 60_000 });
    expect(totals.latest().get('u2')).toMatchObject({ userId: 'u2', n: 1, total: 5, mean: 5 });
    expect(totals.rows).toHaveLength(4); // one upsert per event, none duplicated

    const p = await cli<Plan>('plan', file);
    expect(p.jobs.map((j) => [j.name, j.action])).toEqual([[names.job, 'unchanged']]);
    const again = await cli<DeployReport>('deploy', file, '--yes');
    expect(again.jobs[0]).toMatchObject({ action: 'unchanged', ok: true, jobId, steps: [] });

    // The JobManager refreshes task metrics every 10 s: poll.
    const s = await pollStatus(names.job, (row) => (row.recordsIn ?? 0) > 0);
    expect(s).toMatchObject({ name: names.job, jobId, state: 'RUNNING', restarts: 0 });
    expect(s.lastCheckpoint?.id).toBeGreaterThan(0);
    expect(s.lastCheckpoint?.ageMs).toBeLessThan(10_000);
    expect(s.recordsIn).toBeGreaterThanOrEqual(4);
    expect(s.recordsOut).toBeGreaterThanOrEqual(4);
    expect(['ok', 'low', 'high', 'unknown']).toContain(s.backpressure);
  });

  it('upgrades compatibly from a savepoint: the lifetime count and the open hour continue', async () => {
    const next = compileJob(variantJob(names, { derived: 2, parallelism: 2 }));
    const p = await planJobs([next], { target });
    expect(p.jobs[0]?.action).toBe('update-compatible');
    expect(p.jobs[0]?.reasons).toEqual(expect.arrayContaining([
      'totals: derived features mean → mean, double (computed per row, no state)',
      'parallelism 1 → 2 (keyed state is redistributed)',
    ]));
    const before = p.jobs[0]?.running?.jobId;
    const r = await deployJobs([next], { target });
    expect(r.ok).toBe(true);
    const job = r.jobs[0]!;
    expect(job.savepoint).toMatch(/savepoint-/);
    expect(job.steps.map((s) => s.step)).toEqual(['stop with savepoint', 'submit (restoring from the savepoint)', 'wait for RUNNING and the first checkpoint']);
    expect(job.jobId).not.toBe(before);
    await produce(names.input, [ev('u1', 40, 50), ev('flush', 0, 300)]);
    const u1 = await totals.waitFor(() => (totals.latest().get('u1')?.n === 4 ? totals.latest().get('u1') : undefined));
    expect(u1).toMatchObject({ n: 4, total: 100, mean: 25, double: 200 });
    const hour = await hourly.waitFor(() => hourly.rows.find((row) => row.value.userId === 'u1')?.value);
    expect(hour).toMatchObject({ userId: 'u1', clicks: 4, __as_of_ms: T + 3_600_000 }); // 3 events before the upgrade, 1 after
    const [s] = await status({ target, names: [names.job] });
    expect(s?.restoredFrom).toBe(job.savepoint);
    console.log(`[deploy timings] upgrade ${job.ms} ms: ${job.steps.map((st) => `${st.step} ${st.ms} ms`).join(', ')}`);
  });
});
