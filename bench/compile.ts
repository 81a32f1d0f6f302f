// Compile time against definition count, and fused vs unfused operator counts.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compileJob } from '../compiler/index.js';
import { DIST_CLI, ensureBuilt } from './support/built-cli.js';
import { result, type BenchResult } from './support/result.js';
import { wideJobs } from './support/wide-view.js';

const run = promisify(execFile);
const VIEWS_PER_JOB = 10;
/** As a team's files import it; inside this repository the name resolves to the built package itself. */
const DSL = 'featc';
/** Runs the built CLI and reports its peak RSS on stderr after a marker. */
const WITH_RSS = `process.on('exit', () => process.stderr.write('\\n@rss ' + process.resourceUsage().maxRSS + '\\n'));
process.argv.splice(1, 1); await import(process.argv[1]);`;

/** Writes `views` feature views as views/10 job files (10 views each) sharing one sources file. */
export function generateDefinitions(dir: string, views: number): void {
  writeFileSync(join(dir, 'sources.ts'), `import { z } from 'zod';
import { seconds, source } from '${DSL}';
export const orders = source({ name: 'orders', topic: 'orders', schema: z.object({ userId: z.string(), amount: z.number(), ts: z.number().int() }),
  eventTime: 'ts', watermarkDelay: seconds(2), idleTimeout: seconds(5), key: ['userId'], format: 'json' });
`);
  for (let j = 0; j * VIEWS_PER_JOB < views; j++) {
    const lines = [`import { avg, count, featureView, job, max, minutes, redis, sum, tumbling } from '${DSL}';`, `import { orders } from './sources.js';`];
    const names: string[] = [];
    for (let v = j * VIEWS_PER_JOB; v < Math.min(views, (j + 1) * VIEWS_PER_JOB); v++) {
      names.push(`v${v}`);
      lines.push(`export const v${v} = featureView({ name: 'v${v}', entity: ['userId'], sources: [orders], window: tumbling(minutes(${1 + (v % 30)})),
  features: { n_${v}: count(orders), s_${v}: sum(orders, 'amount'), a_${v}: avg(orders, 'amount'), m_${v}: max(orders, 'amount') },
  outputs: [redis({ ttl: minutes(60) })] });`);
    }
    lines.push(`export default job({ name: 'job${j}', views: [${names.join(', ')}], parallelism: 1 });`);
    writeFileSync(join(dir, `job${j}.ts`), `${lines.join('\n')}\n`);
  }
}

/** Wall time and peak RSS of the installed CLI's `featc compile <dir> --out <tmp>`, TypeScript loading included. */
async function timeCompile(views: number): Promise<{ seconds: number; rssMiB: number }> {
  // Inside the project (git-ignored .featc/) so the definitions resolve zod from node_modules.
  mkdirSync('.featc', { recursive: true });
  const dir = mkdtempSync(join('.featc', `bench-defs-${views}-`));
  const out = mkdtempSync(join('.featc', 'bench-out-'));
  try {
    generateDefinitions(dir, views);
    const t = performance.now();
    const { stderr } = await run(process.execPath, ['--input-type=module', '-e', WITH_RSS, '--', DIST_CLI, DIST_CLI, 'compile', dir, '--out', out], { maxBuffer: 64 * 1024 * 1024 });
    const seconds = (performance.now() - t) / 1000;
    const kb = Number(/@rss (\d+)/.exec(stderr)?.[1]);
    return { seconds, rssMiB: kb / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

export async function benchCompile(opts: { quick: boolean }): Promise<BenchResult[]> {
  // The full run measures 10/100/1000; --quick stops at 200 views (1000 take ~100 s on 2 cores).
  ensureBuilt();
  const [small, mid, big] = opts.quick ? [10, 100, 1000] : [10, 100, 1000];
  const sizes = [small, mid, big];
  const repeats = opts.quick ? 1 : 3;
  const times = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const n of sizes) {
    const runs: { seconds: number; rssMiB: number }[] = [];
    for (let r = 0; r < repeats; r++) runs.push(await timeCompile(n));
    times.set(n, Math.min(...runs.map((x) => x.seconds)));
    rss.set(n, Math.max(...runs.map((x) => x.rssMiB)));
  }
  const t = (n: number): number => times.get(n) ?? Number.NaN;
  const results = sizes.map((n) => result(`compile ${n} views (${Math.ceil(n / VIEWS_PER_JOB)} jobs × ≤${VIEWS_PER_JOB} views, 4 features each)${n === 1000 ? '; target ≤ 1 s' : ''}`, t(n), 's', { name: `compile ${small} views`, value: t(small) }));
  results.push(result(`compile ${big} views peak RSS`, rss.get(big) ?? Number.NaN, 'MiB', { name: `compile ${small} views`, value: rss.get(small) ?? Number.NaN }));
  // Linear growth: t(big) / t(mid) = big / mid. Fixed cost (node + TS loading) pulls it below, superlinear work above.
  results.push(result(`compile growth t${big}/t${mid}`, t(big) / t(mid), '×', { name: `linear (${big / mid}×)`, value: big / mid }));
  results.push(result(`compile time per extra view (${mid}→${big})`, ((t(big) - t(mid)) / (big - mid)) * 1000, 'ms/view'));

  const wide = wideJobs({ run: 'ops', inputTopic: 'payments', outputTopic: (i) => `spend_${i}`, checkpointSeconds: 10 });
  const fused = compileJob(wide.fused).graph.operators.length;
  const unfused = compileJob(wide.unfused).graph.operators.length;
  results.push(result(`compiler aggregation operators, ${wide.features}-feature view fused`, fused, 'operators', { name: `${wide.features} separate queries`, value: unfused }));
  return results;
}
