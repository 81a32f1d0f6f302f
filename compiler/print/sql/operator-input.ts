import { referencedFields, type IrSource, type IrType } from '../../ir/index.js';
import type { FusedOperator } from '../../passes/fuse.js';
import type { AggregateNode, PhysicalPlan, SourceNode } from '../../passes/physical-plan.js';
import { ident, str } from './quote.js';
import { EVENT_MS, ROWTIME } from './source-ddl.js';
import { createView } from './templates.js';
import { sqlType } from './types.js';

/** Column of a multi-source input naming the source a row came from. */
export const SOURCE_TAG = '__source';

/** How an operator reads its sources: one table directly, or a UNION ALL view of several. */
export interface OperatorInput {
  /** The relation to read (quoted). */
  readonly relation: string;
  /** `CREATE TEMPORARY VIEW` of the union, when there is one. */
  readonly ddl: string | null;
  column(source: string, field: string): string;
  /** Condition selecting one source's rows; null when there is only one source. */
  sourceCondition(source: string): string | null;
  /** The event time in epoch millis. */
  readonly eventMs: string;
  fieldType(source: string, field: string): IrType | null;
}

function neededFields(op: FusedOperator, source: IrSource): string[] {
  const names = new Set<string>();
  for (const feature of op.aggregates) {
    const agg = feature.aggregation;
    if (agg.source !== source.name) continue;
    if (agg.kind !== 'count') names.add(agg.field);
    if (agg.where) for (const ref of referencedFields(agg.where)) names.add(ref.field);
  }
  return source.fields.map((f) => f.name).filter((n) => names.has(n));
}

export function operatorInput(node: AggregateNode, plan: PhysicalPlan): OperatorInput {
  const op = node.operator;
  const nodes = op.sources.map((name) => plan.sources.find((s) => s.source.name === name)).filter((s): s is SourceNode => s !== undefined);
  const sources = nodes.map((n) => n.source);
  const fieldType = (source: string, field: string): IrType | null =>
    plan.job.sources.find((s) => s.name === source)?.fields.find((f) => f.name === field)?.type ?? null;
  const [only] = nodes;
  if (node.unionInput === null && only) {
    return {
      relation: ident(only.tables.onTime),
      ddl: null,
      column: (_source, field) => ident(field),
      sourceCondition: () => null,
      eventMs: ident(EVENT_MS),
      fieldType,
    };
  }
  const unionColumn = (source: string, field: string): string => `${source}__${field}`;
  const perSource = sources.map((s) => ({ source: s, fields: neededFields(op, s) }));
  const branches = nodes.map(({ source: branch, tables }) => {
    const columns = [
      `CAST(${str(branch.name)} AS STRING) AS ${ident(SOURCE_TAG)}`,
      ...op.key.map((k) => ident(k)),
      ident(ROWTIME),
      ident(EVENT_MS),
      ...perSource.flatMap(({ source, fields }) => fields.map((field) => {
        const target = ident(unionColumn(source.name, field));
        if (source.name === branch.name) return `${ident(field)} AS ${target}`;
        return `CAST(NULL AS ${sqlType(fieldType(source.name, field) ?? { kind: 'scalar', name: 'string' })}) AS ${target}`;
      })),
    ];
    return `SELECT\n  ${columns.join(',\n  ')}\nFROM ${ident(tables.onTime)}`;
  });
  const view = node.unionInput ?? op.id;
  return {
    relation: ident(view),
    ddl: createView({ view: ident(view), query: branches.join('\nUNION ALL\n') }),
    column: (source, field) => ident(unionColumn(source, field)),
    sourceCondition: (source) => `${ident(SOURCE_TAG)} = ${str(source)}`,
    eventMs: ident(EVENT_MS),
    fieldType,
  };
}
