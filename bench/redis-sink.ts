// Benchmarks of the Redis sink and the feature client against redis-benchmark on the same Redis.
// Run: node bin/run-ts.js bench/run-redis-sink.ts [--full]   (Kafka figures need FEATC_KAFKA_BOOTSTRAP)
import { execFile } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { createFeatureClient } from '../runtime/feature-client/index.js';
import { FeatureRecordDecoder } from '../runtime/redis-sink/record-decoder.js';
import { SinkRedisState, type PartitionBatch } from '../runtime/redis-sink/redis-state.js';
import { startRedisSink } from '../runtime/redis-sink/sink.js';
import type { RedisOutputSpec } from '../runtime/redis-sink/spec.js';
import { startRedisProcess, type RedisProcess } from '../tests/support/redis-process.js';
import { createTopic, TransactionalProducer } from '../tests/integration/redis-sink/helpers/kafka.js';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  ratio?: number;
}

const run = promisify(execFile);
const ENTITIES = 20_000;
const spec = (topic: string): RedisOutputSpec => ({
  kind: 'redis', view: 'bench', topic, entityKey: ['userId'],
  features: [{ name: 'clicks', type: 'bigint' }, { name: 'score', type: 'double' }, { name: 'label', type: 'string' }],
});
const recordValue = (i: number) => ({ userId: `u${(i * 7919) % ENTITIES}`, clicks: i, score: (i % 1000) / 8, label: `L${i % 97}`, __as_of_ms: 1_700_000_000_000 + i });

function result(name: string, value: number, unit: string, baseline?: { name: string; value: number }): BenchResult {
  process.stderr.write(`  ${name}: ${value.toFixed(3)} ${unit}\n`);
  const r: BenchResult = { name, value: Number(value.toFixed(3)), unit };
  if (baseline) {
    r.baseline = { name: baseline.name, value: Number(baseline.value.toFixed(3)) };
    r.ratio = Number((value / baseline.value).toFixed(3));
  }
  return r;
}

/** redis-benchmark's CSV row for one command: rps and latency percentiles (ms). */
async function redisBenchmark(port: number, args: string[]): Promise<{ rps: number; p50: number; p99: number }> {
  const { stdout } = await run('redis-benchmark', ['-p', String(port), '--csv', ...args]);
  const row = stdout.trim().split('\n').at(-1)?.split('","').map((c) => c.replace(/"/g, '')) ?? [];
  return { rps: Number(row[1]), p50: Number(row[4]), p99: Number(row[6]) };
}

/** The sink's write path without Kafka: decode + pipelined EVALSHA batches of 500, 4 partitions. */
async function applyPathRate(redis: Redis, records: number): Promise<number> {
  const decoder = new FeatureRecordDecoder(spec('bench.apply'), 'apply');
  const state = new SinkRedisState(redis, 'apply');
  await state.claim('bench.apply');
  const start = performance.now();
  const prev = [-1, -1, -1, -1];
  for (let wave = 0; wave < records; wave += 5000) {
    const batches: PartitionBatch[] = [];
    for (let p = 0; p < 4; p++) {
      for (let b = 0; b < 1250 / 500; b++) {
        const recs = [];
        for (let j = 0; j < 500 && wave + p * 1250 + b * 500 + j < records; j++) {
          const i = wave + p * 1250 + b * 500 + j;
          recs.push(decoder.decode({ offset: i, value: Buffer.from(JSON.stringify(recordValue(i))) }));
        }
        if (recs.length === 0) continue;
        batches.push({ topic: 'bench.apply', partition: p, features: decoder.features, prevOffset: prev[p] as number, records: recs });
        prev[p] = recs[recs.length - 1]?.offset ?? (prev[p] as number);
      }
    }
    await Promise.all(batches.map((b) => state.apply(b)));
  }
  return records / ((performance.now() - start) / 1000);
}

/** Kafka → sink → Redis: records/s from sink start until everything is applied. */
async function endToEndRate(kafka: string, redisUrl: string, records: number): Promise<number> {
  const topic = `featc-bench-sink-${Date.now()}`;
  await createTopic(kafka, topic, 4);
  const producer = new TransactionalProducer(kafka, `featc-bench-${Date.now()}`);
  await producer.connect();
  for (let i = 0; i < records; i += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, records - i) }, (_, j) => {
      const v = recordValue(i + j);
      return { key: JSON.stringify({ userId: v.userId }), value: JSON.stringify(v) };
    });
    await producer.send(topic, batch, true);
  }
  await producer.disconnect();
  const start = performance.now();
  const sink = await startRedisSink({ outputs: [spec(topic)], kafka, redis: redisUrl, prefix: 'e2e', log: () => undefined });
  while (sink.metrics.totals().records < records) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - start) / 1000;
  await sink.stop();
  return records / seconds;
}

/**
 * Open loop at a fixed rate (requests released on a ~1 ms timer): latency (ms) from the call to
 * the typed result. Failures (e.g. the client's command timeout under overload) are counted.
 * Also measured: this process's CPU per request (µs) and the event loop's p99 delay (ms): a
 * latency p99 close to the loop's p99 delay is time the process waited for a CPU, not Redis.
 */
async function fixedRate(rate: number, durationMs: number, request: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number; errors: number; cpuUs: number; loopP99: number }> {
  const latencies: number[] = [];
  let pending = 0;
  let errors = 0;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const total = Math.floor((rate * durationMs) / 1000);
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    for (; sent < due; sent++) {
      const called = performance.now();
      pending += 1;
      request(sent).then(() => { latencies.push(performance.now() - called); pending -= 1; }, () => { errors += 1; pending -= 1; });
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  while (pending > 0) await new Promise((r) => setTimeout(r, 1));
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  if (errors > 0) process.stderr.write(`  ${errors} of ${total} requests failed at ${rate}/s\n`);
  latencies.sort((a, b) => a - b);
  const at = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), errors, cpuUs: (cpu.user + cpu.system) / total, loopP99: loop.percentile(99) / 1e6 };
}

async function kafkaReachable(bootstrap: string): Promise<boolean> {
  const { createConnection } = await import('node:net');
  const [host, port] = (bootstrap.split(',')[0] ?? '').split(':');
  return await new Promise((resolve) => {
    const s = createConnection({ host: host ?? '127.0.0.1', port: Number(port), timeout: 1000 }, () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
    s.once('timeout', () => { s.destroy(); resolve(false); });
  });
}

export async function benchRedisSink(opts: { quick: boolean }): Promise<BenchResult[]> {
  const records = opts.quick ? 50_000 : 200_000;
  const durationMs = opts.quick ? 3_000 : 10_000;
  const server: RedisProcess = await startRedisProcess();
  const redis = new Redis(server.url);
  const results: BenchResult[] = [];
  try {
    const hset = await redisBenchmark(server.port, ['-n', String(records), '-c', '1', '-P', '500', '-r', String(ENTITIES),
      'HSET', 'rb:__rand_int__', '__as_of_ms', '1700000000000', 'clicks', '12345', 'score', '12.345', 'label', 'L1']);
    const baseline = { name: 'redis-benchmark HSET (4 fields, 1 connection, pipeline 500)', value: hset.rps };
    results.push(result('redis sink apply path (decode + Lua batches of 500, pipelined)', await applyPathRate(redis, records), 'records/s', baseline));
    const kafka = process.env.FEATC_KAFKA_BOOTSTRAP ?? '127.0.0.1:9092';
    if (await kafkaReachable(kafka)) {
      results.push(result('redis sink end to end (Kafka read_committed → Redis)', await endToEndRate(kafka, server.url, records), 'records/s', baseline));
    }

    const views = [spec('bench.apply')];
    const client = createFeatureClient({ redis: server.url, views, prefix: 'apply' });
    // The multi-entity read before the script: one pipelined HMGET per entity.
    const pipelined = createFeatureClient({ redis: server.url, views, prefix: 'apply', multiGet: 'pipeline' });
    const get = await redisBenchmark(server.port, ['-n', '20000', '-c', '1', '-t', 'get']);
    const p50 = { name: 'redis-benchmark GET p50 (1 connection)', value: get.p50 };
    const p99 = { name: 'redis-benchmark GET p99 (1 connection)', value: get.p99 };
    const ten = (i: number) => Array.from({ length: 10 }, (_, j) => `u${(i * 10 + j) % ENTITIES}`);
    for (const rate of [1_000, 5_000]) {
      await fixedRate(rate, 500, (i) => client.get('bench', `u${i % ENTITIES}`)); // warm-up
      const one = await fixedRate(rate, durationMs, (i) => client.get('bench', `u${i % ENTITIES}`));
      const many = await fixedRate(rate, durationMs, (i) => client.getMany('bench', ten(i)));
      const manyPipelined = await fixedRate(rate, durationMs, (i) => pipelined.getMany('bench', ten(i)));
      results.push(result(`feature client get p50 @ ${rate}/s`, one.p50, 'ms', p50));
      results.push(result(`feature client get p99 @ ${rate}/s`, one.p99, 'ms', p99));
      results.push(result(`feature client getMany(10) p50 @ ${rate}/s`, many.p50, 'ms', p50));
      results.push(result(`feature client getMany(10) p99 @ ${rate}/s`, many.p99, 'ms', p99));
      results.push(result(`feature client getMany(10) pipelined HMGETs p50 @ ${rate}/s`, manyPipelined.p50, 'ms', p50));
      results.push(result(`feature client getMany(10) pipelined HMGETs p99 @ ${rate}/s`, manyPipelined.p99, 'ms', p99));
      results.push(result(`event loop delay p99 during get @ ${rate}/s`, one.loopP99, 'ms'));
      results.push(result(`client CPU per get @ ${rate}/s`, one.cpuUs, 'µs'));
      results.push(result(`client CPU per getMany(10) @ ${rate}/s`, many.cpuUs, 'µs', { name: 'pipelined HMGETs (before)', value: manyPipelined.cpuUs }));
    }
    await pipelined.close();
    await client.close();
  } finally {
    await redis.quit();
    await server.stop();
  }
  return results;
}
