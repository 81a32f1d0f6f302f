import { Redis } from 'ioredis';
import kafkaModule from '@confluentinc/kafka-javascript';
import { startRedisProcess, type RedisProcess } from '../../support/redis-process.js';
import { createTopic, kafkaBootstrap, TransactionalProducer } from './helpers/kafka.js';
import { ExpectedState, produceFeatureRecords, userStatsSpec, waitForOffsets, writeJobGraph } from './helpers/scenario.js';
import { SinkProcess } from './helpers/sink-process.js';

const { KafkaJS } = kafkaModule;

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

async function topicWithRecords(name: string, total: number, entities = 5) {
  const kafka = kafkaBootstrap();
  const topic = `featc-it-sink-${name}-${Date.now()}`;
  await createTopic(kafka, topic, 1);
  const producer = new TransactionalProducer(kafka, `featc-it-${name}-${Date.now()}`);
  await producer.connect();
  const expected = new ExpectedState();
  await produceFeatureRecords({ producer, topic, total, perTxn: 10, entities, abortRatio: 0, seed: 3, expected });
  const graph = writeJobGraph([userStatsSpec(topic)]);
  return { kafka, topic, producer, graph, expected, sink: (prefix: string) => new SinkProcess({ graph, kafka, redis: server.url, prefix }) };
}

async function waitForStderr(sink: SinkProcess, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!sink.stderr.includes(text)) {
    if (Date.now() > deadline) throw new Error(`no "${text}" in the sink's output:\n${sink.stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('redis sink: what it says about offsets Redis and Kafka disagree on (real Kafka and Redis)', () => {
  it('FEATC_W6107: Redis says more was applied than the topic holds (topic recreated): warns with the key to delete', async () => {
    const s = await topicWithRecords('behind', 30);
    const first = s.sink('behind');
    await first.started();
    await waitForOffsets(redis, 'behind', s.topic, s.producer.committedOffsets, 60_000);
    expect(await first.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    await redis.hset(`behind:__sink:topic:${s.topic}`, 'offset:0', '10000');
    const second = s.sink('behind');
    await waitForStderr(second, 'FEATC_W6107');
    expect(second.stderr).toMatch(new RegExp(`warning FEATC_W6107 ${s.topic}/0 ends at offset \\d+ but Redis says offset 10000 was applied \\(topic recreated\\?\\): records up to 10000 will be skipped`));
    expect(second.stderr).toContain(`hint: delete behind:__sink:topic:${s.topic} to rebuild the view from this topic`);
    expect(await second.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    await s.producer.disconnect();
  });

  it('FEATC_W6106: records deleted before the sink applied them: warns with the lost offsets, then applies the rest', async () => {
    const s = await topicWithRecords('retention', 40);
    const admin = new KafkaJS.Kafka({ kafkaJS: { brokers: [s.kafka], logLevel: KafkaJS.logLevel.NOTHING } }).admin();
    await admin.connect();
    try {
      await admin.deleteTopicRecords({ topic: s.topic, partitions: [{ partition: 0, offset: '20' }] });
    } finally {
      await admin.disconnect();
    }
    const sink = s.sink('retention');
    await waitForStderr(sink, 'FEATC_W6106');
    expect(sink.stderr).toContain(`warning FEATC_W6106 offsets 0..19 of ${s.topic}/0 were deleted by retention before the sink applied them`);
    await waitForOffsets(redis, 'retention', s.topic, s.producer.committedOffsets, 60_000);
    expect(await sink.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    await s.producer.disconnect();
  });

  it('FEATC_E6105: a feature key that is not a hash fails the batch: the sink stops, writes nothing of it and keeps its offset', async () => {
    const s = await topicWithRecords('wrongtype', 20, 3);
    const first = s.sink('wrongtype');
    await first.started();
    await waitForOffsets(redis, 'wrongtype', s.topic, s.producer.committedOffsets, 60_000);
    expect(await first.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    const applied = await redis.hget(`wrongtype:__sink:topic:${s.topic}`, 'offset:0');
    const keys = (await redis.keys('wrongtype:user_stats:*')).sort();
    expect(keys).toHaveLength(3);
    await redis.del(keys[0] ?? '');
    await redis.set(keys[0] ?? '', 'not a hash');
    const before = await Promise.all(keys.slice(1).map((k) => redis.hgetall(k)));
    await produceFeatureRecords({ producer: s.producer, topic: s.topic, total: 30, perTxn: 30, entities: 3, abortRatio: 0, seed: 4, expected: s.expected });
    const second = s.sink('wrongtype');
    expect(await second.exited).toEqual({ code: 2, signal: null });
    expect(second.stderr).toContain('error FEATC_E6105 applying a batch failed: WRONGTYPE');
    expect(second.stderr).toContain('hint: a feature key holds a non-hash value, or the prefix is shared with something else; nothing of the batch was written');
    expect(await redis.hget(`wrongtype:__sink:topic:${s.topic}`, 'offset:0')).toBe(applied);
    expect(await Promise.all(keys.slice(1).map((k) => redis.hgetall(k)))).toEqual(before);
    await s.producer.disconnect();
  });
});
