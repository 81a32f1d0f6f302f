import fc from 'fast-check';
import { tryCompileJob } from '../../../../compiler/index.js';
import { buildJob } from './build.js';
import { fuzzCases } from './fuzz-case.js';
const m = new Map<string, number>();
for (const c of fc.sample(fuzzCases(), { seed: 20251109, numRuns: 3000 })) {
  if (!c.loose && c.mutations.length === 0) continue;
  const r = tryCompileJob(c.loose?.def ?? buildJob(c.spec));
  if (r.job) { const k = c.loose?.name ?? c.mutations.map((x) => x.name).join('+'); m.set(k, (m.get(k) ?? 0) + 1); if (k === 'views missing') console.log(r.job.statements.at(-1)); }
}
console.log(m);
