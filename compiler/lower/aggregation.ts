import type { AnyAggregation } from '../../dsl/index.js';
import { at, type DiagnosticBag } from '../diagnostics/index.js';
import {
  IrAggregationNode, IrTypeNode, isNumeric,
  type IrAggregation, type IrExpr, type IrFieldAggregationKind, type IrSource, type IrType, type IrWindow,
} from '../ir/index.js';
import { lowerPredicate } from './predicate.js';

const FIELD_KINDS: Record<string, IrFieldAggregationKind> = {
  sum: 'sum', avg: 'avg', min: 'min', max: 'max', countDistinct: 'count-distinct',
  approxCountDistinct: 'approx-count-distinct', firstValue: 'first-value', lastValue: 'last-value',
};

/**
 * Aggregations Flink cannot (or featc will not) compute over a window kind. Hopping and session
 * windows merge partial aggregates, and Flink's FIRST_VALUE/LAST_VALUE have no merge (the planner
 * rejects them: "Could not find an implementation method 'merge'").
 */
const UNSUPPORTED: Partial<Record<IrWindow['kind'], readonly IrAggregation['kind'][]>> = {
  lifetime: ['last-n'],
  hopping: ['first-value', 'last-value'],
  session: ['first-value', 'last-value'],
};

function typeName(type: IrType): string {
  return type.kind === 'scalar' ? type.name : type.kind;
}

function resultType(kind: IrAggregation['kind'], field: IrType | null): IrType {
  switch (kind) {
    case 'count': case 'count-distinct': case 'approx-count-distinct': return IrTypeNode.scalar('bigint');
    case 'avg': return IrTypeNode.scalar('double');
    case 'sum': return field?.kind === 'scalar' && field.name === 'double' ? IrTypeNode.scalar('double') : IrTypeNode.scalar('bigint');
    case 'min': case 'max': case 'first-value': case 'last-value': return field ?? IrTypeNode.scalar('string');
    case 'last-n': return IrTypeNode.array(field ?? IrTypeNode.scalar('string'));
  }
}

/** Lowers one aggregation of a view; null after reporting. */
export function lowerAggregation(
  agg: AnyAggregation,
  window: IrWindow,
  viewSources: ReadonlyMap<string, IrSource>,
  bag: DiagnosticBag,
  path: string,
): { aggregation: IrAggregation; type: IrType } | null {
  const sourceName = agg.source?.name;
  const src = typeof sourceName === 'string' ? viewSources.get(sourceName) : undefined;
  if (!src) {
    bag.report('FEATC_E2201', at(path, 'source'), String(sourceName));
    return null;
  }
  let where: IrExpr | null = null;
  if (agg.where) {
    where = lowerPredicate(agg.where, src.name, src.fields, bag, at(path, 'where'));
    if (!where) return null;
  }

  const kind: IrAggregation['kind'] | undefined =
    agg.fn === 'count' ? 'count' : agg.fn === 'lastN' ? 'last-n' : Object.hasOwn(FIELD_KINDS, agg.fn) ? FIELD_KINDS[agg.fn] : undefined;
  if (!kind) {
    bag.report('FEATC_E2209', path, JSON.stringify(agg.fn) ?? String(agg.fn));
    return null;
  }
  if (UNSUPPORTED[window.kind]?.includes(kind)) {
    bag.report('FEATC_E2107', at(path, 'window'), agg.fn, window.kind);
    return null;
  }
  if (kind === 'count') return { aggregation: IrAggregationNode.count(src.name, where), type: resultType(kind, null) };

  const field = src.fields.find((f) => f.name === agg.field);
  if (!field) {
    bag.report('FEATC_E2202', at(path, 'field'), String(agg.field), src.name);
    return null;
  }
  const needsNumber = kind === 'sum' || kind === 'avg';
  const needsScalar = kind === 'min' || kind === 'max' || kind === 'count-distinct' || kind === 'approx-count-distinct' || kind === 'last-n';
  if ((needsNumber && !isNumeric(field.type)) || (needsScalar && field.type.kind !== 'scalar')) {
    bag.report('FEATC_E2203', at(path, 'field'), agg.fn, field.name, typeName(field.type));
    return null;
  }
  if (kind === 'last-n') {
    const n = agg.n;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1000) {
      bag.report('FEATC_E2205', at(path, 'n'), String(n));
      return null;
    }
    return { aggregation: IrAggregationNode.lastN(src.name, field.name, n, where), type: resultType(kind, field.type) };
  }
  return { aggregation: IrAggregationNode.ofField(kind, src.name, field.name, where), type: resultType(kind, field.type) };
}
