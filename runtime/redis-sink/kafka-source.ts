import type { KafkaConsumer, LibrdKafkaError, Message, Metadata } from '@confluentinc/kafka-javascript';
import { kafkaClient } from '../../common/kafka-client.js';
import { ErrorCodes, FeatcRuntimeError } from './errors.js';

export interface KafkaSourceOptions {
  bootstrap: string;
  clientId?: string;
  /** Extra librdkafka consumer properties (e.g. security settings). */
  properties?: Record<string, string | number | boolean>;
}

export interface PartitionStart {
  topic: string;
  partition: number;
  /** Next offset to read; `undefined` reads from the beginning of the partition. */
  offset: number | undefined;
}

const OFFSET_BEGINNING = -2;

/**
 * Reads feature topics with manual assignment and `isolation.level=read_committed`. Positions
 * come from the caller (the offsets stored in Redis); nothing is committed to Kafka.
 */
export class FeatureTopicReader {
  private readonly consumer: KafkaConsumer;

  constructor(private readonly opts: KafkaSourceOptions) {
    this.consumer = new (kafkaClient('the Redis sink').KafkaConsumer)({
      'bootstrap.servers': opts.bootstrap,
      'client.id': opts.clientId ?? 'featc-redis-sink',
      // Required by librdkafka even though the sink never joins the group nor commits to it.
      'group.id': 'featc-redis-sink',
      'enable.auto.commit': false,
      'enable.auto.offset.store': false,
      'isolation.level': 'read_committed',
      'enable.partition.eof': false,
      'fetch.wait.max.ms': 50,
      'queued.max.messages.kbytes': 65536,
      ...opts.properties,
    }, { 'auto.offset.reset': 'earliest' });
    this.consumer.setDefaultConsumeTimeout(200);
    const withFirstOnly = this.consumer as unknown as { setDefaultIsTimeoutOnlyForFirstMessage?: (v: boolean) => void };
    withFirstOnly.setDefaultIsTimeoutOnlyForFirstMessage?.(true);
  }

  async connect(timeoutMs = 15_000): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.consumer.connect({ timeout: timeoutMs }, (err) => (err ? reject(this.unavailable('connect', err)) : resolve()));
    });
  }

  /** Partition ids of a topic; fails with a clear error when the topic does not exist. */
  async partitionsOf(topic: string, timeoutMs = 10_000): Promise<number[]> {
    const metadata = await new Promise<Metadata>((resolve, reject) => {
      this.consumer.getMetadata({ topic, timeout: timeoutMs }, (err, data) => (err ? reject(this.unavailable(`metadata of ${topic}`, err)) : resolve(data)));
    });
    const partitions = metadata.topics.find((t) => t.name === topic)?.partitions ?? [];
    if (partitions.length === 0) {
      throw new FeatcRuntimeError(ErrorCodes.kafkaUnavailable, `feature topic "${topic}" does not exist or has no partitions`, {
        where: this.opts.bootstrap, hint: 'deploy the job that writes it (`featc deploy`) or create the topic',
      });
    }
    return partitions.map((p) => p.id).sort((a, b) => a - b);
  }

  /** Replaces the whole assignment; every partition starts at the given offset. */
  assign(starts: PartitionStart[]): void {
    this.consumer.assign(starts.map((s) => ({ topic: s.topic, partition: s.partition, offset: s.offset ?? OFFSET_BEGINNING })));
  }

  /** Up to `max` committed records; waits at most ~200 ms for the first one. */
  async consume(max: number): Promise<Message[]> {
    return await new Promise((resolve, reject) => {
      this.consumer.consume(max, (err, messages) => (err ? reject(this.unavailable('consume', err)) : resolve(messages)));
    });
  }

  /** Cached high watermark (the last stable offset under read_committed), no network call. */
  highWatermark(topic: string, partition: number): number | undefined {
    try {
      const w = this.consumer.getWatermarkOffsets(topic, partition);
      return w.highOffset >= 0 ? w.highOffset : undefined;
    } catch {
      return undefined;
    }
  }

  /** Low and high watermarks from the broker. */
  async queryWatermarks(topic: string, partition: number, timeoutMs = 5_000): Promise<{ low: number; high: number }> {
    return await new Promise((resolve, reject) => {
      this.consumer.queryWatermarkOffsets(topic, partition, timeoutMs, (err, w) =>
        (err ? reject(this.unavailable(`watermarks of ${topic}/${partition}`, err)) : resolve({ low: w.lowOffset, high: w.highOffset })));
    });
  }

  async disconnect(): Promise<void> {
    if (!this.consumer.isConnected()) return;
    await new Promise<void>((resolve) => this.consumer.disconnect(() => resolve()));
  }

  private unavailable(what: string, err: LibrdKafkaError | Error): FeatcRuntimeError {
    return new FeatcRuntimeError(ErrorCodes.kafkaUnavailable, `Kafka ${what} failed: ${err.message}`, {
      where: this.opts.bootstrap, hint: 'check that the broker is up (`featc local status`) and --kafka points at it', cause: err,
    });
  }
}
