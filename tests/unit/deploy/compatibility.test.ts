import { compileJob } from '../../../compiler/index.js';
import { artifactOf, decodeArtifact, encodeArtifact } from '../../../flink-deploy/identity/artifact.js';
import { compatibility } from '../../../flink-deploy/plan/compatibility.js';
import { variantJob, type Variant } from '../../integration/deploy/fixtures/variant-job.js';
import { job, seconds, type AnyInferenceStep } from '../../../dsl/index.js';
import moderatedResponses, { answer, moderation, userToxicity } from '../../../jobs/moderated-responses.js';

const names = { job: 'cmp', input: 'in', totalsTopic: 'totals', hourlyTopic: 'hourly', extraTopic: 'extra' };
const art = (v: Variant): ReturnType<typeof artifactOf> => artifactOf(compileJob(variantJob(names, v)));
const judge = (a: Variant, b: Variant): ReturnType<typeof compatibility> => compatibility(art(a), art(b));

describe('savepoint compatibility rules', () => {
  it('same compiled output is unchanged', () => {
    expect(judge({}, {})).toEqual({ kind: 'unchanged', reasons: [] });
  });

  it('a job compiled with another IR version resets state, saying why (the generated plan\'s shape changed)', () => {
    const prev = art({});
    const older = { ...prev, hash: 'sha256:older', graph: { ...prev.graph, irVersion: prev.graph.irVersion - 1 } };
    expect(compatibility(older, art({}))).toEqual({ kind: 'update-state-reset', reasons: [
      `compiled by a featc with IR version ${prev.graph.irVersion - 1}, this one writes ${prev.graph.irVersion}: the generated plan's shape differs, so Flink cannot be relied on to map the old state`,
    ] });
  });

  it('the artifact round-trips through its contract; another version or a malformed record decodes to nothing', () => {
    const a = art({});
    expect(decodeArtifact(encodeArtifact(a))).toEqual(a);
    expect(decodeArtifact(encodeArtifact({ ...a, v: 2 } as unknown as typeof a))).toBeUndefined();
    expect(decodeArtifact(encodeArtifact({ ...a, graph: { ...a.graph, schemaVersion: 2 } } as unknown as typeof a))).toBeUndefined();
    expect(decodeArtifact(encodeArtifact({ ...a, operators: [{ id: 'x' }] } as unknown as typeof a))).toBeUndefined();
    expect(decodeArtifact('not base64 gzip')).toBeUndefined();
  });

  it.each<[string, Variant, Variant, string]>([
    ['derived added beside another', { derived: 1 }, { derived: 2 }, 'totals: derived features mean → mean, double (computed per row, no state)'],
    ['sink topic', {}, { hourlyTopicSuffix: '-v2' }, 'hourly: output topic hourly → hourly-v2'],
    ['parallelism', {}, { parallelism: 4 }, 'parallelism 1 → 4 (keyed state is redistributed)'],
    ['checkpoint interval', {}, { checkpointSeconds: 5 }, 'checkpoint interval 1s → 5s'],
    ['watermark delay', {}, { watermarkSeconds: 3 }, 'source events: watermark delay 1s → 3s'],
    ['state TTL value', {}, { stateTtlDays: 8 }, 'state TTL 7d → 8d'],
  ])('%s is compatible', (_, a, b, reason) => {
    const c = judge(a, b);
    expect(c.kind).toBe('update-compatible');
    expect(c.reasons).toContain(reason);
  });

  it.each<[string, Variant, Variant, string]>([
    ['window size', {}, { hourlyWindowHours: 2 }, "hourly: window tumbling 1h → tumbling 2h; the aggregation's state cannot be reused"],
    ['feature added', {}, { extraFeature: true }, 'totals: feature largest added to the aggregation; its accumulators change and Flink cannot read the old state'],
    ['feature removed', {}, { dropSum: true }, 'totals: feature total removed from the aggregation; its accumulators change and Flink cannot read the old state'],
    ['filter added', {}, { countAbove: 0 }, 'totals.n: filter added; the plan changes shape and Flink cannot map the old state'],
    ['filter changed', { countAbove: 0 }, { countAbove: 3 }, 'totals.n: count where amount > 0 → count where amount > 3; the running value was built with the old definition'],
    ['first derived', {}, { derived: 1 }, 'totals: derived features none → mean; the view gains its projection step, so Flink cannot map the old state'],
    ['view added', {}, { extraView: true }, "view biggest added; the job's plan changes shape and Flink cannot map the old state"],
    ['view removed', {}, { dropHourly: true }, "view hourly removed; the job's plan changes shape and Flink cannot map the old state"],
    ['schema field', {}, { extraField: true }, "source events: schema fields userId, amount, ts → userId, amount, ts, country; the source's row type changes and Flink cannot map the old state"],
  ])('%s resets state, saying why', (_, a, b, reason) => {
    const c = judge(a, b);
    expect(c.kind).toBe('update-state-reset');
    expect(c.reasons).toContain(reason);
  });

  it('a state-reset reason wins over compatible ones in the same upgrade', () => {
    const c = judge({}, { parallelism: 2, hourlyWindowHours: 2 });
    expect(c.kind).toBe('update-state-reset');
    expect(c.reasons).toEqual(["hourly: window tumbling 1h → tumbling 2h; the aggregation's state cannot be reused"]);
  });

  describe('inference steps', () => {
    const withSteps = (steps: AnyInferenceStep[]): ReturnType<typeof artifactOf> =>
      artifactOf(compileJob(job({ name: moderatedResponses.name, views: [userToxicity], steps, parallelism: 1, checkpointInterval: seconds(10) })));
    const base = withSteps([moderation, answer]);
    const { where: _where, ...rest } = answer;
    void _where;
    const unfiltered = rest as AnyInferenceStep;

    it('a filter added to or removed from a step is a state reset (the step gains or loses its filter operator)', () => {
      expect(compatibility(base, withSteps([moderation, unfiltered]))).toEqual({ kind: 'update-state-reset', reasons: [
        'step answer: filter removed (was toxic = false); the step gains or loses its filter operator and Flink cannot map the old state',
      ] });
      expect(compatibility(withSteps([moderation, unfiltered]), base).reasons).toEqual([
        'step answer: filter added (toxic = false); the step gains or loses its filter operator and Flink cannot map the old state',
      ]);
    });

    it('a changed filter value or model keeps state, saying what changes; a step removed resets', () => {
      const stricter = { ...answer, where: JSON.parse(JSON.stringify(answer.where).replace('false', 'true')) as typeof answer.where } as AnyInferenceStep;
      expect(compatibility(base, withSteps([moderation, stricter]))).toEqual({ kind: 'update-compatible', reasons: ['step answer: filter toxic = false → toxic = true (applies to records read from now on)'] });
      const otherModel = { ...answer, model: { ...answer.model, name: 'featc-chat-v2' } } as AnyInferenceStep;
      expect(compatibility(base, withSteps([moderation, otherModel])).reasons).toContain('step answer: model featc-chat-v1 → featc-chat-v2 (calls from now on)');
      expect(compatibility(base, withSteps([moderation])).reasons).toContain("step answer removed; the job's plan changes shape and Flink cannot map the old state");
      // A job recorded before steps had fingerprints is judged on its views only.
      expect(compatibility({ ...base, hash: 'sha256:older', steps: [] }, base)).toEqual({ kind: 'update-compatible', reasons: [expect.any(String)] });
    });
  });
});
