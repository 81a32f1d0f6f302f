import { findDeployedJob } from '../../../flink-deploy/index.js';
import { runFeatc } from '../../support/run-cli.js';
import { writeDefinition } from './fixtures/write-definition.js';
import { cancelJobsNamed, freshNames, jobManager } from './helpers.js';

/**
 * Changing the cluster needs an approval: without --yes and without a terminal (CI, `</dev/null`),
 * deploy and destroy refuse with FEATC_E0401 and leave the cluster as it was. runFeatc gives the CLI
 * no standard input, as CI does.
 */
describe('featc deploy / destroy without --yes and without a terminal', () => {
  const jobs: string[] = [];
  afterAll(() => cancelJobsNamed(...jobs));

  it('refuse with a coded error and change nothing; --auto-approve applies', async () => {
    const names = await freshNames('approval');
    jobs.push(names.job);
    const file = writeDefinition(names);

    const refused = await runFeatc(['deploy', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`error FEATC_E0401 apply 1 change(s) to ${process.env.FEATC_FLINK_URL}: refused, there is no terminal to confirm on and --yes was not given`);
    expect(refused.stderr).toContain('hint: review the plan (`featc plan`), then pass --yes (or --auto-approve)');
    expect(refused.stdout).toContain(`+ ${names.job}: create`);
    expect(await findDeployedJob(jobManager(), names.job)).toBeUndefined();

    const json = await runFeatc(['deploy', file, '--json']);
    expect(json.code).toBe(1);
    // --json: the refusal is the versioned error envelope on stdout (docs/JSON.md).
    expect(JSON.parse(json.stdout)).toMatchObject({ schemaVersion: 1, ok: false, error: { code: 'FEATC_E0401', hint: expect.stringContaining('--yes') } });
    expect(await findDeployedJob(jobManager(), names.job)).toBeUndefined();

    const applied = await runFeatc(['deploy', file, '--auto-approve']);
    expect(applied.code).toBe(0);
    const running = await findDeployedJob(jobManager(), names.job);
    expect(running?.jobId).toMatch(/^[0-9a-f]{32}$/);

    const destroyRefused = await runFeatc(['destroy', names.job]);
    expect(destroyRefused.code).toBe(1);
    expect(destroyRefused.stderr).toContain(`error FEATC_E0401 destroy ${names.job} (job ${running?.jobId}) on ${process.env.FEATC_FLINK_URL} and drop its state: refused`);
    expect((await findDeployedJob(jobManager(), names.job))?.jobId).toBe(running?.jobId);

    const destroyed = await runFeatc(['destroy', names.job, '--yes']);
    expect([destroyed.code, destroyed.stdout.trim()]).toEqual([0, `destroyed ${names.job} (job ${running?.jobId} cancelled, state dropped)`]);
    expect(await findDeployedJob(jobManager(), names.job)).toBeUndefined();
  }, 240_000);
});
