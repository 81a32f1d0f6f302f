import { compileJob } from '../../../compiler/index.js';
import { DeployError, deployJobs, findDeployedJob, planJobs } from '../../../flink-deploy/index.js';
import { produce } from '../../support/kafka.js';
import { variantJob, type Variant, type VariantNames } from './fixtures/variant-job.js';
import { baseHour, cancelJobsNamed, freshNames, jobManager, testTarget, TopicReader } from './helpers.js';

/** A new version Flink cannot run is rolled back to the previous one, from the savepoint, state intact. */
describe('featc deploy: rollback and secrets', () => {
  const target = testTarget();
  let names: VariantNames;
  let totals: TopicReader;
  const T = baseHour();
  const ev = (amount: number, minute: number): { value: unknown } => ({ value: { userId: 'u1', amount, ts: T + minute * 60_000 } });
  const compiled = (v: Variant): ReturnType<typeof compileJob> => compileJob(variantJob(names, v));

  beforeAll(async () => {
    names = await freshNames('dep-rb');
    totals = await TopicReader.open(names.totalsTopic);
  });
  afterAll(async () => {
    await cancelJobsNamed(names.job);
    await totals.close();
  });

  it('rolls back a version that fails at runtime; the previous job runs again with its state', async () => {
    const first = await deployJobs([compiled({})], { target });
    expect(first.ok).toBe(true);
    await produce(names.input, [ev(1, 1), ev(2, 2), ev(3, 3)]);
    expect(await totals.waitFor(() => (totals.latest().get('u1')?.n === 3 ? true : undefined))).toBe(true);

    // A Kafka client option Flink accepts at submit but the source cannot start with.
    const broken = compiled({ sourceProperties: { 'security.protocol': 'BOGUS' } });
    const p = await planJobs([broken], { target });
    expect(p.jobs[0]?.action).toBe('update-compatible');
    const t0 = Date.now();
    const r = await deployJobs([broken], { target });
    const wall = Date.now() - t0;
    const job = r.jobs[0]!;
    expect(r.ok).toBe(false);
    expect(job.rolledBack).toBe(true);
    expect(job.error).toMatch(/did not come up: .*security\.protocol|BOGUS/i);
    expect(job.steps.map((s) => [s.step, s.ok])).toEqual([
      ['stop with savepoint', true],
      ['submit (restoring from the savepoint)', true],
      ['wait for RUNNING and the first checkpoint', false],
      ['rollback: resubmit the previous version from the savepoint', true],
      ['rollback: wait for RUNNING and the first checkpoint', true],
    ]);
    console.log(`[deploy timings] failed upgrade + rollback: ${wall} ms wall: ${job.steps.map((s) => `${s.step} ${s.ms} ms`).join(', ')}`);

    const running = await findDeployedJob(jobManager(), names.job);
    expect(running).toMatchObject({ jobId: job.jobId, state: 'RUNNING', hash: compiled({}).hash });
    const checkpoints = await jobManager().checkpoints(job.jobId!);
    expect(checkpoints.latest.restored?.external_path).toBe(job.savepoint);
    await produce(names.input, [ev(4, 4), ev(5, 5)]);
    const u1 = await totals.waitFor(() => (totals.latest().get('u1')?.n === 5 ? totals.latest().get('u1') : undefined));
    expect(u1).toMatchObject({ n: 5, total: 15 });
  });

  it('refuses to touch anything when a secret is missing, and never records secret values', async () => {
    const before = await findDeployedJob(jobManager(), names.job);
    const withSecret = compiled({ sourceProperties: { 'client.rack': { env: 'FEATC_IT_RACK' } } });
    expect(withSecret.sql).toContain('${env:FEATC_IT_RACK}');
    const err = await deployJobs([withSecret], { target, env: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployError);
    expect((err as DeployError).code).toBe('FEATC_E7110');
    expect((err as DeployError).message).toContain('FEATC_IT_RACK');
    expect(await findDeployedJob(jobManager(), names.job)).toMatchObject({ jobId: before?.jobId, state: 'RUNNING' });

    const secret = 'rack-s3cr3t-value';
    const r = await deployJobs([withSecret], { target, env: { FEATC_IT_RACK: secret } });
    expect(r.ok).toBe(true);
    const config = JSON.stringify(await jobManager().jobConfig(r.jobs[0]!.jobId!));
    expect(config).toContain('featc.artifact');
    expect(config).not.toContain(secret);
    const deployed = await findDeployedJob(jobManager(), names.job);
    expect(JSON.stringify(deployed?.artifact)).toContain('${env:FEATC_IT_RACK}');
    expect(JSON.stringify(deployed?.artifact)).not.toContain(secret);
    expect(JSON.stringify(await planJobs([withSecret], { target }))).not.toContain(secret);
  });
});
