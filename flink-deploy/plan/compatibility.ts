import type { DeployedArtifact, OperatorFingerprint } from '../identity/artifact.js';
import { aggregationText, durationText, sameJson, windowText } from './describe.js';

/**
 * What an upgrade does to the running job's state. The rules below come from experiments on Flink
 * 2.2 (tests/integration/deploy/compatibility.test.ts, flink-deploy/plan/COMPATIBILITY.md): a
 * change is compatible only when Flink restores the savepoint AND the restored state still means
 * the same thing. Flink SQL derives operator ids from the plan's shape, so any change to the shape
 * (a view or feature added or removed, a filter added, derived features appearing or vanishing)
 * makes it refuse the savepoint; changes it accepts but misreads (window size, filter value,
 * aggregate definition) are state resets too.
 */
export type Compatibility = { kind: 'unchanged' | 'update-compatible' | 'update-state-reset'; reasons: string[] };

function list(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}

function compareOperator(prev: OperatorFingerprint, next: OperatorFingerprint, reset: string[], safe: string[]): void {
  const v = next.view;
  if (!sameJson(prev.window, next.window)) reset.push(`${v}: window ${windowText(prev.window)} → ${windowText(next.window)}; the aggregation's state cannot be reused`);
  if (!sameJson(prev.key, next.key)) reset.push(`${v}: entity key ${list(prev.key)} → ${list(next.key)}; state is kept per key`);
  if (!sameJson(prev.sources, next.sources)) reset.push(`${v}: sources ${list(prev.sources)} → ${list(next.sources)}; the aggregation's input changes`);
  const before = new Map(prev.aggregates.map((a) => [a.name, a.aggregation]));
  const after = new Map(next.aggregates.map((a) => [a.name, a.aggregation]));
  const added = [...after.keys()].filter((n) => !before.has(n));
  const removed = [...before.keys()].filter((n) => !after.has(n));
  if (added.length > 0) reset.push(`${v}: feature${added.length > 1 ? 's' : ''} ${added.join(', ')} added to the aggregation; its accumulators change and Flink cannot read the old state`);
  if (removed.length > 0) reset.push(`${v}: feature${removed.length > 1 ? 's' : ''} ${removed.join(', ')} removed from the aggregation; its accumulators change and Flink cannot read the old state`);
  for (const [name, agg] of after) {
    const old = before.get(name);
    if (!old || sameJson(old, agg)) continue;
    const filterOnly = sameJson({ ...old, where: null }, { ...agg, where: null });
    if (filterOnly && (old.where === null) !== (agg.where === null)) {
      reset.push(`${v}.${name}: filter ${agg.where ? 'added' : 'removed'}; the plan changes shape and Flink cannot map the old state`);
    } else {
      reset.push(`${v}.${name}: ${aggregationText(old)} → ${aggregationText(agg)}; the running value was built with the old definition`);
    }
  }
  if (added.length === 0 && removed.length === 0 && !sameJson([...before.keys()], [...after.keys()])) {
    reset.push(`${v}: features reordered; the accumulator layout changes`);
  }
  if ((prev.derived.length === 0) !== (next.derived.length === 0)) {
    reset.push(`${v}: derived features ${list(prev.derived)} → ${list(next.derived)}; the view ${next.derived.length > 0 ? 'gains' : 'loses'} its projection step, so Flink cannot map the old state`);
  } else if (!sameJson(prev.derived, next.derived)) {
    safe.push(`${v}: derived features ${list(prev.derived)} → ${list(next.derived)} (computed per row, no state)`);
  }
}

/** Compares the version running on the cluster with the newly compiled one. */
export function compatibility(prev: DeployedArtifact, next: DeployedArtifact): Compatibility {
  if (prev.hash === next.hash) return { kind: 'unchanged', reasons: [] };
  const reset: string[] = [];
  const safe: string[] = [];
  if (prev.graph.irVersion !== next.graph.irVersion) {
    // The generated SQL's layout (source views, filters) changes between IR versions; Flink maps state by the plan's shape.
    reset.push(`compiled by a featc with IR version ${prev.graph.irVersion}, this one writes ${next.graph.irVersion}: the generated plan's shape differs, so Flink cannot be relied on to map the old state`);
  }
  const prevOps = new Map(prev.operators.map((o) => [o.id, o]));
  const nextOps = new Map(next.operators.map((o) => [o.id, o]));
  const gone = [...prevOps.values()].filter((o) => !nextOps.has(o.id));
  const fresh = [...nextOps.values()].filter((o) => !prevOps.has(o.id));
  for (const op of nextOps.values()) {
    const old = prevOps.get(op.id);
    if (old) compareOperator(old, op, reset, safe);
  }
  for (const op of fresh) {
    const replaced = gone.find((o) => o.view === op.view);
    if (replaced) reset.push(`${op.view}: window ${windowText(replaced.window)} → ${windowText(op.window)}; the aggregation's state cannot be reused`);
    else if (prev.operators.some((o) => o.view === op.view)) reset.push(`${op.view}: new aggregation over ${windowText(op.window)}; the job's plan changes shape and Flink cannot map the old state`);
    else reset.push(`view ${op.view} added; the job's plan changes shape and Flink cannot map the old state`);
  }
  for (const op of gone) {
    if (fresh.some((o) => o.view === op.view)) continue;
    if (next.operators.some((o) => o.view === op.view)) reset.push(`${op.view}: aggregation over ${windowText(op.window)} removed; the job's plan changes shape`);
    else reset.push(`view ${op.view} removed; the job's plan changes shape and Flink cannot map the old state`);
  }
  compareSources(prev, next, reset, safe);
  compareSteps(prev, next, reset, safe);
  compareSinksAndSettings(prev, next, safe);
  const [ta, tb] = [prev.graph.settings.stateTtlMs, next.graph.settings.stateTtlMs];
  if ((ta === null) !== (tb === null)) reset.push(`state TTL ${ta === null ? 'turned on' : 'turned off'}; TTL wraps every state value, so the old state cannot be read`);
  if (reset.length > 0) return { kind: 'update-state-reset', reasons: reset };
  return { kind: 'update-compatible', reasons: safe.length > 0 ? safe : ['compiled SQL changed without touching state (no operator, window, key or aggregation differs)'] };
}

/**
 * Inference steps. A step added or removed, or a filter added to or removed from one, changes the
 * plan's shape (as a view added or a view's first derived feature does: measured, Flink cannot map
 * the old state); a step's filter value, fields or model change only what later calls do.
 */
function compareSteps(prev: DeployedArtifact, next: DeployedArtifact, reset: string[], safe: string[]): void {
  if (prev.steps.length === 0 && prev.graph.steps.length > 0) return; // recorded before steps were fingerprinted
  const before = new Map(prev.steps.map((st) => [st.name, st]));
  const after = new Map(next.steps.map((st) => [st.name, st]));
  for (const [name, st] of after) {
    const old = before.get(name);
    if (!old) {
      reset.push(`step ${name} added; the job's plan changes shape and Flink cannot map the old state`);
      continue;
    }
    if (old.source !== st.source) reset.push(`step ${name}: source ${old.source} → ${st.source}; the step's operators change and Flink cannot map their state`);
    if ((old.where === null) !== (st.where === null)) {
      reset.push(`step ${name}: filter ${old.where === null ? `added (${st.where ?? ''})` : `removed (was ${old.where})`}; the step gains or loses its filter operator and Flink cannot map the old state`);
    } else if (old.where !== st.where) safe.push(`step ${name}: filter ${old.where ?? ''} → ${st.where ?? ''} (applies to records read from now on)`);
    if (!sameJson(old.fields, st.fields)) safe.push(`step ${name}: fields ${list(old.fields)} → ${list(st.fields)}`);
    if (old.model !== st.model || old.task !== st.task) safe.push(`step ${name}: model ${old.model} → ${st.model} (calls from now on)`);
  }
  for (const name of before.keys()) {
    if (!after.has(name)) reset.push(`step ${name} removed; the job's plan changes shape and Flink cannot map the old state`);
  }
}

function compareSources(prev: DeployedArtifact, next: DeployedArtifact, reset: string[], safe: string[]): void {
  const before = new Map(prev.graph.sources.map((s) => [s.name, s]));
  for (const s of next.graph.sources) {
    const old = before.get(s.name);
    if (!old) continue;
    if (old.topic !== s.topic) reset.push(`source ${s.name}: topic ${old.topic} → ${s.topic}; the saved Kafka offsets belong to the old topic`);
    if (old.watermarkDelayMs !== s.watermarkDelayMs) safe.push(`source ${s.name}: watermark delay ${durationText(old.watermarkDelayMs)} → ${durationText(s.watermarkDelayMs)}`);
    if (old.idleTimeoutMs !== s.idleTimeoutMs) safe.push(`source ${s.name}: idle timeout ${old.idleTimeoutMs === null ? 'none' : durationText(old.idleTimeoutMs)} → ${s.idleTimeoutMs === null ? 'none' : durationText(s.idleTimeoutMs)}`);
    if (!sameJson(old.fields, s.fields)) reset.push(`source ${s.name}: schema fields ${list(old.fields.map((f) => f.name))} → ${list(s.fields.map((f) => f.name))}; the source's row type changes and Flink cannot map the old state`);
  }
}

function compareSinksAndSettings(prev: DeployedArtifact, next: DeployedArtifact, safe: string[]): void {
  const before = new Map(prev.graph.sinks.map((s) => [s.table, s]));
  for (const s of next.graph.sinks) {
    const old = before.get(s.table);
    if (old && old.topic !== s.topic) safe.push(`${s.view}: output topic ${old.topic} → ${s.topic}`);
    if (old && !sameJson(old.columns, s.columns)) safe.push(`${s.view}: output columns ${list(old.columns)} → ${list(s.columns)}`);
  }
  const a = prev.graph.settings;
  const b = next.graph.settings;
  if (a.parallelism !== b.parallelism) safe.push(`parallelism ${a.parallelism} → ${b.parallelism} (keyed state is redistributed)`);
  if (a.checkpointIntervalMs !== b.checkpointIntervalMs) safe.push(`checkpoint interval ${durationText(a.checkpointIntervalMs)} → ${durationText(b.checkpointIntervalMs)}`);
  if (a.stateTtlMs !== null && b.stateTtlMs !== null && a.stateTtlMs !== b.stateTtlMs) safe.push(`state TTL ${durationText(a.stateTtlMs)} → ${durationText(b.stateTtlMs)}`);
}
