import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { compileJob, writeCompiled } from '../../../compiler/index.js';
import { deployJobs } from '../../../flink-deploy/index.js';
import { eventually, redisUrl } from '../demo/served-job.js';
import { SinkProcess } from '../redis-sink/helpers/sink-process.js';
import { produce } from '../../support/kafka.js';
import { variantJob, type Variant, type VariantNames } from './fixtures/variant-job.js';
import { baseHour, cancelJobsNamed, freshNames, testTarget } from './helpers.js';

/**
 * A schema change reaching Redis: a feature is added to a served view and deployed (state reset)
 * while `featc sink redis` runs. The sink that follows the deployed jobs applies the new version's
 * records with the new feature; a sink pinned to the old compiled graph stops with FEATC_E6108
 * instead of dropping it, and applies nothing from that record on.
 */
describe('featc sink redis follows deploys', () => {
  const target = testTarget();
  const T = baseHour();
  const events = [
    { userId: 'u1', amount: 7, minute: 1 }, { userId: 'u2', amount: 3, minute: 2 }, { userId: 'u1', amount: 12, minute: 3 },
    { userId: 'u3', amount: 1, minute: 4 }, { userId: 'u1', amount: 5, minute: 5 },
  ];
  const later = [{ userId: 'u2', amount: 30, minute: 6 }, { userId: 'u4', amount: 2, minute: 7 }];
  let names: VariantNames;
  let project = '';
  let graphDir = '';
  const sinks: SinkProcess[] = [];
  const redis = new Redis(redisUrl());
  const compiled = (v: Variant): ReturnType<typeof compileJob> => compileJob(variantJob(names, { redisTotals: true, lifetimeOnly: true, ...v }));
  const send = (list: typeof events): Promise<void> => produce(names.input, list.map((e) => ({ value: { userId: e.userId, amount: e.amount, ts: T + e.minute * 60_000 } })));
  const stored = async (prefix: string, user: string): Promise<Record<string, string>> => redis.hgetall(`${prefix}:totals:${user}`);

  /** The lifetime values of every user, computed here from the events alone (as Redis stores them). */
  function expected(list: typeof events, withLargest: boolean): Map<string, Record<string, string>> {
    const m = new Map<string, { n: number; total: number; largest: number }>();
    for (const e of list) {
      const cur = m.get(e.userId) ?? { n: 0, total: 0, largest: -Infinity };
      m.set(e.userId, { n: cur.n + 1, total: cur.total + e.amount, largest: Math.max(cur.largest, e.amount) });
    }
    return new Map([...m].map(([u, v]) => [u, { n: String(v.n), total: String(v.total), ...(withLargest ? { largest: String(v.largest) } : {}) }]));
  }
  const features = (hash: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(hash).filter(([k]) => !k.startsWith('__')));
  async function servesExactly(prefix: string, want: Map<string, Record<string, string>>): Promise<boolean> {
    for (const [user, values] of want) {
      if (JSON.stringify(features(await stored(prefix, user))) !== JSON.stringify(values)) return false;
    }
    return true;
  }

  beforeAll(async () => {
    names = await freshNames('sinkfollow');
    project = `p_${names.job}`;
    graphDir = mkdtempSync(join(tmpdir(), 'sinkfollow-'));
  });
  afterAll(async () => {
    await Promise.all(sinks.map((s) => s.kill('SIGTERM')));
    await cancelJobsNamed(names.job);
    for (const prefix of [`${names.job}:follow`, `${names.job}:pinned`]) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    redis.disconnect();
    rmSync(graphDir, { recursive: true, force: true });
  });

  it('serves a feature added by a deploy for every entity, with the right value; a pinned sink stops with FEATC_E6108', async () => {
    const v1 = compiled({});
    writeCompiled(graphDir, [v1]);
    expect((await deployJobs([v1], { target, project })).ok).toBe(true);
    const follow = new SinkProcess({
      kafka: target.kafkaBootstrap, redis: redisUrl(), prefix: `${names.job}:follow`,
      extraArgs: ['--flink', target.flinkUrl, '--project', project, '--follow-interval', '1'],
    });
    const pinned = new SinkProcess({ graph: join(graphDir, v1.name), kafka: target.kafkaBootstrap, redis: redisUrl(), prefix: `${names.job}:pinned` });
    sinks.push(follow, pinned);
    await Promise.all([follow.started(), pinned.started()]);
    expect(follow.stderr).toContain(`1 view(s) of the jobs of project ${project} deployed on ${target.flinkUrl} (following deploys)`);

    await send(events);
    const before = expected(events, false);
    expect(await eventually(() => servesExactly(`${names.job}:follow`, before), 90_000)).toBe(true);
    expect(await eventually(() => servesExactly(`${names.job}:pinned`, before), 30_000)).toBe(true);

    const report = await deployJobs([compiled({ extraFeature: true })], { target, project, allowStateReset: true });
    expect(report.ok).toBe(true);
    expect(report.jobs[0]?.action).toBe('update-state-reset');
    await send(later);
    const after = expected([...events, ...later], true);
    expect(await eventually(() => servesExactly(`${names.job}:follow`, after), 120_000)).toBe(true);
    expect(follow.running).toBe(true);
    expect(follow.stderr).toContain('following deploys: totals (new or changed)');

    const exit = await Promise.race([pinned.exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 60_000))]);
    expect(exit?.code).toBe(1);
    expect(pinned.stderr).toMatch(/error FEATC_E6108 records of view "totals" carry feature\(s\) largest that this sink's job graph does not list/);
    // Nothing of the new version was applied with the old spec: no entity lost `largest` silently.
    expect(features(await stored(`${names.job}:pinned`, 'u4'))).toEqual({});
    expect(features(await stored(`${names.job}:pinned`, 'u1'))).toEqual(before.get('u1'));
  });
});
