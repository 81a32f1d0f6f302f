import type { IrAggregation, IrType } from '../../ir/index.js';
import type { ExprScope } from './expr.js';

/**
 * `filter`: `AGG(x) FILTER (WHERE cond)` for group and window aggregates.
 * `case`: `AGG(CASE WHEN cond THEN x END)` for OVER aggregates, which take no FILTER clause.
 */
export type ConditionStyle = 'filter' | 'case';

/** Prints one aggregate call; `condition` is the source tag and `where`, already printed. */
export function printAggregate(
  agg: IrAggregation, fieldType: IrType | null, scope: ExprScope, condition: string | null, style: ConditionStyle,
): string {
  const arg = agg.kind === 'count' ? null : scope.field(agg.source, agg.field);
  const input = (value: string): string => (condition && style === 'case' ? `CASE WHEN ${condition} THEN ${value} END` : value);
  const filtered = (call: string): string => (condition && style === 'filter' ? `${call} FILTER (WHERE ${condition})` : call);
  const isInt = fieldType?.kind === 'scalar' && fieldType.name === 'int';
  switch (agg.kind) {
    case 'count':
      return condition && style === 'case' ? `COUNT(${input('1')})` : filtered('COUNT(*)');
    case 'sum':
      return filtered(`SUM(${input(isInt ? `CAST(${arg} AS BIGINT)` : `${arg}`)})`);
    case 'avg':
      return filtered(`AVG(${input(`CAST(${arg} AS DOUBLE)`)})`);
    case 'min': return filtered(`MIN(${input(`${arg}`)})`);
    case 'max': return filtered(`MAX(${input(`${arg}`)})`);
    case 'count-distinct':
    case 'approx-count-distinct':
      return filtered(`COUNT(DISTINCT ${input(`${arg}`)})`);
    case 'first-value': return filtered(`FIRST_VALUE(${input(`${arg}`)})`);
    case 'last-value': return filtered(`LAST_VALUE(${input(`${arg}`)})`);
    case 'last-n':
      return `ARRAY_SLICE(${filtered(`ARRAY_AGG(${input(`${arg}`)})`)}, -${agg.n})`;
  }
}
