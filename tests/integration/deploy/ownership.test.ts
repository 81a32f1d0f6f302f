import { compileJob } from '../../../compiler/index.js';
import { deployJobs, destroy, findDeployedJob, planJobs, status, stop } from '../../../flink-deploy/index.js';
import { variantJob } from './fixtures/variant-job.js';
import { cancelJobsNamed, freshNames, jobManager, testTarget } from './helpers.js';

/** Two projects on one cluster: each plans, deploys and prunes its own jobs only. */
describe('featc plan and deploy: a job belongs to the project that deployed it', () => {
  const target = testTarget();
  let job = '';

  afterAll(async () => {
    await cancelJobsNamed(job);
  });

  it('another project neither lists, prunes nor replaces it; its own project sees it unchanged and prunes it', async () => {
    const names = await freshNames('own');
    job = names.job;
    const compiled = compileJob(variantJob(names, {}));
    expect((await deployJobs([compiled], { target, project: 'alpha' })).ok).toBe(true);
    expect((await findDeployedJob(jobManager(), job))?.artifact?.project).toBe('alpha');

    const beta = await planJobs([], { target, project: 'beta', prune: true });
    expect(beta.jobs.map((j) => j.name)).not.toContain(job);
    expect(beta.others).not.toContain(job);
    await expect(planJobs([compiled], { target, project: 'beta' })).rejects.toMatchObject({
      code: 'FEATC_E7164', message: `job ${job} on ${target.flinkUrl} belongs to project alpha, not to project beta: featc does not touch another project's jobs`,
    });
    await expect(planJobs([compiled], { target })).rejects.toMatchObject({ code: 'FEATC_E7164' });
    expect((await deployJobs([], { target, project: 'beta', prune: true })).jobs).toEqual([]);
    await expect(destroy(job, { target, project: 'beta' })).rejects.toMatchObject({ code: 'FEATC_E7164' });
    await expect(stop(job, { target, project: 'beta' })).rejects.toMatchObject({ code: 'FEATC_E7164' });
    expect((await findDeployedJob(jobManager(), job))?.state).toBe('RUNNING');
    expect((await status({ target, project: 'beta' })).map((r) => r.name)).not.toContain(job);
    expect((await status({ target, project: 'alpha' })).map((r) => r.name)).toContain(job);
    expect((await status({ target, project: 'beta', names: [job] })).map((r) => r.name)).toEqual([job]);

    expect((await planJobs([compiled], { target, project: 'alpha' })).jobs[0]?.action).toBe('unchanged');
    const alpha = await planJobs([], { target, project: 'alpha', prune: true });
    expect(alpha.jobs.filter((j) => j.name === job)).toEqual([expect.objectContaining({ name: job, action: 'delete' })]);
  });
});
