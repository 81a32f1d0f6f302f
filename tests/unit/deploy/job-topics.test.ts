import { jobTopics } from '../../../flink-deploy/topics/kafka-topics.js';
import { planExitCode, type JobPlan } from '../../../flink-deploy/plan/plan.js';

describe('jobTopics: what deploy creates and what it refuses', () => {
  const topics = { reads: ['clicks', 'verdicts'], writes: ['verdicts', 'features', 'featc.dlq.j.clicks'] };

  it('a written topic is created, a source fed from outside is refused; a step topic read back is a written one', () => {
    const listed = { ok: true as const, partitions: new Map([['clicks', 6], ['features', 2]]) };
    expect(jobTopics(topics, listed)).toEqual({
      ...topics, missingWrites: ['verdicts', 'featc.dlq.j.clicks'], missingSources: [], sourcePartitions: 6,
    });
    expect(jobTopics(topics, { ok: true, partitions: new Map() })).toMatchObject({ missingSources: ['clicks'], sourcePartitions: null });
  });

  it('a broker that could not be asked leaves nothing known missing, and says why', () => {
    expect(jobTopics(topics, { ok: false, why: 'topics on k:9092 not checked: timeout' })).toEqual({
      ...topics, missingWrites: [], missingSources: [], sourcePartitions: null, unchecked: 'topics on k:9092 not checked: timeout',
    });
  });
});

describe('plan --detailed-exitcode', () => {
  const job = (action: JobPlan['action']): JobPlan => ({ name: action, action, reasons: [] });
  it.each<[JobPlan['action'][], number]>([
    [[], 0], [['unchanged'], 0], [['unchanged', 'create'], 2], [['update-compatible'], 2], [['delete'], 2], [['create', 'update-state-reset'], 3],
  ])('%j exits %i', (actions, code) => {
    expect(planExitCode({ jobs: actions.map(job), others: [] })).toBe(code);
  });
});
