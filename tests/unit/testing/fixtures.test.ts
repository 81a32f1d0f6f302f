import { compileJob } from '../../../compiler/index.js';
import { featureTest } from '../../../dsl/index.js';
import engagement from '../../../jobs/engagement.js';
import { FLUSH_MARKER, fixtureEvents, flushEvent, segments, sourcesOf } from '../../../testing/fixtures.js';
import { isolateJob } from '../../../testing/isolate.js';

const T0 = Date.UTC(2024, 0, 1);
const click = (userId: string, s: number) => ({ userId, docId: 'd', ts: T0 + s * 1000 });

describe('featc test: fixtures and isolation', () => {
  test('events behind their source watermark start a new segment (a watermark barrier before them)', () => {
    const test = featureTest({ name: 't', job: engagement, expect: {}, input: {
      clicks: [click('u1', 10), click('u1', 360), click('u1', 359), click('u1', 30), click('u1', 40)],
      impressions: [click('u2', 5)],
    } });
    const segs = segments(fixtureEvents(test), sourcesOf(engagement));
    // 359 s is 1 s behind 360 s (delay 2 s): on time. 30 s and 40 s are far behind: a barrier goes before
    // each. Impressions up to their own first late event go with the first segment, whatever the declaration order.
    expect(segs.map((s) => s.map((e) => `${e.source}@${(e.eventTime - T0) / 1000}`))).toEqual([
      ['clicks@10', 'clicks@360', 'clicks@359', 'impressions@5'], ['clicks@30'], ['clicks@40'],
    ]);
  });

  test('fixtures are checked against the source schema at run time too', () => {
    const bad = featureTest({ name: 't', job: engagement, expect: {}, input: { clicks: [{ userId: 'u1', docId: 'd', ts: 'soon' as unknown as number }] } });
    expect(() => fixtureEvents(bad)).toThrow(/input\.clicks\[0\] does not match the source schema: ts:/);
  });

  test('the flush event fills the schema with placeholders and moves event time', () => {
    const clicks = sourcesOf(engagement).get('clicks');
    expect(clicks && flushEvent(clicks, 42)).toEqual({ userId: FLUSH_MARKER, docId: FLUSH_MARKER, ts: 42 });
  });

  test('the renamed copy has its own job name, topics and transactional ids, and compiles', () => {
    const iso = isolateJob(engagement, 'run1', 3);
    const job = iso.compiled;
    expect(job.name).toBe('featc_test_run1_3_engagement');
    expect([...iso.sourceTopics]).toEqual([['clicks', 'featc-test.run1_3.clicks'], ['impressions', 'featc-test.run1_3.impressions']]);
    expect(iso.topics).toEqual(expect.arrayContaining(['featc-test.run1_3.featc.features.userClickRate', 'featc-test.run1_3.featc.features.userCtr']));
    expect(job.graph.sinks.every((s) => s.transactionalIdPrefix.startsWith('featc.featc_test_run1_3_engagement.'))).toBe(true);
    expect(job.graph.settings.checkpointIntervalMs).toBe(1000);
    expect(job.sql).not.toMatch(/'topic' = '(clicks|impressions)'/);
    // The original definitions are untouched.
    expect(compileJob(engagement).graph.sources.map((s) => s.topic)).toEqual(['clicks', 'impressions']);
  });
});
