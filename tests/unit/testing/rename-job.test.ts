import { compileJob, graphTopics } from '../../../compiler/index.js';
import { z } from 'zod';
import { count, featureView, job, kafka, minutes, seconds, source, tumbling } from '../../../dsl/index.js';
import conversation from '../../../jobs/conversation.js';
import engagement from '../../../jobs/engagement.js';
import moderatedResponses from '../../../jobs/moderated-responses.js';
import tokenUsage from '../../../jobs/token-usage.js';
import systemHealth from '../../../jobs/system-health.js';
import { assertIsolated, prefixedTopic, renameJob } from '../../../testing/isolate.js';

describe('renameJob: a shipped job under private names', () => {
  test('renames the job, every source and output topic, and keeps idle timeouts and checkpoints unless asked', () => {
    const r = renameJob(engagement, { name: 'it_engagement', topicPrefix: 'it-1' });
    const job = r.compiled;
    expect(job.name).toBe('it_engagement');
    expect(Object.fromEntries(r.topicMap)).toEqual({
      clicks: 'it-1.clicks', impressions: 'it-1.impressions',
      'featc.dlq.engagement.clicks': 'it-1.featc.dlq.engagement.clicks', 'featc.dlq.engagement.impressions': 'it-1.featc.dlq.engagement.impressions',
      'featc.features.userClickRate': 'it-1.featc.features.userClickRate', 'featc.features.userCtr': 'it-1.featc.features.userCtr',
    });
    expect(job.graph.sources.map((s) => [s.topic, s.idleTimeoutMs])).toEqual([['it-1.clicks', null], ['it-1.impressions', null]]);
    const health = renameJob(systemHealth, { name: 'it_health', topicPrefix: 'it-3' }).compiled;
    expect(health.graph.sources.map((s) => [s.topic, s.idleTimeoutMs])).toEqual([['it-3.model-metrics', compileJob(systemHealth).graph.sources[0]?.idleTimeoutMs]]);
    expect(health.graph.sources[0]?.idleTimeoutMs).toBeGreaterThan(0);
    expect(job.graph.outputs.map((o) => o.topic).sort()).toEqual(['it-1.featc.features.userClickRate', 'it-1.featc.features.userCtr']);
    expect(job.graph.settings.checkpointIntervalMs).toBe(10_000);
    expect(job.sql).not.toMatch(/'topic' = '(clicks|impressions|featc\.features\.\w+)'/);
    expect(job.graph.sinks.every((s) => s.transactionalIdPrefix.startsWith('featc.it_engagement.'))).toBe(true);
  });

  test('drops idle timeouts and sets the checkpoint interval on request; the original is untouched', () => {
    const r = renameJob(systemHealth, { name: 'it_health', topicPrefix: 'it-2', withoutIdleTimeouts: true, checkpointInterval: seconds(1) });
    const job = r.compiled;
    expect(job.graph.sources.map((s) => [s.topic, s.idleTimeoutMs])).toEqual([['it-2.model-metrics', null]]);
    expect(job.graph.settings.checkpointIntervalMs).toBe(1000);
    expect(r.sourceTopics.get('modelMetrics')).toBe('it-2.model-metrics');
    expect(compileJob(systemHealth).graph.sources.map((s) => s.topic)).toEqual(['model-metrics']);
  });

  test('graphTopics of the compiled copy lists every topic its SQL names, all renamed; a topic outside the prefix is refused', () => {
    const clicks = source({
      name: 'clicks', topic: 'clicks', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2), deadLetterTopic: 'clicks-dlq',
      schema: z.object({ userId: z.string(), ts: z.number().int() }),
    });
    const withDlq = job({
      name: 'dlq', views: [featureView({ name: 'perUser', entity: ['userId'], sources: [clicks], window: tumbling(minutes(1)), features: { n: count(clicks) }, outputs: [kafka({ topic: 'per-user' })] })],
    });
    for (const def of [withDlq, engagement, systemHealth, moderatedResponses, tokenUsage, conversation]) {
      const compiled = renameJob(def, { name: `it_${def.name}`, topicPrefix: 'it-4' }).compiled;
      const named = [...new Set([...compiled.sql.matchAll(/'topic' = '([^']+)'/g)].map((m) => m[1] ?? ''))].sort();
      expect({ job: def.name, topics: [...graphTopics(compiled.graph).all].sort() }).toEqual({ job: def.name, topics: named });
      expect(named.filter((t) => !t.startsWith('it-4.'))).toEqual([]);
      expect(() => assertIsolated(compiled, 'it-4')).not.toThrow();
    }
    // What a topic the renaming missed looks like: the original job compiled under the copy's prefix.
    expect(() => assertIsolated(compileJob(engagement), 'it-4')).toThrow(expect.objectContaining({ code: 'FEATC_E7302', message: expect.stringContaining('clicks, impressions') }));
    const compiled = renameJob(withDlq, { name: 'it_dlq', topicPrefix: 'it-4' }).compiled;
    expect(graphTopics(compiled.graph)).toEqual({ reads: ['it-4.clicks'], writes: ['it-4.per-user', 'it-4.clicks-dlq'], all: ['it-4.clicks', 'it-4.per-user', 'it-4.clicks-dlq'] });
  });

  test('prefixedTopic replaces characters Kafka refuses and stays within 249 characters', () => {
    expect(prefixedTopic('run:1', 'clicks')).toBe('run_1.clicks');
    expect(prefixedTopic('x'.repeat(300), 'clicks')).toHaveLength(249);
  });

  test('FEATC_E7303: a copy whose job name Flink would refuse is caught before it runs (the renamed IR skips lowering\'s checks)', () => {
    const compiled = renameJob(engagement, { name: 'it engagement', topicPrefix: 'it-5' }).compiled;
    expect(() => assertIsolated(compiled, 'it-5')).toThrow(expect.objectContaining({
      code: 'FEATC_E7303', kind: 'internal', message: 'the isolated copy it engagement has names Flink or Kafka would refuse: job name it engagement',
    }));
  });
});
