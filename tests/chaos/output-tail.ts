import Kafka from '@confluentinc/kafka-javascript';

const { KafkaJS } = Kafka;

/**
 * Follows the feature topics with read_committed while the run goes on: how many committed records
 * each has and the offset of the last one, so "the sink caught up" has a target at any moment.
 */
export class OutputTail {
  private readonly consumer;
  private readonly last = new Map<string, number>();
  /** Offsets seen per topic: a reconnect that re-reads from the start (the group commits nothing) does not count twice. */
  private readonly seen = new Map<string, Set<string>>();

  constructor(bootstrap: string, private readonly topics: string[]) {
    this.consumer = new KafkaJS.Kafka({ kafkaJS: { brokers: bootstrap.split(','), logLevel: KafkaJS.logLevel.NOTHING } }).consumer({
      kafkaJS: { groupId: `chaos-tail-${Date.now()}`, fromBeginning: true, autoCommit: false },
      'isolation.level': 'read_committed',
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics });
    void this.consumer.run({
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}/${batch.partition}`;
        const seen = this.seen.get(batch.topic) ?? new Set<string>();
        this.seen.set(batch.topic, seen);
        for (const m of batch.messages) {
          this.last.set(key, Math.max(this.last.get(key) ?? -1, Number(m.offset)));
          seen.add(`${batch.partition}:${m.offset}`);
        }
      },
    });
  }

  /** `topic/partition` → offset of the last committed record seen. */
  lastOffsets(): Map<string, number> {
    return new Map(this.last);
  }

  count(topic: string): number {
    return this.seen.get(topic)?.size ?? 0;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}
