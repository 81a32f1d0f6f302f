import type { IrAggregateFeature, IrDerivedFeature, IrJob, IrView, IrWindow } from '../ir/index.js';
import { referencedFeatures } from '../ir/index.js';
import { windowSlug } from '../lower/window.js';
import { operatorName } from './physical-names.js';

/**
 * One fused aggregation: every feature of a view that shares its key and window, over all the
 * sources those features read (several sources → one UNION ALL feeding one aggregation).
 */
export interface FusedOperator {
  readonly kind: 'window-aggregate' | 'over-aggregate' | 'group-aggregate';
  /** Stable across feature edits: `<view>__<window slug>`. */
  readonly id: string;
  readonly view: string;
  readonly window: IrWindow;
  readonly key: readonly string[];
  /** Sources read, in the view's order. */
  readonly sources: readonly string[];
  readonly aggregates: readonly IrAggregateFeature[];
  readonly derived: readonly IrDerivedFeature[];
  /** Append-only rows, or updates per key (lifetime aggregates). */
  readonly changelog: 'append' | 'upsert';
}

function operatorKind(window: IrWindow): FusedOperator['kind'] {
  switch (window.kind) {
    case 'tumbling': case 'hopping': case 'session': return 'window-aggregate';
    case 'sliding': return 'over-aggregate';
    case 'lifetime': return 'group-aggregate';
  }
}

/** The aggregate features a derived feature depends on, through other derived features. */
function rootAggregates(feature: IrDerivedFeature, view: IrView, seen = new Set<string>()): string[] {
  if (seen.has(feature.name)) return [];
  seen.add(feature.name);
  return referencedFeatures(feature.expr).flatMap((name) => {
    const ref = view.features.find((f) => f.name === name);
    if (!ref) return [];
    return ref.kind === 'aggregate' ? [ref.name] : rootAggregates(ref, view, seen);
  });
}

/** Groups each view's features by window, in order of first appearance. */
export function fuseView(view: IrView): FusedOperator[] {
  const groups = new Map<string, { window: IrWindow; aggregates: IrAggregateFeature[]; derived: IrDerivedFeature[] }>();
  for (const feature of view.features) {
    if (feature.kind !== 'aggregate') continue;
    const slug = windowSlug(feature.window);
    const group = groups.get(slug) ?? { window: feature.window, aggregates: [], derived: [] };
    group.aggregates.push(feature);
    groups.set(slug, group);
  }
  for (const feature of view.features) {
    if (feature.kind !== 'derived') continue;
    const [first] = rootAggregates(feature, view);
    const owner = view.features.find((f) => f.name === first);
    const group = owner?.kind === 'aggregate' ? groups.get(windowSlug(owner.window)) : [...groups.values()][0];
    group?.derived.push(feature);
  }
  return [...groups].map(([slug, group]) => ({
    kind: operatorKind(group.window),
    id: operatorName(view.name, slug),
    view: view.name,
    window: group.window,
    key: view.entity,
    sources: view.sources.filter((s) => group.aggregates.some((a) => a.aggregation.source === s)),
    aggregates: group.aggregates,
    derived: group.derived,
    changelog: group.window.kind === 'lifetime' ? 'upsert' : 'append',
  }));
}

export function fuseJob(job: IrJob): FusedOperator[] {
  return job.views.flatMap(fuseView);
}
