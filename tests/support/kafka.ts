import Kafka from '@confluentinc/kafka-javascript';
import { FeatureTopicReader } from '../../runtime/redis-sink/kafka-source.js';

const { KafkaJS } = Kafka;

export function bootstrap(): string {
  const b = process.env.FEATC_KAFKA_BOOTSTRAP;
  if (!b) throw new Error('FEATC_KAFKA_BOOTSTRAP is not set: run the integration project (its global setup starts the stack)');
  return b;
}

function client(): InstanceType<typeof KafkaJS.Kafka> {
  return new KafkaJS.Kafka({ kafkaJS: { brokers: bootstrap().split(','), logLevel: KafkaJS.logLevel.NOTHING } });
}

/** A topic name no other test uses. */
export function uniqueTopic(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export async function createTopics(topics: string[], partitions = 1): Promise<void> {
  const admin = client().admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: partitions })) });
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopics(topics: string[]): Promise<void> {
  const admin = client().admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics });
  } catch {
    /* best effort */
  } finally {
    await admin.disconnect();
  }
}

/** Produces records (JSON-encoded unless already strings; `null` is a record without a value) and waits until every one is acknowledged. */
export async function produce(topic: string, records: { key?: string; value: unknown; partition?: number }[]): Promise<void> {
  const producer = client().producer({ kafkaJS: { acks: -1, idempotent: true }, 'linger.ms': 5 });
  await producer.connect();
  try {
    for (let i = 0; i < records.length; i += 5000) {
      await producer.send({
        topic,
        messages: records.slice(i, i + 5000).map((r) => ({
          value: r.value === null ? null : typeof r.value === 'string' ? r.value : JSON.stringify(r.value),
          ...(r.key === undefined ? {} : { key: r.key }),
          ...(r.partition === undefined ? {} : { partition: r.partition }),
        })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

export interface ConsumedRecord {
  key: string | null;
  value: string;
  partition: number;
  offset: string;
}

/**
 * Reads a topic from the beginning with isolation.level=read_committed until `expected` records have
 * arrived (or `timeoutMs` passes), then keeps reading `settleMs` more to catch duplicates. Uses the
 * Redis sink's own reader (manual assignment, no consumer group): a group consumer that subscribed
 * before the first transaction of a Flink exactly-once sink was seen to read nothing for minutes.
 */
export async function consumeCommitted(topic: string, opts: { expected: number; timeoutMs?: number; settleMs?: number }): Promise<ConsumedRecord[]> {
  const reader = new FeatureTopicReader({ bootstrap: bootstrap(), clientId: 'featc-test-reader' });
  const out: ConsumedRecord[] = [];
  await reader.connect();
  try {
    reader.assign((await reader.partitionsOf(topic)).map((partition) => ({ topic, partition, offset: undefined })));
    const read = async (until: number): Promise<void> => {
      while (Date.now() < until) {
        for (const m of await reader.consume(1000)) {
          out.push({ key: m.key?.toString() ?? null, value: m.value?.toString() ?? '', partition: m.partition, offset: String(m.offset) });
        }
      }
    };
    const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
    while (out.length < opts.expected && Date.now() < deadline) await read(Math.min(deadline, Date.now() + 500));
    await read(Date.now() + (opts.settleMs ?? 1500));
    return out;
  } finally {
    await reader.disconnect();
  }
}
