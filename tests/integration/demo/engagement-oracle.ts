/**
 * What jobs/engagement.ts must serve, computed from the generator's events without featc or Flink:
 * per user, the latest window Flink has closed, for `userClickRate` (tumbling 5 min over clicks) and
 * `userCtr` (10 min sliding by 1 min over clicks and impressions).
 *
 * Event-time rules, written out: a source's watermark is its largest event time minus the 2 s delay
 * (`WATERMARK FOR … AS … - INTERVAL '2' SECOND`); an operator fed by several sources sees the
 * smallest of their watermarks; a window [start, end) fires once that watermark reaches end - 1.
 * No event is late: the generator's disorder (< 1.5 s) stays inside the 2 s delay.
 */
import type { GeneratedEvent, Interaction } from '../../../examples/generator/events.js';

const MINUTE = 60_000;
const WATERMARK_DELAY_MS = 2_000;

export interface ClickRateValue { asOfMs: number; click_rate_5m: number }
export interface CtrValue { asOfMs: number; clicks_10m: number; impressions_10m: number; ctr_10m: number | null }
export interface EngagementOracle {
  users: string[];
  clickRate: Map<string, ClickRateValue>;
  ctr: Map<string, CtrValue>;
  watermarks: { clicks: number; impressions: number };
}

function interactions(events: readonly GeneratedEvent[], topic: 'clicks' | 'impressions'): Interaction[] {
  return events.filter((e) => e.topic === topic).map((e) => e.value as Interaction);
}

function watermarkOf(list: readonly Interaction[]): number {
  return list.reduce((max, e) => Math.max(max, e.ts), Number.NEGATIVE_INFINITY) - WATERMARK_DELAY_MS;
}

const fired = (end: number, watermark: number): boolean => end - 1 <= watermark;

function byUser(list: readonly Interaction[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const e of list) out.set(e.userId, [...(out.get(e.userId) ?? []), e.ts]);
  return out;
}

/** The latest fired window end among the windows (of `size`, sliding by `slide`) that hold one of `times`. */
function latestFiredEnd(times: readonly number[], size: number, slide: number, watermark: number): number | undefined {
  let latest: number | undefined;
  for (const ts of times) {
    // Windows holding ts end at the slide boundaries in (ts, ts + size].
    const firstEnd = Math.floor(ts / slide) * slide + slide;
    for (let end = firstEnd; end <= ts + size; end += slide) {
      if (fired(end, watermark) && (latest === undefined || end > latest)) latest = end;
    }
  }
  return latest;
}

const within = (times: readonly number[] | undefined, start: number, end: number): number => (times ?? []).filter((t) => t >= start && t < end).length;

export function engagementOracle(events: readonly GeneratedEvent[]): EngagementOracle {
  const clicks = interactions(events, 'clicks');
  const impressions = interactions(events, 'impressions');
  const watermarks = { clicks: watermarkOf(clicks), impressions: watermarkOf(impressions) };
  const clicksByUser = byUser(clicks);
  const impressionsByUser = byUser(impressions);
  const users = [...new Set([...clicksByUser.keys(), ...impressionsByUser.keys()])].sort();

  const clickRate = new Map<string, ClickRateValue>();
  const ctr = new Map<string, CtrValue>();
  const ctrWatermark = Math.min(watermarks.clicks, watermarks.impressions);
  for (const user of users) {
    const c = clicksByUser.get(user) ?? [];
    const i = impressionsByUser.get(user) ?? [];
    const rateEnd = latestFiredEnd(c, 5 * MINUTE, 5 * MINUTE, watermarks.clicks);
    if (rateEnd !== undefined) clickRate.set(user, { asOfMs: rateEnd, click_rate_5m: within(c, rateEnd - 5 * MINUTE, rateEnd) });
    const ctrEnd = latestFiredEnd([...c, ...i], 10 * MINUTE, MINUTE, ctrWatermark);
    if (ctrEnd !== undefined) {
      const clicks10 = within(c, ctrEnd - 10 * MINUTE, ctrEnd);
      const impressions10 = within(i, ctrEnd - 10 * MINUTE, ctrEnd);
      ctr.set(user, { asOfMs: ctrEnd, clicks_10m: clicks10, impressions_10m: impressions10, ctr_10m: impressions10 === 0 ? null : clicks10 / impressions10 });
    }
  }
  return { users, clickRate, ctr, watermarks };
}
