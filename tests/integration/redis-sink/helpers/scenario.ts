import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { graphWithOutputs } from '../../../support/job-graph.js';
import type { RedisOutputSpec } from '../../../../runtime/redis-sink/spec.js';
import type { ProducedRecord, TransactionalProducer } from './kafka.js';
import { seededRandom } from '../../../../runtime/shared/seeded-random.js';

export function userStatsSpec(topic: string): RedisOutputSpec {
  return {
    kind: 'redis', view: 'user_stats', topic, entityKey: ['userId'],
    features: [
      { name: 'clicks', type: 'bigint' },
      { name: 'score', type: 'double', ttlSeconds: 86_400 },
      { name: 'label', type: 'string' },
    ],
  };
}

/** A job-graph.json holding the given outputs (plus an unrelated output the sink must ignore). */
export function writeJobGraph(outputs: RedisOutputSpec[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'featc-sink-'));
  const file = join(dir, 'job-graph.json');
  writeFileSync(file, JSON.stringify(graphWithOutputs(outputs), null, 2));
  return file;
}

export const random = seededRandom;

interface ExpectedValue { asOf: number; fields: Record<string, string> }

/**
 * The state Redis must hold, computed without the sink's code: per entity, committed records in
 * order, a record replacing the value unless its as-of is older.
 */
export class ExpectedState {
  readonly values = new Map<string, ExpectedValue>();
  deadLetters = 0;
  committed = 0;

  apply(userId: string, value: Record<string, unknown> | 'bad'): void {
    this.committed += 1;
    if (value === 'bad') {
      this.deadLetters += 1;
      return;
    }
    const asOf = value.__as_of_ms as number;
    const current = this.values.get(userId);
    if (current && asOf < current.asOf) return;
    const fields: Record<string, string> = { __as_of_ms: String(asOf), clicks: String(value.clicks), score: String(value.score) };
    if (value.label !== null) fields.label = value.label as string;
    this.values.set(userId, { asOf, fields });
  }
}

/** Produces `total` records in transactions of `perTxn`; about `abortRatio` of them are aborted. */
export async function produceFeatureRecords(opts: {
  producer: TransactionalProducer; topic: string; total: number; perTxn: number; entities: number; abortRatio: number;
  seed: number; expected: ExpectedState; pauseMs?: number; onTxn?: (committedSoFar: number) => void | Promise<void>;
}): Promise<void> {
  const rnd = random(opts.seed);
  const base = Date.now() - 3_600_000;
  let sent = 0;
  let txn = 0;
  while (sent < opts.total) {
    const commit = rnd() >= opts.abortRatio;
    const batch: ProducedRecord[] = [];
    const pending: [string, Record<string, unknown> | 'bad'][] = [];
    const n = Math.min(opts.perTxn, opts.total - sent);
    for (let i = 0; i < n; i++) {
      const seq = sent + i;
      const userId = `u${Math.floor(rnd() * opts.entities)}`;
      // Mostly increasing as-of; one in ten is older (a late window the sink must not let regress a value).
      const asOf = base + seq * 10 - (rnd() < 0.1 ? Math.floor(rnd() * 50_000) : 0);
      if (commit && rnd() < 0.0002) {
        batch.push({ key: JSON.stringify({ userId }), value: JSON.stringify({ userId, clicks: 'not-a-number', score: 1, label: null, __as_of_ms: asOf }) });
        pending.push([userId, 'bad']);
        continue;
      }
      const value = {
        userId,
        clicks: commit ? seq : 9_000_000 + seq,
        score: Math.round(rnd() * 1e6) / 1e3,
        label: rnd() < 0.2 ? null : commit ? `L${txn}-${i}` : 'ABORTED',
        __as_of_ms: commit ? asOf : asOf + 10_000_000,
      };
      batch.push({ key: JSON.stringify({ userId }), value: JSON.stringify(value) });
      pending.push([userId, value]);
    }
    await opts.producer.send(opts.topic, batch, commit);
    if (commit) for (const [userId, value] of pending) opts.expected.apply(userId, value);
    sent += n;
    txn += 1;
    await opts.onTxn?.(opts.expected.committed);
    if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
  }
}

/** Mismatches between Redis and the expectation (empty when exact). */
export async function diffRedis(redis: Redis, prefix: string, view: string, expected: ExpectedState): Promise<string[]> {
  const problems: string[] = [];
  const keys = await redis.keys(`${prefix}:${view}:*`);
  if (keys.length !== expected.values.size) problems.push(`${keys.length} keys in Redis, ${expected.values.size} expected`);
  const ids = [...expected.values.keys()];
  for (let i = 0; i < ids.length && problems.length < 10; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const pipeline = redis.pipeline();
    for (const id of chunk) pipeline.hgetall(`${prefix}:${view}:${id}`);
    const replies = (await pipeline.exec()) ?? [];
    chunk.forEach((id, j) => {
      const actual = replies[j]?.[1] as Record<string, string>;
      const want = expected.values.get(id)?.fields;
      if (JSON.stringify(sorted(actual)) !== JSON.stringify(sorted(want ?? {}))) {
        problems.push(`${id}: redis ${JSON.stringify(sorted(actual))} ≠ expected ${JSON.stringify(sorted(want ?? {}))}`);
      }
    });
  }
  return problems;
}

function sorted(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** Resolves once the sink's stored offsets reach the producer's last committed offsets. */
export async function waitForOffsets(redis: Redis, prefix: string, topic: string, committed: ReadonlyMap<number, number>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await redis.hgetall(`${prefix}:__sink:topic:${topic}`);
    const behind = [...committed].filter(([p, o]) => Number(state[`offset:${p}`] ?? -1) < o);
    if (behind.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`sink did not catch up: ${behind.map(([p, o]) => `${p}: ${state[`offset:${p}`] ?? 'none'} < ${o}`).join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
