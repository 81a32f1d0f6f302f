import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import { ErrorCodes, FeatcRuntimeError } from './errors.js';
import { redisSinkCodes } from './codes.js';
import { formatBlock } from '../../common/errors.js';
import { kafkaClient } from '../../common/kafka-client.js';
import { FeatureTopicReader, type KafkaSourceOptions, type PartitionStart } from './kafka-source.js';
import { DEFAULT_PREFIX } from './key-layout.js';
import { PartitionBatcher, type NewerRecord } from './partition-batcher.js';
import { FeatureRecordDecoder } from './record-decoder.js';
import { SinkRedisState, type ApplyOutcome, type PartitionBatch } from './redis-state.js';
import { serveMetrics, SinkMetrics } from './sink-metrics.js';
import { assertDistinctTopics, type RedisOutputSpec } from './spec.js';

export interface RedisSinkOptions {
  outputs: RedisOutputSpec[];
  /** Bootstrap servers, or full reader options. */
  kafka: string | KafkaSourceOptions;
  /** A Redis URL, or a connected client the caller owns. */
  redis: string | Redis;
  prefix?: string;
  /** Records per Lua call (default 500): bounds how long one script blocks Redis. */
  batchSize?: number;
  /** Records per Kafka poll (default 5000); their batches are pipelined. */
  pollSize?: number;
  metricsPort?: number;
  /** Address the metrics endpoint binds; default 127.0.0.1. */
  metricsHost?: string;
  deadLetterCap?: number;
  log?: (line: string) => void;
  /** Called about once per second. */
  onProgress?: (metrics: SinkMetrics) => void;
  /**
   * Where the current outputs come from (e.g. the jobs deployed on the cluster), to follow deploys:
   * asked every `followIntervalMs` and whenever a record carries a feature the sink's spec lacks.
   * Views it adds are read from their stored offsets (or the beginning), views it drops stop being
   * read. Without it, such a record stops the sink with FEATC_E6108 and nothing from it on is applied.
   */
  followOutputs?: () => Promise<RedisOutputSpec[]>;
  /** Default 10 s. */
  followIntervalMs?: number;
}

export interface RedisSinkHandle {
  readonly metrics: SinkMetrics;
  /** The bound metrics port (useful with `metricsPort: 0`). */
  readonly metricsPort: number | undefined;
  /** Finishes the batch in flight (nothing is ever half-applied), then disconnects. */
  stop(): Promise<void>;
  /** Settles when the sink stops; rejects on a fatal error (e.g. fenced by a newer instance). */
  readonly done: Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const TRANSIENT_REPLY = /^(OOM|BUSY|LOADING|MASTERDOWN|READONLY|TRYAGAIN|CLUSTERDOWN|NOREPLICAS)/;

function isTransient(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return err.name !== 'ReplyError' || TRANSIENT_REPLY.test(err.message);
}

/**
 * A command Redis has not answered by then fails like a lost connection (and the sink re-reads from
 * the offsets stored in Redis), so a reply lost in a Redis restart cannot stall the sink for good.
 */
const COMMAND_TIMEOUT_MS = 30_000;
/** How long a record of a newer view version waits for the followed outputs to list its features. */
const NEWER_SPEC_WAIT_MS = 30_000;

/** Starts the Redis sink; resolves once every topic is claimed and assigned. */
export async function startRedisSink(opts: RedisSinkOptions): Promise<RedisSinkHandle> {
  const outputs = assertDistinctTopics(opts.outputs, 'startRedisSink({ outputs })');
  kafkaClient('the Redis sink'); // before anything connects: without the client, fail at once
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const prefix = opts.prefix ?? DEFAULT_PREFIX;
  const ownsRedis = typeof opts.redis === 'string';
  const redis = typeof opts.redis === 'string' ? new Redis(opts.redis, { lazyConnect: true, maxRetriesPerRequest: 2, commandTimeout: COMMAND_TIMEOUT_MS }) : opts.redis;
  const where = typeof opts.redis === 'string' ? opts.redis : 'redis';
  try {
    if (ownsRedis) await redis.connect();
    await redis.ping();
  } catch (err) {
    if (ownsRedis) redis.disconnect();
    throw new FeatcRuntimeError(ErrorCodes.redisUnavailable, `cannot reach Redis: ${(err as Error).message}`, { where, hint: 'check --redis (or FEATC_REDIS_URL)', cause: err });
  }
  const reader = new FeatureTopicReader(typeof opts.kafka === 'string' ? { bootstrap: opts.kafka } : opts.kafka);
  const runner = new SinkRunner(opts, outputs, prefix, redis, reader, log);
  try {
    await reader.connect();
    await runner.discover();
    await runner.reposition(true);
    runner.metricsServer = opts.metricsPort === undefined ? undefined : await serveMetrics(runner.metrics, opts.metricsPort, opts.metricsHost);
  } catch (err) {
    await reader.disconnect().catch(() => undefined);
    if (ownsRedis) redis.disconnect();
    throw err;
  }
  const done = runner.run().finally(async () => {
    await reader.disconnect().catch(() => undefined);
    await new Promise<void>((r) => (runner.metricsServer ? runner.metricsServer.close(() => r()) : r()));
    if (ownsRedis) await redis.quit().catch(() => redis.disconnect());
  });
  done.catch(() => undefined);
  const address = runner.metricsServer?.address();
  return {
    metrics: runner.metrics,
    metricsPort: typeof address === 'object' && address !== null ? address.port : undefined,
    done,
    async stop() {
      runner.stopping = true;
      await done.catch(() => undefined);
    },
  };
}

class SinkRunner {
  readonly metrics = new SinkMetrics();
  metricsServer: Server | undefined;
  stopping = false;
  private readonly state: SinkRedisState;
  private readonly batcher: PartitionBatcher;
  private readonly partitions = new Map<string, number[]>();
  private lastFollow = Date.now();

  constructor(
    private readonly opts: RedisSinkOptions,
    private outputs: RedisOutputSpec[],
    private readonly prefix: string,
    redis: Redis,
    private readonly reader: FeatureTopicReader,
    private readonly log: (line: string) => void,
  ) {
    this.state = new SinkRedisState(redis, prefix, opts.deadLetterCap ?? 1000);
    this.batcher = new PartitionBatcher(this.decoders(), opts.batchSize ?? 500);
  }

  private decoders(): Map<string, FeatureRecordDecoder> {
    return new Map(this.outputs.map((o) => [o.topic, new FeatureRecordDecoder(o, this.prefix)] as const));
  }

  async discover(): Promise<void> {
    this.partitions.clear();
    for (const o of this.outputs) this.partitions.set(o.topic, await this.reader.partitionsOf(o.topic));
  }

  /**
   * Points the reader at the offsets stored in Redis. With `claim`, takes a new fencing epoch
   * (and a new generation when Redis lost the old one: the topic is then read from the beginning).
   */
  async reposition(claim: boolean): Promise<void> {
    const starts: PartitionStart[] = [];
    for (const [topic, partitions] of this.partitions) {
      const c = claim ? await this.state.claim(topic) : await this.state.refreshOffsets(topic);
      if (claim && c.created) this.log(`redis-sink: no sink state for "${topic}" in Redis (new, or Redis lost data): building it from the beginning of the topic`);
      for (const p of partitions) {
        const stored = c.offsets.get(p) ?? -1;
        this.batcher.startAt(topic, p, stored);
        this.metrics.track(topic, p, stored);
        starts.push({ topic, partition: p, offset: stored >= 0 ? stored + 1 : undefined });
        await this.warnOnRetentionGap(topic, p, stored);
      }
    }
    this.reader.assign(starts);
  }

  private async warnOnRetentionGap(topic: string, partition: number, stored: number): Promise<void> {
    const { low, high } = await this.reader.queryWatermarks(topic, partition).catch(() => ({ low: 0, high: Number.MAX_SAFE_INTEGER }));
    if (high < stored + 1) {
      this.log(formatBlock({
        severity: 'warning', code: ErrorCodes.topicBehindState, hint: `delete ${this.state.prefix}:__sink:topic:${topic} to rebuild the view from this topic`,
        message: `${topic}/${partition} ends at offset ${high} but Redis says offset ${stored} was applied (topic recreated?): records up to ${stored} will be skipped`,
      }));
    }
    if (low > stored + 1) {
      this.log(formatBlock({
        severity: 'warning', code: ErrorCodes.retentionGap, hint: redisSinkCodes[ErrorCodes.retentionGap].hint,
        message: `offsets ${stored + 1}..${low - 1} of ${topic}/${partition} were deleted by retention before the sink applied them`,
      }));
    }
  }

  async run(): Promise<void> {
    let lastTick = 0;
    while (!this.stopping) {
      if (this.partitions.size === 0) await sleep(500); // following deploys, nothing deployed yet
      const messages = await this.consume();
      if (messages.length > 0) {
        const { batches, newer } = this.batcher.batches(messages);
        await this.apply(batches);
        if (newer.length > 0) await this.followNewer(newer);
      }
      if (this.opts.followOutputs && Date.now() - this.lastFollow >= (this.opts.followIntervalMs ?? 10_000)) await this.follow(await this.followed());
      if (Date.now() - lastTick >= 1000) {
        lastTick = Date.now();
        this.refreshLag();
        this.opts.onProgress?.(this.metrics);
      }
    }
  }

  /** The followed outputs; a failed read keeps the current ones (and is retried next interval). */
  private async followed(): Promise<RedisOutputSpec[] | undefined> {
    this.lastFollow = Date.now();
    try {
      return assertDistinctTopics(await (this.opts.followOutputs as () => Promise<RedisOutputSpec[]>)(), 'the followed outputs');
    } catch (err) {
      this.log(`redis-sink: could not read the deployed outputs (${(err as Error).message}); keeping the current ones`);
      return undefined;
    }
  }

  /** Switches to `next` when it differs: new decoders, partitions, claims; every partition re-reads from its stored offset. */
  private async follow(next: RedisOutputSpec[] | undefined): Promise<void> {
    if (next === undefined || JSON.stringify(sortByTopic(next)) === JSON.stringify(sortByTopic(this.outputs))) return;
    const before = new Map(this.outputs.map((o) => [o.topic, o]));
    const changed = next.filter((o) => JSON.stringify(o) !== JSON.stringify(before.get(o.topic))).map((o) => o.view);
    const dropped = this.outputs.filter((o) => !next.some((n) => n.topic === o.topic)).map((o) => o.view);
    this.log(`redis-sink: following deploys: ${[...changed.map((v) => `${v} (new or changed)`), ...dropped.map((v) => `${v} (no longer deployed)`)].join(', ')}`);
    this.outputs = next;
    this.batcher.setDecoders(this.decoders());
    await this.discover();
    await this.reposition(true);
  }

  /**
   * Records of a newer version of their view: with followed outputs, wait until they list the new
   * features and switch to them (the records are then applied with them); otherwise stop.
   */
  private async followNewer(newer: NewerRecord[]): Promise<void> {
    const knows = (outputs: RedisOutputSpec[]): boolean => newer.every((n) => {
      const spec = outputs.find((o) => o.topic === n.topic);
      return spec !== undefined && n.fields.every((f) => spec.features.some((x) => x.name === f));
    });
    const deadline = Date.now() + NEWER_SPEC_WAIT_MS;
    while (this.opts.followOutputs && !this.stopping && Date.now() < deadline) {
      const next = await this.followed();
      if (next && knows(next)) {
        await this.follow(next);
        return;
      }
      await sleep(1000);
    }
    if (this.stopping) return;
    const n = newer[0] as NewerRecord;
    const view = this.outputs.find((o) => o.topic === n.topic)?.view ?? n.topic;
    throw new FeatcRuntimeError(ErrorCodes.newerViewVersion, `records of view "${view}" carry feature(s) ${n.fields.join(', ')} that ${this.opts.followOutputs ? 'the deployed job graph' : "this sink's job graph"} does not list: the job was redeployed with a changed view`, {
      where: `${n.topic}/${n.partition} offset ${n.offset}`,
      hint: this.opts.followOutputs
        ? 'the running job does not list them either: check `featc status`; nothing from this record on was applied, a restarted sink continues here'
        : 'nothing from this record on was applied: restart the sink with the new job graph (`featc compile`, then `featc sink redis <out>`), or run `featc sink redis` without paths to follow deploys',
      exitCode: 1,
    });
  }

  /** Kafka errors while reading are retried (librdkafka reconnects); fatal ones stop the sink. */
  private async consume(): Promise<Awaited<ReturnType<FeatureTopicReader['consume']>>> {
    try {
      return await this.reader.consume(this.opts.pollSize ?? 5000);
    } catch (err) {
      const cause = (err as { cause?: { isFatal?: boolean } }).cause;
      if (cause?.isFatal) throw err;
      this.log(`redis-sink: ${(err as Error).message}; retrying`);
      await sleep(500);
      return [];
    }
  }

  private async apply(batches: PartitionBatch[]): Promise<void> {
    const settled = await Promise.allSettled(batches.map(async (b) => {
      const started = process.hrtime.bigint();
      const outcome = await this.state.apply(b);
      return { outcome, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    }));
    let lost = false;
    let reposition = false;
    let failure: unknown;
    settled.forEach((s, i) => {
      const b = batches[i] as PartitionBatch;
      if (s.status === 'rejected') {
        failure ??= s.reason;
        return;
      }
      const outcome: ApplyOutcome = s.value.outcome;
      if (outcome.status === 'ok') this.metrics.recordBatch(b.topic, b.partition, outcome, s.value.seconds);
      else if (outcome.status === 'generation-lost') lost = true;
      else if (outcome.status === 'gap') reposition = true;
      else {
        throw new FeatcRuntimeError(ErrorCodes.fenced, `fenced: a newer sink instance owns topic "${b.topic}" (epoch ${outcome.currentEpoch}, ours ${this.state.claimOf(b.topic)?.epoch ?? '?'})`, {
          where: `${this.state.prefix}:__sink:topic:${b.topic}`, hint: 'only the newest sink instance per topic writes; this one stops',
        });
      }
    });
    if (failure !== undefined) await this.recover(failure);
    else if (lost) {
      this.metrics.rebuilds += 1;
      await this.reposition(true);
    } else if (reposition) await this.reposition(false);
  }

  /** After a Redis error: wait until Redis answers again, then re-read from the stored offsets. */
  private async recover(failure: unknown): Promise<void> {
    if (!isTransient(failure)) {
      throw new FeatcRuntimeError(ErrorCodes.scriptFailed, `applying a batch failed: ${(failure as Error).message}`, {
        where: `redis prefix "${this.state.prefix}"`, hint: 'a feature key holds a non-hash value, or the prefix is shared with something else; nothing of the batch was written', cause: failure,
      });
    }
    for (let attempt = 1; !this.stopping; attempt++) {
      this.metrics.retries += 1;
      this.log(`redis-sink: Redis error (${(failure as Error).message}); retrying from the stored offsets (attempt ${attempt})`);
      await sleep(Math.min(5000, 200 * attempt));
      try {
        await this.reposition(false);
        return;
      } catch (err) {
        if (!isTransient(err)) throw err;
        failure = err;
      }
    }
  }

  private refreshLag(): void {
    for (const [topic, partitions] of this.partitions) {
      const claim = this.state.claimOf(topic);
      for (const p of partitions) {
        const high = this.reader.highWatermark(topic, p);
        if (high !== undefined) this.metrics.setLag(topic, p, high - ((claim?.offsets.get(p) ?? -1) + 1));
      }
    }
  }
}

const sortByTopic = (outputs: readonly RedisOutputSpec[]): RedisOutputSpec[] => [...outputs].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
