import { compileJob } from '../../../compiler/index.js';
import { deployJobs, planJobs, status, stop } from '../../../flink-deploy/index.js';
import { produce } from '../../support/kafka.js';
import { variantJob, type VariantNames } from './fixtures/variant-job.js';
import { baseHour, cancelJobsNamed, freshNames, jobManager, testTarget, TopicReader } from './helpers.js';

/** `featc stop --savepoint`, then `featc deploy --from-savepoint`: the lifetime count continues, nothing is re-emitted. */
describe('featc deploy --from-savepoint: a stopped job resumes from its savepoint', () => {
  const target = testTarget();
  let names: VariantNames;
  let totals: TopicReader;
  const T = baseHour();
  const ev = (userId: string, amount: number, minute: number): { value: unknown } => ({ value: { userId, amount, ts: T + minute * 60_000 } });

  beforeAll(async () => {
    names = await freshNames('dep-resume');
    totals = await TopicReader.open(names.totalsTopic);
  });
  afterAll(async () => {
    await cancelJobsNamed(names.job);
    await totals.close();
  });

  it('refuses a savepoint for a running job or an unknown one before touching anything', async () => {
    const job = compileJob(variantJob(names, { derived: 1 }));
    const first = await deployJobs([job], { target });
    expect(first.jobs[0]).toMatchObject({ action: 'create', ok: true });
    await produce(names.input, [ev('u1', 10, 1), ev('u1', 20, 2), ev('u2', 5, 3)]);
    expect(await totals.waitFor(() => (totals.latest().get('u1')?.n === 2 && totals.latest().get('u2')?.n === 1 ? true : undefined))).toBe(true);
    const running = first.jobs[0]?.jobId;
    await expect(deployJobs([job], { target, fromSavepoints: [{ job: names.job, path: 'file:///nowhere' }] }))
      .rejects.toMatchObject({ code: 'FEATC_E7143' });
    await expect(deployJobs([job], { target, fromSavepoints: [{ job: 'no_such_job', path: 'file:///nowhere' }] }))
      .rejects.toMatchObject({ code: 'FEATC_E7142' });
    const [s] = await status({ target, names: [names.job] });
    expect(s).toMatchObject({ jobId: running, state: 'RUNNING' });
  });

  it('resumes after stop --savepoint: counts continue over events produced while it was stopped, none re-emitted', async () => {
    const { savepoint } = await stop(names.job, { target, savepoint: true });
    expect(savepoint).toMatch(/savepoint-/);
    const rowsBefore = totals.rows.length;
    await produce(names.input, [ev('u1', 30, 4), ev('u2', 7, 5)]);
    const job = compileJob(variantJob(names, { derived: 1 }));
    const planned = (await planJobs([job], { target })).jobs[0];
    expect(planned?.action).toBe('create');
    // The plan names the savepoint the job was stopped with, so a plain deploy does not silently start empty.
    expect(planned?.stoppedWithSavepoint?.path).toBe(savepoint);
    const r = await deployJobs([job], { target, fromSavepoints: [{ job: names.job, path: savepoint! }] });
    expect(r.ok).toBe(true);
    expect(r.jobs[0]).toMatchObject({ action: 'create', restoredFrom: savepoint });
    expect(r.jobs[0]?.steps.map((st) => st.step)).toEqual([`submit (restoring from ${savepoint})`, 'wait for RUNNING and the first checkpoint']);
    const done = await totals.waitFor(() => (totals.latest().get('u1')?.n === 3 && totals.latest().get('u2')?.n === 2 ? true : undefined));
    expect(done).toBe(true);
    expect(totals.latest().get('u1')).toMatchObject({ n: 3, total: 60 });
    expect(totals.latest().get('u2')).toMatchObject({ n: 2, total: 12 });
    // Only the two new events produced rows: the source resumed at the savepoint's offsets.
    await new Promise((res) => setTimeout(res, 3000));
    expect(totals.rows.length - rowsBefore).toBe(2);
    const details = await jobManager().job(r.jobs[0]!.jobId!);
    expect(details.state).toBe('RUNNING');
    const [s] = await status({ target, names: [names.job] });
    expect(s?.restoredFrom).toBe(savepoint);
  });
});
