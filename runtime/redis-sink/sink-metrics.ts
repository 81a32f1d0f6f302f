import { createServer, type Server } from 'node:http';

interface PartitionStats {
  topic: string;
  partition: number;
  applied: number;
  duplicate: number;
  stale: number;
  bad: number;
  lastOffset: number;
  lag: number | undefined;
}

export interface SinkTotals { applied: number; duplicate: number; stale: number; bad: number; records: number; lag: number }

/** Counters of one sink process, rendered in the Prometheus text format. */
export class SinkMetrics {
  private readonly partitions = new Map<string, PartitionStats>();
  private readonly samples: { at: number; records: number }[] = [];
  batches = 0;
  batchSeconds = 0;
  rebuilds = 0;
  retries = 0;

  private stats(topic: string, partition: number): PartitionStats {
    const id = `${topic}\u0000${partition}`;
    let s = this.partitions.get(id);
    if (!s) {
      s = { topic, partition, applied: 0, duplicate: 0, stale: 0, bad: 0, lastOffset: -1, lag: undefined };
      this.partitions.set(id, s);
    }
    return s;
  }

  /** Declares a partition (so it shows up before its first batch) with its stored offset. */
  track(topic: string, partition: number, lastOffset: number): void {
    this.stats(topic, partition).lastOffset = lastOffset;
  }

  recordBatch(topic: string, partition: number, r: { lastOffset: number; applied: number; duplicate: number; stale: number; bad: number }, seconds: number): void {
    const s = this.stats(topic, partition);
    s.applied += r.applied;
    s.duplicate += r.duplicate;
    s.stale += r.stale;
    s.bad += r.bad;
    s.lastOffset = Math.max(s.lastOffset, r.lastOffset);
    this.batches += 1;
    this.batchSeconds += seconds;
  }

  setLag(topic: string, partition: number, lag: number): void {
    this.stats(topic, partition).lag = Math.max(0, lag);
  }

  totals(): SinkTotals {
    const t = { applied: 0, duplicate: 0, stale: 0, bad: 0, records: 0, lag: 0 };
    for (const s of this.partitions.values()) {
      t.applied += s.applied; t.duplicate += s.duplicate; t.stale += s.stale; t.bad += s.bad; t.lag += s.lag ?? 0;
    }
    t.records = t.applied + t.duplicate + t.stale + t.bad;
    return t;
  }

  /** Records per second over the last ~5 s (sampled whenever it is asked). */
  recordsPerSecond(now = Date.now()): number {
    const records = this.totals().records;
    this.samples.push({ at: now, records });
    while (this.samples.length > 2 && (this.samples[0] as { at: number }).at < now - 5_000) this.samples.shift();
    const first = this.samples[0] as { at: number; records: number };
    const seconds = (now - first.at) / 1000;
    return seconds > 0 ? (records - first.records) / seconds : 0;
  }

  render(): string {
    const lines: string[] = [];
    const family = (name: string, type: 'counter' | 'gauge', help: string): void => { lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`); };
    const label = (s: PartitionStats): string => `topic="${s.topic.replace(/["\\\n]/g, '_')}",partition="${s.partition}"`;
    const all = [...this.partitions.values()];
    family('featc_redis_sink_records_total', 'counter', 'Feature records read, by outcome: applied, duplicate (at or below the stored offset), stale (older as-of), bad (dead-lettered).');
    for (const s of all) {
      for (const outcome of ['applied', 'duplicate', 'stale', 'bad'] as const) lines.push(`featc_redis_sink_records_total{${label(s)},outcome="${outcome}"} ${s[outcome]}`);
    }
    family('featc_redis_sink_last_applied_offset', 'gauge', 'Last Kafka offset applied to Redis (-1: none).');
    for (const s of all) lines.push(`featc_redis_sink_last_applied_offset{${label(s)}} ${s.lastOffset}`);
    family('featc_redis_sink_lag_offsets', 'gauge', 'Last stable offset minus the next offset to apply (transaction markers count as offsets).');
    for (const s of all) if (s.lag !== undefined) lines.push(`featc_redis_sink_lag_offsets{${label(s)}} ${s.lag}`);
    family('featc_redis_sink_records_per_second', 'gauge', 'Records handled per second over the last 5 seconds.');
    lines.push(`featc_redis_sink_records_per_second ${this.recordsPerSecond().toFixed(1)}`);
    family('featc_redis_sink_batches_total', 'counter', 'Lua batches executed.');
    lines.push(`featc_redis_sink_batches_total ${this.batches}`);
    family('featc_redis_sink_batch_seconds_total', 'counter', 'Time spent in Lua batches, seconds.');
    lines.push(`featc_redis_sink_batch_seconds_total ${this.batchSeconds.toFixed(6)}`);
    family('featc_redis_sink_rebuilds_total', 'counter', 'Rebuilds from the beginning of a topic after Redis lost the sink state.');
    lines.push(`featc_redis_sink_rebuilds_total ${this.rebuilds}`);
    family('featc_redis_sink_retries_total', 'counter', 'Batches retried after a Redis error.');
    lines.push(`featc_redis_sink_retries_total ${this.retries}`);
    return `${lines.join('\n')}\n`;
  }
}

/** Serves `GET /metrics` (any path, really) on loopback unless told otherwise. */
export async function serveMetrics(metrics: SinkMetrics, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(metrics.render());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
