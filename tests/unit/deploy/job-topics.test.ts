import { jobTopics } from '../../../flink-deploy/topics/kafka-topics.js';

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
