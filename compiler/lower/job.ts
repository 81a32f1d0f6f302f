import type { AnySource, JobDef } from '../../dsl/index.js';
import { at, type DiagnosticBag } from '../diagnostics/index.js';
import { formatDuration } from '../durations.js';
import { IrJobNode, type IrInferenceStep, type IrJob, type IrSource, type IrView } from '../ir/index.js';
import { lowerDuration } from './duration.js';
import { lowerInferenceStep } from './inference.js';
import { checkIdentifier, checkObject } from './names.js';
import { lowerSource } from './source.js';
import { lowerView } from './view.js';

const DEFAULT_CHECKPOINT_MS = 1_000;
/** Kafka transactions stay open between checkpoints; sinks use a 15 min transaction timeout. */
const MAX_CHECKPOINT_MS = 10 * 60_000;

/** Lowers and validates a job; every problem lands in `bag`. */
export function lowerJob(def: JobDef, bag: DiagnosticBag): IrJob | null {
  const base = typeof def.name === 'string' && def.name !== '' ? def.name : 'job';
  let ok = checkIdentifier(def.name, bag, at(base, 'name'), 'job');

  const parallelism = def.parallelism ?? 1;
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 4096) {
    bag.report('FEATC_E2108', at(base, 'parallelism'), 'parallelism', String(parallelism), 'must be a whole number from 1 to 4096');
    ok = false;
  }
  const stateTtlMs = def.stateTtl === undefined ? null : lowerDuration(def.stateTtl, bag, at(base, 'stateTtl'), 'stateTtl');
  const checkpointIntervalMs = def.checkpointInterval === undefined
    ? DEFAULT_CHECKPOINT_MS
    : lowerDuration(def.checkpointInterval, bag, at(base, 'checkpointInterval'), 'checkpointInterval');
  if (checkpointIntervalMs !== null && (checkpointIntervalMs < 1000 || checkpointIntervalMs > MAX_CHECKPOINT_MS)) {
    bag.report('FEATC_E2108', at(base, 'checkpointInterval'), 'checkpointInterval', formatDuration(checkpointIntervalMs),
      'must be between 1s and 10m (exactly-once Kafka transactions time out after 15m)');
    ok = false;
  }

  // Each source is lowered once, whichever views read it.
  const sourceDefs = new Map<string, AnySource>();
  const readers = [...(def.views ?? []).map((view) => view?.sources ?? []), ...(def.steps ?? []).map((step) => (step?.source ? [step.source] : []))];
  for (const read of readers) {
    for (const src of read) {
      if (typeof src !== 'object' || src === null) continue; // reported by the view that lists it
      const seen = sourceDefs.get(src.name);
      if (seen && seen !== src && JSON.stringify(seen) !== JSON.stringify(src)) {
        bag.report('FEATC_E1103', at(String(src.name), 'name'), String(src.name));
        ok = false;
      } else if (!seen) sourceDefs.set(src?.name, src);
    }
  }
  const sources = new Map<string, IrSource>();
  for (const src of sourceDefs.values()) {
    const lowered = lowerSource(src, bag);
    if (lowered) sources.set(lowered.name, lowered);
    else ok = false;
  }

  const views: IrView[] = [];
  const viewNames = new Set<string>();
  for (const viewDef of def.views ?? []) {
    if (!checkObject(viewDef, bag, at(base, 'views'), 'a view', 'a featureView(...)')) { ok = false; continue; }
    if (viewNames.has(viewDef.name)) {
      bag.report('FEATC_E1102', at(viewDef.name, 'name'), viewDef.name);
      ok = false;
      continue;
    }
    viewNames.add(viewDef?.name);
    const view = lowerView(viewDef, sources, bag);
    if (!view) { ok = false; continue; }
    if (stateTtlMs === null && view.features.some((f) => f.kind === 'aggregate' && f.window.kind === 'lifetime')) {
      bag.report('FEATC_E2106', at(base, 'stateTtl'), view.name);
      ok = false;
    }
    views.push(view);
  }
  const steps: IrInferenceStep[] = [];
  for (const stepDef of def.steps ?? []) {
    if (!checkObject(stepDef, bag, at(base, 'steps'), 'a step', 'an inference(...)')) { ok = false; continue; }
    const other = viewNames.has(stepDef?.name) ? `view ${stepDef.name}` : steps.some((s) => s.name === stepDef?.name) ? `another step` : null;
    if (other) {
      bag.report('FEATC_E2609', at(String(stepDef.name), 'name'), String(stepDef.name), other);
      ok = false;
      continue;
    }
    const step = lowerInferenceStep(stepDef, sources, bag);
    if (step) steps.push(step);
    else ok = false;
  }
  if ((def.views ?? []).length === 0 && (def.steps ?? []).length === 0) {
    // An empty statement set is not SQL Flink accepts: a job computes something.
    bag.report('FEATC_E2108', at(base, 'views'), 'views', 'none (and no steps)', 'must hold at least one featureView(...) or inference step');
    ok = false;
  }
  ok = checkTopics(sources, views, steps, bag) && ok;
  if (!ok || checkpointIntervalMs === null) return null;
  return IrJobNode.create({
    name: def.name,
    parallelism,
    stateTtlMs,
    checkpointIntervalMs,
    sources: [...sources.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    views,
    steps,
  });
}

/** Every output writes its own topic, never a source topic. */
function checkTopics(sources: ReadonlyMap<string, IrSource>, views: readonly IrView[], steps: readonly IrInferenceStep[], bag: DiagnosticBag): boolean {
  const owners = new Map<string, string>();
  for (const src of sources.values()) owners.set(src.topic, `source ${src.name}`);
  let ok = true;
  for (const view of views) {
    view.outputs.forEach((output, index) => {
      const owner = owners.get(output.topic);
      if (owner) {
        bag.report('FEATC_E2402', `${at(view.name, 'outputs')}[${index}].topic`, output.topic, owner);
        ok = false;
      } else owners.set(output.topic, `${view.name}.outputs[${index}]`);
    });
  }
  for (const step of steps) {
    const written = [...step.outputs.map((o, index) => ({ topic: o.topic, path: `${at(step.name, 'outputs')}[${index}].topic` })),
      ...(step.onError.deadLetterTopic === null ? [] : [{ topic: step.onError.deadLetterTopic, path: at(step.name, 'onError', 'topic') }])];
    for (const { topic, path } of written) {
      const owner = owners.get(topic);
      // A stepSource of this very step reads what the step writes: chaining through Kafka, allowed.
      const chained = [...sources.values()].some((s) => s.topic === topic && s.fromStep === step.name);
      if (owner && !chained) {
        bag.report('FEATC_E2402', path, topic, owner);
        ok = false;
      } else owners.set(topic, path);
    }
  }
  return ok;
}
