import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRedisOutputs } from '../../../runtime/redis-sink/job-graph-files.js';
import { graphWithOutputs } from '../../support/job-graph.js';

const output = (view: string, topic: string) => ({
  kind: 'redis', view, topic, entityKey: ['userId'], features: [{ name: 'clicks', type: 'bigint' }],
});

/** `featc sink redis a b` applies the Redis outputs of several compiled jobs: a topic and a view belong to one output. */
describe('Redis outputs of several job graphs', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'featc-graphs-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  function compiled(job: string, ...outputs: ReturnType<typeof output>[]): string {
    mkdirSync(join(out, job));
    writeFileSync(join(out, job, 'job-graph.json'), JSON.stringify(graphWithOutputs(outputs, job)));
    return join(out, job);
  }

  it('reads every job of a compiled out dir', async () => {
    compiled('engagement', output('user_stats', 'features.user_stats'));
    compiled('billing', output('user_spend', 'features.user_spend'));
    expect((await loadRedisOutputs([out])).map((o) => o.view)).toEqual(['user_spend', 'user_stats']);
  });

  it('FEATC_E6002: two jobs writing one feature topic are refused, naming the topic, both views and the graphs', async () => {
    const a = compiled('engagement', output('user_stats', 'features.shared'));
    const b = compiled('billing', output('user_spend', 'features.shared'));
    await expect(loadRedisOutputs([a, b])).rejects.toMatchObject({
      code: 'FEATC_E6002', message: 'topic "features.shared" is the output of two views ("user_stats", "user_spend")',
      where: `${a}, ${b}`, hint: 'give every view with a Redis output its own feature topic', exitCode: 1,
    });
  });

  it('FEATC_E6002: one view name with two Redis outputs (two jobs defining user_stats) is refused', async () => {
    compiled('engagement', output('user_stats', 'features.user_stats'));
    compiled('engagement_v2', output('user_stats', 'features.user_stats_v2'));
    await expect(loadRedisOutputs([out])).rejects.toMatchObject({
      code: 'FEATC_E6002', message: 'view "user_stats" has two Redis outputs', where: out, exitCode: 1,
    });
    // Within one graph too (a hand-edited job-graph.json): the file is named.
    const both = compiled('edited', output('user_stats', 'features.a'), output('user_stats', 'features.b'));
    await expect(loadRedisOutputs([join(both, 'job-graph.json')])).rejects.toMatchObject({
      code: 'FEATC_E6002', message: 'view "user_stats" has two Redis outputs', where: join(both, 'job-graph.json'),
    });
  });
});
