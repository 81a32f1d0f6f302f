import type { AnyAggregation, AnyFeatureView, DerivedExpr, WindowDef } from '../../dsl/index.js';
import { at, type DiagnosticBag } from '../diagnostics/index.js';
import {
  IrFeatureNode, IrViewNode, referencedFeatures, sameType,
  type IrExpr, type IrFeature, type IrSource, type IrType, type IrView, type IrWindow,
} from '../ir/index.js';
import { lowerAggregation } from './aggregation.js';
import { isDerivedNode, lowerDerivedNode, typeDerivedFeatures } from './derived.js';
import { servedFeatureNameProblem } from '../../contracts/index.js';
import { checkFeatureName, checkIdentifier, checkObject } from './names.js';
import { lowerOnline } from './online.js';
import { lowerOutputs } from './outputs.js';
import { lowerWindow, windowSlug } from './window.js';

/** Lowers one view against the job's lowered sources; null after reporting. */
export function lowerView(view: AnyFeatureView, sources: ReadonlyMap<string, IrSource>, bag: DiagnosticBag): IrView | null {
  const base = typeof view.name === 'string' && view.name !== '' ? view.name : 'view';
  let ok = checkIdentifier(view.name, bag, at(base, 'name'), 'view');

  const viewSources = new Map<string, IrSource>();
  const brokenSources = new Set<unknown>();
  for (const src of view.sources ?? []) {
    if (!checkObject(src, bag, at(base, 'sources'), 'a view source', 'a source(...)')) { ok = false; continue; }
    const lowered = sources.get(src.name);
    if (lowered) viewSources.set(lowered.name, lowered);
    else { ok = false; brokenSources.add(src.name); } // already reported while lowering the source
  }
  if (view.entity !== undefined && !Array.isArray(view.entity)) {
    bag.report('FEATC_E1005', at(base, 'entity'), 'entity', 'an array of field names', JSON.stringify(view.entity) ?? String(view.entity));
  }
  const entity: string[] = Array.isArray(view.entity) ? [...view.entity] : [];
  if (entity.length === 0 || (view.sources ?? []).length === 0) {
    bag.report('FEATC_E2208', base, base);
    ok = false;
  }
  for (const key of entity) {
    if (typeof key === 'string' && key.includes(';')) {
      bag.report('FEATC_E1106', at(base, 'entity'), key, "cannot be an entity key: ';' separates Kafka key fields");
      ok = false;
    }
    const types = new Map<string, IrType>();
    for (const src of viewSources.values()) {
      const field = src.fields.find((f) => f.name === key);
      if (!field) {
        bag.report('FEATC_E2207', at(base, 'entity'), key, src.name);
        ok = false;
      } else types.set(src.name, field.type);
    }
    const distinct = [...types.values()];
    if (distinct.some((t) => !sameType(t, distinct[0] as IrType))) {
      bag.report('FEATC_E2210', at(base, 'entity'), key, [...types].map(([s, t]) => `${s}: ${JSON.stringify(t)}`).join(', '));
      ok = false;
    }
  }

  const aggregates: Extract<IrFeature, { kind: 'aggregate' }>[] = [];
  const aggregateTypes = new Map<string, IrType>();
  const windows = new Map<string, IrWindow>();
  const featureEntries = Object.entries((view.features ?? {}) as Record<string, AnyAggregation>);
  if (featureEntries.length === 0) {
    bag.report('FEATC_E2206', at(base, 'features'), base);
    ok = false;
  }
  // The view's window is lowered (and reported) once; features failing for any reason are remembered
  // so derived features that reference them do not cascade into more diagnostics.
  const viewWindow = view.window === undefined ? undefined : lowerWindow(view.window, bag, at(base, 'window'));
  const failed = new Set<string>();
  let sessionReported = false;
  for (const [name, agg] of featureEntries) {
    const path = at(base, 'features', name);
    failed.add(name);
    if (!checkFeatureName(name, bag, path, entity)) { ok = false; continue; }
    if (!checkObject(agg, bag, path, 'a feature', 'an aggregation such as count(source)')) { ok = false; continue; }
    const own: WindowDef | undefined = agg.window;
    if (!own && view.window === undefined) { bag.report('FEATC_E2102', at(path, 'window'), name); ok = false; continue; }
    const window = own ? lowerWindow(own, bag, at(path, 'window')) : viewWindow;
    if (!window) { ok = false; continue; }
    if (window.kind === 'session' && entity.length > 1) {
      if (!sessionReported) bag.report('FEATC_E2109', at(path, 'window'), base, entity.join(', '));
      sessionReported = true;
      ok = false;
      continue;
    }
    if (window.kind === 'session' && typeof agg.field === 'string' && entity.includes(agg.field)) {
      bag.report('FEATC_E2111', at(path, 'field'), String(agg.fn), agg.field);
      ok = false;
      continue;
    }
    if (brokenSources.has(agg.source?.name)) { ok = false; continue; } // its source's own diagnostics say why
    const lowered = lowerAggregation(agg, window, viewSources, bag, path);
    if (!lowered) { ok = false; continue; }
    failed.delete(name);
    aggregateTypes.set(name, lowered.type);
    windows.set(name, window);
    aggregates.push(IrFeatureNode.aggregate(name, lowered.type, window, lowered.aggregation, lowerOnline(name, lowered.type, view.online?.[name], bag, base)) as (typeof aggregates)[number]);
  }

  const derivedExprs = new Map<string, IrExpr>();
  for (const [name, expr] of Object.entries((view.derived ?? {}) as Record<string, DerivedExpr>)) {
    const path = at(base, 'derived', name);
    if (!checkFeatureName(name, bag, path, entity)) { failed.add(name); ok = false; continue; }
    if (Object.hasOwn(view.features ?? {}, name)) { bag.report('FEATC_E1105', path, name); ok = false; continue; }
    if (!isDerivedNode(expr?.node)) {
      bag.report('FEATC_E1005', path, 'a derived feature', 'an expression such as ratio(a, b)', JSON.stringify(expr) ?? String(expr));
      failed.add(name);
      ok = false;
      continue;
    }
    const lowered = lowerDerivedNode(expr.node);
    if (referencedFeatures(lowered).length === 0) { bag.report('FEATC_E2308', path, name); failed.add(name); ok = false; continue; }
    derivedExprs.set(name, lowered);
  }
  const derivedTypes = typeDerivedFeatures(aggregateTypes, derivedExprs, bag, base, failed);
  const derived: IrFeature[] = [];
  for (const [name, expr] of derivedExprs) {
    const type = derivedTypes.get(name);
    if (!type) { ok = false; continue; }
    const used = new Map<string, IrWindow>();
    for (const agg of aggregatesBehind(name, derivedExprs, new Set())) {
      const window = windows.get(agg);
      if (window) used.set(windowSlug(window), window);
    }
    if (used.size > 1) {
      bag.report('FEATC_E2303', at(base, 'derived', name), [...used.keys()].join(', '));
      ok = false;
      continue;
    }
    derived.push(IrFeatureNode.derived(name, type, expr, lowerOnline(name, type, view.online?.[name], bag, base)));
  }

  for (const name of Object.keys(view.online ?? {})) {
    // Features that failed for their own reasons are not unknown.
    if (!Object.hasOwn(view.features ?? {}, name) && !Object.hasOwn(view.derived ?? {}, name)) {
      bag.report('FEATC_E2403', at(base, 'online', name), name);
      ok = false;
    }
  }
  const outputs = lowerOutputs(base, view.outputs, bag);
  const slugs = [...new Set(aggregates.map((f) => windowSlug(f.window)))];
  const redisAt = outputs.findIndex((o) => o.kind === 'redis');
  if (redisAt >= 0 && slugs.length > 1) {
    bag.report('FEATC_E2406', `${at(base, 'outputs')}[${redisAt}]`, base, slugs.join(', '));
    ok = false;
  }
  if (redisAt >= 0) {
    // The rule the Redis sink and the feature client read job graphs with (contracts/names.ts).
    for (const [name, kind] of [...Object.keys(view.features ?? {}).map((n) => [n, 'features'] as const), ...Object.keys(view.derived ?? {}).map((n) => [n, 'derived'] as const)]) {
      const problem = failed.has(name) ? null : servedFeatureNameProblem(name);
      if (problem) { bag.report('FEATC_E2407', at(base, kind, name), name, problem); ok = false; }
    }
  }
  if (!ok || outputs.length !== (view.outputs ?? []).length) return null;
  return IrViewNode.create({
    name: view.name, entity, sources: [...viewSources.keys()], features: [...aggregates, ...derived], outputs,
  });
}

/** Aggregate feature names a derived feature depends on, through other derived features. */
export function aggregatesBehind(name: string, derived: ReadonlyMap<string, IrExpr>, seen: Set<string>): string[] {
  const expr = derived.get(name);
  if (!expr) return [name];
  if (seen.has(name)) return [];
  seen.add(name);
  return referencedFeatures(expr).flatMap((ref) => aggregatesBehind(ref, derived, seen));
}
