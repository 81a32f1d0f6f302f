// Resident memory of featc's runtime processes under load, against an idle Node process.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { z } from 'zod';
import { compileJob, writeCompiled } from '../compiler/index.js';
import { count, featureView, job, minutes, redis, seconds, source, sum, tumbling } from '../dsl/index.js';
import { freePort } from '../flink-deploy/local/ports.js';
import { startFeatcProcess, type ChildService } from '../examples/demo/child-services.js';
import { spawnModelServer, type ModelServerProcess } from './model-server-process.js';
import { createTopics, deleteTopics, produceMany } from './support/events.js';
import { result, runId, sleep, type BenchResult } from './support/result.js';

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** Samples a process's RSS every 100 ms while `load` runs; returns the peak. */
async function peakRss(pid: number, load: () => Promise<void>): Promise<number> {
  let peak = rssMiB(pid);
  let running = true;
  const sampler = (async () => { while (running) { peak = Math.max(peak, rssMiB(pid)); await sleep(100); } })();
  try {
    await load();
  } finally {
    running = false;
    await sampler;
  }
  return peak;
}

async function idleNodeRss(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await sleep(1000);
  const rss = rssMiB(child.pid ?? 0);
  child.kill('SIGTERM');
  return rss;
}

async function appliedRecords(metricsUrl: string): Promise<number> {
  const text = await (await request(`${metricsUrl}/metrics`)).body.text();
  return [...text.matchAll(/^featc_redis_sink_records_total\{[^}]*outcome="applied"[^}]*\} (\d+)/gm)].reduce((a, m) => a + Number(m[1]), 0);
}

async function sinkUnderLoad(env: Record<string, string>, records: number, dir: string): Promise<number> {
  const bootstrap = env.FEATC_KAFKA_BOOTSTRAP ?? '';
  const run = runId('bench_mem');
  const topic = `${run}_features`;
  const orders = source({ name: 'orders', topic: `${run}_orders`, schema: z.object({ userId: z.string(), amount: z.number(), ts: z.number().int() }),
    eventTime: 'ts', watermarkDelay: seconds(2), idleTimeout: seconds(5), key: ['userId'], format: 'json' });
  const view = featureView({ name: 'spend', entity: ['userId'], sources: [orders], window: tumbling(minutes(5)),
    features: { n: count(orders), total: sum(orders, 'amount') }, outputs: [redis({ ttl: minutes(30), topic })] });
  writeCompiled(dir, [compileJob(job({ name: run, views: [view], parallelism: 1 }))]);
  await createTopics(bootstrap, [topic], 4);
  let sink: ChildService | undefined;
  try {
    await produceMany(bootstrap, topic, records, (i) => ({ key: JSON.stringify({ userId: `u${i % 50_000}` }), value: { userId: `u${i % 50_000}`, n: i, total: i * 1.5, __as_of_ms: 1_700_000_000_000 + i } }));
    const port = await freePort();
    sink = await startFeatcProcess('bench-redis-sink', ['sink', 'redis', join(dir, run, 'job-graph.json'), '--kafka', bootstrap, '--redis', env.FEATC_REDIS_URL ?? '',
      '--prefix', `featcbench:${run}`, '--metrics-port', String(port), '--no-progress'], `http://127.0.0.1:${port}/metrics`, dir);
    const url = `http://127.0.0.1:${port}`;
    const pid = sink.pid;
    return await peakRss(pid, async () => {
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline && (await appliedRecords(url)) < records) await sleep(200);
    });
  } finally {
    await sink?.stop();
    await deleteTopics(bootstrap, [topic]);
  }
}

async function gatewayUnderLoad(env: Record<string, string>, requests: number, dir: string): Promise<number> {
  const model: ModelServerProcess = await spawnModelServer({ latencyMs: 5 });
  const port = await freePort();
  let gw: ChildService | undefined;
  const agent = new Agent({ connections: 64 });
  try {
    gw = await startFeatcProcess('bench-gateway', ['gateway', '--port', String(port), '--upstream', model.baseUrl, '--redis', env.FEATC_REDIS_URL ?? ''], `http://127.0.0.1:${port}/healthz`, dir);
    const run = runId('mem');
    let next = 0;
    return await peakRss(gw.pid, async () => {
      await Promise.all(Array.from({ length: 32 }, async () => {
        while (next < requests) {
          const i = next++;
          const res = await request(`http://127.0.0.1:${port}/v1/chat/completions`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ model: 'featc-test-chat', messages: [{ role: 'user', content: `memory ${run} ${i}` }] }) });
          await res.body.text();
        }
      }));
    });
  } finally {
    await gw?.stop();
    await model.stop();
    await agent.close();
  }
}

export async function benchMemory(opts: { quick: boolean; env: Record<string, string> }): Promise<BenchResult[]> {
  mkdirSync('.featc', { recursive: true });
  const dir = mkdtempSync(join('.featc', 'bench-memory-'));
  try {
    const idle = await idleNodeRss();
    const baseline = { name: 'idle `node -e` process', value: idle };
    const records = opts.quick ? 100_000 : 500_000;
    const requests = opts.quick ? 3_000 : 20_000;
    const sink = await sinkUnderLoad(opts.env, records, dir);
    const gateway = await gatewayUnderLoad(opts.env, requests, dir);
    return [
      result(`Redis sink peak RSS (${records} feature records)`, sink, 'MiB', baseline),
      result(`inference gateway peak RSS (${requests} cache-miss requests, 32 clients)`, gateway, 'MiB', baseline),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
