import type { FeatureRow } from '../../runtime/feature-client/index.js';

export interface LiveFrame {
  elapsedSec: number;
  produced: number;
  eventsPerSec: number;
  eventTimeMs: number;
  sinkApplied: number | null;
  rows: { userId: string; clickRate: FeatureRow<Record<string, unknown>> | undefined; ctr: FeatureRow<Record<string, unknown>> | undefined }[];
}

const fmt = (v: unknown): string => (v === null || v === undefined ? '–' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : String(v));

/** One screen of the demo: throughput, then a few users' features with the event time they reflect. */
export function renderFrame(f: LiveFrame): string {
  const lines = [
    `featc demo · ${f.elapsedSec.toFixed(0)}s · produced ${f.produced} events (${f.eventsPerSec.toFixed(0)}/s) · event time ${new Date(f.eventTimeMs).toISOString().slice(11, 19)}` +
      (f.sinkApplied === null ? '' : ` · Redis sink applied ${f.sinkApplied} feature records`),
    '',
    `${'user'.padEnd(6)} ${'click_rate_5m'.padStart(13)} ${'clicks_10m'.padStart(10)} ${'impr_10m'.padStart(9)} ${'ctr_10m'.padStart(8)}  as of (window end)  lag vs event clock`,
  ];
  for (const r of f.rows) {
    const c = r.clickRate?.values ?? {};
    const t = r.ctr?.values ?? {};
    const asOf = r.ctr?.asOfMs ?? r.clickRate?.asOfMs ?? null;
    lines.push(`${r.userId.padEnd(6)} ${fmt(c.click_rate_5m).padStart(13)} ${fmt(t.clicks_10m).padStart(10)} ${fmt(t.impressions_10m).padStart(9)} ${fmt(t.ctr_10m).padStart(8)}  ${asOf ? new Date(asOf).toISOString().slice(11, 19) : '–'.padEnd(8)}            ${asOf ? `${((f.eventTimeMs - asOf) / 1000).toFixed(0)}s` : '–'}`);
  }
  return lines.join('\n');
}
