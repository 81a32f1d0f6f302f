// Freshness: event produced → feature visible in Redis, against Kafka produce → read_committed consume.
import { z } from 'zod';
import { compileJob } from '../compiler/index.js';
import { count, featureView, job, minutes, redis, seconds, sliding, source } from '../dsl/index.js';
import { createFeatureClient, type FeatureMap, type ViewSpecInput } from '../runtime/feature-client/index.js';
import { startRedisSink } from '../runtime/redis-sink/index.js';
import { createTopics, deleteTopics, kafkaClient } from './support/events.js';
import { BenchJobs } from './support/flink-job.js';
import { percentile, result, runId, sleep, type BenchResult } from './support/result.js';

const CHECKPOINT_S = 1;
/** Seconds of events after the first value is visible, before measuring. */
const WARM_S = 5;

function freshnessJob(run: string, input: string, output: string) {
  const events = source({ name: 'events', topic: input, schema: z.object({ userId: z.string(), ts: z.number().int() }),
    eventTime: 'ts', watermarkDelay: seconds(0), idleTimeout: seconds(5), key: ['userId'], format: 'json' });
  // Per-event (OVER) window: a row is emitted per event once the watermark passes it, not when a window closes.
  const view = featureView({ name: 'fresh', entity: ['userId'], sources: [events], window: sliding(minutes(1)),
    features: { events_1m: count(events) }, outputs: [redis({ ttl: minutes(10), topic: output })] });
  return compileJob(job({ name: run, views: [view], parallelism: 1, checkpointInterval: seconds(CHECKPOINT_S) }));
}

export async function benchFreshness(opts: { quick: boolean; env: Record<string, string> }): Promise<BenchResult[]> {
  const bootstrap = opts.env.FEATC_KAFKA_BOOTSTRAP ?? '';
  const redisUrl = opts.env.FEATC_REDIS_URL ?? '';
  const run = runId('bench_fresh');
  const input = `${run}_in`;
  const output = `${run}_features`;
  const rate = 50;
  const measured = rate * (opts.quick ? 15 : 60);
  const compiled = freshnessJob(run, input, output);
  const outputs = compiled.graph.outputs.filter((o) => o.kind === 'redis');
  const jobs = new BenchJobs(opts.env);
  const kafka = kafkaClient(bootstrap);
  const consumer = kafka.consumer({ kafkaJS: { groupId: `${run}_reader`, fromBeginning: true, autoCommit: false }, 'isolation.level': 'read_committed' });
  const producer = kafka.producer({ kafkaJS: { acks: -1, idempotent: true }, 'linger.ms': 0 });
  const prefix = `featcbench:${run}`;
  const sent = new Map<string, number>();
  const kafkaSeen = new Map<string, number>();
  const redisSeen = new Map<string, number>();
  let sink: Awaited<ReturnType<typeof startRedisSink>> | undefined;
  const client = createFeatureClient<FeatureMap>({ redis: redisUrl, views: outputs as unknown as ViewSpecInput[], prefix });
  try {
    await createTopics(bootstrap, [input, output]);
    const submitted = performance.now();
    await jobs.submit(compiled.statements);
    sink = await startRedisSink({ outputs: outputs as never, kafka: bootstrap, redis: redisUrl, prefix, log: () => undefined });
    await consumer.connect();
    await consumer.subscribe({ topic: input });
    void consumer.run({ eachMessage: async ({ message }) => { kafkaSeen.set(message.key?.toString() ?? '', performance.now()); } });
    await producer.connect();
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const pending = [...sent.keys()].filter((k) => !redisSeen.has(k)).slice(0, 500);
        if (pending.length > 0) {
          const rows = await client.getMany('fresh', pending.map((userId) => ({ userId })));
          const now = performance.now();
          rows.forEach((r, i) => { if (r.found) redisSeen.set(pending[i] ?? '', now); });
        }
        await sleep(5);
      }
    })();
    // Warm-up (not measured): a fresh job's first values wait for class loading, the first checkpoint and the
    // first Kafka transaction. Events flow at the same rate until the first is visible in Redis, then WARM_S more.
    const send = (key: string) => {
      void producer.send({ topic: input, messages: [{ key, value: JSON.stringify({ userId: key, ts: Date.now() }) }] });
    };
    const tick = async (start: number, n: number) => {
      const wait = start + (n * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
    };
    const warmStart = performance.now();
    sent.set('w0', warmStart);
    let warmUntil = warmStart + 60_000;
    for (let n = 0; performance.now() < warmUntil; n++) {
      await tick(warmStart, n);
      send(`w${n}`);
      if (sent.has('w0') && redisSeen.has('w0')) {
        sent.delete('w0');
        warmUntil = performance.now() + WARM_S * 1000;
      }
    }
    const coldStart = (redisSeen.get('w0') ?? NaN) - submitted;
    const firstKafka = (kafkaSeen.get('w0') ?? NaN) - warmStart;
    sent.delete('w0');
    // Measured, at a fixed rate; the events after `measured` only move the watermark past the last measured ones.
    const total = measured + rate * 4;
    const start = performance.now();
    for (let n = 0; n < total; n++) {
      await tick(start, n);
      const userId = `f${n}`;
      if (n < measured) sent.set(userId, performance.now());
      send(userId);
    }
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (redisSeen.size < measured || kafkaSeen.size < measured)) await sleep(100);
    polling = false;
    await poller;
    const lat = (seen: Map<string, number>) => [...sent].flatMap(([k, t]) => (seen.has(k) ? [(seen.get(k) ?? 0) - t] : []));
    const flink = lat(redisSeen);
    const plain = lat(kafkaSeen);
    if (flink.length < measured) process.stderr.write(`  warning: ${measured - flink.length} of ${measured} events never became visible in Redis\n`);
    const label = `OVER 1 min per-event view, checkpoint ${CHECKPOINT_S} s, ${rate} ev/s`;
    return [
      ...[50, 99].map((p) => result(`freshness p${p} produce→Redis, warm (${label})`, percentile(flink, p), 'ms', { name: `Kafka produce→read_committed consume p${p}`, value: percentile(plain, p) })),
      result(`cold start: job submitted → first value in Redis (${label})`, Math.round(coldStart), 'ms', { name: 'first event Kafka produce→read_committed consume', value: Math.round(firstKafka) }),
    ];
  } finally {
    await producer.disconnect().catch(() => undefined);
    await consumer.disconnect().catch(() => undefined);
    await sink?.stop().catch(() => undefined);
    await client.close().catch(() => undefined);
    await jobs.cancelAll();
    await deleteTopics(bootstrap, [input, output]);
  }
}
