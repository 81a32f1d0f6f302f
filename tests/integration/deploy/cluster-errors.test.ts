import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileJob, graphTopics } from '../../../compiler/index.js';
import { deployJobs, stop } from '../../../flink-deploy/index.js';
import { stopWithSavepoint } from '../../../flink-deploy/apply/stop.js';
import { submitJob } from '../../../flink-deploy/apply/submit.js';
import { artifactOf } from '../../../flink-deploy/identity/artifact.js';
import { SqlGatewayClient } from '../../../flink-deploy/rest/index.js';
import { createTopics, deleteTopics, uniqueTopic } from '../../support/kafka.js';
import { variantJob, type VariantNames } from './fixtures/variant-job.js';
import { cancelJobsNamed, jobManager, testTarget } from './helpers.js';

type Coded = { code: string; message: string; hint: string; exitCode: number };
const failure = (p: Promise<unknown>): Promise<Coded | undefined> => p.then(() => undefined, (e: unknown) => e as Coded);
const idOf = (prefix: string): string => uniqueTopic(prefix).replace(/[^A-Za-z0-9_]/g, '_');

/**
 * What featc reports when the cluster, not the definition, says no: each case drives the real cluster
 * to the condition (a statement still running, a savepoint that cannot be written or is not done yet,
 * a job that is gone, a statement Flink refuses, a topic Kafka refuses) and asserts the code and what it tells the user.
 */
describe('cluster-side errors of deploy, stop and the REST clients', () => {
  const target = testTarget();
  const jm = jobManager();
  const gateway = new SqlGatewayClient(target.gatewayUrl);
  const jobs: string[] = [];
  const topics: string[] = [];
  let scratch: string;

  /** A tiny datagen → blackhole job under `name`; `rows` bounds it, `sync` makes the INSERT return only when it ends. */
  async function runGenerator(name: string, opts: { rows?: number; sync?: boolean; timeoutMs?: number } = {}): Promise<string | undefined> {
    jobs.push(name);
    const session = await gateway.openSession({}, `featc-test-${name}`);
    try {
      await gateway.execute(session, `CREATE TEMPORARY TABLE gen (x INT) WITH ('connector' = 'datagen', 'rows-per-second' = '1'${opts.rows ? `, 'number-of-rows' = '${opts.rows}'` : ''})`);
      await gateway.execute(session, "CREATE TEMPORARY TABLE sink (x INT) WITH ('connector' = 'blackhole')");
      const r = await gateway.execute(session, 'INSERT INTO sink SELECT x FROM gen', {
        executionConfig: { 'pipeline.name': name, ...(opts.sync ? { 'table.dml-sync': 'true' } : {}) }, statementId: `${name} statement 3/3`,
        ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
      });
      return r.jobId;
    } finally {
      await gateway.closeSession(session);
    }
  }

  beforeAll(() => { scratch = mkdtempSync(join(tmpdir(), 'featc-cluster-errors-')); });
  afterAll(async () => {
    await cancelJobsNamed(...jobs);
    await deleteTopics(topics);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('FEATC_E7004: a statement still running at its timeout is cancelled and reported with its id', async () => {
    const name = idOf('e7004');
    const err = await failure(runGenerator(name, { rows: 5, sync: true, timeoutMs: 1000 }));
    expect(err).toMatchObject({ code: 'FEATC_E7004', exitCode: 2, message: `${name} statement 3/3 did not finish within 1000 ms`, hint: 'the cluster may lack free slots; see `featc status`' });
  });

  describe('a running job, then stopped', () => {
    const name = idOf('stopping');
    let jobId: string;
    beforeAll(async () => {
      jobId = (await runGenerator(name))!;
      await jm.waitForState(jobId, ['RUNNING'], 30_000);
    });

    it('FEATC_E7006: waiting for a state the job does not reach names the state it is in', async () => {
      const err = await failure(jm.waitForState(jobId, ['FINISHED'], 1000));
      expect(err).toMatchObject({ code: 'FEATC_E7006', exitCode: 2, message: `job ${jobId} is still RUNNING after 1 s (waited for FINISHED)` });
      expect(err?.hint).toContain('`featc destroy <job>` cancels it');
    });

    it('FEATC_E7131: a savepoint that cannot be written fails with Flink\'s cause, and the job keeps running', async () => {
      const notADirectory = join(scratch, 'a-file');
      writeFileSync(notADirectory, 'x');
      const err = await failure(stopWithSavepoint(jm, jobId, name, { savepointDir: `file://${notADirectory}/savepoints` }));
      expect(err).toMatchObject({ code: 'FEATC_E7131', exitCode: 2, hint: 'the job keeps running unchanged; check its checkpoints with `featc status`' });
      expect(err?.message).toMatch(new RegExp(`^the savepoint of ${name} failed: .+`));
      expect(await jm.waitForState(jobId, ['RUNNING'], 10_000)).toBe('RUNNING');
    });

    it('FEATC_E7132: a savepoint not done within the timeout; it was real: the job then finishes with it', async () => {
      const err = await failure(stopWithSavepoint(jm, jobId, name, { timeoutMs: 50 }));
      expect(err).toMatchObject({ code: 'FEATC_E7132', exitCode: 2, message: `the savepoint of ${name} did not complete within 0.05 s` });
      expect(err?.hint).toContain('the job may still be running');
      expect(await jm.waitForState(jobId, ['FINISHED'], 60_000)).toBe('FINISHED');
    });

    it('FEATC_E7131: a savepoint of a job that already finished: Flink accepts the request, then reports the failure', async () => {
      const err = await failure(stopWithSavepoint(jm, jobId, name));
      expect(err).toMatchObject({ code: 'FEATC_E7131', exitCode: 2 });
      expect(err?.message).toMatch(new RegExp(`^the savepoint of ${name} failed: .+`));
    });

    it('FEATC_E7160: featc stop of a job that finished: no running job by that name', async () => {
      await expect(stop(name, { target })).rejects.toMatchObject({
        code: 'FEATC_E7160', exitCode: 1, message: `no running job named ${name} on ${target.flinkUrl}`, hint: 'see the running jobs with `featc status`',
      });
    });
  });

  describe('submitting statements', () => {
    const names: VariantNames = { job: idOf('submit'), input: 'unused-in', totalsTopic: 'unused-totals', hourlyTopic: 'unused-hourly', extraTopic: 'unused-extra' };
    const artifact = artifactOf(compileJob(variantJob(names, {})));

    it('FEATC_E7120: statements whose last one starts no job, or none at all (exit 2)', async () => {
      await expect(submitJob(artifact, ['SHOW TABLES'], target)).rejects.toMatchObject({
        code: 'FEATC_E7120', exitCode: 2, message: `${names.job} statement 1/1 did not start a job`, hint: 'the last statement must be EXECUTE STATEMENT SET; recompile',
      });
      await expect(submitJob(artifact, [], target)).rejects.toMatchObject({ code: 'FEATC_E7120', message: `${names.job} has no statements`, hint: 'recompile the job' });
    });

    it('FEATC_E7121: a statement Flink refuses is the definition\'s fault (exit 1), with Flink\'s reason', async () => {
      const err = await failure(submitJob(artifact, ["CREATE TEMPORARY VIEW v AS SELECT 1 AS x", 'INSERT INTO featc_missing_sink SELECT x FROM v'], target));
      expect(err).toMatchObject({ code: 'FEATC_E7121', exitCode: 1 });
      expect(err?.message).toMatch(new RegExp(`^${names.job}: Flink rejected statement 2/2: Cannot find table '.*featc_missing_sink\`' in any of the catalogs`));
      expect((await jm.jobs()).filter((j) => j.name === names.job)).toEqual([]);
    });
  });

  it('FEATC_E7165: Kafka refusing an output topic (its name collides with an existing one) names the topic and the broker\'s answer; nothing submitted', async () => {
    const id = idOf('e7100');
    const names: VariantNames = { job: id, input: `${id}-in`, totalsTopic: `${id}.totals`, hourlyTopic: `${id}-hourly`, extraTopic: `${id}-extra` };
    jobs.push(id);
    await createTopics([names.input, `${id}_totals`], 1);
    const compiled = compileJob(variantJob(names, {}));
    topics.push(`${id}_totals`, ...graphTopics(compiled.graph).all);
    const report = await deployJobs([compiled], { target });
    expect(report.ok).toBe(false);
    expect(report.jobs[0]).toMatchObject({
      ok: false, errorCode: 'FEATC_E7165', exitCode: 2, hint: expect.stringContaining('a topic whose name differs only in . and _ exists (they collide)'),
    });
    // Kafka refuses `x.totals` while `x_totals` exists (the two collide in its metric names); the client passes on only the error type.
    expect(report.jobs[0]?.error).toBe(`creating topics on ${target.kafkaBootstrap} failed: ${id}.totals: ERR_TOPIC_EXCEPTION (Kafka error code 17)`);
    expect(report.jobs[0]?.jobId).toBeUndefined();
    expect((await jm.jobs()).filter((j) => j.name === id)).toEqual([]);
  });
});
