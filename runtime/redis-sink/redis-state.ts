import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { APPLY_SCRIPT, CLAIM_SCRIPT } from './lua-scripts.js';
import { sinkKeys } from './key-layout.js';

/** One decoded Kafka record, ready for the APPLY script. */
export type SinkRecord =
  | { kind: 'value'; offset: number; key: string; asOfMs: number; windowStartMs: number | null; expireAtMs: number; values: (string | null)[] }
  | { kind: 'bad'; offset: number; reason: string };

/** Records of one (topic, partition) in increasing offset order. */
export interface PartitionBatch {
  topic: string;
  partition: number;
  features: readonly string[];
  /** The offset this batch follows: the reader's start position - 1, or the previous batch's last offset. */
  prevOffset: number;
  records: SinkRecord[];
}

export type ApplyOutcome =
  | { status: 'ok'; lastOffset: number; applied: number; duplicate: number; stale: number; bad: number }
  | { status: 'generation-lost' }
  | { status: 'fenced'; currentEpoch: string }
  | { status: 'gap'; storedOffset: number };

export interface TopicClaim {
  topic: string;
  generation: string;
  /** True when the generation was missing: Redis lost the sink's state and the topic is rebuilt. */
  created: boolean;
  epoch: number;
  /** partition → last applied offset */
  offsets: Map<number, number>;
}

function parseOffsets(state: Record<string, string>): Map<number, number> {
  const offsets = new Map<number, number>();
  for (const [name, value] of Object.entries(state)) {
    if (name.startsWith('offset:')) offsets.set(Number(name.slice(7)), Number(value));
  }
  return offsets;
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

/** The sink's view of Redis: claiming topics and applying batches through the Lua scripts. */
export class SinkRedisState {
  private readonly keys;
  private readonly applySha = sha1(APPLY_SCRIPT);
  private readonly claimSha = sha1(CLAIM_SCRIPT);
  private claims = new Map<string, TopicClaim>();

  constructor(private readonly redis: Redis, readonly prefix: string, private readonly deadLetterCap = 1000) {
    this.keys = sinkKeys(prefix);
  }

  /** Takes ownership of a topic: a new fencing epoch; creates the generation if Redis lost it. */
  async claim(topic: string): Promise<TopicClaim> {
    // Load both scripts up front so a burst of pipelined EVALSHAs does not all bounce with NOSCRIPT.
    await this.redis.script('LOAD', APPLY_SCRIPT);
    const reply = await this.run(this.claimSha, CLAIM_SCRIPT, [this.keys.topicState(topic)], [randomUUID()]) as [string, number, number, string[]];
    const [generation, created, epoch, fields] = reply;
    const state: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) state[fields[i] as string] = fields[i + 1] as string;
    const offsets = parseOffsets(state);
    const claim: TopicClaim = { topic, generation, created: created === 1, epoch, offsets };
    this.claims.set(topic, claim);
    return claim;
  }

  /** Re-reads the stored offsets of a claimed topic (after an error, to re-position the reader). */
  async refreshOffsets(topic: string): Promise<TopicClaim> {
    const claim = this.claims.get(topic);
    if (!claim) throw new Error(`internal: topic "${topic}" refreshed before it was claimed`);
    claim.offsets = parseOffsets(await this.redis.hgetall(this.keys.topicState(topic)));
    return claim;
  }

  claimOf(topic: string): TopicClaim | undefined {
    return this.claims.get(topic);
  }

  /** Applies one batch atomically. Safe to retry: records at or below the stored offset are skipped. */
  async apply(batch: PartitionBatch): Promise<ApplyOutcome> {
    const claim = this.claims.get(batch.topic);
    if (!claim) throw new Error(`internal: topic "${batch.topic}" applied before it was claimed`);
    const keys: string[] = [this.keys.topicState(batch.topic), this.keys.deadLetters(batch.topic)];
    const args: (string | number)[] = [claim.generation, claim.epoch, batch.partition, batch.prevOffset, batch.features.length, ...batch.features, this.deadLetterCap];
    for (const r of batch.records) {
      if (r.kind === 'bad') {
        args.push('b', r.offset, r.reason);
        continue;
      }
      keys.push(r.key);
      let mask = '';
      for (const v of r.values) mask += v === null ? '1' : '0';
      args.push('v', r.offset, r.asOfMs, r.windowStartMs ?? '', r.expireAtMs, mask);
      for (const v of r.values) args.push(v ?? '');
    }
    const reply = await this.run(this.applySha, APPLY_SCRIPT, keys, args) as [string, ...(number | string)[]];
    switch (reply[0]) {
      case 'ok': {
        const [, lastOffset, applied, duplicate, stale, bad] = reply as [string, number, number, number, number, number];
        if (lastOffset >= 0) claim.offsets.set(batch.partition, lastOffset);
        return { status: 'ok', lastOffset, applied, duplicate, stale, bad };
      }
      case 'gen': return { status: 'generation-lost' };
      case 'gap': return { status: 'gap', storedOffset: Number(reply[1]) };
      default: return { status: 'fenced', currentEpoch: String(reply[1]) };
    }
  }

  private async run(sha: string, script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await this.redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return await this.redis.eval(script, keys.length, ...keys, ...args);
    }
  }
}
