import type { CompiledJob } from '../../../compiler/index.js';
import type { SqlGatewayClient } from '../../../flink-deploy/rest/index.js';
import { lex, type Token } from '../../unit/compiler/fuzz/sql-lexer.js';

/** A source field and the JSON path the compiler reads it with. */
export interface FieldPath { readonly field: string; readonly path: string }

const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * The top-level fields read from a source's raw payload, as printed:
 * `JSON_VALUE(`__payload`, 'path') AS `field`` or `TRY_CAST(JSON_VALUE(…) AS T) AS `field``.
 */
export function jsonPathsOf(job: CompiledJob): FieldPath[] {
  const out: FieldPath[] = [];
  for (const statement of job.statements) {
    if (!statement.includes('JSON_VALUE')) continue;
    const t: Token[] = lex(statement);
    const is = (i: number, kind: Token['kind'], value?: string): boolean => t[i]?.kind === kind && (value === undefined || t[i]?.value === value);
    for (let i = 0; i < t.length; i++) {
      if (!(is(i, 'word', 'JSON_VALUE') && is(i + 2, 'ident', '__payload') && is(i + 4, 'string') && is(i + 5, 'punct', ')'))) continue;
      const path = t[i + 4]?.value ?? '';
      const direct = is(i + 6, 'word', 'AS') && is(i + 7, 'ident') ? t[i + 7] : undefined;
      const cast = is(i - 2, 'word', 'TRY_CAST') && is(i + 6, 'word', 'AS') && is(i + 8, 'punct', ')') && is(i + 9, 'word', 'AS') && is(i + 10, 'ident') ? t[i + 10] : undefined;
      const field = direct ?? cast;
      if (field) out.push({ field: field.value, path });
    }
  }
  return out;
}

/**
 * Asks the real planner to evaluate `JSON_VALUE('{"<field>": "v<i>"}', '<path>')` for every pair
 * (constant folding: EXPLAIN shows the result, no job runs). Returns the pairs that do not read back.
 */
export async function jsonPathProbe(gateway: SqlGatewayClient, paths: readonly FieldPath[], batch = 40): Promise<string[]> {
  const wrong: string[] = [];
  const session = await gateway.openSession({}, 'fuzz-json-paths');
  try {
    for (let start = 0; start < paths.length; start += batch) {
      const slice = paths.slice(start, start + batch);
      const columns = slice.map((p, i) => `CASE WHEN JSON_VALUE(${sqlString(JSON.stringify({ [p.field]: `v${i}` }))}, ${sqlString(p.path)}) = 'v${i}' THEN 'ok' ELSE 'BAD${i}' END AS c${i}`);
      const result = await gateway.execute(session, `EXPLAIN SELECT ${columns.join(', ')}`, { statementId: `json paths ${start}` });
      // The AST section quotes every CASE branch; the optimized plan holds the folded values.
      const plan = String(result.rows[0]?.[0] ?? '').split('== Optimized Execution Plan ==')[1] ?? '';
      slice.forEach((p, i) => {
        if (new RegExp(`'BAD${i}'`).test(plan) || !/'ok'/.test(plan)) wrong.push(`${JSON.stringify(p.field)} via ${p.path}`);
      });
    }
  } finally {
    await gateway.closeSession(session);
  }
  return wrong;
}
