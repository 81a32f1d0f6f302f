import { Redis } from 'ioredis';
import { startRedisProcess, type RedisProcess } from '../../support/redis-process.js';
import { createTopic, kafkaBootstrap, TransactionalProducer } from './helpers/kafka.js';
import { diffRedis, ExpectedState, produceFeatureRecords, random, userStatsSpec, waitForOffsets, writeJobGraph } from './helpers/scenario.js';
import { SinkProcess } from './helpers/sink-process.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let server: RedisProcess;
let redis: Redis;
beforeAll(async () => {
  server = await startRedisProcess();
  redis = new Redis(server.url);
});
afterAll(async () => {
  await redis.quit();
  await server.stop();
});

async function scenario(name: string, partitions: number) {
  const kafka = kafkaBootstrap();
  const topic = `featc-it-sink-${name}-${Date.now()}`;
  await createTopic(kafka, topic, partitions);
  const producer = new TransactionalProducer(kafka, `featc-it-${name}-${Date.now()}`);
  await producer.connect();
  const graph = writeJobGraph([userStatsSpec(topic)]);
  const spawnSink = (): SinkProcess => new SinkProcess({ graph, kafka, redis: server.url, prefix: name });
  return { kafka, topic, producer, graph, spawnSink, expected: new ExpectedState() };
}

/** Runs a last sink until it has applied everything committed, checks Redis, and stops it with SIGTERM. */
async function finishAndVerify(s: Awaited<ReturnType<typeof scenario>>, prefix: string): Promise<void> {
  const last = s.spawnSink();
  await last.started();
  try {
    await waitForOffsets(redis, prefix, s.topic, s.producer.committedOffsets, 90_000);
  } catch (err) {
    throw new Error(`${(err as Error).message}\nsink stderr:\n${last.stderr}`);
  }
  expect(await diffRedis(redis, prefix, 'user_stats', s.expected)).toEqual([]);
  expect(await redis.llen(`${prefix}:__sink:dead:${s.topic}`)).toBe(s.expected.deadLetters);
  expect(await last.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  expect(last.stderr).toMatch(/redis-sink: stopped; applied \d+/);
  await s.producer.disconnect();
}

describe('redis sink process under failures (real Kafka and Redis)', () => {
  it('stays exact across 10+ SIGKILLs at random points during 200k+ committed records', async () => {
    const s = await scenario('kill', 8);
    const rnd = random(42);
    let producing = true;
    const production = produceFeatureRecords({ producer: s.producer, topic: s.topic, total: 240_000, perTxn: 2_000, entities: 20_000, abortRatio: 0.1, seed: 7, expected: s.expected })
      .finally(() => { producing = false; });
    let kills = 0;
    while (producing || kills < 10) {
      const sink = s.spawnSink();
      if (rnd() < 0.8) await sink.started();
      await sleep(100 + rnd() * 2_000);
      const exit = await sink.kill('SIGKILL');
      if (exit.signal !== 'SIGKILL') throw new Error(`sink exited on its own: ${JSON.stringify(exit)}\n${sink.stderr}`);
      kills += 1;
    }
    await production;
    expect(kills).toBeGreaterThanOrEqual(10);
    expect(s.expected.committed).toBeGreaterThanOrEqual(200_000);
    await finishAndVerify(s, 'kill');
    process.stderr.write(`crash test: ${s.expected.committed} committed records, ${kills} SIGKILLs\n`);
  }, 170_000);

  it('stays exact with two instances at once and a paused zombie: the older one is fenced', async () => {
    const s = await scenario('zombie', 4);
    const production = produceFeatureRecords({ producer: s.producer, topic: s.topic, total: 60_000, perTxn: 500, entities: 5_000, abortRatio: 0.1, seed: 8, expected: s.expected, pauseMs: 40 });
    const a = s.spawnSink();
    await a.started();
    await sleep(1_500);
    const b = s.spawnSink(); // both run: b claims the topic, a is refused at its next batch
    await b.started();
    expect(await Promise.race([a.exited, sleep(20_000).then(() => 'still running')])).toEqual({ code: 2, signal: null });
    expect(a.stderr).toMatch(/FEATC_E6104 fenced: a newer sink instance owns topic/);

    b.child.kill('SIGSTOP'); // b becomes a zombie mid-flight
    const c = s.spawnSink();
    await c.started();
    await sleep(1_500);
    b.child.kill('SIGCONT');
    expect(await Promise.race([b.exited, sleep(20_000).then(() => 'still running')])).toEqual({ code: 2, signal: null });
    expect(b.stderr).toMatch(/FEATC_E6104/);
    await c.kill('SIGKILL');
    await production;
    await finishAndVerify(s, 'zombie');
  }, 170_000);

  it('rebuilds from the beginning of the topic after FLUSHALL and ends exact', async () => {
    const s = await scenario('flush', 4);
    const sink = s.spawnSink();
    await sink.started();
    let flushed = false;
    await produceFeatureRecords({
      producer: s.producer, topic: s.topic, total: 60_000, perTxn: 1_000, entities: 5_000, abortRatio: 0.1, seed: 9, expected: s.expected,
      onTxn: async (committed) => {
        if (!flushed && committed > 30_000) {
          flushed = true;
          await redis.flushall();
        }
      },
    });
    await waitForOffsets(redis, 'flush', s.topic, s.producer.committedOffsets, 90_000);
    expect(sink.stderr.match(/building it from the beginning/g)?.length).toBe(2);
    expect(await diffRedis(redis, 'flush', 'user_stats', s.expected)).toEqual([]);
    await sink.kill('SIGKILL');
    await finishAndVerify(s, 'flush');
  }, 170_000);
});
