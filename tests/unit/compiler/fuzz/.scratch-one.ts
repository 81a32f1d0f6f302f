import fc from 'fast-check';
import { tryCompileJob } from '../../../../compiler/index.js';
import { buildJob } from './build.js';
import { arbitraryOf } from './draw.js';
import { validJob } from './gen-valid.js';
import { checkSql } from './sql-check.js';
let n = 0;
for (const spec of fc.sample(arbitraryOf(validJob), { seed: Number(process.argv[2] ?? 5), numRuns: 3000 })) {
  const { job, diagnostics } = tryCompileJob(buildJob(spec));
  if (!job) { console.log('REJECTED', diagnostics.map((d) => d.message)); continue; }
  const p = checkSql(job, spec);
  if (p.length > 0 && n++ < 3) { console.log(p); console.log(JSON.stringify(spec.views.map((v) => v.features.map((f) => f.where)))); console.log(job.statements.filter((s) => s.includes('line')).join('\n----\n').slice(0, 3000)); }
}
