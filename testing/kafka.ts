import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { kafkaClient } from '../common/kafka-client.js';

type KafkaClient = KafkaJS.Kafka;

/** An output record as read back with isolation.level=read_committed. */
export interface CommittedRecord {
  readonly topic: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly partition: number;
  readonly offset: string;
}

/** The small Kafka surface `featc test` needs: private topics, ordered produce, committed reads. */
export class TestKafka {
  private readonly kafka: KafkaClient;

  constructor(readonly bootstrap: string) {
    const { KafkaJS } = kafkaClient('featc test');
    this.kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: bootstrap.split(','), logLevel: KafkaJS.logLevel.NOTHING } });
  }

  async createTopics(topics: readonly string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 1 })) });
    } finally {
      await admin.disconnect();
    }
  }

  /** Deletes the topics; checks what is left and tries once more (deletions can time out on a busy broker). */
  async deleteTopics(topics: readonly string[]): Promise<void> {
    if (topics.length === 0) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const existing = new Set(await admin.listTopics());
        const left = topics.filter((t) => existing.has(t));
        if (left.length === 0) return;
        await admin.deleteTopics({ topics: left, timeout: 15_000 }).catch(() => undefined);
      }
    } catch {
      /* best effort: cleanup never fails a test */
    } finally {
      await admin.disconnect();
    }
  }

  /** Produces JSON values to partition 0, in the given order, and waits until every one is acknowledged. */
  async produce(topic: string, values: readonly unknown[]): Promise<void> {
    if (values.length === 0) return;
    const producer = this.kafka.producer({ kafkaJS: { acks: -1, idempotent: true }, 'linger.ms': 0 });
    await producer.connect();
    try {
      await producer.send({ topic, messages: values.map((v) => ({ value: JSON.stringify(v), partition: 0 })) });
    } finally {
      await producer.disconnect();
    }
  }

  /**
   * Reads `topics` from the beginning with isolation.level=read_committed until `expected[topic]`
   * records arrived on each (or `timeoutMs` passed), then `settleMs` more to catch duplicates.
   */
  async readCommitted(expected: ReadonlyMap<string, number>, opts: { timeoutMs: number; settleMs: number }): Promise<CommittedRecord[]> {
    const topics = [...expected.keys()];
    const out: CommittedRecord[] = [];
    const wanted = [...expected.values()].reduce((a, b) => a + b, 0);
    if (topics.length === 0) return out;
    const groupId = `featc-test-reader-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const consumer = this.kafka.consumer({ kafkaJS: { groupId, fromBeginning: true, autoCommit: false }, 'isolation.level': 'read_committed' });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics });
      void consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          out.push({ topic, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, partition, offset: message.offset });
        },
      });
      const deadline = Date.now() + opts.timeoutMs;
      while (out.length < wanted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, opts.settleMs));
      return [...out];
    } finally {
      await consumer.disconnect();
      const admin = this.kafka.admin();
      await admin.connect().then(() => admin.deleteGroups([groupId])).catch(() => undefined).finally(() => admin.disconnect());
    }
  }
}
