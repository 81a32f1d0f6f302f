// npm run bench [-- --quick] [-- --json] [-- --only cli,compile,flink,freshness,memory,gateway,sink]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCli } from './cli.js';
import { benchCompile } from './compile.js';
import { ratioChartSvg } from './chart.js';
import { benchFlinkThroughput } from './flink-throughput.js';
import { benchFreshness } from './freshness.js';
import { benchInferenceGateway } from './inference-gateway.js';
import { benchMemory } from './memory.js';
import { acquireStack, type BenchStack } from './support/stack.js';
import type { BenchResult } from './support/result.js';

interface Bench { name: string; needsStack: boolean; run: (quick: boolean, env: Record<string, string>) => Promise<BenchResult[]> }

const BENCHES: Bench[] = [
  { name: 'cli', needsStack: false, run: (quick) => benchCli({ quick }) },
  { name: 'compile', needsStack: false, run: (quick) => benchCompile({ quick }) },
  { name: 'flink', needsStack: true, run: (quick, env) => benchFlinkThroughput({ quick, env }) },
  { name: 'freshness', needsStack: true, run: (quick, env) => benchFreshness({ quick, env }) },
  { name: 'memory', needsStack: true, run: (quick, env) => benchMemory({ quick, env }) },
  { name: 'gateway', needsStack: false, run: (quick) => benchInferenceGateway({ quick }) },
  { name: 'sink', needsStack: true, run: async (quick) => {
    if (!existsSync(new URL('./redis-sink.ts', import.meta.url))) throw new Error('bench/redis-sink.ts is missing');
    const mod = (await import('./redis-sink.js')) as { benchRedisSink: (o: { quick: boolean }) => Promise<BenchResult[]> };
    return mod.benchRedisSink({ quick });
  } },
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const onlyArg = args.find((a, i) => a.startsWith('--only=') || args[i - 1] === '--only');
const only = onlyArg ? onlyArg.replace(/^--only=/, '').split(',').map((s) => s.trim()) : undefined;
const unknown = only?.filter((o) => !BENCHES.some((b) => b.name === o)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(1);
}
const selected = BENCHES.filter((b) => !only || only.includes(b.name));

const log = (line: string) => process.stderr.write(`${line}\n`);
const started = Date.now();
const results: (BenchResult & { bench: string })[] = [];
const failures: { bench: string; error: string }[] = [];
const timings: Record<string, number> = {};
let stack: BenchStack | undefined;
try {
  if (selected.some((b) => b.needsStack)) {
    stack = await acquireStack(log);
    Object.assign(process.env, stack.env);
  }
  for (const b of selected) {
    log(`▶ ${b.name}${quick ? ' (quick)' : ''}`);
    const t = Date.now();
    try {
      for (const r of await b.run(quick, stack?.env ?? {})) results.push({ bench: b.name, ...r });
    } catch (err) {
      failures.push({ bench: b.name, error: err instanceof Error ? err.message : String(err) });
      log(`  ✗ ${b.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    timings[b.name] = Math.round((Date.now() - t) / 1000);
  }
} finally {
  await stack?.release();
}

const wallSec = Math.round((Date.now() - started) / 1000);
const stamp = new Date(started).toISOString().replace(/:/g, '-').replace(/\..*$/, '');
const dir = join('bench', 'results');
mkdirSync(dir, { recursive: true });
const base = join(dir, `${stamp}${quick ? '-quick' : ''}`);
const report = { startedAt: new Date(started).toISOString(), quick, wallSec, timingsSec: timings, node: process.version, results, failures };
writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${base}.svg`, ratioChartSvg(results, `featc benchmarks ${stamp}${quick ? ' (quick)' : ''}`));

const cell = (v: unknown) => (v === undefined ? '' : String(v));
const header = ['bench', 'name', 'value', 'unit', 'baseline', 'baseline value', 'ratio'];
const rows = results.map((r) => [r.bench, r.name, cell(r.value), r.unit, cell(r.baseline?.name), cell(r.baseline?.value), cell(r.ratio)]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (r: string[]) => r.map((c, i) => (i >= 2 && i !== 3 && i !== 4 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' │ ');
console.log(line(header));
console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
for (const r of rows) console.log(line(r));
for (const f of failures) console.log(`FAILED ${f.bench}: ${f.error}`);
console.log(`\n${quick ? 'quick' : 'full'} run, ${wallSec} s (${Object.entries(timings).map(([k, v]) => `${k} ${v}s`).join(', ')}); wrote ${base}.json and ${base}.svg`);
if (json) console.log(JSON.stringify(report, null, 2));
process.exitCode = failures.length > 0 ? 1 : 0;
