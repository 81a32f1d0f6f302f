import type { IrDerivedFeature } from '../../ir/index.js';
import type { FusedOperator } from '../../passes/fuse.js';
import { AS_OF_COLUMN, WINDOW_START_COLUMN, type AggregateNode } from '../../passes/physical-plan.js';
import { printAggregate, type ConditionStyle } from './aggregate.js';
import { printExpr, type ExprScope } from './expr.js';
import type { OperatorInput } from './operator-input.js';
import { ident, indentSql, interval } from './quote.js';
import { ROWTIME } from './source-ddl.js';
import { epochMillis } from './source-gate.js';
import { createView } from './templates.js';

function windowRelation(op: FusedOperator, input: OperatorInput): string {
  const time = `DESCRIPTOR(${ident(ROWTIME)})`;
  switch (op.window.kind) {
    case 'tumbling': return `TABLE(TUMBLE(TABLE ${input.relation}, ${time}, ${interval(op.window.sizeMs)}))`;
    case 'hopping': return `TABLE(HOP(TABLE ${input.relation}, ${time}, ${interval(op.window.slideMs)}, ${interval(op.window.sizeMs)}))`;
    case 'session':
      return `TABLE(SESSION(TABLE ${input.relation} PARTITION BY ${op.key.map(ident).join(', ')}, ${time}, ${interval(op.window.gapMs)}))`;
    case 'sliding': case 'lifetime': return input.relation;
  }
}

function aggregateColumns(op: FusedOperator, input: OperatorInput, style: ConditionStyle, suffix: string): string[] {
  const scope: ExprScope = { field: input.column, feature: (name) => ident(name) };
  return op.aggregates.map((feature) => {
    const agg = feature.aggregation;
    const conditions = [input.sourceCondition(agg.source), agg.where && printExpr(agg.where, scope)].filter((c): c is string => !!c);
    const condition = conditions.length === 0 ? null : conditions.join(' AND ');
    const fieldType = agg.kind === 'count' ? null : input.fieldType(agg.source, agg.field);
    return `${printAggregate(agg, fieldType, scope, condition, style, suffix)} AS ${ident(feature.name)}`;
  });
}

/** The aggregation itself: window TVF + GROUP BY, OVER, or plain GROUP BY. */
function aggregationQuery(op: FusedOperator, input: OperatorInput): string {
  const key = op.key.map(ident);
  const from = windowRelation(op, input);
  switch (op.kind) {
    case 'window-aggregate': {
      const columns = [
        ...key, ...aggregateColumns(op, input, 'filter', ''),
        `${epochMillis(ident('window_end'))} AS ${ident(AS_OF_COLUMN)}`, `${epochMillis(ident('window_start'))} AS ${ident(WINDOW_START_COLUMN)}`,
      ];
      return `SELECT\n  ${columns.join(',\n  ')}\nFROM ${from}\nGROUP BY ${[ident('window_start'), ident('window_end'), ...key].join(', ')}`;
    }
    case 'over-aggregate': {
      const range = op.window.kind === 'sliding' ? op.window.rangeMs : 0;
      const columns = [
        ...key, ...aggregateColumns(op, input, 'case', ' OVER w'),
        `${input.eventMs} AS ${ident(AS_OF_COLUMN)}`, `${input.eventMs} - ${range} AS ${ident(WINDOW_START_COLUMN)}`,
      ];
      return `SELECT\n  ${columns.join(',\n  ')}\nFROM ${from}\n` +
        `WINDOW w AS (PARTITION BY ${key.join(', ')} ORDER BY ${ident(ROWTIME)} RANGE BETWEEN ${interval(range)} PRECEDING AND CURRENT ROW)`;
    }
    case 'group-aggregate': {
      const columns = [
        ...key, ...aggregateColumns(op, input, 'filter', ''),
        `MAX(${input.eventMs}) AS ${ident(AS_OF_COLUMN)}`, `MIN(${input.eventMs}) AS ${ident(WINDOW_START_COLUMN)}`,
      ];
      return `SELECT\n  ${columns.join(',\n  ')}\nFROM ${from}\nGROUP BY ${key.join(', ')}`;
    }
  }
}

/** Derived features reference aggregates by column and other derived features by inlining them. */
function derivedScope(derived: readonly IrDerivedFeature[]): ExprScope {
  const scope: ExprScope = {
    field: () => { throw new Error('derived features cannot read source fields'); },
    feature: (name) => {
      const inner = derived.find((d) => d.name === name);
      return inner ? printExpr(inner.expr, scope) : ident(name);
    },
  };
  return scope;
}

/** `CREATE TEMPORARY VIEW <operator>`: the fused aggregation plus its derived features. */
export function printOperatorView(node: AggregateNode, input: OperatorInput): string {
  const op = node.operator;
  const inner = aggregationQuery(op, input);
  if (op.derived.length === 0) return createView({ view: ident(node.table), query: inner });
  const scope = derivedScope(op.derived);
  const columns = [
    ...op.key.map(ident),
    ...op.aggregates.map((f) => ident(f.name)),
    ...op.derived.map((f) => `${printExpr(f.expr, scope)} AS ${ident(f.name)}`),
    ident(AS_OF_COLUMN),
    ident(WINDOW_START_COLUMN),
  ];
  const query = `SELECT\n  ${columns.join(',\n  ')}\nFROM (\n${indentSql(inner)}\n) AS ${ident('__aggregates')}`;
  return createView({ view: ident(node.table), query });
}
