import { createConnection } from 'node:net';
import { FeatcError } from '../../common/errors.js';
import { kafkaClient, type KafkaModule } from '../../common/kafka-client.js';

const HEALTH_TOPIC = '__featc_health';

/**
 * Checks the broker: metadata always; with `deep`, a transactional produce and a read_committed
 * consume of that record, which is what Flink's exactly-once sink and featc's readers need.
 */
export async function probeKafka(bootstrap: string, deep: boolean): Promise<void> {
  let client: KafkaModule;
  try {
    client = kafkaClient('checking Kafka');
  } catch (err) {
    // Without the Kafka client (a CI job that only plans), a listening broker port is the best sign of life.
    if (!deep && err instanceof FeatcError) return tcpProbe(bootstrap);
    throw err;
  }
  const { KafkaJS } = client;
  const kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: bootstrap.split(','), connectionTimeout: 2000, requestTimeout: 5000, logLevel: KafkaJS.logLevel.NOTHING } });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.listTopics();
    if (!deep) return;
    const topics = await admin.listTopics();
    if (!topics.includes(HEALTH_TOPIC)) await admin.createTopics({ topics: [{ topic: HEALTH_TOPIC, numPartitions: 1 }] });
  } finally {
    await admin.disconnect();
  }
  const marker = `probe-${process.pid}-${Date.now()}`;
  const producer = kafka.producer({ kafkaJS: { transactionalId: `featc-health-${process.pid}`, idempotent: true, maxInFlightRequests: 1 } });
  await producer.connect();
  try {
    const tx = await producer.transaction();
    await tx.send({ topic: HEALTH_TOPIC, messages: [{ value: marker }] });
    await tx.commit();
  } finally {
    await producer.disconnect();
  }
  const consumer = kafka.consumer({ kafkaJS: { groupId: `featc-health-${marker}`, fromBeginning: true }, 'isolation.level': 'read_committed' });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: HEALTH_TOPIC });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('read_committed consume of the probe record timed out')), 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.value?.toString() === marker) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}

function tcpProbe(bootstrap: string, timeoutMs = 2000): Promise<void> {
  const [host, port] = (bootstrap.split(',')[0] ?? '').split(':');
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: host || '127.0.0.1', port: Number(port) });
    socket.setTimeout(timeoutMs, () => { socket.destroy(); reject(new Error(`Kafka at ${bootstrap}: connect timed out`)); });
    socket.on('error', (err) => { socket.destroy(); reject(err); });
    socket.on('connect', () => { socket.destroy(); resolve(); });
  });
}
