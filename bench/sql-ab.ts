// The compiled CTR job (jobs/engagement.ts userCtr) of this tree against the same job compiled by an
// older revision, on the local stack, runs alternating. For changes to generated SQL that must not
// cost throughput (e.g. the source gate: "no more than 5 % slower").
//
//   node bin/run-ts.js bench/sql-ab.ts --base <git-rev> [--events 600000] [--repeats 6] [--jfr <dir>]
//
// --jfr records each run with Java Flight Recorder on the TaskManager (<dir>/<variant><run>.jfr); the
// hottest methods: jfr print --events jdk.ExecutionSample <file> | grep -A1 'stackTrace = \[' | grep -v stackTrace | sort | uniq -c | sort -rn | head
//
// Prints each run (events/s, TaskManager CPU seconds) and the medians' ratios this/base. A run on a
// shared 2-core host can be off by 2x either way: read the medians, and repeat when they are close.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileJob } from '../compiler/index.js';
import { job, seconds } from '../dsl/index.js';
import { userCtr } from '../jobs/engagement.js';
import { createTopics, deleteTopics, produceMany } from './support/events.js';
import { BenchJobs, measureConsumption } from './support/flink-job.js';
import { stackPaths } from '../flink-deploy/local/index.js';
import { readState } from '../flink-deploy/local/processes.js';
import { acquireStack } from './support/stack.js';

const arg = (name: string, fallback?: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`--${name} is required (usage: bench/sql-ab.ts --base <git-rev> [--events N] [--repeats N])`);
  return v;
};
const base = arg('base');
const total = Number(arg('events', '600000'));
const repeats = Number(arg('repeats', '6'));
const jfrDir = process.argv.includes('--jfr') ? resolve(arg('jfr')) : undefined;
const DUMP = `import { writeFileSync } from 'node:fs';
import { compileJob } from './compiler/index.js';
import { job, seconds } from './dsl/index.js';
import { userCtr } from './jobs/engagement.js';
writeFileSync(process.argv[2], JSON.stringify(compileJob(job({ name: 'ab_ctr', views: [userCtr], parallelism: 1, checkpointInterval: seconds(2) })).statements));
`;

/** The statements `base` compiles for the job, from a temporary worktree sharing this node_modules. */
function baseStatements(): string[] {
  const root = resolve('.');
  const dir = mkdtempSync(join(tmpdir(), 'featc-ab-'));
  const tree = join(dir, 'tree');
  execFileSync('git', ['worktree', 'add', '--detach', '-q', tree, base], { stdio: 'inherit' });
  try {
    symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
    writeFileSync(join(tree, 'ab-dump.ts'), DUMP);
    execFileSync(process.execPath, ['bin/run-ts.js', 'ab-dump.ts', join(dir, 'statements.json')], { cwd: tree, stdio: 'inherit' });
    return JSON.parse(readFileSync(join(dir, 'statements.json'), 'utf8')) as string[];
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', tree]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const stack = await acquireStack((line) => process.stderr.write(`${line}\n`));
const env = stack.env;
const bootstrap = env.FEATC_KAFKA_BOOTSTRAP ?? '';
const tm = readState(stackPaths().stateFile).services.taskmanager?.pid;
const cpuSeconds = (): number => {
  if (tm === undefined) return Number.NaN;
  const f = readFileSync(`/proc/${tm}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(f[11]) + Number(f[12])) / 100;
};
const variants = {
  base: baseStatements(),
  this: compileJob(job({ name: 'ab_ctr', views: [userCtr], parallelism: 1, checkpointInterval: seconds(2) })).statements,
};
const run = `ab${Date.now().toString(36)}`;
const topics = { clicks: `${run}_clicks`, impressions: `${run}_impressions`, out: `${run}_ctr` };
const jobs = new BenchJobs(env);
const runs: Record<keyof typeof variants, { rate: number; cpu: number }[]> = { base: [], this: [] };
try {
  await createTopics(bootstrap, Object.values(topics));
  const T0 = 1_700_000_000_000;
  const SPAN = 20 * 60_000;
  const clicks = Math.round(total * 0.2);
  const at = (i: number, n: number): number => T0 + Math.floor((i * SPAN) / n);
  const user = (i: number): string => `u${(i * 7919) % 20_000}`;
  process.stderr.write(`producing ${total} events\n`);
  await produceMany(bootstrap, topics.clicks, clicks, (i) => ({ value: { userId: user(i * 3), docId: `d${i % 500}`, ts: at(i, clicks) } }));
  await produceMany(bootstrap, topics.impressions, total - clicks, (i) => ({ value: { userId: user(i), docId: `d${i % 500}`, ts: at(i, total - clicks) } }));
  const renamed = (statements: readonly string[], tag: string): string[] => statements.map((s) => s
    .replaceAll(`'topic' = 'clicks'`, `'topic' = '${topics.clicks}'`).replaceAll(`'topic' = 'impressions'`, `'topic' = '${topics.impressions}'`)
    .replaceAll(`'topic' = 'featc.features.userCtr'`, `'topic' = '${topics.out}'`).replaceAll('featc.ab_ctr', `featc.ab_ctr.${tag}`));
  for (let i = 0; i < repeats; i++) {
    for (const v of (i % 2 === 0 ? ['base', 'this'] : ['this', 'base']) as (keyof typeof variants)[]) {
      const jobId = await jobs.submit(renamed(variants[v], `${v}${i}`));
      if (jfrDir !== undefined && tm !== undefined) execFileSync('jcmd', [String(tm), 'JFR.start', 'name=ab', 'settings=profile', `filename=${join(jfrDir, `${v}${i}.jfr`)}`], { stdio: 'ignore' });
      const c0 = cpuSeconds();
      const c = await measureConsumption(jobs, jobId, total, 600_000);
      const cpu = cpuSeconds() - c0;
      if (jfrDir !== undefined && tm !== undefined) execFileSync('jcmd', [String(tm), 'JFR.stop', 'name=ab'], { stdio: 'ignore' });
      await jobs.cancel(jobId);
      runs[v].push({ rate: c.recordsPerSecond, cpu });
      process.stderr.write(`  ${v.padEnd(4)} ${Math.round(c.recordsPerSecond)} events/s, TaskManager ${cpu.toFixed(1)} CPU s${c.complete ? '' : ' (INCOMPLETE)'}\n`);
    }
  }
} finally {
  await jobs.cancelAll();
  await deleteTopics(bootstrap, Object.values(topics));
  await stack.release();
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;
const m = (v: keyof typeof variants, k: 'rate' | 'cpu'): number => median(runs[v].map((r) => r[k]));
console.log(JSON.stringify({
  base, events: total, repeats,
  medianEventsPerSecond: { base: Math.round(m('base', 'rate')), this: Math.round(m('this', 'rate')) },
  medianTaskManagerCpuSeconds: { base: m('base', 'cpu'), this: m('this', 'cpu') },
  ratio: { throughput: Number((m('this', 'rate') / m('base', 'rate')).toFixed(3)), cpu: Number((m('this', 'cpu') / m('base', 'cpu')).toFixed(3)) },
}, null, 2));
