import { readCommitted } from './kafka-io.js';
import { EngagementOracle, windowKey } from './oracle.js';
const b = '127.0.0.1:19092';
const oracle = new EngagementOracle();
for (const topic of ['clicks', 'impressions'] as const) {
  const recs = await readCommitted(b, topic, { timeoutMs: 300_000 });
  for (const r of recs) { const v = JSON.parse(r.value); oracle.add({ topic, userId: v.userId, docId: v.docId, ts: v.ts }); }
  console.log(topic, recs.length);
}
const want = oracle.ctr();
const got = await readCommitted(b, 'featc.features.userCtr', {});
const byEnd = new Map<number, { wrong: number; total: number; lowImp: number; lowClk: number }>();
const seen = new Set<string>();
for (const r of got) {
  const v = JSON.parse(r.value); const k = windowKey(v.userId, v.__as_of_ms); seen.add(k);
  const w = want.get(k); const e = byEnd.get(v.__as_of_ms) ?? { wrong: 0, total: 0, lowImp: 0, lowClk: 0 }; byEnd.set(v.__as_of_ms, e);
  e.total++;
  if (!w || w.clicks_10m !== v.clicks_10m || w.impressions_10m !== v.impressions_10m) { e.wrong++; if (w && v.impressions_10m < w.impressions_10m) e.lowImp++; if (w && v.clicks_10m < w.clicks_10m) e.lowClk++; }
}
const ends = [...byEnd.keys()].sort((a, b) => a - b);
const t0 = ends[0] ?? 0;
for (const end of ends) { const e = byEnd.get(end)!; if (e.wrong) console.log(((end - t0) / 60000).toFixed(0), 'min', e); }
let missing = 0; for (const k of want.keys()) if (!seen.has(k)) missing++;
console.log('windows', ends.length, 'missing', missing);
