import type { CompiledJob } from '../../../../compiler/index.js';
import type { PredicateNode } from '../../../../dsl/index.js';
import { lex, LexError, parensBalanced, type Token } from './sql-lexer.js';
import type { FieldSpec, JobSpec } from './spec.js';

/** Every word featc prints outside quotes. A user name showing up here escaped its quotes. */
const KEYWORDS = new Set(`
  SET CREATE TEMPORARY TABLE VIEW AS WITH SELECT FROM WHERE GROUP BY UNION ALL CAST STRING BIGINT INT DOUBLE BOOLEAN
  FLOAT ARRAY ROW NULL TRUE FALSE AND OR NOT IN IS COUNT SUM AVG MIN MAX DISTINCT FIRST_VALUE LAST_VALUE ARRAY_AGG
  ARRAY_SLICE FILTER CASE WHEN THEN END OVER WINDOW PARTITION ORDER RANGE BETWEEN INTERVAL PRECEDING CURRENT TUMBLE HOP
  SESSION DESCRIPTOR TO_TIMESTAMP_LTZ WATERMARK FOR SECOND MINUTE HOUR DAY UNIX_TIMESTAMP DATE_FORMAT NULLIF COALESCE
  INSERT INTO EXECUTE STATEMENT BEGIN PRIMARY KEY ENFORCED METADATA VIRTUAL w
  CHAR_LENGTH CURRENT_WATERMARK JSON JSON_QUERY JSON_VALUE OBJECT REGEXP RETURNING SUBSTRING TRY_CAST WRAPPER TO
  ELSE POSITION RAND REGEXP_EXTRACT_ALL CHR CONCAT RPAD DECIMAL MOD EXTRACT MILLISECOND TIMESTAMP`.split(/\s+/).filter(Boolean));

/** Placeholders `featc deploy` resolves anywhere in a statement (flink-deploy/apply/resolve.ts). */
const PLACEHOLDER = /\$\{env:[A-Za-z_][A-Za-z0-9_]*\}|\$\{featc:[a-z.]+\}/g;
const RESERVED_COLUMNS = new Set([
  '__rowtime', '__source', '__event_ms', '__as_of_ms', '__window_start_ms', '__canon', '__aggregates', 'window_start', 'window_end',
  '__payload', '__partition', '__offset', '__error', '__late',
  // a source's checked record (source-ddl.ts): its typed fields v<i>, then partition, offset, payload, error
  '__record', 'error',
  // dead-letter record columns
  'source', 'topic', 'partition', 'offset', 'reason', 'event_time_ms', 'payload',
]);

function predicateStrings(node: PredicateNode | undefined): string[] {
  if (!node) return [];
  switch (node.kind) {
    case 'compare': return typeof node.value === 'string' ? [node.value] : [];
    case 'in': return node.values.filter((v): v is string => typeof v === 'string');
    case 'is-null': return [];
    case 'and': case 'or': return node.items.flatMap(predicateStrings);
    case 'not': return predicateStrings(node.item);
  }
}

function nestedNames(fields: readonly FieldSpec[]): string[] {
  return fields.flatMap((f) => [f.name, ...(f.type.k === 'row' ? nestedNames(f.type.fields) : f.type.k === 'array' && f.type.of.k === 'row' ? nestedNames(f.type.of.fields) : [])]);
}

/** What a statement must hold, read back through the lexer: every problem as one line. */
export function checkSql(job: CompiledJob, spec: JobSpec): string[] {
  const problems: string[] = [];
  const idents = new Set<string>();
  const strings = new Set<string>();
  const envNames = new Set(spec.sources.flatMap((s) => Object.values(s.properties ?? {}).flatMap((v) => (typeof v === 'string' ? [] : [v.env]))));
  const legitPlaceholder = (value: string): boolean =>
    value === '${featc:kafka.bootstrap}' || [...envNames].some((n) => value === `\${env:${n}}`);

  for (const [index, statement] of job.statements.entries()) {
    const where = `statement ${index + 1}`;
    let tokens: Token[];
    try {
      tokens = lex(statement);
    } catch (err) {
      if (err instanceof LexError) { problems.push(`${where}: ${err.message}`); continue; }
      throw err;
    }
    if (!parensBalanced(tokens)) problems.push(`${where}: unbalanced parentheses`);
    if (tokens.some((t, i) => t.value === '(' && t.kind === 'punct' && tokens[i + 1]?.kind === 'punct' && tokens[i + 1]?.value === ')')) problems.push(`${where}: empty parentheses`);
    const semicolons = tokens.filter((t) => t.kind === 'punct' && t.value === ';').length;
    const inserts = tokens.filter((t) => t.kind === 'word' && t.value === 'INSERT').length;
    if (semicolons !== (statement.startsWith('EXECUTE STATEMENT SET') ? inserts : 0)) problems.push(`${where}: ${semicolons} ';' outside quotes`);
    for (const t of tokens) {
      if (t.kind === 'word' && !KEYWORDS.has(t.value)) problems.push(`${where}: unquoted word ${JSON.stringify(t.value)}`);
      if (t.kind === 'ident') idents.add(t.value);
      if (t.kind === 'string') strings.add(t.value);
      if (t.kind !== 'string' || !legitPlaceholder(t.value)) {
        for (const m of t.value.matchAll(PLACEHOLDER)) problems.push(`${where}: user text forms the deploy-time placeholder ${m[0]} in a ${t.kind}`);
      }
    }
  }

  // Every name the user wrote comes back out of its quotes unchanged.
  const views = new Set(spec.views.map((v) => v.name));
  for (const v of spec.views) {
    for (const name of [...v.entity, ...v.features.map((f) => f.name), ...v.derived.map((x) => x.name)]) {
      if (!idents.has(name)) problems.push(`identifier ${JSON.stringify(name)} of view ${v.name} is not in the SQL`);
    }
    for (const f of v.features) for (const s of predicateStrings(f.where)) if (!strings.has(s)) problems.push(`literal ${JSON.stringify(s)} is not in the SQL`);
  }
  const read = spec.sources.filter((_, i) => spec.views.some((v) => v.sources.includes(i)));
  const sourceNames = new Set(read.map((s) => s.name));
  for (const s of read) {
    for (const name of nestedNames(s.fields)) if (!idents.has(name)) problems.push(`field ${JSON.stringify(name)} of ${s.name} is not in the SQL`);
    for (const value of Object.values(s.properties ?? {})) if (typeof value === 'string' && !strings.has(value)) problems.push(`property value ${JSON.stringify(value)} is not in the SQL`);
  }
  // ...and nothing else is quoted as an identifier than user names and the names featc derives from them.
  const userNames = new Set([...spec.views.flatMap((v) => [...v.entity, ...v.features.map((f) => f.name), ...v.derived.map((x) => x.name)]), ...read.flatMap((s) => nestedNames(s.fields))]);
  const unionColumns = new Set(read.flatMap((s) => s.fields.map((f) => `${s.name}__${f.name}`)));
  const prefixes = [...[...sourceNames].flatMap((s) => [`src_${s}__`, `dlq_${s}`]), ...[...views].flatMap((v) => [`${v}__`, `sink_${v}__`])];
  for (const id of idents) {
    const derivedName = RESERVED_COLUMNS.has(id) || /^(v|__j)[0-9]+$/.test(id) || unionColumns.has(id) || sourceNames.has(id.slice(4))
      || prefixes.some((p) => id.startsWith(p));
    if (!userNames.has(id) && !derivedName) problems.push(`unexpected identifier ${JSON.stringify(id)}`);
  }
  return problems;
}

/** job.sql is the statements, each ending in `;`, after `--` header lines. */
export function checkJobFile(job: CompiledJob): string[] {
  const body = job.sql.split('\n').filter((line, i, lines) => !(line.startsWith('-- ') && lines.slice(0, i).every((l) => l.startsWith('-- ')))).join('\n');
  const expected = job.statements.map((s) => `\n${s};\n`).join('');
  return body === expected ? [] : ['job.sql is not the header followed by the statements'];
}
