import { compileJob } from '../../../compiler/index.js';
import { formatPlan } from '../../../flink-deploy/plan/plan.js';
import { refillFrom, servingChanges } from '../../../flink-deploy/plan/details.js';
import { variantJob, type Variant } from '../../integration/deploy/fixtures/variant-job.js';

const names = { job: 'details', input: 'in', totalsTopic: 'totals', hourlyTopic: 'hourly', extraTopic: 'extra' };
const compiled = (v: Variant): ReturnType<typeof compileJob> => compileJob(variantJob(names, v));
const graph = (v: Variant): ReturnType<typeof compileJob>['graph'] => compiled(v).graph;

describe('plan details: what a change serves, where a reset re-reads from', () => {
  it('names the views and features added and removed', () => {
    expect(servingChanges(graph({}), graph({ extraFeature: true, derived: 1 }))).toEqual({
      viewsAdded: [], viewsRemoved: [], featuresAdded: ['totals.largest', 'totals.mean'], featuresRemoved: [],
    });
    expect(servingChanges(graph({}), graph({ dropHourly: true, extraView: true, dropSum: true }))).toEqual({
      viewsAdded: ['biggest'], viewsRemoved: ['hourly'], featuresAdded: ['biggest.biggest'], featuresRemoved: ['hourly.clicks', 'totals.total'],
    });
    expect(servingChanges(undefined, graph({}))).toEqual({ viewsAdded: ['hourly', 'totals'], viewsRemoved: [], featuresAdded: ['hourly.clicks', 'totals.n', 'totals.total'], featuresRemoved: [] });
    expect(servingChanges(graph({}), undefined).featuresRemoved).toEqual(['hourly.clicks', 'totals.n', 'totals.total']);
  });

  it('a job with a lifetime view re-reads from the earliest offset after a reset', () => {
    expect(refillFrom(compiled({}), null)).toBe('earliest');
  });

  it('prints them under the job, with the savepoint a stopped job could resume from', () => {
    const text = formatPlan({
      others: [],
      jobs: [
        { name: 'a', action: 'update-state-reset', reasons: ['totals: feature largest added'], serving: servingChanges(graph({}), graph({ extraFeature: true })), refillFrom: 'earliest' },
        { name: 'b', action: 'create', reasons: ['not running on the cluster'], stoppedWithSavepoint: { path: 'file:/sp/savepoint-1', stoppedAt: Date.UTC(2026, 11, 3, 10) } },
        { name: 'c', action: 'update-compatible', reasons: ['parallelism 1 → 2'], serving: servingChanges(graph({}), graph({})) },
      ],
    });
    expect(text.split('\n')).toEqual([
      '! a: update-state-reset (state starts empty; needs --allow-state-reset)',
      '    totals: feature largest added',
      '    features added: totals.largest',
      '    state reset: re-reads its sources from the earliest offset; records in that range that were dead-lettered are dead-lettered again (each names its source partition and offset)',
      '+ b: create',
      '    was stopped with savepoint file:/sp/savepoint-1 at 2026-12-03T10:00:00.000Z: a plain deploy starts with empty state; resume with --from-savepoint b=file:/sp/savepoint-1',
      '~ c: update-compatible (restores from a savepoint)',
      '    parallelism 1 → 2',
      '    state kept: restored from a savepoint taken when the running job stops',
    ]);
  });
});
