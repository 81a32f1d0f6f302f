import Kafka from '@confluentinc/kafka-javascript';

const { KafkaJS } = Kafka;

function kafka(bootstrap: string): InstanceType<typeof KafkaJS.Kafka> {
  return new KafkaJS.Kafka({ kafkaJS: { brokers: bootstrap.split(','), logLevel: KafkaJS.logLevel.NOTHING } });
}

export async function createTopics(bootstrap: string, topics: string[], partitions = 1): Promise<void> {
  const admin = kafka(bootstrap).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: partitions })) });
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopics(bootstrap: string, topics: string[]): Promise<void> {
  const admin = kafka(bootstrap).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics });
  } catch {
    /* best effort */
  } finally {
    await admin.disconnect();
  }
}

/** Produces `count` JSON records made by `make(i)` (acks=all, batches of 10k in flight 4 at a time). */
export async function produceMany(bootstrap: string, topic: string, count: number, make: (i: number) => { key?: string; value: unknown }): Promise<void> {
  const producer = kafka(bootstrap).producer({ kafkaJS: { acks: -1, idempotent: true }, 'linger.ms': 20, 'batch.num.messages': 10_000 });
  await producer.connect();
  try {
    const inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < count; i += 10_000) {
      const messages = Array.from({ length: Math.min(10_000, count - i) }, (_, j) => {
        const r = make(i + j);
        return { value: JSON.stringify(r.value), ...(r.key === undefined ? {} : { key: r.key }) };
      });
      inFlight.push(producer.send({ topic, messages }));
      if (inFlight.length >= 4) await inFlight.shift();
    }
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
}

export { kafka as kafkaClient };
