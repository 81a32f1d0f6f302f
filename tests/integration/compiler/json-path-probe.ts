import type { CompiledJob } from '../../../compiler/index.js';
import type { SqlGatewayClient } from '../../../flink-deploy/rest/index.js';
import { lex, type Token } from '../../unit/compiler/fuzz/sql-lexer.js';

/** A source field and the JSON path the compiler reads it with. */
export interface FieldPath { readonly field: string; readonly path: string }

const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * The top-level fields read from a source's raw payload, as the fields view prints them (one read
 * per path, compiler/print/sql/source-json.ts):
 * `JSON_QUERY(`__payload`, 'path' WITH ARRAY WRAPPER) END AS `field``; nested reads are `__j<n>`.
 */
export function jsonPathsOf(job: CompiledJob): FieldPath[] {
  const out: FieldPath[] = [];
  for (const statement of job.statements) {
    if (!statement.includes('JSON_QUERY')) continue;
    const t: Token[] = lex(statement);
    const is = (i: number, kind: Token['kind'], value?: string): boolean => t[i]?.kind === kind && (value === undefined || t[i]?.value === value);
    for (let i = 0; i < t.length; i++) {
      if (!(is(i, 'word', 'JSON_QUERY') && is(i + 2, 'ident', '__payload') && is(i + 4, 'string') && is(i + 5, 'word', 'WITH') && is(i + 8, 'punct', ')'))) continue;
      const field = is(i + 9, 'word', 'END') && is(i + 10, 'word', 'AS') && is(i + 11, 'ident') ? t[i + 11] : undefined;
      if (field && !field.value.startsWith('__')) out.push({ field: field.value, path: t[i + 4]?.value ?? '' });
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
