import { compileJob, type CompiledJob } from '../../../compiler/index.js';
import { artifactOf } from '../../../flink-deploy/identity/artifact.js';
import { resolveStatements } from '../../../flink-deploy/apply/resolve.js';
import { stopWithSavepoint } from '../../../flink-deploy/apply/stop.js';
import { submitJob } from '../../../flink-deploy/apply/submit.js';
import { waitHealthy } from '../../../flink-deploy/apply/wait-healthy.js';
import { createTopics, produce } from '../../support/kafka.js';
import { variantJob, type Variant } from './fixtures/variant-job.js';
import { baseHour, cancelJobsNamed, freshNames, jobManager, testTarget, TopicReader } from './helpers.js';

/**
 * What Flink did with a savepoint of v1 when v2 was submitted restoring from it
 * (`execution.state-recovery.ignore-unclaimed-state` = false, Flink's default):
 * - `state-kept`: v2 runs and continues v1's aggregates;
 * - `state-lost`: v2 runs but its aggregates start from zero;
 * - `state-mixed`: v2 runs but emits values that are neither (old windows resurface beside new ones);
 * - `rejected`: v2 does not come up (Flink cannot map or read the savepoint's state).
 */
export type Observed = 'state-kept' | 'state-lost' | 'state-mixed' | 'rejected';

export interface ExperimentResult { v1: CompiledJob; v2: CompiledJob; observed: Observed; detail: string; ms: { stop: number; restore: number } }

/**
 * v1 counts 3 events of user u1 (amounts 1,2,3) in the hour [T, T+1h); it is stopped with a
 * savepoint; v2 restores from it and gets 2 more (4,5) in the same hour, then a flush event far
 * ahead closes the hour. `totals.n` (lifetime) and `hourly.clicks` (the hour) show whether v1's
 * state carried over: 5 = kept, 2 = lost.
 */
export async function runExperiment(prefix: string, v1: Variant, v2: Variant, check: 'totals' | 'hourly' = 'totals'): Promise<ExperimentResult> {
  const names = await freshNames(prefix);
  const target = testTarget();
  const jm = jobManager();
  const job1 = compileJob(variantJob(names, v1));
  const job2 = compileJob(variantJob(names, v2));
  const outTopic = check === 'totals' ? names.totalsTopic : `${names.hourlyTopic}${v2.hourlyTopicSuffix ?? ''}`;
  if (v2.hourlyTopicSuffix) await createTopics([outTopic], 1);
  const reader = await TopicReader.open(outTopic);
  const T = baseHour();
  const ev = (amount: number, minute: number, userId = 'u1'): { value: unknown } => ({ value: { userId, amount, ts: T + minute * 60_000 } });
  try {
    const id1 = await submitJob(artifactOf(job1), resolveStatements(job1.name, job1.statements, target), target);
    const up1 = await waitHealthy(jm, id1, 60_000);
    if (!up1.ok) throw new Error(`v1 did not come up: ${up1.cause}`);
    await produce(names.input, [ev(1, 1), ev(2, 2), ev(3, 3)]);
    if (check === 'totals') {
      const seen = await reader.waitFor(() => (reader.latest().get('u1')?.n === 3 ? true : undefined), 30_000);
      if (!seen) throw new Error('v1 never emitted n=3');
    } else {
      await new Promise((r) => setTimeout(r, 3000)); // the hour is open: nothing to read; let a checkpoint pass
    }
    let t0 = Date.now();
    const savepoint = await stopWithSavepoint(jm, id1, job1.name);
    const stopMs = Date.now() - t0;
    t0 = Date.now();
    let id2: string;
    try {
      id2 = await submitJob(artifactOf(job2), resolveStatements(job2.name, job2.statements, target), target, { restoreFrom: savepoint });
    } catch (err) {
      return { v1: job1, v2: job2, observed: 'rejected', detail: `submit refused: ${(err as Error).message}`, ms: { stop: stopMs, restore: Date.now() - t0 } };
    }
    const up2 = await waitHealthy(jm, id2, 45_000);
    const restoreMs = Date.now() - t0;
    if (!up2.ok && !/serializer|incompatible|Cannot map/i.test(up2.cause)) throw new Error(`inconclusive: v2 failed for another reason: ${up2.cause}`);
    if (!up2.ok) return { v1: job1, v2: job2, observed: 'rejected', detail: up2.cause, ms: { stop: stopMs, restore: restoreMs } };
    await produce(names.input, [ev(4, 4), ev(5, 5), ev(0, 300, 'flush')]);
    const value = await reader.waitFor(() => {
      if (check === 'totals') {
        const n = reader.latest().get('u1')?.n;
        return n === 5 || n === 2 ? n : undefined;
      }
      const rows = reader.rows.filter((r) => r.value.userId === 'u1');
      return rows.length > 0 ? rows.map((r) => `${String(r.value.clicks)}@${new Date(Number(r.value.__as_of_ms)).toISOString().slice(11, 16)}`).join(',') : undefined;
    }, 30_000);
    await new Promise((r) => setTimeout(r, check === 'hourly' ? 2000 : 0));
    const hourlyRows = reader.rows.filter((r) => r.value.userId === 'u1').map((r) => `${String(r.value.clicks)}@${new Date(Number(r.value.__as_of_ms)).toISOString().slice(11, 16)}`).join(', ');
    const detail = check === 'totals' ? `totals.n(u1) = ${String(value)} after 3 events before and 2 after the upgrade` : `hourly rows for u1: ${hourlyRows || 'none'} (window end times UTC; T=${new Date(T).toISOString().slice(11, 16)})`;
    const kept = check === 'totals' ? value === 5 : hourlyRows === `5@${new Date(T + (v2.hourlyWindowHours ?? 1) * 3_600_000).toISOString().slice(11, 16)}`;
    const lost = check === 'totals' ? value === 2 : /^2@/.test(hourlyRows);
    return { v1: job1, v2: job2, observed: kept ? 'state-kept' : lost ? 'state-lost' : value === undefined ? 'rejected' : 'state-mixed', detail, ms: { stop: stopMs, restore: restoreMs } };
  } finally {
    await cancelJobsNamed(names.job);
    await reader.close();
  }
}
