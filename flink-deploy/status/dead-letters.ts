import type { KafkaJS as KafkaJSTypes } from '@confluentinc/kafka-javascript';
import type { JobGraph } from '../../compiler/index.js';
import { kafkaClient } from '../../common/kafka-client.js';

export interface DeadLetterCount {
  source: string;
  topic: string;
  /** Committed records in the topic (malformed and late events of the source). */
  records: number;
  /** False when counting stopped at the time limit: `records` is then a lower bound. */
  complete: boolean;
}

const QUIET_MS = 1500;

/**
 * Counts the committed records of every source's dead-letter topic (read_committed, from the
 * beginning, with a throw-away consumer group). Topics that are empty or missing count 0 at once.
 */
export async function countDeadLetters(bootstrap: string, graph: JobGraph, timeLimitMs = 10_000): Promise<DeadLetterCount[]> {
  const sources = graph.sources.filter((s) => s.deadLetter !== undefined);
  if (sources.length === 0) return [];
  const { KafkaJS } = kafkaClient('counting dead letters');
  const kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: bootstrap.split(','), logLevel: KafkaJS.logLevel.NOTHING, connectionTimeout: 3000 } });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    return await Promise.all(sources.map(async (s) => {
      const topic = s.deadLetter.topic;
      if (!existing.has(topic)) return { source: s.name, topic, records: 0, complete: true };
      const offsets = await admin.fetchTopicOffsets(topic);
      const span = offsets.reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
      if (span === 0) return { source: s.name, topic, records: 0, complete: true };
      return { source: s.name, topic, ...(await countCommitted(kafka, topic, timeLimitMs)) };
    }));
  } finally {
    await admin.disconnect();
  }
}

async function countCommitted(kafka: KafkaJSTypes.Kafka, topic: string, timeLimitMs: number): Promise<{ records: number; complete: boolean }> {
  const consumer = kafka.consumer({
    kafkaJS: { groupId: `featc.status.${process.pid}.${Date.now().toString(36)}`, fromBeginning: true, autoCommit: false },
    'isolation.level': 'read_committed',
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic });
    let records = 0;
    let last = Date.now();
    void consumer.run({ eachBatch: async ({ batch }) => { records += batch.messages.length; last = Date.now(); } });
    const deadline = Date.now() + timeLimitMs;
    while (Date.now() < deadline && Date.now() - last < QUIET_MS) await new Promise((r) => setTimeout(r, 100));
    return { records, complete: Date.now() < deadline };
  } finally {
    await consumer.disconnect();
  }
}
