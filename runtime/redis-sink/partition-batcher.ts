import { UnknownFeaturesError, type FeatureRecordDecoder } from './record-decoder.js';
import type { PartitionBatch, SinkRecord } from './redis-state.js';

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: number;
  key?: Buffer | string | null | undefined;
  value: Buffer | null;
}

/** Where a partition met a record of a newer version of its view; nothing from there on was batched. */
export interface NewerRecord {
  topic: string;
  partition: number;
  offset: number;
  fields: readonly string[];
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

  constructor(private decoders: ReadonlyMap<string, FeatureRecordDecoder>, private readonly batchSize: number) {}

  /** New specs (the sink followed a deploy); the caller repositions every partition afterwards. */
  setDecoders(decoders: ReadonlyMap<string, FeatureRecordDecoder>): void {
    this.decoders = decoders;
  }

  /** Sets where a partition (re)starts: the offset before the first record it will read. */
  startAt(topic: string, partition: number, prevOffset: number): void {
    this.position.set(id(topic, partition), prevOffset);
  }

  /**
   * The batches of `records`; a partition that meets a record of a newer version of its view is
   * batched up to it and reported in `newer` (its position stays before that record).
   */
  batches(records: readonly ConsumedRecord[]): { batches: PartitionBatch[]; newer: NewerRecord[] } {
    const byPartition = new Map<string, ConsumedRecord[]>();
    for (const r of records) {
      const k = id(r.topic, r.partition);
      let list = byPartition.get(k);
      if (!list) byPartition.set(k, (list = []));
      list.push(r);
    }
    const out: PartitionBatch[] = [];
    const newer: NewerRecord[] = [];
    for (const [k, list] of byPartition) {
      const first = list[0] as ConsumedRecord;
      const decoder = this.decoders.get(first.topic);
      if (!decoder) throw new Error(`internal: record of unassigned topic "${first.topic}"`);
      const decoded: { offset: number; record: SinkRecord }[] = [];
      for (const r of list) {
        try {
          decoded.push({ offset: r.offset, record: decoder.decode(r) });
        } catch (err) {
          if (!(err instanceof UnknownFeaturesError)) throw err;
          newer.push({ topic: first.topic, partition: first.partition, offset: err.offset, fields: err.fields });
          break;
        }
      }
      let prev = this.position.get(k) ?? -1;
      for (let i = 0; i < decoded.length; i += this.batchSize) {
        const chunk = decoded.slice(i, i + this.batchSize);
        out.push({ topic: first.topic, partition: first.partition, features: decoder.features, prevOffset: prev, records: chunk.map((d) => d.record) });
        prev = (chunk[chunk.length - 1] as { offset: number }).offset;
      }
      this.position.set(k, prev);
    }
    return { batches: out, newer };
  }
}
