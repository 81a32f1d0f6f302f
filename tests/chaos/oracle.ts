import type { ChaosEvent } from './events.js';

/**
 * The engagement job's expected output, computed from the produced events alone (no featc code):
 * - `userClickRate`: clicks per user in tumbling 5-minute windows;
 * - `userCtr`: clicks and impressions per user in 10-minute windows sliding every minute, and
 *   their ratio (null without impressions).
 * A window is emitted once, when the watermark (max event time − 2 s) reaches its end − 1 ms; its
 * record's `__as_of_ms` is the window end.
 */
export interface ClickRateRecord { userId: string; asOfMs: number; click_rate_5m: number }
export interface CtrRecord { userId: string; asOfMs: number; clicks_10m: number; impressions_10m: number; ctr_10m: number | null }

const MINUTE = 60_000;
const TUMBLE_MS = 5 * MINUTE;
const HOP_SIZE_MS = 10 * MINUTE;
const HOP_SLIDE_MS = MINUTE;
const WATERMARK_DELAY_MS = 2_000;

export function windowKey(userId: string, asOfMs: number): string {
  return `${userId}@${asOfMs}`;
}

export class EngagementOracle {
  private readonly clicks5m = new Map<string, number>();
  private readonly ctr10m = new Map<string, { clicks: number; impressions: number }>();
  private readonly maxTs = new Map<ChaosEvent['topic'], number>();
  events = 0;

  add(e: ChaosEvent): void {
    this.events += 1;
    this.maxTs.set(e.topic, Math.max(this.maxTs.get(e.topic) ?? Number.MIN_SAFE_INTEGER, e.ts));
    if (e.topic === 'clicks') {
      const end = Math.floor(e.ts / TUMBLE_MS) * TUMBLE_MS + TUMBLE_MS;
      const k = windowKey(e.userId, end);
      this.clicks5m.set(k, (this.clicks5m.get(k) ?? 0) + 1);
    }
    const lastStart = Math.floor(e.ts / HOP_SLIDE_MS) * HOP_SLIDE_MS;
    for (let start = lastStart; start > e.ts - HOP_SIZE_MS; start -= HOP_SLIDE_MS) {
      const k = windowKey(e.userId, start + HOP_SIZE_MS);
      const c = this.ctr10m.get(k) ?? { clicks: 0, impressions: 0 };
      if (e.topic === 'clicks') c.clicks += 1;
      else c.impressions += 1;
      this.ctr10m.set(k, c);
    }
  }

  /** Watermark of a source: its greatest event time minus the delay (no event arrives later than that bound). */
  private watermark(topics: ChaosEvent['topic'][]): number {
    return Math.min(...topics.map((t) => (this.maxTs.get(t) ?? Number.MIN_SAFE_INTEGER) - WATERMARK_DELAY_MS));
  }

  clickRate(): Map<string, ClickRateRecord> {
    const wm = this.watermark(['clicks']);
    const out = new Map<string, ClickRateRecord>();
    for (const [k, n] of this.clicks5m) {
      const { userId, asOfMs } = parseKey(k);
      if (asOfMs - 1 <= wm) out.set(k, { userId, asOfMs, click_rate_5m: n });
    }
    return out;
  }

  ctr(): Map<string, CtrRecord> {
    const wm = this.watermark(['clicks', 'impressions']);
    const out = new Map<string, CtrRecord>();
    for (const [k, c] of this.ctr10m) {
      const { userId, asOfMs } = parseKey(k);
      if (asOfMs - 1 <= wm) out.set(k, { userId, asOfMs, clicks_10m: c.clicks, impressions_10m: c.impressions, ctr_10m: c.impressions === 0 ? null : c.clicks / c.impressions });
    }
    return out;
  }
}

function parseKey(k: string): { userId: string; asOfMs: number } {
  const at = k.lastIndexOf('@');
  return { userId: k.slice(0, at), asOfMs: Number(k.slice(at + 1)) };
}

/** Per entity, the record with the greatest as-of: what Redis must hold at the end. */
export function latestPerUser<R extends { userId: string; asOfMs: number }>(records: Iterable<R>): Map<string, R> {
  const out = new Map<string, R>();
  for (const r of records) {
    const prev = out.get(r.userId);
    if (!prev || r.asOfMs > prev.asOfMs) out.set(r.userId, r);
  }
  return out;
}
