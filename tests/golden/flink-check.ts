// Real-planner check: every golden's statements go through a real Flink SQL Gateway; the statement
// set is EXPLAINed (no job runs). The integration suite runs it per case
// (tests/integration/compiler/golden-flink.test.ts); by hand: node bin/run-ts.js tests/golden/flink-check.ts [case...]
// Env: FEATC_SQL_GATEWAY_URL (default http://127.0.0.1:8083), FEATC_KAFKA_BOOTSTRAP (127.0.0.1:9092).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledFiles, compileJob, jobsOfModule, type CompiledJob } from '../../compiler/index.js';
import { SqlGatewayClient } from '../../flink-deploy/rest/index.js';
import { fillPlaceholders } from '../../contracts/index.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Golden cases that compile (they have expected/job.sql), sorted. */
export function goldenSqlCases(): string[] {
  return readdirSync(here).filter((d) => existsSync(join(here, d, 'expected', 'job.sql'))).sort();
}

/** The case's input.ts compiled with `compileJob`, and its checked-in expected/job.sql. */
export async function compileCase(name: string): Promise<{ job: CompiledJob; sql: string; golden: string }> {
  const module = (await import(join(here, name, 'input.ts'))) as Record<string, unknown>;
  const [def, ...rest] = jobsOfModule(module);
  if (!def || rest.length > 0) throw new Error(`${name}/input.ts must export exactly one job`);
  const job = compileJob(def);
  const sql = compiledFiles(job)['job.sql'] ?? '';
  return { job, sql, golden: readFileSync(join(here, name, 'expected', 'job.sql'), 'utf8') };
}

/** Deploy-time placeholders: the stack's Kafka, and a harmless stand-in for each `${env:NAME}` secret. */
export function resolvePlaceholders(statement: string, kafka: string): string {
  return fillPlaceholders(statement, {
    env: (name) => `placeholder-${name}`, featc: { 'kafka.bootstrap': kafka, 'checkpoint.dir': 'file:///tmp/featc-flink-check' },
    unknown: (whole) => { throw new Error(`unknown placeholder ${whole}`); },
  });
}

/** Statements as submitted for planning only: placeholders resolved, the statement set EXPLAINed. */
export function explainStatements(job: CompiledJob, kafka: string): string[] {
  return job.statements.map((s) => resolvePlaceholders(s, kafka).replace(/^EXECUTE STATEMENT SET/, 'EXPLAIN STATEMENT SET'));
}

/**
 * Runs every statement of the job in one gateway session, the statement set as EXPLAIN. Returns
 * the EXPLAIN output, or throws naming the statement Flink rejected.
 */
export async function plannerAccepts(gateway: SqlGatewayClient, job: CompiledJob, kafka: string): Promise<string> {
  const session = await gateway.openSession({}, `flink-check-${job.name}`);
  try {
    let plan = '';
    for (const [index, statement] of explainStatements(job, kafka).entries()) {
      try {
        const result = await gateway.execute(session, statement, { statementId: `statement ${index + 1}` });
        if (statement.startsWith('EXPLAIN')) plan = String(result.rows[0]?.[0] ?? '');
      } catch (err) {
        throw new Error(`${(err as Error).message}\n${statement.split('\n').slice(0, 4).join('\n')}`, { cause: err });
      }
    }
    return plan;
  } finally {
    await gateway.closeSession(session);
  }
}

async function main(wanted: string[]): Promise<void> {
  const gateway = new SqlGatewayClient(process.env.FEATC_SQL_GATEWAY_URL ?? 'http://127.0.0.1:8083');
  const kafka = process.env.FEATC_KAFKA_BOOTSTRAP ?? '127.0.0.1:9092';
  let failed = 0;
  for (const name of goldenSqlCases().filter((d) => wanted.length === 0 || wanted.includes(d))) {
    try {
      const { job, sql, golden } = await compileCase(name);
      if (sql !== golden) throw new Error('compiled job.sql differs from expected/job.sql (run the golden unit test)');
      await plannerAccepts(gateway, job, kafka);
      console.log(`ok    ${name}`);
    } catch (err) {
      failed++;
      console.log(`FAIL  ${name}\n      ${(err as Error).message.replaceAll('\n', '\n      ')}`);
    }
  }
  process.exitCode = failed === 0 ? 0 : 1;
}

// Run directly (node, tsx, or bin/run-ts.js, which drops the script from argv): this file is on the command line.
const self = fileURLToPath(import.meta.url);
const argIndex = process.argv.findIndex((a, i) => i > 0 && resolve(a) === self);
if (argIndex > 0) await main(process.argv.slice(argIndex + 1));
