import { artifactOf } from '../../../flink-deploy/identity/artifact.js';
import { compatibility } from '../../../flink-deploy/plan/compatibility.js';
import type { Variant } from './fixtures/variant-job.js';
import { runExperiment, type Observed } from './experiment.js';

/**
 * The experiments behind flink-deploy/plan/COMPATIBILITY.md: each stops v1 with a savepoint,
 * restores v2 from it on the real cluster and records what Flink did with the state. The test
 * pins both the observation (so a Flink upgrade that changes it fails here) and that featc's rule
 * never calls a change compatible unless Flink kept the state and it still means the same thing.
 */
interface Case { name: string; v1: Variant; v2: Variant; check?: 'totals' | 'hourly'; flink: Observed; rule: 'unchanged' | 'update-compatible' | 'update-state-reset' }

const CASES: Case[] = [
  { name: 'identical version (control)', v1: {}, v2: {}, flink: 'state-kept', rule: 'unchanged' },
  { name: 'derived feature added next to another', v1: { derived: 1 }, v2: { derived: 2 }, flink: 'state-kept', rule: 'update-compatible' },
  { name: 'derived feature removed, one left', v1: { derived: 2 }, v2: { derived: 1 }, flink: 'state-kept', rule: 'update-compatible' },
  { name: 'first derived feature added', v1: {}, v2: { derived: 1 }, flink: 'rejected', rule: 'update-state-reset' },
  { name: 'output (sink) topic changed', v1: {}, v2: { hourlyTopicSuffix: '-v2' }, check: 'hourly', flink: 'state-kept', rule: 'update-compatible' },
  { name: 'parallelism 1 → 2', v1: {}, v2: { parallelism: 2 }, flink: 'state-kept', rule: 'update-compatible' },
  { name: 'checkpoint interval 1s → 2s', v1: {}, v2: { checkpointSeconds: 2 }, flink: 'state-kept', rule: 'update-compatible' },
  { name: 'watermark delay 1s → 3s', v1: {}, v2: { watermarkSeconds: 3 }, flink: 'state-kept', rule: 'update-compatible' },
  { name: 'state TTL 7d → 8d', v1: {}, v2: { stateTtlDays: 8 }, flink: 'state-kept', rule: 'update-compatible' },
  { name: 'feature added to a fused aggregation', v1: {}, v2: { extraFeature: true }, flink: 'rejected', rule: 'update-state-reset' },
  { name: 'feature removed from a fused aggregation', v1: {}, v2: { dropSum: true }, flink: 'rejected', rule: 'update-state-reset' },
  // Since sources are raw + checked views (dead letters), Flink maps this state; featc still resets (conservative, safe).
  { name: 'filter added to an aggregate', v1: {}, v2: { countAbove: 0 }, flink: 'state-kept', rule: 'update-state-reset' },
  { name: 'filter value changed (restored, but counted under the old filter)', v1: { countAbove: 0 }, v2: { countAbove: -5 }, flink: 'state-kept', rule: 'update-state-reset' },
  { name: 'window size 1h → 2h (old 1h slices fire as phantom windows)', v1: {}, v2: { hourlyWindowHours: 2 }, check: 'hourly', flink: 'state-mixed', rule: 'update-state-reset' },
  { name: 'new view added', v1: {}, v2: { extraView: true }, flink: 'rejected', rule: 'update-state-reset' },
  { name: 'view removed', v1: {}, v2: { dropHourly: true }, flink: 'rejected', rule: 'update-state-reset' },
  { name: 'source schema field added', v1: {}, v2: { extraField: true }, flink: 'rejected', rule: 'update-state-reset' },
];

const findings: string[] = [];

describe('savepoint compatibility on Flink 2.2 (experiments)', () => {
  afterAll(() => {
    console.log(`| change | Flink restoring v2 from v1's savepoint | featc plan | stop ms | restore ms |\n|---|---|---|---|---|\n${findings.join('\n')}`);
  });

  // Four at a time: the shared TaskManager has 8 slots.
  const groups = [CASES.slice(0, 4), CASES.slice(4, 8), CASES.slice(8, 11), CASES.slice(11, 14), CASES.slice(14)];
  for (const [i, group] of groups.entries()) {
    it(`experiments ${i + 1}/${groups.length}: ${group.map((c) => c.name).join('; ')}`, async () => {
      const results = await Promise.all(group.map(async (c) => ({ c, r: await runExperiment(`cmp${i}`, c.v1, c.v2, c.check ?? 'totals') })));
      for (const { c, r } of results) {
        const rule = compatibility(artifactOf(r.v1), artifactOf(r.v2));
        findings.push(`| ${c.name} | ${r.observed}: ${r.detail.replace(/\|/g, '/').slice(0, 220)} | ${rule.kind}: ${rule.reasons.join('; ') || '—'} | ${r.ms.stop} | ${r.ms.restore} |`);
        expect({ change: c.name, flink: r.observed, rule: rule.kind }).toEqual({ change: c.name, flink: c.flink, rule: c.rule });
        // The safety property: featc only restores when Flink keeps the state.
        if (rule.kind === 'update-compatible') expect(r.observed).toBe('state-kept');
      }
    });
  }
});
