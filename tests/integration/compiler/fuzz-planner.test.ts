import fc from 'fast-check';
import { compileJob, type CompiledJob } from '../../../compiler/index.js';
import { SqlGatewayClient } from '../../../flink-deploy/rest/index.js';
import { plannerAccepts } from '../../golden/flink-check.js';
import { bootstrap } from '../../support/kafka.js';
import { buildJob } from '../../unit/compiler/fuzz/build.js';
import { arbitraryOf } from '../../unit/compiler/fuzz/draw.js';
import { PLANNER_SIZE, validJob } from '../../unit/compiler/fuzz/gen-valid.js';
import { HOSTILE_NAMES, SQL_KEYWORDS } from '../../unit/compiler/fuzz/names.js';
import { jsonPathProbe, jsonPathsOf } from './json-path-probe.js';

// Fuzzed valid definitions (tests/unit/compiler/fuzz, hostile names included) go through the real
// Flink planner the way the goldens do: every statement in one SQL Gateway session, the statement
// set EXPLAINed (no job starts). FEATC_FUZZ_PLANNER_RUNS (default 100), FEATC_FUZZ_SEED and
// FEATC_FUZZ_PLANNER_CONCURRENCY (sessions at once, default 4) tune it. Definition i of a failure is
// fc.sample(arbitraryOf((d) => validJob(d, PLANNER_SIZE), false), { seed, numRuns: i + 1 })[i].
const runs = Number(process.env['FEATC_FUZZ_PLANNER_RUNS'] ?? 100);
const seed = Number(process.env['FEATC_FUZZ_SEED'] ?? 20_251_109);
const concurrency = Number(process.env['FEATC_FUZZ_PLANNER_CONCURRENCY'] ?? 4);

const specs = fc.sample(arbitraryOf((d) => validJob(d, PLANNER_SIZE), false), { seed, numRuns: runs });

async function pool<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  }));
}

describe('fuzzed definitions are accepted by the real Flink planner', () => {
  const gateway = new SqlGatewayClient(process.env['FEATC_SQL_GATEWAY_URL'] ?? '');
  const jobs: CompiledJob[] = [];

  test(`${runs} valid definitions compile`, () => {
    for (const spec of specs) jobs.push(compileJob(buildJob(spec)));
    expect(jobs).toHaveLength(runs);
  });

  test('the sample holds hostile names: quotes, backticks, SQL keywords, unicode', () => {
    const names = specs.flatMap((s) => [...s.sources.flatMap((x) => x.fields.map((f) => f.name)), ...s.views.flatMap((v) => v.features.map((f) => f.name))]);
    const count = (test: (n: string) => boolean): number => names.filter(test).length;
    const kinds = {
      quotes: count((n) => n.includes("'") || n.includes('"')),
      backticks: count((n) => n.includes('`')),
      keywords: count((n) => SQL_KEYWORDS.includes(n)),
      nonAscii: count((n) => [...n].some((c) => c > '\u007f')),
      listed: count((n) => HOSTILE_NAMES.includes(n)),
    };
    console.log(`fuzz planner sample: ${runs} definitions, ${names.length} field and feature names: ${JSON.stringify(kinds)}`);
    for (const n of Object.values(kinds)) expect(n).toBeGreaterThan(0);
  });

  test('every compiled statement is accepted and the statement set plans', async () => {
    const t0 = Date.now();
    const rejected: string[] = [];
    await pool(jobs, concurrency, async (job, index) => {
      try {
        const plan = await plannerAccepts(gateway, job, bootstrap());
        const missing = job.graph.sinks.map((s) => s.table).filter((t) => !plan.includes(t));
        if (!plan.includes('== Optimized Execution Plan ==') || missing.length > 0) rejected.push(`#${index} ${job.name}: plan lacks ${missing.join(', ') || 'the optimized plan'}`);
      } catch (err) {
        rejected.push(`#${index} ${job.name}: ${(err as Error).message.slice(0, 1500)}`);
      }
    });
    console.log(`fuzz planner: ${jobs.length - rejected.length}/${jobs.length} definitions accepted (seed ${seed}) in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    expect(rejected).toEqual([]);
  }, 900_000); // ~1 min on an idle 2-core machine; the planner slows down a lot under load

  test('every field name reads back through the JSON path its source prints', async () => {
    const paths = [...new Map(jobs.flatMap(jsonPathsOf).map((p) => [`${p.field}\u0000${p.path}`, p])).values()];
    expect(paths.length).toBeGreaterThan(runs);
    const wrong = await jsonPathProbe(gateway, paths);
    expect(wrong).toEqual([]);
  });
});
