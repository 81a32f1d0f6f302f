import type { CompiledJob } from '../../../compiler/index.js';
import { jsonPath } from '../../../compiler/print/sql/source-json.js';
import type { SqlGatewayClient } from '../../../flink-deploy/rest/index.js';
import { lex, type Token } from '../../unit/compiler/fuzz/sql-lexer.js';

/** A source field and the JSON path the compiler reads it with. */
export interface FieldPath { readonly field: string; readonly path: string }

const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * The top-level fields of every source and the JSON path the compiler reads each with
 * (compiler/print/sql/source-json.ts `jsonPath`); only paths the printed SQL really holds, as
 * `JSON_QUERY(`__payload`, '<path>' …)` (the checks of malformed records read each field so).
 */
export function jsonPathsOf(job: CompiledJob): FieldPath[] {
  const printed = new Set<string>();
  for (const statement of job.statements) {
    if (!statement.includes('JSON_QUERY')) continue;
    const t: Token[] = lex(statement);
    for (let i = 0; i < t.length; i++) {
      if (t[i]?.kind === 'word' && t[i]?.value === 'JSON_QUERY' && t[i + 2]?.kind === 'ident' && t[i + 2]?.value === '__payload' && t[i + 4]?.kind === 'string') printed.add(t[i + 4]?.value ?? '');
    }
  }
  return job.graph.sources.flatMap((s) => s.fields.map((f) => ({ field: f.name, path: jsonPath([f.name]) }))).filter((p) => printed.has(p.path));
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
