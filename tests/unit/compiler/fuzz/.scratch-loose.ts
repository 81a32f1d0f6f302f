import fc from 'fast-check';
import { tryCompileJob } from '../../../../compiler/index.js';
import { buildJob } from './build.js';
import { arbitraryOf } from './draw.js';
import { validJob } from './gen-valid.js';
import { LOOSE_MUTATIONS, MUTATIONS } from './mutations.js';
import type { JobDef } from '../../../../dsl/index.js';
const crashes = new Map<string, number>();
const missing = new Map<string, number>();
const arb = arbitraryOf((d) => {
  const spec = validJob(d);
  if (d.chance(0.5)) { const m = d.pick(LOOSE_MUTATIONS); const def = buildJob(spec) as unknown as Record<string, unknown>; m.apply(d, def); return { name: m.name, def: def as unknown as JobDef, expect: null as string | string[] | null }; }
  const m = d.pick(MUTATIONS); const ok = m.apply(d, spec); return { name: m.name, def: buildJob(spec), expect: ok ? (m.expect as string | string[] | null) : null };
});
for (const c of fc.sample(arb, { seed: Number(process.argv[2] ?? 3), numRuns: 3000 })) {
  try { const r = tryCompileJob(c.def); if (c.expect && !r.diagnostics.some((d) => [c.expect].flat().includes(d.code))) { const k = `${c.name}: want ${c.expect} got ${r.job ? 'COMPILED' : r.diagnostics.map((d) => d.code).join(',')}`; missing.set(k, (missing.get(k) ?? 0) + 1); } }
  catch (e) { const err = e as Error; const at = (err.stack ?? '').split('\n').find((l) => l.includes('/compiler/')) ?? ''; const k = `${c.name}: ${err.message.slice(0, 100)} ${at.trim()}`; crashes.set(k, (crashes.get(k) ?? 0) + 1); }
}
console.log('CRASHES'); for (const [k, n] of crashes) console.log(n, k);
console.log('MISSING'); for (const [k, n] of missing) console.log(n, k);
