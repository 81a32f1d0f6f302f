// Real-planner check: every golden's statements go through a real Flink SQL Gateway; the statement
// set is EXPLAINed (no job runs). Run: node bin/run-ts.js tests/golden/flink-check.ts [case...]
// Env: FEATC_SQL_GATEWAY_URL (default http://127.0.0.1:8083), FEATC_KAFKA_BOOTSTRAP (127.0.0.1:9092).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileJob, jobsOfModule } from '../../compiler/index.js';

const gateway = process.env.FEATC_SQL_GATEWAY_URL ?? 'http://127.0.0.1:8083';
const kafka = process.env.FEATC_KAFKA_BOOTSTRAP ?? '127.0.0.1:9092';
const here = dirname(fileURLToPath(import.meta.url));

async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${gateway}${path}`, {
    method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(cause(json) ?? `${method} ${path} → HTTP ${res.status}`);
  return json;
}

/** The innermost Flink message: the last "Caused by" line of the gateway's error stack. */
function cause(json: Record<string, unknown>): string | null {
  const errors = json.errors as string[] | undefined;
  if (!errors) return null;
  const text = errors.join('\n');
  const causes = [...text.matchAll(/Caused by: ([^\n]+)/g)].map((m) => m[1]);
  return (causes.at(-1) ?? text.split('\n').find((l) => l.trim() !== '') ?? text).slice(0, 600);
}

/** Runs one statement to completion; returns its result rows (as JSON) or throws Flink's message. */
export async function runStatement(session: string, statement: string): Promise<unknown[]> {
  const { operationHandle } = await call('POST', `/v3/sessions/${session}/statements`, { statement });
  for (let i = 0; i < 600; i++) {
    const { status } = await call('GET', `/v3/sessions/${session}/operations/${operationHandle}/status`);
    if (status === 'FINISHED') break;
    if (status === 'ERROR' || status === 'CANCELED' || status === 'CLOSED') {
      await call('GET', `/v3/sessions/${session}/operations/${operationHandle}/result/0`);
      throw new Error(`operation ${status}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const result = await call('GET', `/v3/sessions/${session}/operations/${operationHandle}/result/0?rowFormat=JSON`);
  return ((result.results as { data?: unknown[] } | undefined)?.data ?? []) as unknown[];
}

export async function openSession(): Promise<string> {
  const { sessionHandle } = await call('POST', '/v3/sessions', {});
  return sessionHandle as string;
}

export function resolvePlaceholders(statement: string): string {
  return statement.replaceAll('${featc:kafka.bootstrap}', kafka).replace(/\$\{env:([A-Z0-9_]+)\}/g, 'placeholder-$1');
}

async function checkCase(name: string): Promise<string | null> {
  const module = (await import(pathToFileURL(join(here, name, 'input.ts')).href)) as Record<string, unknown>;
  const [def] = jobsOfModule(module);
  if (!def) return 'no job';
  const job = compileJob(def);
  const session = await openSession();
  try {
    for (const [index, raw] of job.statements.entries()) {
      const statement = resolvePlaceholders(raw).replace(/^EXECUTE STATEMENT SET/, 'EXPLAIN STATEMENT SET');
      try {
        await runStatement(session, statement);
      } catch (err) {
        return `statement ${index + 1}: ${(err as Error).message}\n${statement.split('\n').slice(0, 4).join('\n')}`;
      }
    }
    return null;
  } finally {
    await call('DELETE', `/v3/sessions/${session}`).catch(() => undefined);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || process.argv[1]?.endsWith('flink-check.ts')) {
  const wanted = process.argv.slice(2);
  const cases = readdirSync(here).filter((d) => existsSync(join(here, d, 'expected', 'job.sql'))).filter((d) => wanted.length === 0 || wanted.includes(d)).sort();
  let failed = 0;
  for (const name of cases) {
    const problem = await checkCase(name);
    console.log(problem === null ? `ok    ${name}` : `FAIL  ${name}\n      ${problem.replaceAll('\n', '\n      ')}`);
    if (problem !== null) failed++;
  }
  process.exitCode = failed === 0 ? 0 : 1;
}
