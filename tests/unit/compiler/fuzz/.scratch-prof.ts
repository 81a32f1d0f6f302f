import fc from 'fast-check';
import { tryCompileJob } from '../../../../compiler/index.js';
import { buildJob } from './build.js';
import { fuzzCases } from './fuzz-case.js';
import { checkSql } from './sql-check.js';
for (let round = 0; round < 2; round++) {
let t = process.cpuUsage().user / 1000;
const cases = fc.sample(fuzzCases(), { seed: round, numRuns: 1000 });
const g = process.cpuUsage().user / 1000 - t; t = process.cpuUsage().user / 1000;
const defs = cases.map((c) => c.loose?.def ?? buildJob(c.spec));
const b = process.cpuUsage().user / 1000 - t; t = process.cpuUsage().user / 1000;
const jobs = defs.map((d) => tryCompileJob(d));
const cv = process.cpuUsage().user / 1000 - t; t = process.cpuUsage().user / 1000;
let chars = 0, n = 0;
jobs.forEach((r, i) => { const c = cases[i]!; if (r.job && !c.loose) { checkSql(r.job, c.spec); chars += r.job.sql.length; n++; } });
console.log({ gen: g, build: b, compile: cv, check: process.cpuUsage().user / 1000 - t, compiled: n, avgSql: Math.round(chars / n) });
}
