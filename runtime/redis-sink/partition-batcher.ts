import type { FeatureRecordDecoder } from './record-decoder.js';
import type { PartitionBatch } from './redis-state.js';

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: number;
  key?: Buffer | string | null | undefined;
  value: Buffer | null;
}

const id = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * Cuts consumed records into per-partition batches of at most `batchSize` records and chains
 * them: every batch carries the offset it follows (`prevOffset`), so the APPLY script can refuse a
 * batch whose predecessor never landed.
 */
export class PartitionBatcher {
  /** partition → offset of the last record handed out in a batch (or the start position - 1). */
  private readonly position = new Map<string, number>();

  constructor(private readonly decoders: ReadonlyMap<string, FeatureRecordDecoder>, private readonly batchSize: number) {}

  /** Sets where a partition (re)starts: the offset before the first record it will read. */
  startAt(topic: string, partition: number, prevOffset: number): void {
    this.position.set(id(topic, partition), prevOffset);
  }

  batches(records: readonly ConsumedRecord[]): PartitionBatch[] {
    const byPartition = new Map<string, ConsumedRecord[]>();
    for (const r of records) {
      const k = id(r.topic, r.partition);
      let list = byPartition.get(k);
      if (!list) byPartition.set(k, (list = []));
      list.push(r);
    }
    const out: PartitionBatch[] = [];
    for (const [k, list] of byPartition) {
      const first = list[0] as ConsumedRecord;
      const decoder = this.decoders.get(first.topic);
      if (!decoder) throw new Error(`internal: record of unassigned topic "${first.topic}"`);
      let prev = this.position.get(k) ?? -1;
      for (let i = 0; i < list.length; i += this.batchSize) {
        const chunk = list.slice(i, i + this.batchSize);
        out.push({ topic: first.topic, partition: first.partition, features: decoder.features, prevOffset: prev, records: chunk.map((r) => decoder.decode(r)) });
        prev = (chunk[chunk.length - 1] as ConsumedRecord).offset;
      }
      this.position.set(k, prev);
    }
    return out;
  }
}
