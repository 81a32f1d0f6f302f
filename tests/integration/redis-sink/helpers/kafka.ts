import kafka from '@confluentinc/kafka-javascript';
import type { DeliveryReport, LibrdKafkaError, Producer } from '@confluentinc/kafka-javascript';

export const kafkaBootstrap = (): string => process.env.FEATC_KAFKA_BOOTSTRAP ?? '127.0.0.1:9092';

export async function createTopic(bootstrap: string, topic: string, partitions: number): Promise<void> {
  const admin = kafka.AdminClient.create({ 'bootstrap.servers': bootstrap });
  try {
    await new Promise<void>((resolve, reject) => {
      admin.createTopic({ topic, num_partitions: partitions, replication_factor: 1 }, 20_000, (err) => (err ? reject(new Error(`createTopic ${topic}: ${err.message}`)) : resolve()));
    });
  } finally {
    admin.disconnect();
  }
}

const callback = <T = void>(run: (cb: (err: LibrdKafkaError | null | undefined, value?: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => run((err, value) => (err ? reject(new Error(err.message)) : resolve(value as T))));

export interface ProducedRecord { key: string; value: string }

/**
 * A transactional producer, like Flink's exactly-once Kafka sink. `send` waits for every delivery
 * report before committing, so the offsets of committed records are known exactly.
 */
export class TransactionalProducer {
  private readonly producer: Producer;
  private pending = new Map<number, { left: number; offsets: Map<number, number>; done: () => void; fail: (e: Error) => void }>();
  private txn = 0;
  /** partition → highest offset of a committed record */
  readonly committedOffsets = new Map<number, number>();

  constructor(bootstrap: string, transactionalId: string) {
    this.producer = new kafka.Producer({
      'bootstrap.servers': bootstrap,
      'transactional.id': transactionalId,
      'dr_cb': true,
      'linger.ms': 5,
      'batch.num.messages': 10_000,
      'queue.buffering.max.messages': 500_000,
    });
    this.producer.on('delivery-report', (err: LibrdKafkaError, report: DeliveryReport) => {
      const t = this.pending.get(report.opaque as number);
      if (!t) return;
      if (err) return t.fail(new Error(`delivery failed: ${err.message}`));
      t.offsets.set(report.partition, Math.max(t.offsets.get(report.partition) ?? -1, report.offset));
      if (--t.left === 0) t.done();
    });
  }

  async connect(): Promise<void> {
    await callback((cb) => this.producer.connect({}, (err) => cb(err)));
    this.producer.setPollInterval(5);
    await callback((cb) => this.producer.initTransactions(30_000, cb));
  }

  async send(topic: string, records: readonly ProducedRecord[], commit: boolean): Promise<void> {
    const id = ++this.txn;
    await callback((cb) => this.producer.beginTransaction(cb));
    const offsets = new Map<number, number>();
    const delivered = new Promise<void>((done, fail) => this.pending.set(id, { left: records.length, offsets, done, fail }));
    for (const r of records) {
      for (;;) {
        try {
          this.producer.produce(topic, null, Buffer.from(r.value), r.key, null, id);
          break;
        } catch (err) {
          if (!/queue full/i.test((err as Error).message)) throw err;
          await new Promise((res) => setTimeout(res, 5));
        }
      }
    }
    if (records.length > 0) await delivered;
    this.pending.delete(id);
    if (commit) {
      await callback((cb) => this.producer.commitTransaction(30_000, cb));
      for (const [p, o] of offsets) this.committedOffsets.set(p, Math.max(this.committedOffsets.get(p) ?? -1, o));
    } else {
      await callback((cb) => this.producer.abortTransaction(30_000, cb));
    }
  }

  async disconnect(): Promise<void> {
    await new Promise<void>((resolve) => this.producer.disconnect(() => resolve()));
  }
}
