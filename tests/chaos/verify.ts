import type { RedisOutputSpec } from '../../compiler/index.js';
import { createFeatureClient } from '../../runtime/feature-client/index.js';
import { readCommitted } from './kafka-io.js';
import { latestPerUser, windowKey, type EngagementOracle } from './oracle.js';

/** One view's comparison; every count but `records`/`expected` must be 0. */
export interface ViewCheck {
  view: string;
  expected: number;
  records: number;
  missing: number;
  unexpected: number;
  duplicates: number;
  wrongValues: number;
  examples: string[];
}

export interface RedisCheck {
  view: string;
  entities: number;
  mismatches: number;
  examples: string[];
}

type Row = Record<string, number | null> & { asOfMs: number };

/** The oracle's records of a view, keyed by (entity, window end), with the feature fields Flink writes. */
function expectedRows(oracle: EngagementOracle, view: string): Map<string, Row> {
  const rows = new Map<string, Row>();
  if (view === 'userClickRate') for (const [k, r] of oracle.clickRate()) rows.set(k, { asOfMs: r.asOfMs, click_rate_5m: r.click_rate_5m });
  else if (view === 'userCtr') for (const [k, r] of oracle.ctr()) rows.set(k, { asOfMs: r.asOfMs, clicks_10m: r.clicks_10m, impressions_10m: r.impressions_10m, ctr_10m: r.ctr_10m });
  else throw new Error(`the oracle does not know view ${view}`);
  return rows;
}

function sameRow(spec: RedisOutputSpec, want: Row, got: Record<string, unknown>): boolean {
  return spec.features.every((f) => (want[f.name] ?? null) === (got[f.name] ?? null));
}

/** Reads a feature topic with read_committed and compares it with the oracle: no loss, no duplicate, exact values. */
export async function checkKafkaView(bootstrap: string, spec: RedisOutputSpec, oracle: EngagementOracle): Promise<ViewCheck> {
  const want = expectedRows(oracle, spec.view);
  const records = await readCommitted(bootstrap, spec.topic, { expected: want.size });
  const seen = new Map<string, number>();
  const check: ViewCheck = { view: spec.view, expected: want.size, records: records.length, missing: 0, unexpected: 0, duplicates: 0, wrongValues: 0, examples: [] };
  const note = (line: string): void => { if (check.examples.length < 5) check.examples.push(line); };
  for (const r of records) {
    const value = JSON.parse(r.value) as Record<string, unknown>;
    const key = windowKey(String(value.userId), Number(value.__as_of_ms));
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) {
      check.duplicates += 1;
      note(`duplicate ${key} at offset ${r.offset}`);
      continue;
    }
    const expected = want.get(key);
    if (!expected) {
      check.unexpected += 1;
      note(`unexpected ${key}: ${r.value}`);
    } else if (!sameRow(spec, expected, value)) {
      check.wrongValues += 1;
      note(`wrong ${key}: got ${r.value}, want ${JSON.stringify(expected)}`);
    }
  }
  for (const key of want.keys()) {
    if (!seen.has(key)) {
      check.missing += 1;
      note(`missing ${key}`);
    }
  }
  return check;
}

/** Reads every entity through the typed feature client and compares with the oracle's latest window per entity. */
export async function checkRedisView(redisUrl: string, prefix: string, spec: RedisOutputSpec, oracle: EngagementOracle): Promise<RedisCheck> {
  const latest = latestPerUser([...expectedRows(oracle, spec.view)].map(([k, row]) => ({ row, asOfMs: row.asOfMs, userId: k.slice(0, k.lastIndexOf('@')) })));
  const client = createFeatureClient({ redis: redisUrl, views: [spec], prefix, timeoutMs: 10_000 });
  const check: RedisCheck = { view: spec.view, entities: latest.size, mismatches: 0, examples: [] };
  try {
    const users = [...latest.keys()];
    const rows = await client.getMany(spec.view, users);
    rows.forEach((row, i) => {
      const want = latest.get(users[i] ?? '')?.row;
      if (!want) return;
      const values = row.values as Record<string, unknown>;
      const ok = row.asOfMs === want.asOfMs && spec.features.every((f) => values[f.name] === (want[f.name] ?? f.default ?? null));
      if (!ok) {
        check.mismatches += 1;
        if (check.examples.length < 5) check.examples.push(`${users[i]}: got ${JSON.stringify({ asOfMs: row.asOfMs, ...values })}, want ${JSON.stringify(want)}`);
      }
    });
  } finally {
    await client.close();
  }
  return check;
}
