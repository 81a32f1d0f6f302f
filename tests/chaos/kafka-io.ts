import Kafka from '@confluentinc/kafka-javascript';

const { KafkaJS } = Kafka;

function kafka(bootstrap: string): InstanceType<typeof KafkaJS.Kafka> {
  return new KafkaJS.Kafka({ kafkaJS: { brokers: bootstrap.split(','), logLevel: KafkaJS.logLevel.NOTHING } });
}

export async function createTopics(bootstrap: string, topics: string[], partitions: number): Promise<void> {
  const admin = kafka(bootstrap).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: partitions })) });
  } finally {
    await admin.disconnect();
  }
}

/** High watermark of every partition of `topic` (for a non-transactional topic: its record count). */
export async function endOffsets(bootstrap: string, topic: string): Promise<Map<number, number>> {
  const admin = kafka(bootstrap).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

export interface OutgoingRecord { topic: string; key: string; value: string }

/**
 * An idempotent producer (acks=all) that keeps a few large batches in flight; it retries through
 * broker restarts (librdkafka re-sends and the broker drops duplicates by sequence number).
 */
export async function openProducer(bootstrap: string): Promise<{ send(records: OutgoingRecord[]): Promise<void>; close(): Promise<void> }> {
  const producer = kafka(bootstrap).producer({
    kafkaJS: { acks: -1, idempotent: true },
    'linger.ms': 20,
    'batch.num.messages': 10_000,
    'message.timeout.ms': 600_000,
    'queue.buffering.max.messages': 500_000,
  });
  await producer.connect();
  return {
    async send(records) {
      const byTopic = new Map<string, { key: string; value: string }[]>();
      for (const r of records) {
        const list = byTopic.get(r.topic) ?? [];
        list.push({ key: r.key, value: r.value });
        byTopic.set(r.topic, list);
      }
      await producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    },
    close: () => producer.disconnect(),
  };
}

export interface ReadRecord { partition: number; offset: number; key: string | null; value: string }

/**
 * Reads every committed record of `topic` (isolation.level=read_committed, assigned partitions, no
 * group offsets) up to the end offsets it sees when it starts, then 2 s more (a duplicate would show
 * up); returns them in partition/offset order.
 */
export async function readCommitted(bootstrap: string, topic: string, opts: { expected?: number; timeoutMs?: number } = {}): Promise<ReadRecord[]> {
  const ends = await endOffsets(bootstrap, topic);
  const consumer = kafka(bootstrap).consumer({
    kafkaJS: { groupId: `chaos-reader-${Date.now()}-${Math.random().toString(36).slice(2)}`, fromBeginning: true, autoCommit: false },
    'isolation.level': 'read_committed',
  });
  const out: ReadRecord[] = [];
  const next = new Map<number, number>([...ends.keys()].map((p) => [p, 0]));
  await consumer.connect();
  try {
    await consumer.subscribe({ topic });
    void consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          out.push({ partition: batch.partition, offset: Number(m.offset), key: m.key?.toString() ?? null, value: m.value?.toString() ?? '' });
          next.set(batch.partition, Number(m.offset) + 1);
        }
      },
    });
    const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
    // Transaction markers occupy offsets, so "done" is: the last data record before the end offset was read, and nothing more arrives.
    let stable = 0;
    let lastCount = -1;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const reachedEnd = [...ends].every(([p, end]) => end === 0 || (next.get(p) ?? 0) >= end - 1);
      stable = out.length === lastCount ? stable + 1 : 0;
      lastCount = out.length;
      const enough = reachedEnd || (opts.expected !== undefined && out.length >= opts.expected);
      if ((enough && stable >= 4) || stable >= 20) break;
    }
    return out.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  } finally {
    await consumer.disconnect();
  }
}
