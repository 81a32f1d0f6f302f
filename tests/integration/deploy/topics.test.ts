import { compileJob, graphTopics } from '../../../compiler/index.js';
import { deployJobs, formatPlan, planJobs } from '../../../flink-deploy/index.js';
import { listTopics } from '../../../flink-deploy/topics/kafka-topics.js';
import { bootstrap, createTopics, deleteTopics, uniqueTopic } from '../../support/kafka.js';
import { variantJob, type VariantNames } from './fixtures/variant-job.js';
import { cancelJobsNamed, jobManager, testTarget } from './helpers.js';

/** Plan lists the topics a job reads and writes and which are missing; deploy creates the ones it writes and refuses missing sources unless told. */
describe('featc plan and deploy: topics', () => {
  const target = testTarget();
  const made: string[] = [];
  const namesOf = (prefix: string): VariantNames => {
    const id = uniqueTopic(prefix).replace(/[^A-Za-z0-9_]/g, '_');
    return { job: id, input: `${id}-in`, totalsTopic: `${id}-totals`, hourlyTopic: `${id}-hourly`, extraTopic: `${id}-extra` };
  };
  const partitionsOf = async (topics: string[]): Promise<Record<string, number | undefined>> => {
    const listed = await listTopics(bootstrap(), topics);
    if (!listed.ok) throw new Error(listed.why);
    return Object.fromEntries(topics.map((t) => [t, listed.partitions.get(t)]));
  };
  const jobs: string[] = [];

  afterAll(async () => {
    await cancelJobsNamed(...jobs);
    await deleteTopics(made);
  });

  it('a first deploy creates every topic the job writes (outputs, dead letters) with its source\'s partitions; plan said so', async () => {
    const names = namesOf('dep-topics');
    jobs.push(names.job);
    await createTopics([names.input], 3);
    const compiled = compileJob(variantJob(names, {}));
    const { reads, writes } = graphTopics(compiled.graph);
    made.push(...reads, ...writes);
    expect(reads).toEqual([names.input]);
    expect(writes).toEqual([names.totalsTopic, names.hourlyTopic, `featc.dlq.${names.job}.events`]);

    const p = await planJobs([compiled], { target });
    expect(p.jobs[0]?.topics).toEqual({ reads, writes, missingWrites: writes, missingSources: [], sourcePartitions: 3 });
    const text = formatPlan(p);
    expect(text).toContain(`    reads ${names.input}`);
    expect(text).toContain(`    missing ${writes.join(', ')} (deploy creates them)`);

    const report = await deployJobs([compiled], { target });
    expect({ ok: report.ok, error: report.jobs[0]?.error, created: report.jobs[0]?.createdTopics }).toEqual({ ok: true, error: undefined, created: writes });
    expect(await partitionsOf(writes)).toEqual(Object.fromEntries(writes.map((t) => [t, 3])));
    const again = await planJobs([compiled], { target });
    expect(again.jobs[0]).toMatchObject({ action: 'unchanged', topics: { missingWrites: [], missingSources: [] } });
  });

  it('refuses a missing source topic before touching the cluster (FEATC_E7162); with --create-source-topics it creates it', async () => {
    const names = namesOf('dep-nosrc');
    jobs.push(names.job);
    const compiled = compileJob(variantJob(names, {}));
    made.push(...graphTopics(compiled.graph).all);
    const p = await planJobs([compiled], { target });
    expect(p.jobs[0]?.topics?.missingSources).toEqual([names.input]);
    expect(formatPlan(p)).toContain(`    missing source topic ${names.input} (deploy refuses: create it, or deploy with --create-source-topics)`);

    await expect(deployJobs([compiled], { target })).rejects.toMatchObject({
      code: 'FEATC_E7162', message: `source topic missing on ${bootstrap()} (nothing was changed): ${names.input} (${names.job})`,
    });
    expect((await jobManager().jobs()).filter((j) => j.name === names.job)).toEqual([]);
    expect(await partitionsOf([names.input, names.totalsTopic])).toEqual({ [names.input]: undefined, [names.totalsTopic]: undefined });

    const report = await deployJobs([compiled], { target, createSourceTopics: true, topicPartitions: 2 });
    expect({ ok: report.ok, error: report.jobs[0]?.error }).toEqual({ ok: true, error: undefined });
    expect(report.jobs[0]?.createdTopics).toContain(names.input);
    expect(await partitionsOf([names.input, names.totalsTopic])).toEqual({ [names.input]: 2, [names.totalsTopic]: 2 });
  });

  it('plan names the secrets this environment lacks (deploy would refuse them with FEATC_E7110)', async () => {
    const names = namesOf('plan-secret');
    const compiled = compileJob(variantJob(names, { sourceProperties: { 'sasl.jaas.config': { env: 'FEATC_PLAN_TEST_SECRET' } } }));
    const p = await planJobs([compiled], { target, env: {} });
    expect(p.jobs[0]?.missingSecrets).toEqual(['FEATC_PLAN_TEST_SECRET']);
    expect(formatPlan(p)).toContain('    missing secret FEATC_PLAN_TEST_SECRET (not set in this environment; deploy refuses: FEATC_E7110)');
    expect((await planJobs([compiled], { target, env: { FEATC_PLAN_TEST_SECRET: 'x' } })).jobs[0]?.missingSecrets).toBeUndefined();
  });
});
