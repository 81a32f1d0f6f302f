import { Redis } from 'ioredis';
import { startRedisSink } from '../../../runtime/redis-sink/sink.js';
import { startRedisProcess, type RedisProcess } from '../../support/redis-process.js';
import { createTopic, kafkaBootstrap, TransactionalProducer } from './helpers/kafka.js';
import { diffRedis, ExpectedState, produceFeatureRecords, userStatsSpec, waitForOffsets } from './helpers/scenario.js';

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

function metricValue(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('redis sink (in process, real Kafka and Redis)', () => {
  it('applies committed records exactly once, never aborted ones, and keeps up with a live topic', async () => {
    const kafka = kafkaBootstrap();
    const topic = `featc-it-sink-basic-${Date.now()}`;
    const prefix = 'basic';
    await createTopic(kafka, topic, 4);
    const producer = new TransactionalProducer(kafka, `featc-it-basic-${Date.now()}`);
    await producer.connect();
    const expected = new ExpectedState();
    await produceFeatureRecords({ producer, topic, total: 20_000, perTxn: 500, entities: 2_000, abortRatio: 0.25, seed: 1, expected });

    const logs: string[] = [];
    const sink = await startRedisSink({ outputs: [userStatsSpec(topic)], kafka, redis: server.url, prefix, metricsPort: 0, log: (l) => logs.push(l) });
    try {
      await waitForOffsets(redis, prefix, topic, producer.committedOffsets, 60_000);
      expect(await diffRedis(redis, prefix, 'user_stats', expected)).toEqual([]);

      // Live tail: more transactions while the sink runs.
      await produceFeatureRecords({ producer, topic, total: 5_000, perTxn: 250, entities: 2_000, abortRatio: 0.25, seed: 2, expected });
      await waitForOffsets(redis, prefix, topic, producer.committedOffsets, 60_000);
      expect(await diffRedis(redis, prefix, 'user_stats', expected)).toEqual([]);
      expect(await redis.llen(`${prefix}:__sink:dead:${topic}`)).toBe(expected.deadLetters);

      const text = await (await fetch(`http://127.0.0.1:${sink.metricsPort}/metrics`)).text();
      let handled = 0;
      for (let p = 0; p < 4; p++) {
        for (const outcome of ['applied', 'stale', 'bad']) handled += metricValue(text, 'featc_redis_sink_records_total', `partition="${p}",outcome="${outcome}"`);
        expect(metricValue(text, 'featc_redis_sink_records_total', `partition="${p}",outcome="duplicate"`)).toBe(0);
        expect(metricValue(text, 'featc_redis_sink_last_applied_offset', `partition="${p}"`)).toBe(producer.committedOffsets.get(p));
      }
      expect(handled).toBe(expected.committed);
      expect(logs.join('\n')).toMatch(/building it from the beginning/);
    } finally {
      await sink.stop();
      await producer.disconnect();
    }
    await expect(sink.done).resolves.toBeUndefined();
  }, 170_000);
});
