import type { IrAggregation, IrType } from '../../ir/index.js';
import type { ExprScope } from './expr.js';

/**
 * `filter`: `AGG(x) FILTER (WHERE cond)` for group and window aggregates.
 * `case`: `AGG(CASE WHEN cond THEN x END)` for OVER aggregates, which take no FILTER clause.
 */
export type ConditionStyle = 'filter' | 'case';

/**
 * Prints one aggregate call; `condition` is the source tag and `where`, already printed; `over`
 * (`' OVER w'`) follows the aggregate function itself (inside `ARRAY_SLICE` for lastN).
 */
export function printAggregate(
  agg: IrAggregation, fieldType: IrType | null, scope: ExprScope, condition: string | null, style: ConditionStyle, over = '',
): string {
  if (agg.kind === 'last-n') {
    const arg = scope.field(agg.source, agg.field);
    const value = condition && style === 'case' ? `CASE WHEN ${condition} THEN ${arg} END` : `${arg}`;
    const call = condition && style === 'filter' ? `ARRAY_AGG(${value}) FILTER (WHERE ${condition})` : `ARRAY_AGG(${value})`;
    return `ARRAY_SLICE(${call}${over}, -${agg.n})`;
  }
  return `${printPlainAggregate(agg, fieldType, scope, condition, style)}${over}`;
}

function printPlainAggregate(
  agg: Exclude<IrAggregation, { kind: 'last-n' }>, fieldType: IrType | null, scope: ExprScope, condition: string | null, style: ConditionStyle,
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
  }
}
